package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Compares the values of one merged column as MySQL orders them in ascending order, for the k-way ORDER BY merge,
 * GROUP BY, DISTINCT and MIN/MAX across shards, where the strings have no weights from the server (see
 * {@link ColumnOrder}), and for HAVING. One instance per column, built from the column's {@link Collation}.
 *
 * <p>The values are those mysql-connector-j's {@code ResultSet.getObject} returns:
 *
 * <ul>
 *   <li>SQL NULL ({@code null}) sorts first, as in MySQL's ascending order; {@link #reversed()} gives descending order
 *       with NULL last, again as MySQL does.
 *   <li>Numbers ({@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger}, {@link BigDecimal})
 *       and {@link Boolean} (as 0 and 1, like MySQL's BOOLEAN) compare by exact value with each other:
 *       {@code 1 = 1.00 = 1L}, and no long or decimal goes through a double. A {@link Float} or {@link Double}
 *       against any number compares as two doubles, as MySQL does ({@code DOUBLE 0.1 = DECIMAL 0.1}).
 *   <li>Strings compare through the collation, which the column must have (a column of strings in a collation the
 *       driver does not know has none, and the merge never asks it to compare two of them); a string against a
 *       number compares as MySQL does, the string read as a number (its longest numeric prefix, 0 if none) and
 *       both sides as doubles.
 *   <li>{@code byte[]} compares as unsigned bytes, NO PAD; a string against bytes compares its UTF-8 bytes.
 *   <li>Dates and date-times ({@link java.sql.Date}, {@link java.sql.Timestamp}, {@link LocalDate},
 *       {@link LocalDateTime}) compare with each other, a date as its midnight, as MySQL compares DATE with DATETIME;
 *       times ({@link java.sql.Time}, {@link LocalTime}) compare with each other.
 *   <li>Other values of one class compare with {@link Comparable} when they can. Values that MySQL could not
 *       compare at all (a date with bytes, say) fall back to a fixed order of kinds, so that sorting stays total.
 * </ul>
 *
 * <p>{@link #groupKey(Object)} turns a value into one whose {@code equals} and {@code hashCode} agree with
 * {@code compare(a, b) == 0} within each kind of value; a string and a number that compare equal ({@code '1'} and
 * {@code 1}) still get different keys, which only matters for a column whose shards disagree on its type.
 */
public final class ValueComparator implements Comparator<Object> {
  /** The group key of SQL NULL: GROUP BY and DISTINCT put all NULLs in one group. */
  private static final Object NULL_KEY = new Object() {
    @Override
    public String toString() {
      return "NULL";
    }
  };

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** Kinds of value, in the order in which values that cannot be compared with each other sort. */
  private enum Kind {
    NUMBER,
    STRING,
    BYTES,
    DATE_TIME,
    TIME,
    OTHER
  }

  private final Collation collation;

  /**
   * A comparator for one column.
   *
   * @param collation the collation of the column's strings, see {@link Collation#forColumn}; null when it is not
   *     known exactly, and then two strings are not compared
   */
  public ValueComparator(Collation collation) {
    this.collation = collation;
  }

  /** The collation this comparator compares strings with, or null when it compares no two strings. */
  public Collation collation() {
    return collation;
  }

  /**
   * Compares two values of the column in MySQL's ascending order.
   *
   * @param a a value as {@code getObject} returns it, or null for SQL NULL
   * @param b likewise
   * @return a negative number, zero or a positive number as {@code a} sorts before, with or after {@code b}
   */
  @Override
  public int compare(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a == null) {
      return -1;
    }
    if (b == null) {
      return 1;
    }
    if (a instanceof String && b instanceof String) {
      return stringCollation().compare((String) a, (String) b);
    }
    if (isIntegral(a) && isIntegral(b)) {
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    return compareMixed(a, b);
  }

  /**
   * A value that groups as the server groups: {@code groupKey(a).equals(groupKey(b))} when
   * {@code compare(a, b) == 0} and both are of one kind (numbers, strings, bytes, date-times, times).
   *
   * @param value a value as {@code getObject} returns it, or null for SQL NULL
   * @return its key, never null: the collation key of a string, a {@link Long} or a {@link BigDecimal} without
   *     trailing zeros for a number, a {@link ByteBuffer} for bytes, a {@link LocalDateTime} or {@link LocalTime}
   *     for temporal values, the value itself otherwise
   */
  public Object groupKey(Object value) {
    if (value == null) {
      return NULL_KEY;
    }
    if (value instanceof String) {
      return stringCollation().key((String) value);
    }
    switch (kind(value)) {
      case NUMBER:
        return numberKey(value);
      case BYTES:
        return ByteBuffer.wrap((byte[]) value);
      case DATE_TIME:
        return toDateTime(value);
      case TIME:
        return toTime(value);
      case STRING:
      case OTHER:
        return value;
    }
    throw new AssertionError(value);
  }

  private Collation stringCollation() {
    if (collation == null) {
      throw new IllegalStateException("two strings of a column whose collation the driver does not know: the merge"
          + " compares such strings by the server's weights or refuses the query");
    }
    return collation;
  }

  private int compareMixed(Object a, Object b) {
    Kind kindA = kind(a);
    Kind kindB = kind(b);
    if (kindA == Kind.NUMBER && kindB == Kind.NUMBER) {
      return compareNumbers(a, b);
    }
    if (kindA == Kind.NUMBER && kindB == Kind.STRING) {
      return Double.compare(toDouble(a) + 0.0, stringToDouble((String) b) + 0.0);
    }
    if (kindA == Kind.STRING && kindB == Kind.NUMBER) {
      return Double.compare(stringToDouble((String) a) + 0.0, toDouble(b) + 0.0);
    }
    if (kindA == Kind.BYTES && kindB.ordinal() <= Kind.BYTES.ordinal() && kindB != Kind.NUMBER
        || kindB == Kind.BYTES && kindA.ordinal() <= Kind.BYTES.ordinal() && kindA != Kind.NUMBER) {
      return Arrays.compareUnsigned(toBytes(a), toBytes(b));
    }
    if (kindA == kindB && kindA == Kind.DATE_TIME) {
      return toDateTime(a).compareTo(toDateTime(b));
    }
    if (kindA == kindB && kindA == Kind.TIME) {
      return toTime(a).compareTo(toTime(b));
    }
    if (kindA == Kind.OTHER && a.getClass() == b.getClass() && a instanceof Comparable) {
      @SuppressWarnings("unchecked")
      Comparable<Object> comparable = (Comparable<Object>) a;
      return comparable.compareTo(b);
    }
    if (kindA != kindB) {
      return Integer.compare(kindA.ordinal(), kindB.ordinal());
    }
    return a.getClass().getName().compareTo(b.getClass().getName());
  }

  private static Kind kind(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return Kind.NUMBER;
    }
    if (value instanceof String) {
      return Kind.STRING;
    }
    if (value instanceof byte[]) {
      return Kind.BYTES;
    }
    if (value instanceof java.sql.Date || value instanceof java.sql.Timestamp
        || value instanceof LocalDate || value instanceof LocalDateTime) {
      return Kind.DATE_TIME;
    }
    if (value instanceof java.sql.Time || value instanceof LocalTime) {
      return Kind.TIME;
    }
    return Kind.OTHER;
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
  }

  // ---- numbers

  private static int compareNumbers(Object a, Object b) {
    if (isFloating(a) || isFloating(b)) {
      // MySQL compares a FLOAT or DOUBLE with any number as two doubles; `+ 0.0` makes -0.0 equal to 0.0.
      return Double.compare(toDouble(a) + 0.0, toDouble(b) + 0.0);
    }
    return toBigDecimal(a).compareTo(toBigDecimal(b));
  }

  private static boolean isFloating(Object value) {
    return value instanceof Double || value instanceof Float;
  }

  private static double toDouble(Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value ? 1 : 0;
    }
    return ((Number) value).doubleValue();
  }

  /** The exact value of a number that is not a float or double. */
  private static BigDecimal toBigDecimal(Object value) {
    if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    if (isIntegral(value)) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof BigInteger) {
      return new BigDecimal((BigInteger) value);
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    // AtomicLong, DoubleAdder and the like: not from the server, compared through their text.
    return new BigDecimal(value.toString());
  }

  /**
   * A Long for an integral value that fits, else the BigDecimal without trailing zeros. A float or double becomes
   * the decimal of its shortest text ({@code 0.1}, not 0.1000000000000000055...), so that it groups with the
   * DECIMAL that MySQL finds equal to it; NaN and the infinities stay doubles.
   */
  private static Object numberKey(Object value) {
    if (isIntegral(value)) {
      return ((Number) value).longValue();
    }
    BigDecimal exact;
    if (isFloating(value)) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        return d;
      }
      exact = new BigDecimal(Double.toString(d));
    } else {
      exact = toBigDecimal(value);
    }
    if (exact.signum() == 0) {
      return 0L;
    }
    BigDecimal stripped = exact.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
      return stripped.longValueExact();
    }
    return stripped;
  }

  /**
   * A string as MySQL reads it in a numeric comparison: leading spaces skipped, then the longest prefix that is a
   * number ({@code '12abc'} is 12, {@code '1e3'} is 1000, {@code 'abc'} is 0).
   */
  static double stringToDouble(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    int start = i;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return 0;
    }
    int end = i;
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        j++;
      }
      int exponentStart = j;
      while (j < n && isDigit(s.charAt(j))) {
        j++;
      }
      if (j > exponentStart) {
        end = j;
      }
    }
    return Double.parseDouble(s.substring(start, end));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  // ---- bytes

  private static byte[] toBytes(Object value) {
    return value instanceof byte[] ? (byte[]) value : ((String) value).getBytes(StandardCharsets.UTF_8);
  }

  // ---- dates and times

  private static LocalDateTime toDateTime(Object value) {
    if (value instanceof LocalDateTime) {
      return (LocalDateTime) value;
    }
    if (value instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) value).toLocalDateTime();
    }
    if (value instanceof java.sql.Date) {
      return ((java.sql.Date) value).toLocalDate().atStartOfDay();
    }
    return ((LocalDate) value).atStartOfDay();
  }

  private static LocalTime toTime(Object value) {
    if (value instanceof LocalTime) {
      return (LocalTime) value;
    }
    java.sql.Time time = (java.sql.Time) value;
    // toLocalTime() drops the milliseconds that a TIME(3) column can carry.
    int millis = (int) Math.floorMod(time.getTime(), 1000L);
    return time.toLocalTime().withNano(millis * 1_000_000);
  }
}
