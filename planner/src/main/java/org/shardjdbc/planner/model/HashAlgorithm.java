package org.shardjdbc.planner.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.BitSet;
import java.util.List;
import java.util.zip.CRC32;

/**
 * {@code algorithm: hash}: shard = {@code floorMod(CRC32(UTF-8 bytes of the key's canonical text), shardCount)}.
 *
 * <p>The definition, which never changes between versions of the driver because the placement of stored rows
 * depends on it:
 *
 * <ol>
 *   <li>The canonical text of the key:
 *       <ul>
 *         <li>a Long, Integer, Short, Byte or BigInteger: its decimal digits with a leading {@code -} when negative
 *             ({@code 42}, {@code -7}); a Boolean: {@code 1} or {@code 0};
 *         <li>a BigDecimal, Double or Float: the number as a BigDecimal (a Double through {@code Double.toString},
 *             a Float through {@code Float.toString}), then {@code stripTrailingZeros()}, then
 *             {@code toPlainString()} ({@code 5.0} is {@code 5}, {@code 2.50} is {@code 2.5}, {@code 1E+3} is
 *             {@code 1000}); when the stripped scale is below -400 or above 400, {@code toString()} instead. NaN and
 *             infinities are on {@link #ALL_SHARDS};
 *         <li>a String that, without surrounding ASCII whitespace, is a decimal number in ASCII digits
 *             ({@code [+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,4})?}): the text of that number as for a BigDecimal, so
 *             {@code '5'}, {@code '5.0'} and {@code 5} are on one shard;
 *         <li>a java.sql.Date, LocalDate, java.sql.Timestamp, LocalDateTime or java.util.Date (the last three read in
 *             the JVM's time zone), or a String, without surrounding ASCII whitespace, of the form
 *             {@code yyyy-MM-dd} or {@code yyyy-MM-dd HH:mm:ss[.fraction]} ({@code T} allowed for the space) that is
 *             a valid date: {@code yyyy-MM-dd} when the time is midnight (a DATE equals the DATETIME at its midnight),
 *             else {@code yyyy-MM-dd HH:mm:ss} and, unless zero, a dot and the fraction of the second without
 *             trailing zeros;
 *         <li>a java.sql.Time, LocalTime, or String {@code HH:mm:ss[.fraction]}: {@code HH:mm:ss} and the fraction
 *             as above;
 *         <li>any other String, made insensitive to case, accents and trailing spaces as MySQL's default
 *             {@code utf8mb4_general_ci} compares strings, so that {@code 'abc '}, {@code 'ABC'} and
 *             {@code 'ÁBC'} are on one shard: trailing U+0020 spaces removed, Unicode NFD normalization, every
 *             character of category M (combining marks) removed, {@code toUpperCase(Locale.ROOT)}, and every
 *             character outside the Basic Multilingual Plane replaced by U+FFFD.
 *       </ul>
 *   <li>For a byte[] key, the bytes themselves stand for the UTF-8 bytes of the canonical text.
 *   <li>{@code crc} = {@link CRC32} of the UTF-8 bytes of the canonical text, an unsigned 32-bit value.
 *   <li>shard = {@code crc mod shardCount}.
 * </ol>
 *
 * Any other type of key is on {@link #ALL_SHARDS}.
 *
 * <p>The folding is close to {@code utf8mb4_general_ci} but not the same: German {@code ß} is {@code SS} here and
 * {@code S} there, and two Greek letters differ alike. Routing a query's value ({@link #shardsMatching}) therefore
 * reads it as the key column compares it ({@code '12abc'} is the key 12 of an integer column, see
 * {@link MatchingKeys}) and, for a {@code utf8mb4_general_ci} column, asks the shards of every string the collation
 * finds equal. A string column under another non-binary collation ({@code utf8mb4_0900_ai_ci},
 * {@code utf8mb4_unicode_ci}: ignorable characters, expansions) finds strings equal that this hash places apart, so a
 * string compared with it is asked on every shard, and so is a number compared with any string column, which MySQL
 * reads as a number ({@code '9abc' = 9}).
 */
public final class HashAlgorithm implements ShardingAlgorithm {
  private static final int PLAIN_SCALE_LIMIT = 400;
  /** More strings equal to a value than this (many {@code s} in it, each also a {@code ß}): every shard is asked. */
  private static final int MAX_EQUAL_KEYS = 64;

  @Override
  public int shardOf(Object key, int shardCount) {
    if (key instanceof byte[]) {
      return shardOfBytes((byte[]) key, shardCount);
    }
    String text = canonicalText(key);
    return text == null ? ALL_SHARDS : shardOfBytes(text.getBytes(StandardCharsets.UTF_8), shardCount);
  }

  /**
   * Routing a string compared with a string column: the shards of every string the column's collation finds equal.
   * Under {@code utf8mb4_general_ci} those are the strings of the same folded key (but for {@code ß} and {@code s}
   * and two Greek letters, whose keys are enumerated), and, when the folded key reads as a number or a date, that
   * value's text too ({@code '1é5'} equals {@code '1e5'}, which is the number 100000 here). Under a binary collation
   * equal strings are the same string; under any other collation they are not known, and every shard is asked.
   */
  @Override
  public BitSet shardsMatching(Object value, KeyType keyType, int shardCount) {
    if (!(value instanceof String text) || !keyType.string()) {
      return ShardingAlgorithm.super.shardsMatching(value, keyType, shardCount);
    }
    BitSet shards = new BitSet(shardCount);
    if (keyType == KeyType.BINARY_STRING) {
      shards.set(shardOf(text, shardCount));
      return shards;
    }
    List<String> keys = keyType == KeyType.GENERAL_CI_STRING ? MysqlValues.generalCiEqualKeys(text, MAX_EQUAL_KEYS) : null;
    if (keys == null) {
      shards.set(0, shardCount);
      return shards;
    }
    for (String key : keys) {
      shards.set(shardOfBytes(key.getBytes(StandardCharsets.UTF_8), shardCount));
    }
    shards.set(shardOf(MysqlValues.collationKey(text), shardCount)); // when the folded key reads as a number or a date
    return shards;
  }

  private static int shardOfBytes(byte[] bytes, int shardCount) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length);
    return (int) Math.floorMod(crc.getValue(), (long) shardCount);
  }

  /** The canonical text of a key as defined in the class comment, or null when the key cannot be hashed. */
  static String canonicalText(Object key) {
    if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte
        || key instanceof BigInteger) {
      return key.toString();
    }
    if (key instanceof String) {
      return canonicalString((String) key);
    }
    if (key instanceof Number || key instanceof Boolean) {
      BigDecimal number = key instanceof BigDecimal ? (BigDecimal) key : MysqlValues.decimal(key);
      return number == null ? null : numberText(number);
    }
    LocalDateTime dateTime = MysqlValues.dateTime(key);
    if (dateTime != null) {
      return MysqlValues.dateTimeText(dateTime);
    }
    LocalTime time = MysqlValues.time(key);
    return time == null ? null : MysqlValues.timeText(time);
  }

  private static String canonicalString(String key) {
    BigDecimal number = MysqlValues.decimal(key);
    if (number != null) {
      return numberText(number);
    }
    LocalDateTime dateTime = MysqlValues.dateTime(key);
    if (dateTime != null) {
      return MysqlValues.dateTimeText(dateTime);
    }
    LocalTime time = MysqlValues.time(key);
    if (time != null) {
      return MysqlValues.timeText(time);
    }
    return MysqlValues.collationKey(key);
  }

  private static String numberText(BigDecimal number) {
    BigDecimal stripped = number.stripTrailingZeros();
    int scale = stripped.scale();
    return scale < -PLAIN_SCALE_LIMIT || scale > PLAIN_SCALE_LIMIT ? stripped.toString() : stripped.toPlainString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HashAlgorithm;
  }

  @Override
  public int hashCode() {
    return HashAlgorithm.class.hashCode();
  }

  @Override
  public String toString() {
    return "hash";
  }
}
