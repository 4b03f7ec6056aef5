package org.shardjdbc.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatchingKeysTest {

  static Stream<Arguments> integerColumn() {
    return Stream.of(
        Arguments.of(9L, keys(9L)),
        Arguments.of((short) -9, keys(-9L)),
        Arguments.of(new BigInteger("18446744073709551615"), keys(new BigInteger("18446744073709551615"))),
        Arguments.of(new BigDecimal("9.000"), keys(9L)),
        Arguments.of(new BigDecimal("9.4"), keys()),
        Arguments.of(new BigDecimal("1E+30"), keys()),
        Arguments.of(true, keys(1L)),
        Arguments.of(9.0d, keys(9L)),
        Arguments.of(9.4d, keys()),
        Arguments.of(0x1p53, null),
        Arguments.of(1e17, null),
        Arguments.of(Double.NaN, null),
        Arguments.of(3.0E10f, keys(30000001000L, 30000001024L)),
        Arguments.of("9", keys(9L)),
        Arguments.of(" 9 ", keys(9L)),
        Arguments.of("+9.0e0", keys(9L)),
        Arguments.of("9abc", keys(9L)),
        Arguments.of("abc", keys(0L)),
        Arguments.of("", keys(0L)),
        Arguments.of(".5", keys()),
        Arguments.of("9.0000000000000001", keys(9L)),
        Arguments.of("9007199254740993", keys(9007199254740993L)),
        Arguments.of("9007199254740993.0", null),
        Arguments.of("9223372036854775808", null),
        Arguments.of("1e400", null),
        Arguments.of("\t9", null),
        Arguments.of("\u00a09", keys(0L)),
        Arguments.of(LocalDate.of(2024, 1, 1), null),
        Arguments.of(new byte[] {'9'}, null));
  }

  @ParameterizedTest
  @MethodSource
  void integerColumn(Object value, List<Object> expected) {
    assertEquals(expected, MatchingKeys.equalTo(value, KeyType.INTEGER), String.valueOf(value));
  }

  @Test
  void otherColumns() {
    assertEquals(keys(new BigDecimal("9.40")), MatchingKeys.equalTo(new BigDecimal("9.40"), KeyType.DECIMAL));
    assertNull(MatchingKeys.equalTo(9.4d, KeyType.DECIMAL));
    assertNull(MatchingKeys.equalTo("9.4", KeyType.DECIMAL));
    assertNull(MatchingKeys.equalTo(9L, KeyType.FLOATING));
    assertEquals(keys("9abc"), MatchingKeys.equalTo("9abc", KeyType.GENERAL_CI_STRING));
    assertNull(MatchingKeys.equalTo(9L, KeyType.GENERAL_CI_STRING), "a number compares every stored string as a number");
    assertNull(MatchingKeys.equalTo(LocalDate.of(2024, 1, 1), KeyType.BINARY_STRING));
    assertEquals(keys(LocalDateTime.of(2024, 1, 1, 0, 0)), MatchingKeys.equalTo("2024-01-01", KeyType.DATE_TIME));
    assertEquals(keys(LocalDateTime.of(2024, 1, 1, 10, 0, 0, 500_000_000)),
        MatchingKeys.equalTo("2024-01-01T10:00:00.5", KeyType.DATE_TIME));
    assertEquals(keys(LocalDateTime.of(2024, 1, 1, 0, 0)), MatchingKeys.equalTo(java.sql.Date.valueOf("2024-01-01"),
        KeyType.DATE_TIME));
    assertNull(MatchingKeys.equalTo("2024-1-1", KeyType.DATE_TIME), "MySQL reads it, the pattern does not");
    assertNull(MatchingKeys.equalTo("2024-02-30", KeyType.DATE_TIME));
    assertNull(MatchingKeys.equalTo(20240101L, KeyType.DATE_TIME));
    assertNull(MatchingKeys.equalTo(LocalTime.NOON, KeyType.DATE_TIME));
    assertNull(MatchingKeys.equalTo(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1), KeyType.DATE_TIME), "nanoseconds");
    assertNull(MatchingKeys.equalTo(9L, KeyType.OTHER));
  }

  @Test
  void bound_takesTheReadingThatKeepsMoreKeys() {
    assertEquals(new MatchingKeys.RangeBound(new BigDecimal("9"), false),
        MatchingKeys.bound(9L, false, true, KeyType.INTEGER));
    // '9.0000000000000001' is 9 as a double and a little more exactly: a lower bound takes 9, inclusive
    assertEquals(new MatchingKeys.RangeBound(new BigDecimal(9.0d), true),
        MatchingKeys.bound("9.0000000000000001", false, true, KeyType.INTEGER));
    assertEquals(new MatchingKeys.RangeBound(new BigDecimal("9.0000000000000001"), true),
        MatchingKeys.bound("9.0000000000000001", false, false, KeyType.INTEGER));
    assertNull(MatchingKeys.bound("a", true, true, KeyType.GENERAL_CI_STRING), "a string column's order is the collation's");
    assertNull(MatchingKeys.bound(1e17, true, true, KeyType.INTEGER));
    assertEquals(new MatchingKeys.RangeBound(LocalDateTime.of(2024, 1, 1, 0, 0), true),
        MatchingKeys.bound(LocalDate.of(2024, 1, 1), true, false, KeyType.DATE_TIME));
  }

  @Test
  void keyType_fromInformationSchema() {
    assertEquals(KeyType.INTEGER, KeyType.of("bigint", null));
    assertEquals(KeyType.INTEGER, KeyType.of("INT", null));
    assertEquals(KeyType.DECIMAL, KeyType.of("decimal", null));
    assertEquals(KeyType.FLOATING, KeyType.of("double", null));
    assertEquals(KeyType.GENERAL_CI_STRING, KeyType.of("varchar", "utf8mb4_general_ci"));
    assertEquals(KeyType.GENERAL_CI_STRING, KeyType.of("char", "utf8mb3_general_nopad_ci"));
    assertEquals(KeyType.BINARY_STRING, KeyType.of("varchar", "utf8mb4_bin"));
    assertEquals(KeyType.BINARY_STRING, KeyType.of("text", "latin1_bin"));
    assertEquals(KeyType.OTHER_STRING, KeyType.of("varchar", "utf8mb4_0900_ai_ci"));
    assertEquals(KeyType.OTHER_STRING, KeyType.of("varchar", "utf8mb4_unicode_ci"));
    assertEquals(KeyType.OTHER_STRING, KeyType.of("varchar", "latin1_swedish_ci"));
    assertEquals(KeyType.DATE_TIME, KeyType.of("datetime", null));
    assertEquals(KeyType.OTHER, KeyType.of("time", null));
    assertEquals(KeyType.OTHER, KeyType.of("varbinary", null));
    assertEquals(KeyType.OTHER, KeyType.of(null, null));
  }

  @Test
  void hash_stringsOfAGeneralCiColumn_keepTheShardsOfEqualStrings() {
    HashAlgorithm hash = new HashAlgorithm();
    int shards = 65521;
    BitSet kept = hash.shardsMatching("Straße", KeyType.GENERAL_CI_STRING, shards);
    for (String equal : List.of("STRASSE", "strase", "STRAßE", "Strasse ", "ſtraſſe")) {
      assertEquals(true, kept.get(hash.shardOf(equal, shards)), equal);
    }
    // '1é5' equals '1e5' under general_ci, and '1e5' reads as the number 100000
    assertEquals(true, hash.shardsMatching("1é5", KeyType.GENERAL_CI_STRING, shards).get(hash.shardOf(100000L, shards)));
    assertEquals(true, hash.shardsMatching("1e5", KeyType.GENERAL_CI_STRING, shards).get(hash.shardOf("1É5", shards)));
    // a lower-case t is no date-time separator, but equals the upper-case T that is
    assertEquals(true, hash.shardsMatching("2024-01-01t10:00:00", KeyType.GENERAL_CI_STRING, shards)
        .get(hash.shardOf(LocalDateTime.of(2024, 1, 1, 10, 0), shards)));
    assertEquals(1, hash.shardsMatching("abc", KeyType.BINARY_STRING, shards).cardinality());
    assertEquals(shards, hash.shardsMatching("abc", KeyType.OTHER_STRING, shards).cardinality());
    assertEquals(shards, hash.shardsMatching(9L, KeyType.GENERAL_CI_STRING, shards).cardinality());
    assertEquals(shards, hash.shardsMatching("s".repeat(7), KeyType.GENERAL_CI_STRING, shards).cardinality(),
        "2^7 strings equal to sssssss: every shard");
  }

  private static List<Object> keys(Object... keys) {
    return new ArrayList<>(Arrays.asList(keys));
  }
}
