package org.shardjdbc.planner.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How MySQL reads a shard key's value: as a number, as a date-time, or as a string under its default
 * case-insensitive collation. The built-in algorithms share these readings so that they agree with each other and
 * with the server.
 *
 * <p>Changing any reading here moves rows between shards: treat this class as frozen, like the algorithms' Javadoc.
 */
final class MysqlValues {
  /** 2^53: beyond it a double (and a string, which MySQL compares as a double) no longer names one integer. */
  private static final BigDecimal EXACT_DOUBLE_LIMIT = BigDecimal.valueOf(1L << 53);
  /** Scales beyond this are no integer-column value: rounding them would cost more than asking every shard. */
  private static final int MAX_SCALE = 1000;
  /** A number in a string, as MySQL reads one; ASCII digits only (MySQL reads '５' as 0). */
  private static final Pattern DECIMAL_TEXT =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?");
  private static final Pattern DATE_TEXT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern DATE_TIME_TEXT =
      Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?)");
  private static final Pattern TIME_TEXT = Pattern.compile("[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?");
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

  private MysqlValues() {}

  /**
   * The exact numeric value of a number, a boolean (1 or 0) or a string holding a number (surrounding ASCII
   * whitespace allowed); null for anything else, and for NaN and infinities.
   */
  static BigDecimal decimal(Object key) {
    BigDecimal value;
    if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
      return BigDecimal.valueOf(((Number) key).longValue());
    } else if (key instanceof BigDecimal) {
      value = (BigDecimal) key;
    } else if (key instanceof BigInteger) {
      value = new BigDecimal((BigInteger) key);
    } else if (key instanceof Double || key instanceof Float) {
      double d = ((Number) key).doubleValue();
      if (!Double.isFinite(d)) {
        return null;
      }
      // Float.toString gives the shortest text of the float (0.1f is 0.1), not of its widened double.
      value = key instanceof Float ? new BigDecimal(key.toString()) : BigDecimal.valueOf(d);
    } else if (key instanceof Boolean) {
      return (Boolean) key ? BigDecimal.ONE : BigDecimal.ZERO;
    } else if (key instanceof String) {
      String text = trimAsciiWhitespace((String) key);
      if (!DECIMAL_TEXT.matcher(text).matches()) {
        return null;
      }
      value = new BigDecimal(text);
    } else {
      return null;
    }
    return value;
  }

  /**
   * The value of a key compared with an integer column: {@link #decimal}, except that a double, a float or a string
   * beyond 2^53 in magnitude is null, since MySQL compares those with integers as doubles, which then match several
   * integers. Also null for a scale beyond 1000 either way, which no MySQL column holds and which would be costly
   * to round.
   */
  static BigDecimal comparedWithInteger(Object key) {
    BigDecimal value = decimal(key);
    if (value == null || Math.abs(value.scale()) > MAX_SCALE) {
      return null;
    }
    if (isApproximate(key) && value.abs().compareTo(EXACT_DOUBLE_LIMIT) > 0) {
      return null;
    }
    return value;
  }

  /** The integer value of a key compared with an integer column, or null when it has none (2.5, 'abc'). */
  static BigInteger integer(Object key) {
    BigDecimal value = comparedWithInteger(key);
    if (value == null || value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
      return null;
    }
    if (value.precision() - value.scale() > 100) {
      return null; // no MySQL column holds an integer of more than 65 digits
    }
    return value.toBigIntegerExact();
  }

  private static boolean isApproximate(Object key) {
    return key instanceof Double || key instanceof Float || key instanceof String;
  }

  /**
   * The date-time of a date, a timestamp or a string in ISO form ({@code 2024-02-01}, {@code 2024-02-01 10:00:00},
   * with {@code T} or a fraction); a date is its midnight. Null for anything else, including invalid dates.
   * A {@link java.sql.Timestamp} or {@link java.util.Date} is read in the JVM's time zone, as mysql-connector-j sends it.
   */
  static LocalDateTime dateTime(Object key) {
    if (key instanceof LocalDateTime) {
      return (LocalDateTime) key;
    } else if (key instanceof LocalDate) {
      return ((LocalDate) key).atStartOfDay();
    } else if (key instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) key).toLocalDateTime();
    } else if (key instanceof java.sql.Date) {
      return ((java.sql.Date) key).toLocalDate().atStartOfDay();
    } else if (key instanceof java.sql.Time) {
      return null;
    } else if (key instanceof java.util.Date) {
      return new java.sql.Timestamp(((java.util.Date) key).getTime()).toLocalDateTime();
    } else if (key instanceof String) {
      return parseDateTime(trimAsciiWhitespace((String) key));
    }
    return null;
  }

  private static LocalDateTime parseDateTime(String text) {
    try {
      if (DATE_TEXT.matcher(text).matches()) {
        return LocalDate.parse(text).atStartOfDay();
      }
      Matcher matcher = DATE_TIME_TEXT.matcher(text);
      if (matcher.matches()) {
        return LocalDate.parse(matcher.group(1)).atTime(LocalTime.parse(matcher.group(2)));
      }
    } catch (DateTimeParseException e) {
      return null; // 2024-02-30 is no date
    }
    return null;
  }

  /** The time of a java.sql.Time, a LocalTime or a string {@code HH:mm:ss[.fraction]}; null for anything else. */
  static LocalTime time(Object key) {
    if (key instanceof LocalTime) {
      return (LocalTime) key;
    } else if (key instanceof java.sql.Time) {
      return ((java.sql.Time) key).toLocalTime();
    } else if (key instanceof String) {
      String text = trimAsciiWhitespace((String) key);
      if (TIME_TEXT.matcher(text).matches()) {
        try {
          return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * ISO text of a date-time: {@code yyyy-MM-dd} at midnight (so that a DATE and a DATETIME at its midnight, which
   * MySQL finds equal, read alike), else {@code yyyy-MM-dd HH:mm:ss} and a fraction without trailing zeros.
   */
  static String dateTimeText(LocalDateTime value) {
    String date = value.toLocalDate().toString();
    LocalTime time = value.toLocalTime();
    return time.equals(LocalTime.MIDNIGHT) ? date : date + " " + timeText(time);
  }

  /** ISO text of a time: {@code HH:mm:ss} and a fraction without trailing zeros. */
  static String timeText(LocalTime time) {
    StringBuilder text = new StringBuilder(18);
    text.append(twoDigits(time.getHour())).append(':').append(twoDigits(time.getMinute())).append(':')
        .append(twoDigits(time.getSecond()));
    if (time.getNano() != 0) {
      String nanos = Integer.toString(1_000_000_000 + time.getNano()).substring(1);
      int end = nanos.length();
      while (nanos.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(nanos, 0, end);
    }
    return text.toString();
  }

  private static String twoDigits(int value) {
    return value < 10 ? "0" + value : Integer.toString(value);
  }

  /**
   * A string as MySQL's default {@code utf8mb4_general_ci} collation compares it: trailing spaces removed (PAD
   * SPACE), accents removed (NFD, then every combining mark dropped), upper case in {@link Locale#ROOT}, and every
   * character outside the Basic Multilingual Plane replaced by U+FFFD (that collation weighs them all alike).
   * Strings the collation finds equal get the same key; a few it finds different may too, which is harmless here.
   */
  static String collationKey(String value) {
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == ' ') {
      end--;
    }
    String text = value.substring(0, end);
    if (!isPlainAscii(text)) {
      text = COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    }
    text = text.toUpperCase(Locale.ROOT);
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        return replaceSupplementary(text);
      }
    }
    return text;
  }

  /**
   * The collation keys of every string that {@code utf8mb4_general_ci} finds equal to {@code value}, or null when
   * there are more than {@code limit}. That is the value's own key, but for three groups of characters the
   * collation finds equal and {@link #collationKey} keeps apart: {@code ß} (key {@code SS}) with {@code s} and its
   * kin (key {@code S}); U+0345 COMBINING GREEK YPOGEGRAMMENI (no key) with {@code Ι}; U+03F2 {@code ϲ} (key U+03F9
   * {@code Ϲ}) with {@code Σ}. These are all such groups among the BMP's code points, measured with the collation's
   * weights (the driver's tests check it again against its weight table); every code point above the BMP has the
   * key U+FFFD, as in the collation.
   */
  static List<String> generalCiEqualKeys(String value, int limit) {
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == ' ') {
      end--;
    }
    List<String> keys = List.of("");
    for (int i = 0; i < end; ) {
      int codePoint = value.codePointAt(i);
      i += Character.charCount(codePoint);
      String[] options = equalCharacterKeys(codePoint);
      List<String> longer = new ArrayList<>(keys.size() * options.length);
      for (String key : keys) {
        for (String option : options) {
          longer.add(key + option);
        }
      }
      if (longer.size() > limit) {
        return null;
      }
      keys = longer;
    }
    return keys;
  }

  /** The keys of the characters {@code utf8mb4_general_ci} finds equal to one: see {@link #generalCiEqualKeys}. */
  private static String[] equalCharacterKeys(int codePoint) {
    String key = codePoint == ' ' ? " " : collationKey(new String(Character.toChars(codePoint)));
    switch (key) {
      case "S":
      case "SS":
        return new String[] {"S", "SS"};
      case "\u0399":
        return new String[] {"\u0399", ""};
      case "\u03A3":
      case "\u03F9":
        return new String[] {"\u03A3", "\u03F9"};
      default:
        return codePoint == 0x0345 ? new String[] {"\u0399", ""} : new String[] {key};
    }
  }

  private static boolean isPlainAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String replaceSupplementary(String text) {
    StringBuilder result = new StringBuilder(text.length());
    text.codePoints().forEach(c -> result.append(Character.isBmpCodePoint(c) ? (char) c : '\uFFFD'));
    return result.toString();
  }

  static String trimAsciiWhitespace(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isAsciiWhitespace(text.charAt(start))) {
      start++;
    }
    while (end > start && isAsciiWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isAsciiWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }
}
