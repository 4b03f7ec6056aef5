package org.shardjdbc.planner.merge;

/**
 * Where the merge finds the server's own sort key for the strings of one column: two hidden columns that every shard
 * computes from the column's expression as written (see {@link org.shardjdbc.planner.rewrite.ServerWeights}), so that
 * the merge orders and groups strings exactly as the server does in whatever collation the expression has, with no
 * collation tables of its own.
 *
 * @param column the column whose strings the merge compares (a sort key, a group key, a MIN or MAX, a DISTINCT column
 *     or the argument of a DISTINCT aggregate)
 * @param weights the hidden column holding the expression's {@code WEIGHT_STRING} (in a {@code SELECT DISTINCT}
 *     without the trailing weights of spaces under a PAD SPACE collation); NULL for values that are not strings of a
 *     character set (numbers, dates, binary strings), which the merge compares as values
 * @param padding the hidden column holding, under a PAD SPACE collation, the weights of two spaces (what the shorter of
 *     two strings is compared as if padded with), and under a NO PAD collation an empty string
 */
public record CollationKey(ColumnRef column, ColumnRef weights, ColumnRef padding) {
  public CollationKey {
    if (!weights.hidden() || !padding.hidden()) {
      throw new IllegalArgumentException("the weights " + weights + " and padding " + padding + " of " + column
          + " must be hidden columns");
    }
  }

  @Override
  public String toString() {
    return column + "=" + weights + "+" + padding;
  }
}
