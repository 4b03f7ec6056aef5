package org.shardjdbc.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.shardjdbc.planner.model.ShardingAlgorithm.ALL_SHARDS;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModAlgorithmTest {
  private final ModAlgorithm mod = new ModAlgorithm();

  static Stream<Arguments> keysOn16Shards() {
    return Stream.of(
        Arguments.of(0L, 0),
        Arguments.of(5L, 5),
        Arguments.of(17L, 1),
        Arguments.of(-1L, 15),
        Arguments.of(-16L, 0),
        Arguments.of(-17L, 15),
        Arguments.of(Long.MIN_VALUE, 0),
        Arguments.of(Long.MAX_VALUE, 15),
        Arguments.of(33, 1),
        Arguments.of((short) -3, 13),
        Arguments.of((byte) 7, 7),
        Arguments.of(true, 1),
        Arguments.of(BigInteger.TWO.pow(64).add(BigInteger.valueOf(3)), 3),
        Arguments.of(BigInteger.TWO.pow(70).negate().subtract(BigInteger.ONE), 15),
        Arguments.of(new BigInteger("18446744073709551615"), 15), // BIGINT UNSIGNED max
        Arguments.of(new BigDecimal("5.000"), 5),
        Arguments.of(new BigDecimal("0.00"), 0),
        Arguments.of(new BigDecimal("1E+2"), 4),
        Arguments.of(new BigDecimal("-33"), 15),
        Arguments.of(new BigDecimal("5.5"), ALL_SHARDS),
        Arguments.of(new BigDecimal("1E+500"), ALL_SHARDS), // no column holds it
        Arguments.of(21.0, 5),
        Arguments.of(-1.0, 15),
        Arguments.of(2.5, ALL_SHARDS),
        Arguments.of(Double.NaN, ALL_SHARDS),
        Arguments.of(Double.POSITIVE_INFINITY, ALL_SHARDS),
        Arguments.of(Math.pow(2, 53), 0),
        Arguments.of(Math.pow(2, 60), ALL_SHARDS), // compared as a double, it matches several BIGINTs
        Arguments.of(3f, 3),
        Arguments.of(0.5f, ALL_SHARDS),
        Arguments.of("5", 5),
        Arguments.of(" 21 ", 5),
        Arguments.of("\t21\n", 5),
        Arguments.of("5.0", 5),
        Arguments.of("+5", 5),
        Arguments.of("-1", 15),
        Arguments.of("1e2", 4),
        Arguments.of("9007199254740992", 0),
        Arguments.of("9007199254740993", ALL_SHARDS),
        Arguments.of("5.5", ALL_SHARDS),
        Arguments.of("abc", ALL_SHARDS),
        Arguments.of("12abc", ALL_SHARDS),
        Arguments.of("", ALL_SHARDS),
        Arguments.of("\uFF15", ALL_SHARDS), // fullwidth 5: MySQL reads it as 0
        Arguments.of("1e99999", ALL_SHARDS),
        Arguments.of(LocalDate.of(2024, 1, 1), ALL_SHARDS),
        Arguments.of(new Object(), ALL_SHARDS));
  }

  @ParameterizedTest(name = "{0} is on shard {1}")
  @MethodSource("keysOn16Shards")
  void shardOf_readsKeysAsMysqlComparesThemWithAnInteger(Object key, int expected) {
    assertEquals(expected, mod.shardOf(key, 16));
  }

  @Test
  void shardOf_oneShardHoldsEveryIntegerKey() {
    assertEquals(0, mod.shardOf(-12345L, 1));
    assertEquals(0, mod.shardOf("77", 1));
    assertEquals(ALL_SHARDS, mod.shardOf("x", 1));
  }

  static Stream<Arguments> rangesOn16Shards() {
    return Stream.of(
        Arguments.of(10, true, 12, true, "{10, 11, 12}"),
        Arguments.of(10, false, 12, false, "{11}"),
        Arguments.of(10, false, 11, false, "{}"),
        Arguments.of(5, true, 5, true, "{5}"),
        Arguments.of(5, true, 5, false, "{}"),
        Arguments.of(5, true, 4, true, "{}"),
        Arguments.of(14, true, 17, true, "{0, 1, 14, 15}"),
        Arguments.of(-2, true, 1, true, "{0, 1, 14, 15}"),
        Arguments.of(0, true, 14, true, "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}"),
        Arguments.of(0, true, 15, true, "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}"),
        Arguments.of(0, true, 1_000_000, true, "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}"),
        Arguments.of(2.5, true, 4.5, true, "{3, 4}"),
        Arguments.of(2.5, false, 4.5, false, "{3, 4}"),
        Arguments.of(new BigDecimal("2.5"), false, 3, false, "{}"),
        Arguments.of("3", true, "5", true, "{3, 4, 5}"),
        Arguments.of(new BigInteger("100000000000000000000"), true, new BigInteger("100000000000000000001"), true,
            "{0, 1}"),
        Arguments.of(1e300, true, 1e300, true, "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}"),
        Arguments.of(null, true, 5, true, "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}"),
        Arguments.of(5, true, null, true, "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}"),
        Arguments.of("a", true, 5, true, "{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}"));
  }

  @ParameterizedTest(name = "{0}{1} .. {2}{3} is on {4}")
  @MethodSource("rangesOn16Shards")
  void shardsBetween_enumeratesShortIntegerRanges(Object lower, boolean lowerInclusive, Object upper,
      boolean upperInclusive, String expected) {
    assertEquals(expected, mod.shardsBetween(lower, lowerInclusive, upper, upperInclusive, 16).toString());
  }

  @Test
  void shardsBetween_agreesWithShardOfForEveryShortRange() {
    for (long low = -20; low <= 20; low++) {
      for (long high = low - 1; high <= low + 10; high++) {
        java.util.BitSet expected = new java.util.BitSet();
        for (long key = low; key <= high; key++) {
          expected.set(mod.shardOf(key, 8));
        }
        assertEquals(expected, mod.shardsBetween(low, true, high, true, 8), low + ".." + high);
      }
    }
  }

  @Test
  void equalsEveryModAlgorithm() {
    assertEquals(new ModAlgorithm(), mod);
    assertEquals(new ModAlgorithm().hashCode(), mod.hashCode());
    assertEquals("mod", mod.toString());
  }
}
