package org.shardjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.HashAlgorithm;
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;
import org.shardjdbc.planner.model.RangeAlgorithm;
import org.shardjdbc.planner.model.ShardingAlgorithm;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.route.KeyConditionEvaluation;
import org.shardjdbc.planner.route.Router;

/**
 * Pruning never loses a row: thousands of generated WHERE clauses over a shard key, each checked against a real
 * server. One table per key column type holds keys that bite (signs, 2^53, the ends of BIGINT, numeric strings, case,
 * accent and trailing-space variants, {@code ß}, Greek letters, NULL); each key's shard is what the algorithm places it
 * on. For every clause the server, unsharded, says which keys match; the planner (analysis, then the key conditions
 * of that execution) says which shards it keeps; the kept shards must include the shard of every matching key, and
 * every shard when a NULL key matches (a NULL key has no shard of its own).
 *
 * <p>Clauses combine AND, OR, XOR, NOT, IS [NOT] TRUE/FALSE, =, {@code <=>}, !=, IN, NOT IN with NULLs, BETWEEN,
 * NOT BETWEEN, comparisons and IS [NOT] NULL over literals of every kind ({@code '9abc'}, {@code 9.4}, {@code 1e17},
 * {@code 0x0A}, {@code ~5}, {@code TRUE}, {@code DATE '…'}, ...) and parameters of every Java type a PreparedStatement
 * takes, bound with {@code setObject} as the driver binds them.
 *
 * <p>The generator is seeded: {@code -Dpruning.seed=N} repeats a run, and every failure names its seed.
 */
class RandomizedPruningTest {
  private static final String DATABASE = "t_pruning";
  private static final int SHARDS = 16;
  private static final int CLAUSES_PER_TABLE = 750;
  private static final long DEFAULT_SEED = 20240229L;

  private static final List<Object> INTEGER_KEYS = keys(Long.MIN_VALUE, Long.MIN_VALUE + 1, -100L, -10L, -5L, -1L, 0L,
      1L, 5L, 9L, 10L, 11L, 100L, 1000L, 2024L, 20240101L, 9007199254740991L, 9007199254740992L, 9007199254740993L,
      9007199254740994L, 9007199254740995L, 99999999999999998L, 99999999999999999L, 100000000000000000L,
      100000000000000001L, 30000000000L, 30000001024L, Long.MAX_VALUE - 1, Long.MAX_VALUE, null);
  private static final List<Object> STRING_KEYS = keys("", " ", "a", "A", "a ", "ab", "AB", "abc", "abcd", "b", "é",
      "e", "E", "É", "ß", "s", "S", "ss", "SS", "sß", "Straße", "STRASSE", "strasse", "9", "09", " 9", "9 ", "9.0",
      "9abc", "1e1", "10", "1E1", "1é1", "x", "X", "M", "m", "mn", "Mn ", "2024-01-01", "2024-01-01 10:00:00",
      "2024-01-01T10:00:00", "2024-01-01t10:00:00", "ι", "Ι", "\u0345", "σ", "ς", "Σ", "ϲ", "Ϲ", "\t9", "日本",
      "\uD83D\uDE00", "\uFFFD", "a\u0301", "á", "0", "-5", "abc\t", "Z", "z", null);
  private static final List<Object> DATE_TIME_KEYS = keys(LocalDateTime.of(2024, 1, 1, 0, 0),
      LocalDateTime.of(2024, 1, 1, 10, 0), LocalDateTime.of(2024, 1, 1, 10, 0, 0, 500_000_000),
      LocalDateTime.of(2023, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(2024, 2, 29, 12, 0),
      LocalDateTime.of(2024, 1, 31, 0, 0), LocalDateTime.of(2024, 2, 1, 0, 0), LocalDateTime.of(2025, 6, 1, 0, 0),
      LocalDateTime.of(2020, 1, 1, 0, 0), null);

  /** Literals as written in SQL: numbers, strings and other forms, for every key type at once. */
  private static final List<String> LITERALS = List.of("0", "9", "10", "-5", "5", "11", "100", "2024", "9007199254740992",
      "9007199254740993", "99999999999999999", "100000000000000000", "9223372036854775807", "-9223372036854775808",
      "18446744073709551615", "99999999999999999999999", "9.0", "9.4", "9.5", "10.0", "-0.5", "9.0000000000000001",
      "8.99999999999999999999", "1e1", "9e0", "1e17", "1.0E17", "9007199254740993e0", "0x0A", "~5", "- -5", "-(9)",
      "+9", "(10)", "TRUE", "FALSE", "NULL", "'9'", "'09'", "' 9'", "'9 '", "'9.0'", "'9abc'", "'9.0000000000000001'",
      "'1e1'", "'10'", "'abc'", "''", "' '", "'\\t9'", "'0x0A'", "'99999999999999999'", "'9007199254740993'",
      "'9007199254740993.0'", "'1e17'", "'a'", "'A'", "'a '", "'é'", "'E'", "'É'", "'e'", "'s'", "'S'", "'ß'", "'ss'",
      "'SS'", "'Straße'", "'STRASSE'", "'ι'", "'Ι'", "'\u0345'", "'σ'", "'Σ'", "'ϲ'", "'x'", "'M'", "'mn'", "'2024-01-01'",
      "'2024-01-01 10:00:00'", "'2024-01-01T10:00:00'", "'2024-01-01t10:00:00'", "'2024-1-1'", "'20240101'", "'1é1'",
      "'1E1'", "'abc' 'd'", "_utf8mb4'9'", "DATE '2024-01-01'", "TIMESTAMP '2024-01-01 10:00:00'", "TIME '10:00:00'",
      "20240101", "20240101100000", "'2024-01-01 10:00:00.5'", "'Z'");
  /** Parameters of every Java type a PreparedStatement takes. */
  private static final List<Object> PARAMETERS = keys(9L, 10L, -5L, 0L, 9007199254740993L, Long.MAX_VALUE, 9, (short) 9,
      (byte) 9, BigInteger.valueOf(9), new BigInteger("18446744073709551615"), new BigDecimal("9.0"),
      new BigDecimal("9.4"), new BigDecimal("9.0000000000000001"), new BigDecimal("1E+1"), 9.0d, 9.4d, 1e17d,
      9.007199254740993E15d, 9f, 3.0E10f, 9.4f, true, false, null, "9", "9abc", " 9", "é", "ß", "s", "SS", "a", "A ",
      "2024-01-01", "2024-01-01 10:00:00", "9.0000000000000001", "", "Σ", "ϲ", LocalDate.of(2024, 1, 1),
      LocalDateTime.of(2024, 1, 1, 10, 0), java.sql.Date.valueOf("2024-01-01"),
      java.sql.Timestamp.valueOf("2024-01-01 10:00:00"));

  private static final List<String> INTEGER_LITERALS = List.of("0", "9", "10", "-5", "5", "11", "100", "-100",
      "9007199254740992", "9007199254740993", "99999999999999999", "100000000000000001", "9223372036854775807",
      "-9223372036854775808", "9.0", "9.4", "10.0", "1e1", "'9'", "'10'", "' 9'", "'9abc'", "'-5'", "TRUE", "NULL");
  private static final List<Object> INTEGER_PARAMETERS = keys(9L, 10L, -5L, 0L, 5L, 11L, 100L, 9007199254740993L,
      99999999999999999L, Long.MAX_VALUE, Long.MIN_VALUE, 9, BigDecimal.TEN, new BigDecimal("9.0"), 9.0d, "9", "10",
      null);
  private static final List<String> STRING_LITERALS = List.of("'9'", "'09'", "' 9'", "'9.0'", "'10'", "'abc'", "'ab'",
      "'AB'", "'a'", "'A'", "'a '", "'é'", "'E'", "'e'", "'s'", "'S'", "'ß'", "'ss'", "'SS'", "'Straße'", "'STRASSE'",
      "'x'", "'M'", "'mn'", "'Mn'", "'Z'", "'Σ'", "'σ'", "'ϲ'", "'ι'", "'2024-01-01'", "'2024-01-01t10:00:00'", "'1e1'",
      "'1é1'", "'日本'", "''", "NULL");
  private static final List<Object> STRING_PARAMETERS = keys("9", "09", "abc", "ABC", "a", "a ", "é", "E", "s", "ß",
      "SS", "sß", "Straße", "strasse", "M", "mn", "Z", "Σ", "ς", "2024-01-01T10:00:00", "1E1", "1é1", "", null);
  private static final List<String> DATE_TIME_LITERALS = List.of("'2024-01-01'", "'2024-01-01 10:00:00'",
      "'2024-01-01T10:00:00'", "'2024-01-01 10:00:00.5'", "'2024-02-29 12:00:00'", "'2023-12-31 23:59:59.999999'",
      "'2024-01-31'", "'2025-06-01'", "DATE '2024-01-01'", "TIMESTAMP '2024-01-01 10:00:00'", "'2024-1-1'", "20240101",
      "NULL");
  private static final List<Object> DATE_TIME_PARAMETERS = keys(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29),
      LocalDateTime.of(2024, 1, 1, 10, 0), LocalDateTime.of(2024, 1, 1, 10, 0, 0, 500_000_000),
      java.sql.Date.valueOf("2024-01-31"), java.sql.Timestamp.valueOf("2024-02-29 12:00:00"), "2024-01-01",
      "2024-01-01 10:00:00", "2025-06-01", null);

  /** A physical table of keys, and the algorithms whose placement of them is checked. */
  /**
   * A physical table of keys, the algorithms whose placement of them is checked, and the literals and parameters of
   * the keys' own kind that clauses use most.
   */
  private record KeyTable(String name, String columnType, List<Object> keys, List<ShardingAlgorithm> algorithms,
      List<String> literals, List<Object> parameters) {}

  private record Clause(String sql, List<Object> parameters) {}

  @Test
  void everyClause_keepsEveryShardWithAMatchingRow() throws SQLException {
    long seed = Long.getLong("pruning.seed", DEFAULT_SEED);
    List<Object> stringBoundaries = keys("", "!", "-A", "0A", "9A", "A", "E", "M", "S", "SS", "ST", "T", "Z", "Ι", "Σ",
        "日");
    List<KeyTable> keyTables = List.of(
        new KeyTable("ik", "BIGINT", INTEGER_KEYS, List.of(new ModAlgorithm(), new HashAlgorithm(),
            new RangeAlgorithm(keys(Long.MIN_VALUE, -100, -10, 0, 5, 9, 10, 11, 100, 1000, 9007199254740992L,
                9007199254740994L, 99999999999999999L, 100000000000000000L, 100000000000000001L, Long.MAX_VALUE))),
            INTEGER_LITERALS, INTEGER_PARAMETERS),
        new KeyTable("sk", "VARCHAR(40) COLLATE utf8mb4_general_ci", STRING_KEYS,
            List.of(new HashAlgorithm(), new ModAlgorithm(), new RangeAlgorithm(stringBoundaries)), STRING_LITERALS,
            STRING_PARAMETERS),
        new KeyTable("sb", "VARCHAR(40) COLLATE utf8mb4_bin", STRING_KEYS,
            List.of(new HashAlgorithm(), new RangeAlgorithm(stringBoundaries)), STRING_LITERALS, STRING_PARAMETERS),
        new KeyTable("dk", "DATETIME(6)", DATE_TIME_KEYS, List.of(new HashAlgorithm(), new RangeAlgorithm(keys(
            "2020-01-01", "2023-12-01", "2023-12-31 23:59:59.999999", "2024-01-01", "2024-01-01 00:00:00.000001",
            "2024-01-01 10:00:00", "2024-01-01 10:00:00.5", "2024-01-02", "2024-01-31", "2024-02-01", "2024-02-29",
            "2024-02-29 12:00:00", "2024-03-01", "2025-01-01", "2025-06-01", "2025-06-02"))), DATE_TIME_LITERALS,
            DATE_TIME_PARAMETERS));
    List<LogicalTable> logical = new ArrayList<>();
    for (KeyTable table : keyTables) {
      List<DataNode> nodes = new ArrayList<>();
      for (int shard = 0; shard < SHARDS; shard++) {
        nodes.add(new DataNode("h0", table.name() + "_" + shard));
      }
      logical.add(new LogicalTable(table.name(), "k", table.algorithms().get(0), nodes, null, false, null));
    }
    StatementAnalyzer analyzer = new StatementAnalyzer(new ShardingModel(List.of("h0"), "h0", logical));

    TestServer server = TestServers.shared();
    server.recreateDatabase(DATABASE);
    int cases = 0;
    int pruned = 0;
    List<String> failures = new ArrayList<>();
    try (Connection connection = server.connect(DATABASE)) {
      for (int t = 0; t < keyTables.size(); t++) {
        KeyTable table = keyTables.get(t);
        create(connection, table);
        KeyType keyType = keyType(connection, table.name());
        Random random = new Random(seed * 31 + t);
        for (int i = 0; i < CLAUSES_PER_TABLE; i++) {
          Clause clause = new ClauseGenerator(random, table).clause();
          List<Object> matching = matchingKeys(connection, table, clause);
          Analysis.ShardedSelect select =
              (Analysis.ShardedSelect) analyzer.analyze("SELECT k FROM " + table.name() + " t WHERE " + clause.sql());
          assertEquals(1, select.conditions().size(), clause.sql());
          Router.route(select, clause.parameters(), any -> keyType); // routes without a refusal
          for (ShardingAlgorithm algorithm : table.algorithms()) {
            cases++;
            BitSet kept = new KeyConditionEvaluation(algorithm, SHARDS, clause.parameters(), () -> keyType)
                .shards(select.conditions().get(0));
            if (kept.cardinality() < SHARDS) {
              pruned++;
            }
            BitSet lost = shards(algorithm, matching);
            lost.andNot(kept);
            if (!lost.isEmpty()) {
              failures.add(table.name() + " by " + algorithm + " (" + keyType + "): WHERE " + clause.sql() + " "
                  + describe(clause.parameters()) + "\n    matching keys " + matching + ", kept " + kept + ", lost " + lost);
            }
          }
        }
      }
    }
    System.out.printf("randomized pruning: %d cases (%d clauses on each of %d key tables, each clause routed by every"
        + " algorithm of its table; seed %d), %d pruned to fewer than %d shards, %d lost a shard%n", cases,
        CLAUSES_PER_TABLE, keyTables.size(), seed, pruned, SHARDS, failures.size());
    for (String failure : failures.subList(0, Math.min(40, failures.size()))) {
      System.out.println("  " + failure);
    }
    assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())),
        failures.size() + " clauses lost a shard (seed " + seed + ", -Dpruning.seed=" + seed + " repeats the run)");
    assertTrue(pruned * 5 > cases, "only " + pruned + " of " + cases + " clauses pruned: the test would not notice a loss");
  }

  /** The keys of the rows the server finds for the clause, as JDBC reads them. */
  private static List<Object> matchingKeys(Connection connection, KeyTable table, Clause clause) throws SQLException {
    List<Object> keys = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT k FROM " + table.name() + " t WHERE " + clause.sql())) {
      for (int i = 0; i < clause.parameters().size(); i++) {
        statement.setObject(i + 1, clause.parameters().get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getObject(1));
        }
      }
    } catch (SQLException e) {
      throw new SQLException(table.name() + ": WHERE " + clause.sql() + " " + describe(clause.parameters()), e);
    }
    return keys;
  }

  /**
   * The shards an algorithm places keys on; every shard for a NULL key, which has no shard of its own. A key the
   * algorithm cannot place cannot be stored under it and counts for no shard.
   */
  private static BitSet shards(ShardingAlgorithm algorithm, List<Object> keys) {
    BitSet shards = new BitSet();
    for (Object key : keys) {
      if (key == null) {
        shards.set(0, SHARDS);
        continue;
      }
      int shard = algorithm.shardOf(key, SHARDS);
      if (shard >= 0) {
        shards.set(shard);
      }
    }
    return shards;
  }

  private static KeyType keyType(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT DATA_TYPE, COLLATION_NAME FROM"
        + " information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = 'k'")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next(), table);
        return KeyType.of(rows.getString(1), rows.getString(2));
      }
    }
  }

  private static void create(Connection connection, KeyTable table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table.name() + " (k " + table.columnType() + " NULL)");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table.name() + " VALUES (?)")) {
      for (Object key : table.keys()) {
        insert.setObject(1, key);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static String describe(List<Object> parameters) {
    if (parameters.isEmpty()) {
      return "";
    }
    List<String> shown = new ArrayList<>();
    for (Object parameter : parameters) {
      shown.add(parameter == null ? "null" : parameter.getClass().getSimpleName() + " " + parameter);
    }
    return shown.toString();
  }

  private static List<Object> keys(Object... keys) {
    return new ArrayList<>(Arrays.asList(keys)); // may hold null
  }

  /**
   * Random clauses over the key {@code k} of a table aliased {@code t}: mostly the shapes that prune (=, IN,
   * BETWEEN, comparisons, AND), with values of the key's own kind more often than others, and every other shape and
   * kind of value among them.
   */
  private static final class ClauseGenerator {
    private static final List<String> COMPARISONS = List.of("=", "<=>", "!=", "<>", "<", "<=", ">", ">=");
    private static final List<String> KEY_NAMES = List.of("k", "t.k", "`k`", "K");

    private final Random random;
    private final KeyTable table;
    private final List<Object> parameters = new ArrayList<>();

    ClauseGenerator(Random random, KeyTable table) {
      this.random = random;
      this.table = table;
    }

    Clause clause() {
      String sql = condition(0);
      return new Clause(sql, parameters);
    }

    private String condition(int depth) {
      int choice = random.nextInt(depth >= 3 ? 60 : 100);
      if (choice < 20) {
        return random.nextBoolean() ? key() + " " + pick(COMPARISONS) + " " + value() : value() + " " + pick(COMPARISONS) + " " + key();
      } else if (choice < 35) {
        return key() + (random.nextBoolean() ? " = " : " <=> ") + value();
      } else if (choice < 45) {
        return key() + (random.nextInt(5) == 0 ? " NOT IN (" : " IN (") + values() + ")";
      } else if (choice < 52) {
        return key() + (random.nextInt(4) == 0 ? " NOT BETWEEN " : " BETWEEN ") + value() + " AND " + value();
      } else if (choice < 55) {
        return key() + (random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
      } else if (choice < 57) {
        return key();
      } else if (choice < 60) {
        return "(" + condition(depth + 1) + ") IS " + pick(List.of("TRUE", "FALSE", "NOT TRUE", "NOT FALSE"));
      } else if (choice < 78) {
        return "(" + condition(depth + 1) + pick(List.of(" AND ", " AND ", " && ")) + condition(depth + 1) + ")";
      } else if (choice < 88) {
        return "(" + condition(depth + 1) + pick(List.of(" OR ", " OR ", " || ")) + condition(depth + 1) + ")";
      } else if (choice < 94) {
        return "(" + condition(depth + 1) + " XOR " + condition(depth + 1) + ")";
      } else {
        return pick(List.of("NOT (", "!(")) + condition(depth + 1) + ")";
      }
    }

    private String key() {
      return pick(KEY_NAMES);
    }

    private String values() {
      int count = 1 + random.nextInt(4);
      StringBuilder list = new StringBuilder();
      for (int i = 0; i < count; i++) {
        list.append(i == 0 ? "" : ", ").append(value());
      }
      return list.toString();
    }

    /** A literal or a parameter: of the key's own kind three times in five. */
    private String value() {
      boolean own = random.nextInt(5) < 3;
      if (random.nextBoolean()) {
        return pick(own ? table.literals() : LITERALS);
      }
      parameters.add(pick(own ? table.parameters() : PARAMETERS));
      return "?";
    }

    private <T> T pick(List<T> choices) {
      return choices.get(random.nextInt(choices.size()));
    }
  }
}
