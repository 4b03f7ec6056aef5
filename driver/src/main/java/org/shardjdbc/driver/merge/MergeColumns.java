package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.shardjdbc.planner.merge.CollationKey;

/**
 * The columns of the shards' rows as the first shard's metadata describes them: how the merge compares each one
 * (its {@link ColumnOrder}, with the server's weights where the plan's collation keys give them), and how a value
 * the merge computed (an AVG, a SUM of DISTINCT values, an expression) takes the column's type and scale, so that
 * it is what MySQL returns for the same query on one table.
 */
final class MergeColumns {
  /**
   * Collation ids whose order the server's weights do not give (measured on MariaDB 11.4 by
   * {@code ColumnOrderServerTest}): big5_chinese_ci (1) and big5_chinese_nopad_ci (1025) weigh different characters
   * alike, and latin7_estonian_cs (20), latin7_general_ci (41) and latin7_general_cs (42) come back from ORDER BY in
   * another order than their own comparisons give ({@code '' < } sorted, {@code STRCMP(, ) = 1}), and
   * cp1250_czech_cs (34) pads an empty string with no weight, so that it passes for NO PAD.
   */
  private static final Set<Integer> WEIGHTS_DISAGREE = Set.of(1, 1025, 20, 34, 41, 42);


  private final int[] types;
  private final int[] scales;
  private final String[] labels;
  private final int[] collationIds;
  private final List<ValueComparator> comparators;
  private final int[] weights;
  private final int[] paddings;
  private final int[] keyedColumns;

  /**
   * @param keys the plan's collation keys
   * @param hiddenColumns how many of the columns the driver added
   */
  MergeColumns(ResultSetMetaData metadata, List<CollationKey> keys, int hiddenColumns) throws SQLException {
    int width = metadata.getColumnCount();
    types = new int[width];
    scales = new int[width];
    labels = new String[width];
    collationIds = new int[width];
    comparators = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      types[i] = metadata.getColumnType(i + 1);
      scales[i] = metadata.getScale(i + 1);
      labels[i] = metadata.getColumnLabel(i + 1);
      collationIds[i] = metadata.isWrapperFor(com.mysql.cj.jdbc.result.ResultSetMetaData.class)
          ? metadata.unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields()[i].getCollationIndex() : -1;
      comparators.add(new ValueComparator(Collation.forColumn(metadata, i + 1)));
    }
    weights = new int[width];
    paddings = new int[width];
    Arrays.fill(weights, -1);
    Arrays.fill(paddings, -1);
    keyedColumns = new int[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      CollationKey key = keys.get(i);
      int column = key.column().resolve(width, hiddenColumns);
      weights[column] = key.weights().resolve(width, hiddenColumns);
      paddings[column] = key.padding().resolve(width, hiddenColumns);
      keyedColumns[i] = column;
    }
  }

  int width() {
    return types.length;
  }

  List<ValueComparator> comparators() {
    return comparators;
  }

  int scale(int column) {
    return scales[column];
  }

  /**
   * How the merge compares a column.
   *
   * @param use what compares it, for the message of a refusal: {@code "ORDER BY"}, {@code "DISTINCT"}, ...
   * @throws SQLFeatureNotSupportedException if the column holds strings, has no weights from the server, and its
   *     collation is not one the driver knows exactly; or has weights in a collation whose order they do not give
   */
  ColumnOrder order(int column, String use) throws SQLFeatureNotSupportedException {
    if (weights[column] < 0) {
      requireCollation(column, use);
    } else if (Collation.holdsStrings(types[column]) && WEIGHTS_DISAGREE.contains(collationIds[column])) {
      throw new SQLFeatureNotSupportedException(use + " over several shards compares the strings of column '"
          + labels[column] + "' in collation id " + collationIds[column] + " (big5_chinese_ci, latin7_general_ci,"
          + " cp1250_czech_cs and their kin), whose order the server's weights do not give", "0A000");
    }
    return new ColumnOrder(column, weights[column], paddings[column], comparators.get(column));
  }

  /**
   * Refuses a comparison the driver cannot make exactly: of strings in a collation it does not know.
   *
   * @param use what compares the column, for the message
   * @throws SQLFeatureNotSupportedException if the column holds strings in a collation not known exactly
   */
  void requireCollation(int column, String use) throws SQLFeatureNotSupportedException {
    if (Collation.holdsStrings(types[column]) && comparators.get(column).collation() == null) {
      throw new SQLFeatureNotSupportedException(use + " over several shards compares the strings of column '"
          + labels[column] + "' in a collation the merge cannot reproduce without the server's weights (collation id "
          + collationIds[column] + "); only the binary, general_ci and latin1 collations are compared in the driver",
          "0A000");
    }
  }

  /**
   * Checks that the padding the shards sent with each weighted column is one the merge can compare with: empty (NO
   * PAD) or the weights of one space twice (PAD SPACE with one level of weights). A PAD SPACE collation with several
   * levels (MariaDB's {@code uca1400} collations that are accent- or case-sensitive and not {@code nopad}) pads
   * each level, and its order cannot be rebuilt from {@code WEIGHT_STRING}; the single byte {@code 0x00} marks an
   * accent-insensitive, case-sensitive collation (see {@link org.shardjdbc.planner.rewrite.ServerWeights}).
   *
   * @param row a shard row
   * @throws SQLFeatureNotSupportedException if a column's collation pads with several levels of weights, or is
   *     accent-insensitive and case-sensitive
   */
  void checkPadding(Object[] row) throws SQLException {
    for (int column : keyedColumns) {
      if (row[paddings[column]] == null) {
        continue;
      }
      if (!(row[paddings[column]] instanceof byte[] padding)) {
        throw new SQLException("the padding of column '" + labels[column] + "' arrived as "
            + row[paddings[column]].getClass().getName() + ", not as bytes");
      }
      if (padding.length == 1) {
        throw new SQLFeatureNotSupportedException("the strings of column '" + labels[column] + "' cannot be compared"
            + " across shards: their collation is accent-insensitive and case-sensitive (such as MariaDB's"
            + " utf8mb4_uca1400_nopad_ai_cs), and its WEIGHT_STRING keeps the weights of accents that its comparisons"
            + " ignore", "0A000");
      }
      if (!ColumnOrder.isOneLevel(padding)) {
        throw new SQLFeatureNotSupportedException("the strings of column '" + labels[column] + "' cannot be compared"
            + " across shards: their collation is PAD SPACE with several levels of weights (such as MariaDB's"
            + " utf8mb4_uca1400_as_cs), whose order WEIGHT_STRING does not give; use its NO PAD variant (such as"
            + " utf8mb4_uca1400_nopad_as_cs) or a collation with one level (such as utf8mb4_uca1400_ai_ci)", "0A000");
      }
    }
  }

  /** Whether any column has weights, so that rows need {@link #checkPadding}. */
  boolean hasWeights() {
    return keyedColumns.length > 0;
  }

  /** A computed value in the column's type: DECIMAL at its scale, integers as Long, floating point as Double. */
  Object coerce(Object value, int column) {
    if (value == null) {
      return null;
    }
    switch (types[column]) {
      case Types.DECIMAL:
      case Types.NUMERIC:
        return RowExpressionEvaluator.toDecimal(value).setScale(Math.max(scales[column], 0), RoundingMode.HALF_UP);
      case Types.BIGINT:
      case Types.INTEGER:
      case Types.SMALLINT:
      case Types.TINYINT:
        BigDecimal exact = RowExpressionEvaluator.toDecimal(value).setScale(0, RoundingMode.HALF_UP);
        return exact.unscaledValue().bitLength() < 64 ? (Object) exact.longValue() : exact;
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
        return RowExpressionEvaluator.toDouble(value);
      default:
        return value;
    }
  }
}
