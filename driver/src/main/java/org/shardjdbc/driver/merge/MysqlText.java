package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * A value as MySQL writes it as text ({@code CAST(x AS CHAR)}, a number in a string column): DECIMAL with its
 * scale, integers, DOUBLE in MySQL's shortest form ({@link MysqlDoubles#text}) or with its fixed decimals, dates
 * and times in ISO form with the fraction they carry.
 */
final class MysqlText {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private MysqlText() {}

  /** The text of a value whose decimals, if it is a DOUBLE, are not fixed. */
  static String of(Object value) {
    return of(value, -1);
  }

  /**
   * @param value a value as the merge holds it, not null
   * @param fixedDecimals the decimals of a DOUBLE value's column, -1 when not fixed
   */
  static String of(Object value, int fixedDecimals) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return fixedDecimals < 0 ? MysqlDoubles.text(number) : MysqlDoubles.fixedText(number, fixedDecimals);
    }
    if (value instanceof Boolean flag) {
      return flag ? "1" : "0";
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof Timestamp timestamp) {
      return of(timestamp.toLocalDateTime(), fixedDecimals);
    }
    if (value instanceof LocalDateTime dateTime) {
      return DATE_TIME.format(dateTime) + fraction(dateTime.getNano());
    }
    if (value instanceof Date date) {
      return date.toLocalDate().toString();
    }
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof Time time) {
      return TIME.format(time.toLocalTime());
    }
    if (value instanceof LocalTime time) {
      return TIME.format(time) + fraction(time.getNano());
    }
    return value.toString();
  }

  private static String fraction(int nanos) {
    if (nanos == 0) {
      return "";
    }
    String digits = String.format("%09d", nanos);
    return "." + digits.substring(0, 6);
  }
}
