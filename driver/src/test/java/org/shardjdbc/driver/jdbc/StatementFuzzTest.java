package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.ShopData;
import org.shardjdbc.driver.testing.SqlFuzzer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Bad input never breaks the driver: generated and mutated statements ({@link SqlFuzzer}) and a list of extreme ones
 * (10,000 nested parentheses, IN lists of 100,000 values, megabyte literals, ...) go through {@code Statement} and
 * {@code PreparedStatement}, writes of a table {@code scratch} and batches too, against a small sharded shop (2 data
 * sources x 4 tables), each with a query timeout of
 * {@value #QUERY_TIMEOUT_SECONDS} s. Every case must end in a result (read to its end) or an SQLException: any other
 * throwable ({@code StackOverflowError} and {@code OutOfMemoryError} included) or a case still running
 * {@value #HANG_SECONDS} s after it started fails the test. Afterwards no connection is left checked out and the driver
 * answers a known query correctly.
 *
 * <p>{@code mvn verify} runs {@value #DEFAULT_CASES} cases of seed {@value #DEFAULT_SEED}; the full run is
 * {@code mvn -pl driver -am verify -Dtest=StatementFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dshard.fuzz.cases=100000} ({@code -Dshard.fuzz.seed=N} for another seed, {@code -Dshard.fuzz.first=N} to run from case
 * N on, as when a defect is printed with its number).
 */
class StatementFuzzTest {
  static final int DEFAULT_CASES = 3_000;
  static final long DEFAULT_SEED = 13;
  private static final int QUERY_TIMEOUT_SECONDS = 5;
  private static final int HANG_SECONDS = QUERY_TIMEOUT_SECONDS + 25;
  private static final int MAX_ROWS_READ = 10_000;

  private static DifferentialDatabase database;
  private static ExecutorService worker;

  @BeforeAll
  static void load() throws SQLException {
    ShardLayout layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "fuzz_h", 2)
        .tablesPerDataSource(4)
        .sharded("orders", "order_id")
        .bound("order_items", "order_id", "orders")
        .broadcast("countries")
        .sharded("scratch", "id")
        .build();
    database = DifferentialDatabase.load(layout, DifferentialDatabase.singleLayout(TestServers.shared(), "fuzz_single"),
        ShopData.generate(ShopData.DEFAULT_SEED, 400, layout.table("orders").shardCount()));
    layout.createTable("scratch", "(id BIGINT PRIMARY KEY, n INT, s VARCHAR(100))");
    worker = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "fuzz-worker");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.shutdownNow();
    }
  }

  @Test
  void generatedAndMutatedStatements_endInAResultOrAnSQLException() throws Exception {
    int cases = Integer.getInteger("shard.fuzz.cases", DEFAULT_CASES);
    long seed = Long.getLong("shard.fuzz.seed", DEFAULT_SEED);
    SqlFuzzer fuzzer = new SqlFuzzer(seed);
    // made one at a time: a hundred thousand cases, some with megabytes of text, would not fit in memory together
    long first = Long.getLong("shard.fuzz.first", 0);
    Iterator<SqlFuzzer.Case> all = LongStream.range(0, cases).mapToObj(fuzzer::next).filter(c -> c.number() >= first)
        .iterator();
    Outcomes outcomes = run(all);
    System.out.printf("StatementFuzzTest: %d cases of seed %d in %d ms: %s%n", cases, seed, outcomes.millis, outcomes);
    assertEquals(List.of(), outcomes.defects);
    assertEquals(cases, outcomes.total());
    assertTrue(outcomes.results > cases / 10, "too few cases reached a result: " + outcomes);
  }

  @Test
  void extremeStatements_endInAResultOrAnSQLException() throws Exception {
    List<SqlFuzzer.Case> cases = new ArrayList<>();
    long number = 0;
    for (String sql : extremes()) {
      cases.add(new SqlFuzzer.Case(number++, false, sql, List.of()));
    }
    cases.add(new SqlFuzzer.Case(number++, true, "SELECT * FROM orders WHERE order_id IN (" + "?, ".repeat(99_999) + "?)",
        sequentialLongs(100_000)));
    cases.add(new SqlFuzzer.Case(number++, true, "SELECT ?" + ", ?".repeat(70_000), sequentialLongs(70_001)));
    cases.add(new SqlFuzzer.Case(number++, true, "SELECT order_id FROM orders WHERE order_id = ?",
        List.of(new SqlFuzzer.Parameter(SqlFuzzer.Setter.STRING, 1, "z".repeat(8_000_000)))));
    Outcomes outcomes = run(cases.iterator());
    System.out.printf("StatementFuzzTest: %d extreme cases in %d ms: %s%n", cases.size(), outcomes.millis, outcomes);
    assertEquals(List.of(), outcomes.defects);
    assertEquals(cases.size(), outcomes.total());
  }

  /**
   * Classic injection strings as parameter values: each comes back as written, selects exactly the rows the same
   * statement selects on the unsharded copy, and the data is unchanged afterwards.
   */
  @Test
  void injectionStrings_areSentAsParametersNeverAsSql() throws SQLException {
    Map<String, String> before = checksums();
    List<String> values = new ArrayList<>(SqlFuzzer.INJECTIONS);
    values.add("0");
    values.add("1");
    try (Connection shard = database.connectShard(); Connection single = database.connectSingle()) {
      for (String value : values) {
        assertEquals(List.of(List.of(value)), rows(shard, "SELECT ? AS v", value), value);
        assertEquals(List.of(List.of(value), List.of(value)),
            rows(shard, "SELECT ? FROM orders ORDER BY order_id LIMIT 2", value), value);
        for (String sql : List.of(
            "SELECT COUNT(*) FROM orders WHERE status = ?",
            "SELECT order_id, ? FROM orders WHERE order_id = 17",
            "SELECT order_id FROM orders WHERE note LIKE ? ORDER BY order_id",
            "SELECT order_id FROM orders WHERE order_id = ? ORDER BY order_id",
            "SELECT order_id FROM orders WHERE order_id IN (?, 17) ORDER BY order_id",
            "SELECT COUNT(*) FROM order_items i JOIN orders o ON o.order_id = i.order_id WHERE o.status <> ?")) {
          assertEquals(rows(single, sql, value), rows(shard, sql, value), sql + " with " + value);
        }
      }
    }
    assertEquals(before, checksums());
  }

  private static List<List<String>> rows(Connection connection, String sql, String value) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int column = 1; column <= columns; column++) {
            row.add(result.getString(column));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** CHECKSUM TABLE of every table of every database of the layout and of the unsharded copy. */
  private static Map<String, String> checksums() throws SQLException {
    Map<String, String> checksums = new TreeMap<>();
    List<ShardLayout.DataSource> dataSources = new ArrayList<>(database.layout().dataSources());
    dataSources.addAll(database.single().dataSources());
    for (ShardLayout.DataSource dataSource : dataSources) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SHOW TABLES")) {
          while (result.next()) {
            tables.add(result.getString(1));
          }
        }
        for (String table : tables) {
          try (ResultSet result = statement.executeQuery("CHECKSUM TABLE `" + table + "` EXTENDED")) {
            result.next();
            checksums.put(dataSource.database() + "." + table, result.getString(2));
          }
        }
      }
    }
    // 8 orders, 8 order_items and 8 scratch tables, countries on both data sources, customers on the default one; 4
    // unsharded
    assertEquals(31, checksums.size(), "tables: " + checksums.keySet());
    return checksums;
  }

  private static List<SqlFuzzer.Parameter> sequentialLongs(int count) {
    List<SqlFuzzer.Parameter> parameters = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      parameters.add(new SqlFuzzer.Parameter(SqlFuzzer.Setter.LONG, i, (long) i));
    }
    return parameters;
  }

  /** Statements that push sizes and depths far beyond what anyone writes. */
  static List<String> extremes() {
    StringBuilder inList = new StringBuilder("SELECT order_id FROM orders WHERE order_id IN (0");
    StringBuilder orTerms = new StringBuilder("SELECT order_id FROM orders WHERE order_id = 0");
    StringBuilder unions = new StringBuilder("SELECT 1");
    for (int i = 1; i < 100_000; i++) {
      inList.append(", ").append(i);
      if (i < 10_000) {
        orTerms.append(" OR order_id = ").append(i);
        unions.append(" UNION ALL SELECT ").append(i);
      }
    }
    inList.append(')');
    return List.of(
        "SELECT " + "(".repeat(10_000) + "1" + ")".repeat(10_000),
        "SELECT order_id FROM orders WHERE order_id = " + "(".repeat(10_000) + "1" + ")".repeat(10_000),
        "SELECT * FROM orders WHERE " + "(".repeat(10_000) + "order_id = 1" + ")".repeat(10_000),
        "SELECT " + "(".repeat(100_000) + "1" + ")".repeat(100_000),
        "SELECT " + "(".repeat(10_000),
        "SELECT " + ")".repeat(10_000),
        "SELECT " + "ABS(".repeat(10_000) + "1" + ")".repeat(10_000),
        "SELECT order_id FROM orders WHERE " + "NOT ".repeat(10_000) + "order_id = 1",
        "SELECT " + "-".repeat(10_000) + "1",
        "SELECT " + "CASE WHEN 1 THEN ".repeat(3_000) + "1" + " END".repeat(3_000),
        "SELECT * FROM orders WHERE order_id IN (" + "SELECT order_id FROM orders WHERE order_id IN (".repeat(1_000) + "1"
            + ")".repeat(1_001),
        "SELECT order_id FROM (".repeat(1_000) + "SELECT order_id FROM orders" + ") t".repeat(1_000),
        inList.toString(),
        orTerms.toString(),
        unions.toString(),
        "SELECT COUNT(*) FROM orders WHERE status IN (" + "'a', ".repeat(50_000) + "'b')",
        "SELECT '" + "x".repeat(5_000_000) + "'",
        "SELECT order_id FROM orders WHERE note = '" + "\u00e9".repeat(1_000_000) + "'",
        "SELECT " + "9".repeat(10_000),
        "SELECT " + "1".repeat(1_000) + "." + "1".repeat(1_000) + "e" + "9".repeat(100),
        "SELECT `" + "c".repeat(100_000) + "` FROM orders",
        "SELECT order_id FROM " + "o".repeat(100_000),
        "SELECT /*" + " ".repeat(1_000_000) + "*/ 1",
        "SELECT 1 -- " + "-".repeat(100_000),
        "SELECT 1;".repeat(10_000),
        "SELECT '" + "\\".repeat(9_999) + "'",
        "SELECT 'unterminated",
        "SELECT /* unterminated",
        "SELECT \"unterminated",
        "SELECT `unterminated",
        "",
        " ",
        ";",
        "\u0000",
        "SELECT \u0000 FROM orders",
        "SELECT '\uD800' FROM orders WHERE order_id = 1",
        "SELECT \uD800 FROM orders",
        "\uFEFFSELECT 1",
        "SELECT\u00a01",
        "SELECT \u202Eorder_id FROM orders",
        "SELECT order_id FROM orders WHERE status = '\uD83D\uDE00\uD83D\uDE00'",
        "SELECT order_id AS `\uD83D\uDE00` FROM orders ORDER BY 1 LIMIT 3",
        "SELECT order_id, SLEEP(1) FROM orders",
        "SELECT BENCHMARK(1000000000, MD5('x'))",
        "SELECT order_id FROM orders WHERE order_id = 1 AND SLEEP(100) = 0",
        "SELECT * FROM orders LIMIT 18446744073709551615",
        "SELECT * FROM orders LIMIT 18446744073709551615, 18446744073709551615",
        "SELECT * FROM orders ORDER BY order_id LIMIT 9223372036854775807, 1",
        "SELECT * FROM orders WHERE order_id = 99999999999999999999999999999999",
        "SELECT * FROM orders WHERE order_id BETWEEN -9223372036854775808 AND 9223372036854775807",
        "SELECT * FROM orders WHERE order_id IN ()",
        "EXPLAIN " + "EXPLAIN ".repeat(1_000) + "SELECT 1",
        "SELECT ? FROM orders");
  }

  /**
   * Runs each case on the worker thread, one after another, each through a logical connection of its own (closed after
   * it, which ends any transaction or session setting the case began).
   */
  private static Outcomes run(Iterator<SqlFuzzer.Case> cases) throws Exception {
    Outcomes outcomes = new Outcomes();
    long started = System.nanoTime();
    try (Connection connection = DriverManager.getConnection(database.shardUrl())) {
      while (cases.hasNext()) {
        SqlFuzzer.Case fuzzCase = cases.next();
        Future<String> outcome = worker.submit(() -> {
          try (Connection own = DriverManager.getConnection(database.shardUrl())) {
            return runCase(own, fuzzCase);
          }
        });
        try {
          outcomes.count(outcome.get(HANG_SECONDS, TimeUnit.SECONDS));
          if (outcomes.total() % 10_000 == 0) {
            System.out.printf("StatementFuzzTest: %d cases so far in %d s: %s%n", outcomes.total(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), outcomes);
          }
        } catch (TimeoutException e) {
          outcome.cancel(true);
          outcomes.defect("still running after " + HANG_SECONDS + " s: " + fuzzCase);
          break;
        } catch (ExecutionException e) {
          outcomes.defect(fuzzCase + " threw " + stackTrace(e.getCause()));
        }
        if (outcomes.defects.size() >= 20) {
          break;
        }
      }
      assertDriverAnswersNormally(connection);
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
      }
    }
    outcomes.millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return outcomes;
  }

  /**
   * @return the outcome's name: "result", "update count" or the SQLException's class and SQLState
   * @throws Throwable anything but an SQLException, which is a defect
   */
  private static String runCase(Connection connection, SqlFuzzer.Case fuzzCase) throws Exception {
    try {
      if (fuzzCase.prepared()) {
        try (PreparedStatement statement = connection.prepareStatement(fuzzCase.sql())) {
          statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
          for (int i = 0; i < Math.max(1, fuzzCase.batch()); i++) {
            for (SqlFuzzer.Parameter parameter : fuzzCase.parameters()) {
              parameter.apply(statement);
            }
            if (fuzzCase.batch() > 0) {
              statement.addBatch();
            }
          }
          return fuzzCase.batch() > 0 ? batchOutcome(statement.executeBatch(), fuzzCase.batch())
              : outcome(statement, statement.execute());
        }
      }
      if (fuzzCase.batch() > 0) {
        try (Statement statement = connection.createStatement()) {
          statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
          for (String sql : fuzzCase.sql().split(SqlFuzzer.BATCH_SEPARATOR)) {
            statement.addBatch(sql);
          }
          return batchOutcome(statement.executeBatch(), fuzzCase.batch());
        }
      }
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return outcome(statement, statement.execute(fuzzCase.sql()));
      }
    } catch (SQLException e) {
      return e.getClass().getSimpleName() + " " + e.getSQLState();
    }
  }

  /** "batch"; a batch that returns a count per statement it was given, or throws. */
  private static String batchOutcome(int[] counts, int size) throws SQLException {
    if (counts.length != size) {
      throw new IllegalStateException("a batch of " + size + " returned " + counts.length + " counts");
    }
    return "batch";
  }

  private static String outcome(Statement statement, boolean hasResult) throws SQLException {
    if (!hasResult) {
      return "update count";
    }
    try (ResultSet rows = statement.getResultSet()) {
      int columns = rows.getMetaData().getColumnCount();
      int read = 0;
      while (read < MAX_ROWS_READ && rows.next()) {
        for (int column = 1; column <= columns; column++) {
          rows.getObject(column);
          rows.getString(column);
        }
        read++;
      }
    }
    return "result";
  }

  private static void assertDriverAnswersNormally(Connection connection) throws SQLException {
    List<Object[]> orders = database.data().tables().stream().filter(table -> table.name().equals("orders")).findFirst()
        .orElseThrow().rows();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
      assertTrue(rows.next());
      assertEquals(orders.size(), rows.getLong(1));
    }
    long key = ((Number) orders.get(0)[0]).longValue();
    try (PreparedStatement statement = connection.prepareStatement("SELECT order_id FROM orders WHERE order_id = ?")) {
      statement.setLong(1, key);
      try (ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next());
        assertEquals(key, rows.getLong(1));
      }
    }
  }

  private static String stackTrace(Throwable throwable) {
    StringWriter text = new StringWriter();
    throwable.printStackTrace(new PrintWriter(text));
    String trace = text.toString();
    return trace.length() > 3000 ? trace.substring(0, 3000) + "..." : trace;
  }

  /** How many cases ended how. */
  private static final class Outcomes {
    final Map<String, Integer> counts = new TreeMap<>();
    final List<String> defects = new ArrayList<>();
    int results;
    long millis;

    void defect(String defect) {
      System.out.println("StatementFuzzTest defect: " + defect);
      defects.add(defect);
    }

    void count(String outcome) {
      counts.merge(outcome, 1, Integer::sum);
      if (outcome.equals("result")) {
        results++;
      }
    }

    int total() {
      int total = defects.size();
      for (int count : counts.values()) {
        total += count;
      }
      return total;
    }

    @Override
    public String toString() {
      return counts + (defects.isEmpty() ? "" : ", " + defects.size() + " defects");
    }
  }
}
