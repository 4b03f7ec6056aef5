package org.shardjdbc.driver.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import org.shardjdbc.driver.merge.MysqlTime;

/**
 * Converts merged values (as mysql-connector-j's getObject gave them) to what its other getters return for the same
 * column: DECIMAL as plain text, DOUBLE as Java prints it, DATETIME as {@code yyyy-MM-dd HH:mm:ss[.f]}.
 */
final class Values {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Values() {}

  static String toText(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof LocalDateTime dateTime) {
      return format(dateTime);
    }
    if (value instanceof Timestamp timestamp) {
      return format(timestamp.toLocalDateTime());
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof Boolean b) {
      return b ? "1" : "0";
    }
    return value.toString();
  }

  /**
   * The text the server sent for a value, which getBytes returns: the same as {@link #toText} except for DOUBLE and
   * FLOAT, which the server prints without a trailing {@code .0} and with a lower-case exponent.
   */
  static String toServerText(Object value) {
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      double magnitude = Math.abs(number);
      if (number == 0 || (magnitude >= 1e-5 && magnitude < 1e15)) {
        return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
      }
      return value.toString().replace(".0E", "E").replace("E", "e");
    }
    return toText(value);
  }

  /**
   * A DATETIME or TIMESTAMP value's text as mysql-connector-j gives it: the fraction in the column's digits, and none
   * when it is zero ({@code 2026-01-05 12:00:00.046620}, {@code 2026-01-05 12:00:00}); other values as
   * {@link #toText}.
   */
  static String dateTimeText(Object value, int fractionDigits) {
    LocalDateTime dateTime = value instanceof LocalDateTime local ? local
        : value instanceof Timestamp timestamp ? timestamp.toLocalDateTime() : null;
    if (dateTime == null || dateTime.getNano() == 0) {
      return toText(value);
    }
    return DATE_TIME.format(dateTime) + "." + String.format("%09d", dateTime.getNano()).substring(0, fractionDigits);
  }

  private static String format(LocalDateTime dateTime) {
    String text = DATE_TIME.format(dateTime);
    if (dateTime.getNano() == 0) {
      return text;
    }
    String fraction = String.format("%09d", dateTime.getNano());
    int end = fraction.length();
    while (end > 1 && fraction.charAt(end - 1) == '0') {
      end--;
    }
    return text + "." + fraction.substring(0, end);
  }

  static BigDecimal toDecimal(Object value, int column) throws SQLException {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    try {
      return new BigDecimal(toText(value).trim());
    } catch (NumberFormatException e) {
      throw new SQLDataException("Cannot convert '" + toText(value) + "' in column " + column + " to a number", "22018", e);
    }
  }

  static long toLong(Object value, int column, long min, long max) throws SQLException {
    if (value == null) {
      return 0;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      long result = ((Number) value).longValue();
      return checkRange(result, column, min, max, value);
    }
    BigDecimal decimal = toDecimal(value, column);
    if (decimal.compareTo(BigDecimal.valueOf(min)) < 0 || decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw outOfRange(value, column);
    }
    return decimal.setScale(0, RoundingMode.DOWN).longValue();
  }

  private static long checkRange(long value, int column, long min, long max, Object original) throws SQLException {
    if (value < min || value > max) {
      throw outOfRange(original, column);
    }
    return value;
  }

  private static SQLException outOfRange(Object value, int column) {
    return new SQLDataException("Value '" + toText(value) + "' is outside of valid range for column " + column, "22003");
  }

  static double toDouble(Object value, int column) throws SQLException {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    return toDecimal(value, column).doubleValue();
  }

  static LocalDateTime toDateTime(Object value, int column) throws SQLException {
    if (value == null) {
      return null;
    }
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
    if (value instanceof Time time) {
      return LocalDate.of(1970, 1, 1).atTime(time.toLocalTime());
    }
    if (value instanceof MysqlTime time) {
      return LocalDate.of(1970, 1, 1).atTime(time.toLocalTime());
    }
    if (value instanceof LocalTime time) {
      return LocalDate.of(1970, 1, 1).atTime(time);
    }
    String text = toText(value).trim();
    try {
      if (text.length() <= 10) {
        return LocalDate.parse(text).atStartOfDay();
      }
      return Timestamp.valueOf(text).toLocalDateTime();
    } catch (RuntimeException e) {
      throw new SQLDataException("Cannot convert '" + text + "' in column " + column + " to a date or time", "22007", e);
    }
  }

  /**
   * mysql-connector-j's {@code getTimestamp(column, calendar)}: the value's date and time are read in the calendar's
   * time zone (a date at its midnight, a time on 1970-01-01).
   */
  static Timestamp timestampIn(Object value, int column, Calendar calendar) throws SQLException {
    LocalDateTime dateTime = toDateTime(value, column);
    return dateTime == null ? null : Timestamp.from(dateTime.atZone(calendar.getTimeZone().toZoneId()).toInstant());
  }

  /** mysql-connector-j's {@code getDate(column, calendar)}: the midnight of the value's date in the calendar's zone. */
  static Date dateIn(Object value, int column, Calendar calendar) throws SQLException {
    LocalDateTime dateTime = toDateTime(value, column);
    return dateTime == null ? null
        : new Date(dateTime.toLocalDate().atStartOfDay(calendar.getTimeZone().toZoneId()).toInstant().toEpochMilli());
  }

  /** mysql-connector-j's {@code getTime(column, calendar)}: the value's time on 1970-01-01 in the calendar's zone. */
  static Time timeIn(Object value, int column, Calendar calendar) throws SQLException {
    LocalDateTime dateTime = toDateTime(value, column);
    if (dateTime == null) {
      return null;
    }
    LocalDateTime onEpochDay = LocalDate.of(1970, 1, 1).atTime(dateTime.toLocalTime().withNano(0));
    return new Time(onEpochDay.atZone(calendar.getTimeZone().toZoneId()).toInstant().toEpochMilli());
  }
}
