package org.shardjdbc.driver.merge;

import java.util.Comparator;

/** Compares rows by sort keys as MySQL orders them: each column as the server compares it, NULLs first ascending. */
final class RowOrder implements Comparator<Object[]> {
  private final ColumnOrder[] columns;
  private final boolean[] descending;

  /**
   * @param columns the keys' columns
   * @param descending per key
   */
  RowOrder(ColumnOrder[] columns, boolean[] descending) {
    this.columns = columns;
    this.descending = descending;
  }

  @Override
  public int compare(Object[] a, Object[] b) {
    for (int i = 0; i < columns.length; i++) {
      int order = columns[i].compare(a, b);
      if (order != 0) {
        return descending[i] ? -order : order;
      }
    }
    return 0;
  }
}
