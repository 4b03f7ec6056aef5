package org.shardjdbc.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.shardjdbc.planner.model.RangeAlgorithm.OUTSIDE_RANGES;
import static org.shardjdbc.planner.model.ShardingAlgorithm.ALL_SHARDS;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RangeAlgorithmTest {
  private static final RangeAlgorithm HUNDREDS = new RangeAlgorithm(List.of(0, 100, 200, 300));
  private static final RangeAlgorithm MONTHS =
      new RangeAlgorithm(List.of("2024-01-01", "2024-02-01", "2024-03-01"));
  private static final RangeAlgorithm LETTERS = new RangeAlgorithm(List.of("a", "n"));

  /** Keys with their shard among 4 open-ended shards and among 3 shards closed by the boundary 300. */
  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of(-1L, OUTSIDE_RANGES, OUTSIDE_RANGES),
        Arguments.of(new BigDecimal("-0.001"), OUTSIDE_RANGES, OUTSIDE_RANGES),
        Arguments.of(0L, 0, 0),
        Arguments.of(99, 0, 0),
        Arguments.of(99.5, 0, 0),
        Arguments.of(100L, 1, 1),
        Arguments.of(new BigDecimal("100.000"), 1, 1),
        Arguments.of("150", 1, 1),
        Arguments.of(" 150.5 ", 1, 1),
        Arguments.of(299L, 2, 2),
        Arguments.of(300L, 3, OUTSIDE_RANGES),
        Arguments.of(new java.math.BigInteger("1000000000000000000000000000000"), 3, OUTSIDE_RANGES),
        Arguments.of(true, 0, 0),
        Arguments.of("abc", ALL_SHARDS, ALL_SHARDS),
        Arguments.of("2024-01-01", ALL_SHARDS, ALL_SHARDS),
        Arguments.of(Double.NaN, ALL_SHARDS, ALL_SHARDS),
        Arguments.of(LocalDate.of(2024, 1, 1), ALL_SHARDS, ALL_SHARDS));
  }

  @ParameterizedTest(name = "{0} is on shard {1} of 4, {2} of 3")
  @MethodSource("numbers")
  void shardOf_numbers(Object key, int ofFour, int ofThree) {
    assertEquals(ofFour, HUNDREDS.shardOf(key, 4));
    assertEquals(ofThree, HUNDREDS.shardOf(key, 3));
  }

  /** Keys with their shard among 3 monthly shards open-ended and 2 closed by 2024-03-01. */
  static Stream<Arguments> dates() {
    return Stream.of(
        Arguments.of("2023-12-31", OUTSIDE_RANGES, OUTSIDE_RANGES),
        Arguments.of(Timestamp.valueOf("2023-12-31 23:59:59.999999999"), OUTSIDE_RANGES, OUTSIDE_RANGES),
        Arguments.of(LocalDate.of(2024, 1, 1), 0, 0),
        Arguments.of(LocalDate.of(2024, 1, 15), 0, 0),
        Arguments.of(Timestamp.valueOf("2024-01-31 23:59:59.999"), 0, 0),
        Arguments.of(java.sql.Date.valueOf("2024-02-01"), 1, 1),
        Arguments.of("2024-02-01 00:00:00", 1, 1),
        Arguments.of("2024-02-01 10:00:00", 1, 1),
        Arguments.of("2024-02-01T10:00:00.25", 1, 1),
        Arguments.of(LocalDateTime.of(2024, 2, 29, 23, 59), 1, 1),
        Arguments.of("2024-03-01", 2, OUTSIDE_RANGES),
        Arguments.of(new java.util.Date(Timestamp.valueOf("2030-01-01 00:00:00").getTime()), 2, OUTSIDE_RANGES),
        Arguments.of("2024-02-30", ALL_SHARDS, ALL_SHARDS),
        Arguments.of("next week", ALL_SHARDS, ALL_SHARDS),
        Arguments.of(20240201L, ALL_SHARDS, ALL_SHARDS));
  }

  @ParameterizedTest(name = "{0} is on shard {1} of 3, {2} of 2")
  @MethodSource("dates")
  void shardOf_dates(Object key, int ofThree, int ofTwo) {
    assertEquals(ofThree, MONTHS.shardOf(key, 3));
    assertEquals(ofTwo, MONTHS.shardOf(key, 2));
  }

  @Test
  void shardOf_dateBoundariesOfEveryType() {
    RangeAlgorithm months = new RangeAlgorithm(List.of(LocalDate.of(2024, 1, 1),
        Timestamp.valueOf("2024-02-01 00:00:00"), LocalDateTime.of(2024, 3, 1, 0, 0), "2024-04-01"));
    assertEquals(0, months.shardOf("2024-01-31", 3));
    assertEquals(1, months.shardOf("2024-02-01", 3));
    assertEquals(2, months.shardOf("2024-03-31 23:00:00", 3));
    assertEquals(OUTSIDE_RANGES, months.shardOf("2024-04-01", 3));
  }

  @Test
  void shardOf_stringsCompareWithoutCaseAccentsOrTrailingSpaces() {
    assertEquals(0, LETTERS.shardOf("a", 2));
    assertEquals(0, LETTERS.shardOf("b", 2));
    assertEquals(0, LETTERS.shardOf("B", 2));
    assertEquals(0, LETTERS.shardOf("ábc", 2));
    assertEquals(0, LETTERS.shardOf("Mzzz", 2));
    assertEquals(1, LETTERS.shardOf("n", 2));
    assertEquals(1, LETTERS.shardOf("N ", 2));
    assertEquals(1, LETTERS.shardOf("Zed", 2));
    assertEquals(OUTSIDE_RANGES, LETTERS.shardOf("", 2));
    assertEquals(OUTSIDE_RANGES, LETTERS.shardOf("1", 2));
    assertEquals(ALL_SHARDS, LETTERS.shardOf(5L, 2));
  }

  static Stream<Arguments> numberRanges() {
    return Stream.of(
        Arguments.of(50, true, 150, true, "{0, 1}"),
        Arguments.of(100, true, 200, false, "{1}"),
        Arguments.of(100, false, 200, true, "{1, 2}"),
        Arguments.of(100, true, 100, true, "{1}"),
        Arguments.of(100, false, 100, true, "{}"),
        Arguments.of(150, true, 120, true, "{}"),
        Arguments.of(null, true, 100, false, "{0}"),
        Arguments.of(null, true, 100, true, "{0, 1}"),
        Arguments.of(null, true, 0, false, "{}"),
        Arguments.of(null, true, 0, true, "{0}"),
        Arguments.of(-50, true, -10, true, "{}"),
        Arguments.of(-50, true, 10, true, "{0}"),
        Arguments.of(250, true, 1000, true, "{2}"),
        Arguments.of(300, true, null, true, "{}"),
        Arguments.of(299.5, false, null, true, "{2}"),
        Arguments.of(null, true, null, true, "{0, 1, 2}"),
        Arguments.of("120", true, "250.5", true, "{1, 2}"),
        Arguments.of("abc", true, 5, true, "{0, 1, 2}"),
        Arguments.of(5, true, Double.NaN, true, "{0, 1, 2}"));
  }

  @ParameterizedTest(name = "{0}{1} .. {2}{3} is on {4}")
  @MethodSource("numberRanges")
  void shardsBetween_numbers(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive,
      String expected) {
    assertEquals(expected, HUNDREDS.shardsBetween(lower, lowerInclusive, upper, upperInclusive, 3).toString());
  }

  @Test
  void shardsBetween_openEndedLastShard() {
    assertEquals("{3}", HUNDREDS.shardsBetween(300, true, null, true, 4).toString());
    assertEquals("{2, 3}", HUNDREDS.shardsBetween(250, true, 1e9, true, 4).toString());
  }

  @Test
  void shardsBetween_dates() {
    assertEquals("{0}", MONTHS.shardsBetween("2024-01-15", true, "2024-02-01", false, 3).toString());
    assertEquals("{0, 1}", MONTHS.shardsBetween("2024-01-15", true, "2024-02-01", true, 3).toString());
    assertEquals("{1, 2}", MONTHS.shardsBetween(LocalDate.of(2024, 2, 1), true, null, true, 3).toString());
    assertEquals("{1}", MONTHS.shardsBetween(LocalDate.of(2024, 2, 1), true, null, true, 2).toString());
    assertEquals("{}", MONTHS.shardsBetween("2022-01-01", true, "2023-01-01", true, 3).toString());
  }

  @Test
  void shardsBetween_agreesWithShardOf() {
    RangeAlgorithm ranges = new RangeAlgorithm(List.of(0, 10, 20, 30));
    for (int shardCount : new int[] {3, 4}) {
      for (int low = -5; low <= 35; low++) {
        for (int high = low; high <= 36; high++) {
          java.util.BitSet expected = new java.util.BitSet();
          for (int key = low; key <= high; key++) {
            int shard = ranges.shardOf(key, shardCount);
            if (shard >= 0) {
              expected.set(shard);
            }
          }
          assertEquals(expected, ranges.shardsBetween(low, true, high, true, shardCount), low + ".." + high);
        }
      }
    }
  }

  static Stream<Arguments> badBoundaries() {
    return Stream.of(
        Arguments.of(List.of(), "no boundaries"),
        Arguments.of(List.of(100, 50), "boundaries must be strictly increasing, but 100 is followed by 50"),
        Arguments.of(List.of(1, new BigDecimal("1.0")),
            "boundaries must be strictly increasing, but 1 is followed by 1.0"),
        Arguments.of(List.of("2024-02-01", "2024-01-01"),
            "boundaries must be strictly increasing, but '2024-02-01' is followed by '2024-01-01'"),
        Arguments.of(List.of(1, "2024-01-01"),
            "boundary '2024-01-01' is a date and cannot be compared with 1, which is a number"),
        Arguments.of(List.of("a", 5), "boundary 5 is a number and cannot be compared with 'a', which is a string"),
        Arguments.of(List.of(1, Double.NaN), "boundary NaN (java.lang.Double) is not a finite number of a supported type"),
        Arguments.of(List.of(1, new Object() {
          @Override
          public String toString() {
            return "thing";
          }
        }), "is not a number, a date or a string"),
        Arguments.of(Arrays.asList(1, null), "a boundary is null"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badBoundaries")
  void constructor_rejectsBadBoundaries(List<Object> boundaries, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RangeAlgorithm(boundaries));
    assertEquals(true, e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void checkShardCount_acceptsOneBoundaryPerShardOrOneMore() {
    HUNDREDS.checkShardCount(4);
    HUNDREDS.checkShardCount(3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HUNDREDS.checkShardCount(16));
    assertEquals("4 boundaries for 16 shards: give 16 (the last shard open-ended) or 17 (the last boundary closing "
        + "the last shard)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> HUNDREDS.checkShardCount(2));
    assertThrows(IllegalArgumentException.class, () -> HUNDREDS.shardOf(5, 2));
  }

  @Test
  void equalsAlgorithmsWithTheSameBoundaries() {
    assertEquals(new RangeAlgorithm(List.of(1, 2)), new RangeAlgorithm(List.of(new BigDecimal("1.0"), "2")));
    assertEquals(new RangeAlgorithm(List.of(1, 2)).hashCode(),
        new RangeAlgorithm(List.of(new BigDecimal("1.0"), "2")).hashCode());
    assertNotEquals(new RangeAlgorithm(List.of(1, 2)), new RangeAlgorithm(List.of(1, 3)));
    assertEquals(new RangeAlgorithm(List.of("2024-01-01")), new RangeAlgorithm(List.of(LocalDate.of(2024, 1, 1))));
    assertEquals("range[0, 100, 200, 300]", HUNDREDS.toString());
    assertEquals("range['a', 'n']", LETTERS.toString());
  }
}
