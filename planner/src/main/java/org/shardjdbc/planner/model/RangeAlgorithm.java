package org.shardjdbc.planner.model;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * {@code algorithm: range} with {@code ranges: [b0, b1, ...]}: shard i holds the keys in {@code [b(i), b(i+1))}.
 *
 * <p>With as many boundaries as shards the last shard is open-ended; with one more, the last boundary is the
 * exclusive upper end of the last shard. A key below {@code b0}, or at or above that upper end, is on no shard:
 * {@link #shardOf} returns {@link #OUTSIDE_RANGES}, on which a query finds nothing and an insert is an error.
 *
 * <p>Boundaries are all of one kind, which decides how keys compare with them:
 *
 * <ul>
 *   <li>numbers (any Number, or a String that reads as a decimal number): keys compare by exact numeric value; a key
 *       that is a String holding a number compares as that number, as MySQL compares {@code '5'} with 5;
 *   <li>date-times (java.sql.Date, LocalDate, java.sql.Timestamp, LocalDateTime, java.util.Date, or a String
 *       {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss[.fraction]}): keys of those types and strings of those
 *       forms compare chronologically, a date being its midnight, so {@code '2024-02-01'} is before
 *       {@code '2024-02-01 10:00:00'} and equals {@code '2024-02-01 00:00:00'};
 *   <li>strings (any other String): String keys compare as MySQL's default {@code utf8mb4_general_ci} collation
 *       roughly does: without trailing spaces, accents or case (see {@link HashAlgorithm} for the exact folding),
 *       then by UTF-16 code units. The server's order differs for some characters (control characters, combining
 *       marks, {@code ß}, Hangul), so a row may sort inside a range on the server and outside it by the boundaries:
 *       a range condition over a string key is asked on every shard, and only equality and IN lists prune
 *       ({@link #shardsMatching}).
 * </ul>
 *
 * A key that cannot be compared with the boundaries (a string that is not a date against date boundaries, NaN, a
 * number against string boundaries) is on {@link #ALL_SHARDS}.
 */
public final class RangeAlgorithm implements ShardingAlgorithm {
  /**
   * Returned by {@link #shardOf} for a key that compares with the boundaries but lies below the first one, or at or
   * above the closing one: no shard holds it.
   */
  public static final int OUTSIDE_RANGES = -2;

  private enum Kind {
    NUMBER("a number"),
    DATE_TIME("a date"),
    STRING("a string");

    private final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /** More strings equal to a value than this (many {@code s} in it, each also a {@code ß}): every shard is asked. */
  private static final int MAX_EQUAL_KEYS = 64;

  private final List<Object> boundaries;
  private final Kind kind;
  /** The boundaries as comparable values of {@link #kind}: BigDecimal, LocalDateTime or a collation key. */
  private final List<Comparable<Object>> points;

  /**
   * @param boundaries the lower bounds of the shards, in shard order, and optionally the upper end of the last one
   * @throws IllegalArgumentException if there are none, one is null or of no supported kind, they are of different
   *     kinds, or they are not strictly increasing; the message names the offending values
   */
  public RangeAlgorithm(List<Object> boundaries) {
    if (boundaries.isEmpty()) {
      throw new IllegalArgumentException("no boundaries");
    }
    this.boundaries = Collections.unmodifiableList(new ArrayList<>(boundaries));
    this.kind = kindOf(boundaries.get(0));
    List<Comparable<Object>> values = new ArrayList<>(boundaries.size());
    for (Object boundary : boundaries) {
      Kind boundaryKind = kindOf(boundary);
      if (boundaryKind != kind) {
        throw new IllegalArgumentException("boundary " + quote(boundary) + " is " + boundaryKind.description
            + " and cannot be compared with " + quote(boundaries.get(0)) + ", which is " + kind.description);
      }
      Comparable<Object> value = comparable(boundary);
      if (kind == Kind.NUMBER) {
        value = strippedNumber(value); // 1.0 and 1 make equal algorithms
      }
      if (!values.isEmpty() && values.get(values.size() - 1).compareTo(value) >= 0) {
        throw new IllegalArgumentException("boundaries must be strictly increasing, but "
            + quote(boundaries.get(values.size() - 1)) + " is followed by " + quote(boundary));
      }
      values.add(value);
    }
    this.points = Collections.unmodifiableList(values);
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> strippedNumber(Comparable<Object> value) {
    return (Comparable<Object>) (Comparable<?>) ((BigDecimal) (Object) value).stripTrailingZeros();
  }

  private static Kind kindOf(Object boundary) {
    if (boundary == null) {
      throw new IllegalArgumentException("a boundary is null");
    }
    if (boundary instanceof Number || boundary instanceof String && MysqlValues.decimal(boundary) != null) {
      if (MysqlValues.decimal(boundary) == null) {
        throw new IllegalArgumentException("boundary " + boundary + " (" + boundary.getClass().getName()
            + ") is not a finite number of a supported type");
      }
      return Kind.NUMBER;
    }
    if (MysqlValues.dateTime(boundary) != null) {
      return Kind.DATE_TIME;
    }
    if (boundary instanceof String) {
      return Kind.STRING;
    }
    throw new IllegalArgumentException("boundary " + quote(boundary) + " (" + boundary.getClass().getName()
        + ") is not a number, a date or a string");
  }

  /** A boundary or key as a comparable value of this algorithm's kind, or null when it has none. */
  @SuppressWarnings("unchecked")
  private Comparable<Object> comparable(Object key) {
    Comparable<?> value;
    switch (kind) {
      case NUMBER:
        value = MysqlValues.decimal(key);
        break;
      case DATE_TIME:
        value = MysqlValues.dateTime(key);
        break;
      case STRING:
        value = key instanceof String ? MysqlValues.collationKey((String) key) : null;
        break;
      default:
        throw new AssertionError(kind);
    }
    return (Comparable<Object>) value;
  }

  /** The boundaries as given. */
  public List<Object> boundaries() {
    return boundaries;
  }

  /**
   * Checks that the boundaries suit a table of {@code shardCount} shards: one per shard, or one more.
   *
   * @throws IllegalArgumentException naming both counts otherwise
   */
  public void checkShardCount(int shardCount) {
    if (points.size() != shardCount && points.size() != shardCount + 1) {
      throw new IllegalArgumentException(points.size() + " boundaries for " + shardCount + " shards: give "
          + shardCount + " (the last shard open-ended) or " + (shardCount + 1)
          + " (the last boundary closing the last shard)");
    }
  }

  /**
   * @return the shard of the key, {@link #OUTSIDE_RANGES} when no shard's range holds it, or {@link #ALL_SHARDS}
   *     when it cannot be compared with the boundaries
   * @throws IllegalArgumentException if the boundaries do not suit {@code shardCount} shards
   */
  @Override
  public int shardOf(Object key, int shardCount) {
    checkShardCount(shardCount);
    Comparable<Object> value = comparable(key);
    if (value == null) {
      return ALL_SHARDS;
    }
    int shard = floorIndex(value);
    return shard < 0 || shard >= shardCount ? OUTSIDE_RANGES : shard;
  }

  /**
   * With string boundaries, routing a string compared with a string column: the shards of every string the column's
   * collation finds equal. Under {@code utf8mb4_general_ci} those are the strings of the same folded key, but for
   * {@code ß} and {@code s} and two Greek letters, whose keys are enumerated (see {@link HashAlgorithm}); under a
   * binary collation, the string itself; under any other collation they are not known, and every shard is asked.
   */
  @Override
  public BitSet shardsMatching(Object value, KeyType keyType, int shardCount) {
    if (kind != Kind.STRING || !(value instanceof String text) || !keyType.string()) {
      return ShardingAlgorithm.super.shardsMatching(value, keyType, shardCount);
    }
    checkShardCount(shardCount);
    BitSet shards = new BitSet(shardCount);
    List<String> keys = keyType == KeyType.GENERAL_CI_STRING ? MysqlValues.generalCiEqualKeys(text, MAX_EQUAL_KEYS)
        : keyType == KeyType.BINARY_STRING ? List.of(MysqlValues.collationKey(text)) : null;
    if (keys == null) {
      shards.set(0, shardCount);
      return shards;
    }
    for (String key : keys) {
      @SuppressWarnings("unchecked")
      int shard = floorIndex((Comparable<Object>) (Comparable<?>) key);
      if (shard >= 0 && shard < shardCount) {
        shards.set(shard);
      }
    }
    return shards;
  }

  /**
   * Exactly the shards whose ranges overlap the range from {@code lower} to {@code upper}; every shard when a bound
   * cannot be compared with the boundaries.
   *
   * @throws IllegalArgumentException if the boundaries do not suit {@code shardCount} shards
   */
  @Override
  public BitSet shardsBetween(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive, int shardCount) {
    checkShardCount(shardCount);
    BitSet shards = new BitSet(shardCount);
    Comparable<Object> low = lower == null ? null : comparable(lower);
    Comparable<Object> high = upper == null ? null : comparable(upper);
    if (lower != null && low == null || upper != null && high == null) {
      shards.set(0, shardCount);
      return shards;
    }
    if (low != null && high != null) {
      int order = low.compareTo(high);
      if (order > 0 || order == 0 && !(lowerInclusive && upperInclusive)) {
        return shards;
      }
    }
    int first = low == null ? 0 : Math.max(floorIndex(low), 0);
    int last = shardCount - 1;
    if (high != null) {
      int containing = floorIndex(high);
      if (containing >= 0 && !upperInclusive && points.get(containing).compareTo(high) == 0) {
        containing--; // keys below b(i) end in the shard before i
      }
      last = Math.min(containing, shardCount - 1);
    }
    if (first <= last) {
      shards.set(first, last + 1);
    }
    return shards;
  }

  /** The index of the last boundary at or below the value; -1 when the value is below every boundary. */
  private int floorIndex(Comparable<Object> value) {
    int low = 0;
    int high = points.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (points.get(middle).compareTo(value) <= 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return high;
  }

  /** A boundary for messages: text in quotes, unless it reads as a number. */
  private static String quote(Object value) {
    return value instanceof String && MysqlValues.decimal(value) == null ? "'" + value + "'" : String.valueOf(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RangeAlgorithm && points.equals(((RangeAlgorithm) other).points);
  }

  @Override
  public int hashCode() {
    return points.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("range[");
    for (int i = 0; i < boundaries.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(quote(boundaries.get(i)));
    }
    return text.append(']').toString();
  }
}
