package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
   * alike; latin7_estonian_cs (20), latin7_general_ci (41) and latin7_general_cs (42) come back from ORDER BY in
   * another order than their own comparisons give (the empty string sorts before an apostrophe, yet STRCMP puts it
   * after); cp1250_czech_cs (34) pads an empty string with no weight, so that it passes for NO PAD.
   */
  private static final Set<Integer> WEIGHTS_DISAGREE = Set.of(1, 1025, 20, 34, 41, 42);
  /**
   * The most decimals a DOUBLE can have fixed (DECIMAL_MAX_SCALE); mysql-connector-j reports a DOUBLE whose decimals
   * are not fixed (31 in the protocol) with scale 0.
   */
  private static final int MAX_FIXED_DECIMALS = 30;
  private final int[] types;
  private final String[] typeNames;
  private final int[] scales;
  private final Charset[] charsets;
  private final String[] labels;
  private final int[] collationIds;
  private final boolean mariaDb;
  private final List<ValueComparator> comparators;
  private final int[] weights;
  private final int[] paddings;
  private final int[] keyedColumns;

  /**
   * @param metadata the first shard's result metadata
   * @param mariaDb whether the shards are MariaDB servers, which compare DECIMAL values rounded to their declared
   *     decimals where MySQL compares them as they are
   * @param keys the plan's collation keys
   * @param hiddenColumns how many of the columns the driver added
   */
  MergeColumns(ResultSetMetaData metadata, boolean mariaDb, List<CollationKey> keys, int hiddenColumns)
      throws SQLException {
    this.mariaDb = mariaDb;
    int width = metadata.getColumnCount();
    types = new int[width];
    typeNames = new String[width];
    scales = new int[width];
    charsets = new Charset[width];
    labels = new String[width];
    collationIds = new int[width];
    comparators = new ArrayList<>(width);
    com.mysql.cj.result.Field[] fields = metadata.isWrapperFor(com.mysql.cj.jdbc.result.ResultSetMetaData.class)
        ? metadata.unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields() : null;
    for (int i = 0; i < width; i++) {
      types[i] = metadata.getColumnType(i + 1);
      typeNames[i] = metadata.getColumnTypeName(i + 1);
      scales[i] = metadata.getScale(i + 1);
      charsets[i] = charset(fields == null ? null : fields[i].getEncoding());
      labels[i] = metadata.getColumnLabel(i + 1);
      collationIds[i] = fields == null ? -1 : fields[i].getCollationIndex();
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

  /**
   * An integer in the class mysql-connector-j reads the column's values as: Integer up to INT, Long for BIGINT and INT
   * UNSIGNED, BigInteger for BIGINT UNSIGNED (and BigDecimal beyond the range of the class).
   */
  private Object integer(BigDecimal exact, int column) {
    boolean unsigned = typeNames[column] != null && typeNames[column].endsWith("UNSIGNED");
    int bits = exact.unscaledValue().bitLength();
    if (types[column] == Types.BIGINT) {
      return unsigned ? (Object) exact.toBigInteger() : bits < 64 ? (Object) exact.longValue() : exact;
    }
    if (unsigned && types[column] == Types.INTEGER) {
      return bits < 64 ? (Object) exact.longValue() : exact;
    }
    return bits < 32 ? (Object) exact.intValue() : bits < 64 ? (Object) exact.longValue() : exact;
  }

  /** A date or date-time value as a LocalDateTime (midnight for a date), or null for another value. */
  private static LocalDateTime dateTime(Object value) {
    if (value instanceof LocalDateTime dateTime) {
      return dateTime;
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof Date date) {
      return date.toLocalDate().atStartOfDay();
    }
    if (value instanceof LocalDate date) {
      return date.atStartOfDay();
    }
    return null;
  }

  private static Charset charset(String encoding) {
    try {
      return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
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

  /** Whether DECIMAL comparisons round each side to the decimals it is declared with (MariaDB). */
  boolean roundsDecimalComparisons() {
    return mariaDb;
  }

  /**
   * What a NULL sort key of GROUP_CONCAT's ORDER BY compares as: the server compares the stored bytes of the key,
   * which for NULL are those of 0 or the empty string (NULL dates sort first, as the zero date would).
   */
  Object nullInGroupConcatOrder(int column) {
    switch (types[column]) {
      case Types.BIT:
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.DECIMAL:
      case Types.NUMERIC:
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
        return 0L;
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
        return "";
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
        return new byte[0];
      default:
        return null;
    }
  }

  /** The character set of a text column's values, in which MySQL counts a string's bytes. */
  Charset charset(int column) {
    return charsets[column];
  }

  /** The number of decimals a DOUBLE column's values are sent with, or -1 when they are not fixed. */
  int fixedDecimals(int column) {
    int scale = scales[column];
    return scale > 0 && scale <= MAX_FIXED_DECIMALS ? scale : -1;
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

  /** Whether the column is a TIME, whose values the merge reads as {@link MysqlTime}s. */
  boolean isTime(int column) {
    return types[column] == Types.TIME;
  }

  /**
   * Refuses to order ENUM and SET values across shards: MySQL orders them by their position in the column's
   * definition, which no shard sends, while their weights (and MIN, MAX and DISTINCT) compare them as strings.
   *
   * @throws SQLFeatureNotSupportedException if the column is an ENUM or a SET column
   */
  void requireOrderAsStrings(int column) throws SQLFeatureNotSupportedException {
    if ("ENUM".equals(typeNames[column]) || "SET".equals(typeNames[column])) {
      throw new SQLFeatureNotSupportedException("ORDER BY or GROUP BY over several shards on " + typeNames[column]
          + " column '" + labels[column] + "': MySQL orders its values by their position in the column's definition,"
          + " which the shards do not send; order by CAST(" + labels[column] + " AS CHAR) to order them as strings, or"
          + " by " + labels[column] + " + 0 to order them by position", "0A000");
    }
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
        return integer(RowExpressionEvaluator.toDecimal(value).setScale(0, RoundingMode.HALF_UP), column);
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
        double number = value instanceof BigDecimal decimal ? decimal.doubleValue() : RowExpressionEvaluator.toDouble(value);
        return fixedDecimals(column) < 0 ? number : MysqlDoubles.asSent(number, fixedDecimals(column));
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
        return value instanceof String || value instanceof byte[] ? value : MysqlText.of(value);
      case Types.TIMESTAMP:
        LocalDateTime dateTime = dateTime(value);
        return dateTime == null ? value : "TIMESTAMP".equals(typeNames[column]) ? Timestamp.valueOf(dateTime) : dateTime;
      case Types.DATE:
        LocalDateTime day = dateTime(value);
        return day == null ? value : Date.valueOf(day.toLocalDate());
      default:
        return value;
    }
  }
}
