package org.shardjdbc.planner.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which stored shard keys a server finds equal to a value of a query, or on which side of a range bound, when it
 * compares the value with a key column of a given {@link KeyType}: the step between a value as the application wrote
 * it and the algorithm, which places stored keys only.
 *
 * <p>Where MySQL 8 and MariaDB read a value differently, both readings count, so that routing is right on either
 * (measured on MariaDB 11.4; MySQL's from its documented comparison rules):
 * <ul>
 *   <li>An integer column compared with a string: both read the string's longest numeric prefix after leading
 *       spaces ({@code '9abc'} is 9, {@code 'abc'} and {@code ''} are 0). MySQL then compares as doubles unless the
 *       string converts to an integer without loss, MariaDB compares exactly: {@code '9.0000000000000001'} equals 9
 *       on MySQL and no integer on MariaDB, so it stands for 9. From 2^53 on a double matches several integers, so
 *       such a string is not told, unless it is a plain integer of the BIGINT range, which both compare exactly.
 *       A string that starts with a tab, a line break or a form feed is not told either: the servers differ on
 *       which of them they skip.
 *   <li>An integer column compared with a double (a literal with an exponent, a Double parameter): exact below 2^53
 *       in magnitude, not told from there on. A Float parameter counts both as {@code Float.toString} (what
 *       mysql-connector-j's client-side prepared statements send) and as its exact value (what server-side ones
 *       send).
 *   <li>A decimal column is told only for exact values (integers, BigDecimal, booleans): anything else is compared
 *       as a double.
 *   <li>A date-time column is told for dates and timestamps (Java values, or strings {@code yyyy-MM-dd} and
 *       {@code yyyy-MM-dd HH:mm:ss[.ffffff]} with a space or {@code T}); a Timestamp or java.util.Date is read in the
 *       JVM's time zone, as mysql-connector-j sends it.
 *   <li>A string column is told for string values only; which stored strings equal them is the collation's question,
 *       which the algorithm answers ({@link ShardingAlgorithm#shardsMatching}). A number compared with a string
 *       column reads every stored string as a number ({@code '9abc' = 9}), which no algorithm can follow.
 * </ul>
 * A value that cannot be told gives null, and routing asks every shard.
 */
public final class MatchingKeys {
  /**
   * 2^53: from there on a double no longer names one integer (2^53 + 1 compares equal to the double 2^53, measured on
   * MariaDB 11.4).
   */
  private static final double EXACT_DOUBLE_LIMIT = 0x1p53;
  /** More digits than BIGINT UNSIGNED's 20. */
  private static final int MAX_INTEGER_DIGITS = 21;
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final Pattern PLAIN_INTEGER = Pattern.compile(" *[+-]?[0-9]+[ \t\n\r]*");
  private static final Pattern DATE_TIME =
      Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,6})?))?");

  private MatchingKeys() {}

  /** A bound of a range over the key, as the column compares it; {@code inclusive} may have been widened. */
  public record RangeBound(Object value, boolean inclusive) {}

  /**
   * The stored keys equal to a value: Long or BigInteger for an integer column, BigDecimal for a decimal one,
   * LocalDateTime for a date-time one, the value itself for a string column.
   *
   * @param value the value; not null (SQL NULL equals no key)
   * @param type the key column's type
   * @return the keys, possibly none ({@code 9.5} equals no integer); null when they cannot be told
   */
  public static List<Object> equalTo(Object value, KeyType type) {
    switch (type) {
      case INTEGER:
        return integersEqualTo(value);
      case DECIMAL:
        BigDecimal exact = exactNumber(value);
        return exact == null ? null : List.of(exact);
      case DATE_TIME:
        LocalDateTime dateTime = dateTime(value);
        return dateTime == null ? null : List.of(dateTime);
      case GENERAL_CI_STRING:
      case BINARY_STRING:
      case OTHER_STRING:
        return value instanceof String ? List.of(value) : null;
      case FLOATING:
      case OTHER:
        return null;
    }
    throw new IllegalArgumentException("key type " + type);
  }

  /**
   * A range bound as the column compares it: BigDecimal for a numeric column, LocalDateTime for a date-time one.
   * Where the servers read the value differently, the bound takes the reading that keeps more keys, inclusive.
   *
   * @param value the bound's value; not null
   * @param inclusive whether the range includes the value
   * @param lower whether it is the lower bound
   * @return the bound; null when it cannot be told (a string column's order is the collation's, which no built-in
   *     algorithm follows for ranges)
   */
  public static RangeBound bound(Object value, boolean inclusive, boolean lower, KeyType type) {
    switch (type) {
      case INTEGER:
        List<BigDecimal> readings = integerColumnReadings(value);
        if (readings == null) {
          return null;
        }
        BigDecimal bound = readings.get(0);
        for (BigDecimal reading : readings) {
          bound = lower ? bound.min(reading) : bound.max(reading);
        }
        return new RangeBound(bound, inclusive || readings.size() > 1 && readings.get(0).compareTo(readings.get(1)) != 0);
      case DECIMAL:
        BigDecimal exact = exactNumber(value);
        return exact == null ? null : new RangeBound(exact, inclusive);
      case DATE_TIME:
        LocalDateTime dateTime = dateTime(value);
        return dateTime == null ? null : new RangeBound(dateTime, inclusive);
      case GENERAL_CI_STRING:
      case BINARY_STRING:
      case OTHER_STRING:
      case FLOATING:
      case OTHER:
        return null;
    }
    throw new IllegalArgumentException("key type " + type);
  }

  private static List<Object> integersEqualTo(Object value) {
    List<BigDecimal> readings = integerColumnReadings(value);
    if (readings == null) {
      return null;
    }
    List<Object> keys = new ArrayList<>(2);
    for (BigDecimal reading : readings) {
      if (reading.precision() - reading.scale() > MAX_INTEGER_DIGITS) {
        continue; // no integer column holds it
      }
      if (reading.signum() == 0 || reading.stripTrailingZeros().scale() <= 0) {
        Object key = reading.compareTo(LONG_MIN) >= 0 && reading.compareTo(LONG_MAX) <= 0
            ? (Object) reading.longValueExact() : reading.toBigIntegerExact();
        if (!keys.contains(key)) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  /** The numbers an integer column may compare a value as: one or two readings, or null when not told. */
  private static List<BigDecimal> integerColumnReadings(Object value) {
    BigDecimal exact = exactNumber(value);
    if (exact != null) {
      return List.of(exact);
    }
    if (value instanceof Double) {
      double number = (Double) value;
      return Double.isFinite(number) && Math.abs(number) < EXACT_DOUBLE_LIMIT ? List.of(new BigDecimal(number)) : null;
    }
    if (value instanceof Float) {
      float number = (Float) value;
      if (!Float.isFinite(number) || Math.abs(number) >= EXACT_DOUBLE_LIMIT) {
        return null;
      }
      return List.of(new BigDecimal(Float.toString(number)), new BigDecimal((double) number));
    }
    if (value instanceof String) {
      return stringReadings((String) value);
    }
    return null;
  }

  /** The exact value of an integer, a BigDecimal or a boolean (1 or 0); null for anything else. */
  private static BigDecimal exactNumber(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    }
    if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    return null;
  }

  /**
   * The exact value and the double value of a string's numeric prefix, as the class comment describes; null when
   * the servers may read it differently or as a double beyond 2^53.
   */
  private static List<BigDecimal> stringReadings(String text) {
    int length = text.length();
    int i = 0;
    while (i < length && text.charAt(i) == ' ') {
      i++;
    }
    if (i < length && Character.isWhitespace(text.charAt(i))) {
      return null;
    }
    int start = i;
    if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < length && isDigit(text.charAt(i))) {
      i++;
      digits++;
    }
    if (i < length && text.charAt(i) == '.') {
      i++;
      while (i < length && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return List.of(BigDecimal.ZERO);
    }
    if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int exponent = i + 1;
      if (exponent < length && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
        exponent++;
      }
      if (exponent < length && isDigit(text.charAt(exponent))) {
        i = exponent;
        while (i < length && isDigit(text.charAt(i))) {
          i++;
        }
      }
    }
    String number = text.substring(start, i);
    BigDecimal exact;
    try {
      exact = new BigDecimal(number.endsWith(".") ? number + "0" : number);
    } catch (NumberFormatException | ArithmeticException e) {
      return null; // an exponent beyond what BigDecimal holds
    }
    double approximate = Double.parseDouble(number);
    if (!Double.isFinite(approximate)) {
      return null;
    }
    if (Math.abs(approximate) >= EXACT_DOUBLE_LIMIT) {
      boolean plain = PLAIN_INTEGER.matcher(text).matches();
      return plain && exact.compareTo(LONG_MIN) >= 0 && exact.compareTo(LONG_MAX) <= 0 ? List.of(exact) : null;
    }
    return List.of(exact, new BigDecimal(approximate));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The date-time of a date or timestamp value, or of a string in ISO form; null for anything else. */
  private static LocalDateTime dateTime(Object value) {
    if (value instanceof String) {
      Matcher matcher = DATE_TIME.matcher((String) value);
      if (!matcher.matches()) {
        return null;
      }
      try {
        LocalDate date = LocalDate.parse(matcher.group(1));
        return matcher.group(2) == null ? date.atStartOfDay() : date.atTime(LocalTime.parse(matcher.group(2)));
      } catch (DateTimeParseException e) {
        return null; // 2024-02-30 is no date
      }
    }
    if (value instanceof java.sql.Time || !(value instanceof java.util.Date || value instanceof LocalDate
        || value instanceof LocalDateTime)) {
      return null;
    }
    LocalDateTime dateTime = MysqlValues.dateTime(value);
    // a fraction finer than microseconds is rounded or cut by the driver and the server: not told
    return dateTime == null || dateTime.getNano() % 1000 != 0 ? null : dateTime;
  }
}
