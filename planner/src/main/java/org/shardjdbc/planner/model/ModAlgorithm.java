package org.shardjdbc.planner.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.BitSet;

/**
 * {@code algorithm: mod}, the default: shard = {@code Math.floorMod(key, shardCount)} for an integer key.
 *
 * <p>The key is read as MySQL compares it with an integer column: a Long, Integer, Short, Byte, BigInteger or
 * Boolean (1 or 0); a BigDecimal, Double or Float with an integral value ({@code 5.0} is 5); a String holding such a
 * number, surrounding ASCII whitespace allowed ({@code '5'} = 5, {@code ' 5.0'} = 5). Negative keys follow floorMod:
 * -1 is on shard {@code shardCount - 1}.
 *
 * <p>Any other key is on {@link #ALL_SHARDS}: a non-integral number (no integer column equals 2.5), a string that is
 * no number (MySQL would read {@code '12abc'} as 12 and {@code 'abc'} as 0), a Double, Float or numeric String beyond
 * 2^53 in magnitude (MySQL compares those with an integer as doubles, which match several integers), NaN, and any
 * other type.
 *
 * <p>Placement never changes between versions of the driver.
 */
public final class ModAlgorithm implements ShardingAlgorithm {

  @Override
  public int shardOf(Object key, int shardCount) {
    if (key instanceof Long || key instanceof Integer || key instanceof Short || key instanceof Byte) {
      return Math.floorMod(((Number) key).longValue(), shardCount);
    }
    BigInteger value = MysqlValues.integer(key);
    return value == null ? ALL_SHARDS : shardOf(value, shardCount);
  }

  private static int shardOf(BigInteger value, int shardCount) {
    return value.mod(BigInteger.valueOf(shardCount)).intValue();
  }

  /**
   * The shards of the integers in the range when there are fewer of them than shards ({@code BETWEEN 10 AND 12} on
   * 16 shards is shards 10, 11 and 12); every shard otherwise, or when a bound is open or not a number. A bound that
   * is not an integer is rounded inwards: {@code > 2.5} starts at 3.
   */
  @Override
  public BitSet shardsBetween(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive, int shardCount) {
    BigDecimal low = lower == null ? null : MysqlValues.comparedWithInteger(lower);
    BigDecimal high = upper == null ? null : MysqlValues.comparedWithInteger(upper);
    BitSet shards = new BitSet(shardCount);
    if (low == null || high == null) {
      shards.set(0, shardCount);
      return shards;
    }
    BigInteger first = low.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    if (!lowerInclusive && low.compareTo(new BigDecimal(first)) == 0) {
      first = first.add(BigInteger.ONE);
    }
    BigInteger last = high.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
    if (!upperInclusive && high.compareTo(new BigDecimal(last)) == 0) {
      last = last.subtract(BigInteger.ONE);
    }
    BigInteger count = last.subtract(first).add(BigInteger.ONE);
    if (count.signum() <= 0) {
      return shards;
    }
    if (count.compareTo(BigInteger.valueOf(shardCount)) >= 0) {
      shards.set(0, shardCount);
      return shards;
    }
    int firstShard = shardOf(first, shardCount);
    for (int i = 0; i < count.intValue(); i++) {
      shards.set((firstShard + i) % shardCount);
    }
    return shards;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModAlgorithm;
  }

  @Override
  public int hashCode() {
    return ModAlgorithm.class.hashCode();
  }

  @Override
  public String toString() {
    return "mod";
  }
}
