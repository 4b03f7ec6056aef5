package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the shards' rows as the first shard's metadata describes them: their comparators, and how a value
 * the merge computed (an AVG, a SUM of DISTINCT values, an expression) takes the column's type and scale, so that
 * it is what MySQL returns for the same query on one table.
 */
final class MergeColumns {
  /**
   * The most decimals a DOUBLE can have fixed (DECIMAL_MAX_SCALE); mysql-connector-j reports a DOUBLE whose decimals
   * are not fixed (31 in the protocol) with scale 0.
   */
  private static final int MAX_FIXED_DECIMALS = 30;
  private final int[] types;
  private final String[] typeNames;
  private final int[] scales;
  private final Charset[] charsets;
  private final boolean mariaDb;
  private final List<ValueComparator> comparators;

  /**
   * @param metadata the first shard's result metadata
   * @param mariaDb whether the shards are MariaDB servers, which compare DECIMAL values rounded to their declared
   *     decimals where MySQL compares them as they are
   */
  MergeColumns(ResultSetMetaData metadata, boolean mariaDb) throws SQLException {
    this.mariaDb = mariaDb;
    int width = metadata.getColumnCount();
    types = new int[width];
    typeNames = new String[width];
    scales = new int[width];
    charsets = new Charset[width];
    comparators = new ArrayList<>(width);
    com.mysql.cj.result.Field[] fields = metadata.isWrapperFor(com.mysql.cj.jdbc.result.ResultSetMetaData.class)
        ? metadata.unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields() : null;
    for (int i = 0; i < width; i++) {
      types[i] = metadata.getColumnType(i + 1);
      typeNames[i] = metadata.getColumnTypeName(i + 1);
      scales[i] = metadata.getScale(i + 1);
      charsets[i] = charset(fields == null ? null : fields[i].getEncoding());
      comparators.add(new ValueComparator(Collation.forColumn(metadata, i + 1)));
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
