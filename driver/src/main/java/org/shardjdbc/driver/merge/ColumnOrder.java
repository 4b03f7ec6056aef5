package org.shardjdbc.driver.merge;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Compares one column of shard rows as the server compares its values: strings by the weights the shards computed
 * for them where the plan has a {@link org.shardjdbc.planner.merge.CollationKey} for the column, other values (and
 * the strings of a column without one, whose collation the driver then knows exactly) by a {@link ValueComparator}.
 *
 * <p>The weights are {@code WEIGHT_STRING} of the column's expression in its own collation, so comparing their bytes
 * is the server's own order, in every collation. Under PAD SPACE the shards send the weights of two spaces beside
 * them (the padding): when one string's weights are a prefix of another's, the rest of the longer one is compared
 * with the weights of spaces, as the server pads the shorter string, and a group's key leaves out trailing space
 * weights. Under NO PAD the padding is empty and the shorter string sorts first. The padding must be one level of
 * weights (two equal halves), which {@link MergeColumns#checkPadding} makes sure of before any row is compared.
 */
final class ColumnOrder {
  private final int column;
  private final int weights;
  private final int padding;
  private final ValueComparator values;

  /** The key of a string in groups: its weights, which are equal exactly when the server calls the strings equal. */
  private record Weights(ByteBuffer bytes) {}

  /**
   * @param column the 0-based column
   * @param weights the column holding its weights, or -1 when it has none
   * @param padding the column holding its padding, or -1 when it has none
   * @param values the comparator of the column's values
   */
  ColumnOrder(int column, int weights, int padding, ValueComparator values) {
    this.column = column;
    this.weights = weights;
    this.padding = padding;
    this.values = values;
  }

  int column() {
    return column;
  }

  /** Compares the column's values of two rows in ascending order, NULL first. */
  int compare(Object[] a, Object[] b) {
    if (weights >= 0 && a[column] instanceof String && b[column] instanceof String
        && a[weights] instanceof byte[] x && b[weights] instanceof byte[] y) {
      return compareWeights(x, y, (byte[]) a[padding]);
    }
    return values.compare(a[column], b[column]);
  }

  /** A key whose {@code equals} agrees with {@code compare(a, b) == 0} for values of one kind. */
  Object groupKey(Object[] row) {
    if (weights >= 0 && row[column] instanceof String && row[weights] instanceof byte[] bytes) {
      byte[] space = (byte[]) row[padding];
      int unit = space.length / 2;
      int end = bytes.length;
      while (unit > 0 && end >= unit && Arrays.equals(bytes, end - unit, end, space, 0, unit)) {
        end -= unit;
      }
      return new Weights(ByteBuffer.wrap(bytes, 0, end));
    }
    return values.groupKey(row[column]);
  }

  /**
   * Compares two strings by their weights.
   *
   * @param padding the weights of two spaces under PAD SPACE, empty under NO PAD
   */
  static int compareWeights(byte[] a, byte[] b, byte[] padding) {
    int mismatch = Arrays.mismatch(a, b);
    if (mismatch < 0) {
      return 0;
    }
    if (mismatch < a.length && mismatch < b.length) {
      return Byte.toUnsignedInt(a[mismatch]) - Byte.toUnsignedInt(b[mismatch]);
    }
    int longer = a.length > b.length ? 1 : -1;
    if (padding.length == 0) {
      return longer;
    }
    byte[] rest = longer > 0 ? a : b;
    int unit = padding.length / 2;
    for (int i = mismatch; i < rest.length; i++) {
      int weight = Byte.toUnsignedInt(rest[i]);
      int space = Byte.toUnsignedInt(padding[(i - mismatch) % unit]);
      if (weight != space) {
        return weight > space ? longer : -longer;
      }
    }
    return 0;
  }

  /** Whether the weights of two spaces are those of one space twice: one level of weights, which pads as above. */
  static boolean isOneLevel(byte[] padding) {
    int half = padding.length / 2;
    return padding.length % 2 == 0 && Arrays.equals(padding, 0, half, padding, half, padding.length);
  }
}
