package org.shardjdbc.planner.merge;

/** One key of an ORDER BY: ascending puts NULLs first, descending last, as MySQL does. */
public record SortKey(ColumnRef column, boolean descending) {
  @Override
  public String toString() {
    return column + (descending ? " DESC" : "");
  }
}
