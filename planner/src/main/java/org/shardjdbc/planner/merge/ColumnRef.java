package org.shardjdbc.planner.merge;

/**
 * A column of the rows that shards return. Columns the driver added to the select list (hidden columns) come after
 * the user's, whose number is known only once a shard answers when the list has a {@code *}; so a hidden column is
 * counted from the start of the hidden block.
 *
 * @param index 0-based: from the first column, or for a hidden column from the first hidden column
 * @param hidden whether the column is one the driver added
 */
public record ColumnRef(int index, boolean hidden) {
  public ColumnRef {
    if (index < 0) {
      throw new IllegalArgumentException("column index " + index);
    }
  }

  public static ColumnRef visible(int index) {
    return new ColumnRef(index, false);
  }

  public static ColumnRef hidden(int index) {
    return new ColumnRef(index, true);
  }

  /** The 0-based index in a shard row of {@code width} columns of which {@code hiddenCount} are hidden. */
  public int resolve(int width, int hiddenCount) {
    return hidden ? width - hiddenCount + index : index;
  }

  @Override
  public String toString() {
    return hidden ? "h" + index : "$" + index;
  }
}
