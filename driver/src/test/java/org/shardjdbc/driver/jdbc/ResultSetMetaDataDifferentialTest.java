package org.shardjdbc.driver.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Every {@link ResultSetMetaData} method, for every column of every query of {@code metadata/result-metadata.sql},
 * answers through the driver what it answers for the same query on an unsharded copy of the same tables, and
 * {@code getObject} returns values of the classes it returns there: the only
 * difference allowed is the database's name (the unsharded copy's database stands for the logical database). The
 * tables cover the types whose metadata a {@code UNION ALL} changes: ENUM, SET, TINYINT(1), UNSIGNED, AUTO_INCREMENT,
 * NOT NULL, DECIMAL, TEXT, DATETIME(3), VARBINARY, DOUBLE and FLOAT; the layout has 2 data sources of 4 tables each,
 * so that a query over every shard runs as one {@code UNION ALL} per server.
 */
class ResultSetMetaDataDifferentialTest {
  private static final String SINGLE_DATABASE = "m_single";
  private static final String ITEMS = "(id BIGINT NOT NULL AUTO_INCREMENT, kind ENUM('a','b','c') NOT NULL,"
      + " tags SET('x','y','z') NULL, flag TINYINT(1) NULL, qty INT UNSIGNED NOT NULL, price DECIMAL(10,2) NULL,"
      + " name VARCHAR(30) NOT NULL, note TEXT NULL, made DATETIME(3) NULL, raw VARBINARY(8) NULL, ratio DOUBLE NULL,"
      + " PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci";
  private static final String PARTS = "(part_id BIGINT NOT NULL, id BIGINT NOT NULL, label VARCHAR(20) NOT NULL,"
      + " weight FLOAT NULL, PRIMARY KEY (part_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
  private static final String KINDS = "(kind ENUM('a','b','c') NOT NULL, title VARCHAR(20) NULL, PRIMARY KEY (kind))"
      + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
  private static final String OWNERS = "(owner_id INT NOT NULL, name VARCHAR(20) NULL, PRIMARY KEY (owner_id))"
      + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

  private static ShardLayout sharded;
  private static Connection shard;
  private static Connection single;

  @BeforeAll
  static void load() throws SQLException {
    TestServer server = TestServers.shared();
    sharded = ShardLayout.builder().dataSources(server, "m_h", 2).tablesPerDataSource(4)
        .sharded("items", "id").bound("parts", "id", "items").broadcast("kinds").build();
    ShardLayout unsharded = DifferentialDatabase.singleLayout(server, SINGLE_DATABASE);
    List<Object[]> items = new ArrayList<>();
    List<Object[]> parts = new ArrayList<>();
    String[] kinds = {"a", "b", "c"};
    for (int id = 1; id <= 40; id++) {
      items.add(new Object[] {id, kinds[id % 3], id % 4 == 0 ? null : "x,z", id % 2, id % 7, id % 5 == 0 ? null : id * 1.25,
          "item " + (id % 9), id % 3 == 0 ? null : "note " + id, "2026-12-0" + (1 + id % 5) + " 10:00:00.125",
          new byte[] {(byte) id}, id / 8.0});
      parts.add(new Object[] {id * 10, id, "part " + (id % 6), id % 3 == 0 ? null : id / 4.0f});
    }
    for (ShardLayout layout : List.of(unsharded, sharded)) {
      layout.recreateDatabases();
      layout.createTable("items", ITEMS);
      layout.createTable("parts", PARTS);
      layout.createTable("kinds", KINDS);
      layout.createTable("owners", OWNERS);
      layout.insert("items", List.of("id", "kind", "tags", "flag", "qty", "price", "name", "note", "made", "raw", "ratio"),
          items);
      layout.insert("parts", List.of("part_id", "id", "label", "weight"), parts);
      layout.insert("kinds", List.of("kind", "title"), List.of(new Object[] {"a", "Alpha"}, new Object[] {"b", null}));
      layout.insert("owners", List.of("owner_id", "name"), List.of(new Object[] {1, "Ann"}, new Object[] {2, null}));
    }
    shard = DriverManager.getConnection(sharded.url());
    single = unsharded.defaultDataSource().server().connect(SINGLE_DATABASE);
  }

  @AfterAll
  static void close() throws SQLException {
    if (single != null) {
      single.close();
    }
    if (shard != null) {
      for (DataSourcePool pool : shard.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), "connections of " + pool.name() + " still checked out");
      }
      shard.close();
    }
  }

  /** A query of the corpus, and the methods whose answers are known to differ (with the reason in the file). */
  private record Query(String sql, Set<String> knownDifferences, int line) {}

  @TestFactory
  Stream<DynamicTest> everyMethodAnswersAsTheUnshardedCopy() throws IOException {
    List<Query> queries = corpus();
    assertEquals(33, queries.size(), "queries in metadata/result-metadata.sql");
    return queries.stream().map(query -> DynamicTest.dynamicTest("line " + query.line() + ": " + query.sql(),
        () -> compare(query)));
  }

  private static void compare(Query query) throws SQLException {
    Map<String, List<Object>> expected;
    try (Statement statement = single.createStatement(); ResultSet result = statement.executeQuery(query.sql())) {
      expected = describe(result.getMetaData(), SINGLE_DATABASE, sharded.defaultDataSource().database());
      expected.put("getObject classes", objectClasses(result));
    }
    // twice: the second time a server's UNION ALL runs, it runs prepared on the server, its rows and column
    // definitions in MySQL's binary protocol
    for (int run = 1; run <= 2; run++) {
      compare(query, expected, run);
    }
  }

  private static void compare(Query query, Map<String, List<Object>> expected, int run) throws SQLException {
    Map<String, List<Object>> actual;
    try (Statement statement = shard.createStatement(); ResultSet result = statement.executeQuery(query.sql())) {
      actual = describe(result.getMetaData(), null, null);
      actual.put("getObject classes", objectClasses(result));
    }
    assertEquals(expected.keySet(), actual.keySet());
    List<String> differences = new ArrayList<>();
    Set<String> differing = new TreeSet<>();
    for (String method : expected.keySet()) {
      if (!Objects.equals(expected.get(method), actual.get(method))) {
        differing.add(method);
        if (!query.knownDifferences().contains(method)) {
          differences.add(method + ": unsharded " + expected.get(method) + ", driver " + actual.get(method));
        }
      }
    }
    if (!differences.isEmpty()) {
      fail(query.sql() + " (run " + run + ")\n  " + String.join("\n  ", differences));
    }
    assertEquals(new TreeSet<>(query.knownDifferences()), differing,
        "the differences the corpus says are known (run " + run + ")");
  }

  /**
   * Every method's answer for every column, by method name; {@code database}, where a method answers it, reads
   * {@code as}.
   */
  private static Map<String, List<Object>> describe(ResultSetMetaData metadata, String database, String as)
      throws SQLException {
    Map<String, List<Object>> answers = new LinkedHashMap<>();
    int columns = metadata.getColumnCount();
    answers.put("getColumnCount", List.of(columns));
    for (int column = 1; column <= columns; column++) {
      add(answers, "getCatalogName", renamed(metadata.getCatalogName(column), database, as));
      add(answers, "getSchemaName", renamed(metadata.getSchemaName(column), database, as));
      add(answers, "getTableName", metadata.getTableName(column));
      add(answers, "getColumnName", metadata.getColumnName(column));
      add(answers, "getColumnLabel", metadata.getColumnLabel(column));
      add(answers, "getColumnType", metadata.getColumnType(column));
      add(answers, "getColumnTypeName", metadata.getColumnTypeName(column));
      add(answers, "getColumnClassName", metadata.getColumnClassName(column));
      add(answers, "getColumnDisplaySize", metadata.getColumnDisplaySize(column));
      add(answers, "getPrecision", metadata.getPrecision(column));
      add(answers, "getScale", metadata.getScale(column));
      add(answers, "isAutoIncrement", metadata.isAutoIncrement(column));
      add(answers, "isNullable", metadata.isNullable(column));
      add(answers, "isSigned", metadata.isSigned(column));
      add(answers, "isCaseSensitive", metadata.isCaseSensitive(column));
      add(answers, "isCurrency", metadata.isCurrency(column));
      add(answers, "isSearchable", metadata.isSearchable(column));
      add(answers, "isReadOnly", metadata.isReadOnly(column));
      add(answers, "isWritable", metadata.isWritable(column));
      add(answers, "isDefinitelyWritable", metadata.isDefinitelyWritable(column));
    }
    return answers;
  }

  /** The classes of {@code getObject}'s values, column by column, over every row (the classes seen, in order). */
  private static List<Object> objectClasses(ResultSet result) throws SQLException {
    int columns = result.getMetaData().getColumnCount();
    List<Set<String>> classes = new ArrayList<>();
    for (int column = 0; column < columns; column++) {
      classes.add(new TreeSet<>());
    }
    while (result.next()) {
      for (int column = 1; column <= columns; column++) {
        Object value = result.getObject(column);
        if (value != null) {
          classes.get(column - 1).add(value.getClass().getName());
        }
      }
    }
    return new ArrayList<>(classes);
  }

  private static void add(Map<String, List<Object>> answers, String method, Object answer) {
    answers.computeIfAbsent(method, name -> new ArrayList<>()).add(answer);
  }

  private static String renamed(String name, String database, String as) {
    return database != null && database.equals(name) ? as : name;
  }

  private static List<Query> corpus() throws IOException {
    List<Query> queries = new ArrayList<>();
    try (InputStream in = ResultSetMetaDataDifferentialTest.class.getResourceAsStream("/metadata/result-metadata.sql")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int known = line.indexOf("  -- known: ");
        Set<String> methods = new TreeSet<>();
        if (known >= 0) {
          String list = line.substring(known + "  -- known: ".length());
          methods.addAll(Arrays.asList(list.substring(0, list.indexOf(':')).split(",\\s*")));
          line = line.substring(0, known).strip();
        }
        queries.add(new Query(line, methods, i + 1));
      }
    }
    assertTrue(!queries.isEmpty());
    return queries;
  }
}
