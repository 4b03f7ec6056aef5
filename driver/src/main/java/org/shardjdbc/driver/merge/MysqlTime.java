package org.shardjdbc.driver.merge;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;

/**
 * A value of a TIME column as the server sent it: a duration from {@code -838:59:59.999999} to
 * {@code 838:59:59.999999}, not a time of day. The merge orders and groups it by its length and gives back the server's
 * own text; as a {@link Time} it is what mysql-connector-j makes of it, which refuses a negative or 24-hour-or-longer
 * value as that driver does.
 *
 * @param text the server's text, with the column's fraction digits
 * @param micros the signed length in microseconds
 */
public record MysqlTime(String text, long micros) implements Comparable<MysqlTime> {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  /**
   * @param text a TIME value as the server prints it ({@code [-]H+:MM:SS[.f+]})
   * @throws SQLDataException when it does not read as one
   */
  public static MysqlTime parse(String text) throws SQLDataException {
    try {
      boolean negative = text.startsWith("-");
      String[] parts = text.substring(negative ? 1 : 0).split(":");
      if (parts.length != 3) {
        throw new NumberFormatException(text);
      }
      String[] seconds = parts[2].split("\\.");
      String fraction = seconds.length > 1 ? (seconds[1] + "000000").substring(0, 6) : "0";
      long micros = ((Long.parseLong(parts[0]) * 60 + Long.parseLong(parts[1])) * 60 + Long.parseLong(seconds[0]))
          * 1_000_000 + Long.parseLong(fraction);
      return new MysqlTime(text, negative ? -micros : micros);
    } catch (RuntimeException e) {
      throw new SQLDataException("'" + text + "' is not a TIME value", "22007", e);
    }
  }

  /** The time of day it is, as mysql-connector-j reads a TIME: only from 00:00:00 up to 24 hours. */
  public LocalTime toLocalTime() throws SQLDataException {
    if (micros < 0 || micros >= MICROS_PER_DAY) {
      throw new SQLDataException("The value '" + text + "' is an invalid TIME value. JDBC Time objects represent a"
          + " wall-clock time and not a duration as MySQL treats them. If you are treating this type as a duration,"
          + " consider retrieving this value as a string and dealing with it according to your requirements.",
          "22007");
    }
    return LocalTime.ofNanoOfDay(micros * 1000);
  }

  /** As mysql-connector-j's {@code getTime}: the time on 1970-01-01 in the default time zone, with its milliseconds. */
  public Time toTime() throws SQLException {
    LocalTime time = toLocalTime();
    return new Time(Time.valueOf(time.withNano(0)).getTime() + time.getNano() / 1_000_000);
  }

  @Override
  public int compareTo(MysqlTime other) {
    return Long.compare(micros, other.micros);
  }

  @Override
  public String toString() {
    return text;
  }
}
