package org.shardjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.TestServers;
import org.shardjdbc.planner.model.HashAlgorithm;
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.RangeAlgorithm;
import org.shardjdbc.planner.model.ShardingAlgorithm;

/**
 * The built-in algorithms route a string compared with a {@code utf8mb4_general_ci} key to every shard of the
 * strings the collation finds equal to it, for every character of the BMP: the server's own weights
 * ({@code WEIGHT_STRING}) group the characters, and for any two characters of a group, routing the one must keep the
 * shard of the other. With a prime number of hash shards near 2^16, and a range per folded character, two different
 * folded keys rarely share a shard, so a character the routing forgets shows.
 */
class GeneralCiRoutingTest {
  private static final int SHARDS = 65521;

  @Test
  void everyCharacter_keepsTheShardsOfTheCharactersTheCollationFindsEqual() throws SQLException {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    int characters = 0;
    try (Connection connection = TestServers.shared().connect("");
        Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION max_recursive_iterations = 100000");
      try (ResultSet rows = statement.executeQuery("WITH RECURSIVE code_points (n) AS (SELECT 32 UNION ALL"
          + " SELECT n + 1 FROM code_points WHERE n < 65535)"
          + " SELECT CONVERT(CHAR(n USING utf32) USING utf8mb4) AS c,"
          + " HEX(WEIGHT_STRING(CONVERT(CHAR(n USING utf32) USING utf8mb4) COLLATE utf8mb4_general_ci))"
          + " FROM code_points WHERE n NOT BETWEEN 55296 AND 57343")) {
        while (rows.next()) {
          groups.computeIfAbsent(rows.getString(2), weight -> new ArrayList<>()).add(rows.getString(1));
          characters++;
        }
      }
    }
    assertEquals(65535 - 32 + 1 - 2048, characters, "BMP characters from U+0020, surrogates left out");

    List<Object> boundaries = ranges();
    Map<ShardingAlgorithm, Integer> algorithms =
        Map.of(new HashAlgorithm(), SHARDS, new RangeAlgorithm(boundaries), boundaries.size());
    int pairs = 0;
    List<String> lost = new ArrayList<>();
    for (List<String> group : groups.values()) {
      for (String routed : group) {
        for (Map.Entry<ShardingAlgorithm, Integer> entry : algorithms.entrySet()) {
          ShardingAlgorithm algorithm = entry.getKey();
          BitSet kept = algorithm.shardsMatching("x" + routed + "y", KeyType.GENERAL_CI_STRING, entry.getValue());
          for (String stored : group) {
            pairs++;
            int shard = algorithm.shardOf("x" + stored + "y", entry.getValue());
            if (!kept.get(shard)) {
              lost.add(algorithm + ": " + codePoint(routed) + " does not keep the shard of " + codePoint(stored));
            }
          }
        }
      }
    }
    assertEquals(List.of(), lost.subList(0, Math.min(20, lost.size())), lost.size() + " of " + pairs + " pairs lost");
    assertTrue(pairs > characters * 2, "pairs checked: " + pairs);
  }

  /**
   * One range per BMP character that is its own folded key (upper case, no accent), after an {@code X}: the shard of
   * a string {@code x?y} tells the folded key of its second character.
   */
  private static List<Object> ranges() {
    List<Object> boundaries = new ArrayList<>();
    boundaries.add("");
    for (char c = ' '; c < Character.MAX_VALUE; c++) {
      String character = String.valueOf(c);
      String folded = Normalizer.normalize(character, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
          .toUpperCase(Locale.ROOT);
      if (!Character.isSurrogate(c) && c != ' ' && folded.equals(character)) {
        boundaries.add("X" + character);
      }
    }
    return boundaries;
  }

  private static String codePoint(String character) {
    return String.format("U+%04X", character.codePointAt(0));
  }
}
