package org.shardjdbc.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shardjdbc.planner.model.ShardingAlgorithm.ALL_SHARDS;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HashAlgorithmTest {
  private final HashAlgorithm hash = new HashAlgorithm();

  /**
   * Fixed placements, computed outside Java ({@code zlib.crc32(text.encode()) % n} in Python). If one of these
   * fails, stored rows would move: fix the code, never the table.
   */
  @ParameterizedTest(name = "''{0}'' is on shard {1} of 16, {2} of 128, {3} of 7")
  @CsvSource(delimiter = '|', value = {
      "0                     | 1  | 33  | 4",
      "1                     | 7  | 55  | 2",
      "42                    | 8  | 8   | 3",
      "-7                    | 15 | 31  | 1",
      "2.5                   | 3  | 99  | 0",
      "1000                  | 7  | 23  | 2",
      "ABC                   | 8  | 72  | 5",
      "ORDER-1001            | 6  | 54  | 2",
      "2024-02-01            | 14 | 94  | 2",
      "2024-02-01 10:00:00.5 | 1  | 113 | 6",
      "10:00:00              | 13 | 45  | 4",
      "9223372036854775807   | 14 | 94  | 5",
      "STRASSE               | 7  | 39  | 1"})
  void shardOf_placementNeverChanges(String key, int on16, int on128, int on7) {
    assertEquals(on16, hash.shardOf(key, 16));
    assertEquals(on128, hash.shardOf(key, 128));
    assertEquals(on7, hash.shardOf(key, 7));
  }

  @Test
  void shardOf_placementNeverChangesForTypedKeys() {
    assertEquals(8, hash.shardOf(42L, 16));
    assertEquals(8, hash.shardOf(42, 16));
    assertEquals(15, hash.shardOf(-7L, 16));
    assertEquals(3, hash.shardOf(new BigDecimal("2.50"), 16));
    assertEquals(7, hash.shardOf(1e3, 16));
    assertEquals(14, hash.shardOf(Long.MAX_VALUE, 16));
    assertEquals(8, hash.shardOf("abc", 16));
    assertEquals(4, hash.shardOf("Café", 16));
    assertEquals(14, hash.shardOf(java.sql.Date.valueOf("2024-02-01"), 16));
    assertEquals(1, hash.shardOf(Timestamp.valueOf("2024-02-01 10:00:00.500"), 16));
    assertEquals(13, hash.shardOf(Time.valueOf("10:00:00"), 16));
    assertEquals(8, hash.shardOf("ABC".getBytes(StandardCharsets.UTF_8), 16));
  }

  static Stream<Arguments> equalKeys() {
    return Stream.of(
        Arguments.of("5", List.of(5L, 5, (short) 5, (byte) 5, BigInteger.valueOf(5), new BigDecimal("5.00"),
            new BigDecimal("0.5E+1"), 5.0, 5.0f, "5", " 5 ", "5.0", "+5", "5e0", "05")),
        Arguments.of("-7", List.of(-7L, new BigDecimal("-7.0"), -7.0, "-7", "-7.000")),
        Arguments.of("0", List.of(0L, false, new BigDecimal("0.000"), 0.0, -0.0, "-0", "0.0", ".0")),
        Arguments.of("1", List.of(true, 1L, "1")),
        Arguments.of("2.5", List.of(new BigDecimal("2.50"), 2.5, 2.5f, "2.5", "2.500", "25e-1")),
        Arguments.of("0.1", List.of(0.1, 0.1f, new BigDecimal("0.1"), "0.10")),
        Arguments.of("100000000000000000000", List.of(1e20, new BigDecimal("1E+20"),
            new BigInteger("100000000000000000000"), "1e20")),
        Arguments.of("9007199254740993", List.of(9007199254740993L, "9007199254740993")),
        Arguments.of("ABC", List.of("abc", "ABC", "Abc", "abc ", "abc   ", "ÁBC", "ábç", "a\u0301bc")),
        Arguments.of(" ABC", List.of(" abc", " ABC ")),
        Arguments.of("", List.of("", "   ")),
        Arguments.of("STRASSE", List.of("straße", "STRASSE", "Strasse")),
        Arguments.of("\uFFFD!", List.of("\uD83D\uDE00!", "\uD83D\uDE01!")),
        Arguments.of("2024-02-01", List.of(java.sql.Date.valueOf("2024-02-01"), LocalDate.of(2024, 2, 1),
            Timestamp.valueOf("2024-02-01 00:00:00"), LocalDateTime.of(2024, 2, 1, 0, 0), "2024-02-01",
            "2024-02-01 00:00:00", "2024-02-01T00:00:00.000", " 2024-02-01 ")),
        Arguments.of("2024-02-01 10:00:00.5", List.of(Timestamp.valueOf("2024-02-01 10:00:00.5"),
            LocalDateTime.of(2024, 2, 1, 10, 0, 0, 500_000_000), "2024-02-01 10:00:00.500000",
            "2024-02-01T10:00:00.5")),
        Arguments.of("2024-02-01 10:00:00.000001", List.of(LocalDateTime.of(2024, 2, 1, 10, 0, 0, 1000),
            "2024-02-01 10:00:00.000001")),
        Arguments.of("2024-02-01 10:11:12", List.of(LocalDateTime.of(2024, 2, 1, 10, 11, 12),
            "2024-02-01 10:11:12")),
        Arguments.of("10:00:00", List.of(Time.valueOf("10:00:00"), LocalTime.of(10, 0), "10:00:00", "10:00:00.000")),
        Arguments.of("2024-02-30", List.of("2024-02-30")), // no date: hashed as text
        Arguments.of("12ABC", List.of("12abc")));
  }

  @ParameterizedTest(name = "canonical text {0}")
  @MethodSource("equalKeys")
  void canonicalText_isOneForKeysMysqlFindsEqual(String expected, List<Object> keys) {
    for (Object key : keys) {
      assertEquals(expected, HashAlgorithm.canonicalText(key), () -> key + " (" + key.getClass().getName() + ")");
    }
  }

  @Test
  void canonicalText_ofHugeNumbersIsScientific() {
    assertEquals("1E+401", HashAlgorithm.canonicalText(new BigDecimal("1E+401")));
    assertEquals("1" + "0".repeat(400), HashAlgorithm.canonicalText(new BigDecimal("1E+400")));
    assertEquals("1E+9999", HashAlgorithm.canonicalText("1e9999"));
    assertEquals("1E99999", HashAlgorithm.canonicalText("1e99999")); // too long an exponent: text
    assertEquals(309, HashAlgorithm.canonicalText(Double.MAX_VALUE).length());
  }

  @Test
  void shardOf_keysThatCannotBeHashedAreOnEveryShard() {
    assertEquals(ALL_SHARDS, hash.shardOf(Double.NaN, 16));
    assertEquals(ALL_SHARDS, hash.shardOf(Float.NEGATIVE_INFINITY, 16));
    assertEquals(ALL_SHARDS, hash.shardOf(new Object(), 16));
    assertEquals(ALL_SHARDS, hash.shardOf(UUID.randomUUID(), 16));
  }

  @Test
  void shardOf_differentKeysUsuallyDiffer() {
    assertNotEquals(HashAlgorithm.canonicalText("abc"), HashAlgorithm.canonicalText("abd"));
    assertNotEquals(HashAlgorithm.canonicalText(" abc"), HashAlgorithm.canonicalText("abc"));
    assertNotEquals(HashAlgorithm.canonicalText(5.5), HashAlgorithm.canonicalText(5));
  }

  @ParameterizedTest(name = "{0} shards")
  @CsvSource({"8", "16", "128"})
  void shardOf_spreadsSequentialAndTextKeysEvenly(int shardCount) {
    int keys = 200_000;
    int[] numbers = new int[shardCount];
    int[] texts = new int[shardCount];
    for (long key = 0; key < keys; key++) {
      numbers[hash.shardOf(key, shardCount)]++;
      texts[hash.shardOf("user-" + key, shardCount)]++;
    }
    double mean = (double) keys / shardCount;
    for (int shard = 0; shard < shardCount; shard++) {
      assertTrue(Math.abs(numbers[shard] - mean) < mean * 0.1, "numbers on shard " + shard + ": " + numbers[shard]);
      assertTrue(Math.abs(texts[shard] - mean) < mean * 0.1, "texts on shard " + shard + ": " + texts[shard]);
    }
  }

  @Test
  void shardsBetween_asksEveryShard() {
    assertEquals("{0, 1, 2, 3}", hash.shardsBetween(1, true, 2, true, 4).toString());
  }

  @Test
  void equalsEveryHashAlgorithm() {
    assertEquals(new HashAlgorithm(), hash);
    assertNotEquals(new ModAlgorithm(), hash);
    assertEquals("hash", hash.toString());
  }
}
