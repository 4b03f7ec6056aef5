package org.shardjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * SPEC §4's writes, differentially: one seeded random sequence of writes runs through {@code jdbc:shard:} over 4
 * databases x 16 tables and directly on one unsharded database, and every step must give the same update count,
 * batch counts or failure on both; at the end every table must hold the same rows, and every row of a sharded table
 * must be in the physical table its key maps to and in no other.
 *
 * <p>The sequence has single- and multi-row INSERTs (with and without a column list, the key in any position),
 * REPLACE, INSERT IGNORE, upserts, INSERT … SET and INSERT … SELECT between bound tables, UPDATE and DELETE by key, by
 * IN list, by range and by other columns, multi-table UPDATE and DELETE of bound tables, writes of a broadcast table,
 * batches of Statements and PreparedStatements, committed and rolled-back transactions, and bad input: duplicate keys
 * (also in the middle of a multi-row INSERT and of a batch), missing and NULL keys, syntax errors inside a batch.
 * Keys come from a small range with negatives, so they collide; strings have quotes, backslashes, emoji and trailing
 * spaces. Statements the driver refuses (a change of the shard key, LIMIT over several shards) must be refused and
 * change nothing; they are not run on the unsharded database.
 *
 * <p>It runs under two settings of the physical URLs: mysql-connector-j's defaults, and
 * {@code useAffectedRows=true&rewriteBatchedStatements=true}; the unsharded database is read with the same
 * {@code useAffectedRows} and without batch rewriting, which is what the driver's callers must see either way.
 */
class DifferentialWriteTest {
  private static final int STEPS = 400;
  private static final String[] NAMES = {"alice", "Alice", "O'Brien", "back\\slash", "emoji 😀", "trail  ", "Trail",
      "", "quote\"d", "tab\there", "ü", "naïve"};

  private Random random;
  private Connection shard;
  private Connection single;
  private int step;

  @ParameterizedTest(name = "seed {0}, physical URL options ''{1}''")
  @CsvSource(delimiter = '|', value = {
      "20260101 | ''                                                  | ''",
      "11       | &useAffectedRows=true&rewriteBatchedStatements=true | &useAffectedRows=true"})
  void randomWrites_matchOneDatabase(long seed, String physicalOptions, String singleOptions) throws SQLException {
    TestServer server = TestServers.shared();
    ShardLayout layout = ShardLayout.builder()
        .dataSources(server, "dw_h", 4)
        .tablesPerDataSource(16)
        .sharded("accounts", "id")
        .bound("entries", "account_id", "accounts")
        .broadcast("tags")
        .urlOptions(physicalOptions)
        .build();
    layout.recreateDatabases();
    server.recreateDatabase("dw_single");
    random = new Random(seed);
    try (Connection shardConnection = DriverManager.getConnection(layout.url());
        Connection singleConnection = DriverManager.getConnection(server.jdbcUrl("dw_single") + singleOptions,
            server.user(), server.password())) {
      shard = shardConnection;
      single = singleConnection;
      for (String table : List.of(
          "CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL DEFAULT '', balance INT NOT NULL "
              + "DEFAULT 0, note VARCHAR(40))",
          "CREATE TABLE entries (account_id BIGINT NOT NULL, seq INT NOT NULL, amount INT NOT NULL, memo VARCHAR(40), "
              + "PRIMARY KEY (account_id, seq))",
          "CREATE TABLE tags (code VARCHAR(10) PRIMARY KEY, label VARCHAR(40))")) {
        both(table, true);
      }
      for (step = 0; step < STEPS; step++) {
        randomStep();
      }
      compareTables(layout);
      for (DataSourcePool pool : shard.unwrap(ShardConnection.class).runtime().pools().values()) {
        assertEquals(0, pool.borrowedConnections(), "connections left borrowed from " + pool.name());
      }
    }
    System.out.printf("differential writes: seed %d, options '%s': %d steps matched%n", seed, physicalOptions, STEPS);
  }

  private void randomStep() throws SQLException {
    int kind = random.nextInt(100);
    if (kind < 8) {
      preparedInsert();
    } else if (kind < 16) {
      both(insertRows("INSERT", "accounts"), true);
    } else if (kind < 20) {
      both("INSERT INTO accounts VALUES (" + key() + ", " + name() + ", " + random.nextInt(100) + ", NULL)", true);
    } else if (kind < 24) {
      both(insertRows("REPLACE", "accounts"), true);
    } else if (kind < 28) {
      both(insertRows("INSERT IGNORE", "accounts"), true);
    } else if (kind < 34) {
      both(insertRows("INSERT", "accounts") + " ON DUPLICATE KEY UPDATE balance = balance + VALUES(balance), note = "
          + (random.nextBoolean() ? "VALUES(name)" : "note"), true);
    } else if (kind < 36) {
      both("INSERT INTO accounts SET name = " + name() + ", id = " + key(), true);
    } else if (kind < 44) {
      preparedUpdateByKey();
    } else if (kind < 52) {
      both("UPDATE accounts SET balance = balance " + (random.nextBoolean() ? "+" : "-") + " " + random.nextInt(9)
          + ", note = " + name() + " WHERE " + condition(), true);
    } else if (kind < 55) {
      both("DELETE FROM accounts WHERE " + condition(), true);
    } else if (kind < 58) {
      both(insertRows("INSERT IGNORE", "accounts"), true);
    } else if (kind < 60) {
      both("UPDATE accounts SET note = " + name() + " WHERE id = " + key() + " ORDER BY id LIMIT 1", true);
    } else if (kind < 66) {
      both(insertEntries(), true);
    } else if (kind < 68) {
      long low = key();
      both("INSERT INTO entries (account_id, seq, amount, memo) SELECT id, " + (100 + random.nextInt(3))
          + ", balance, name FROM accounts WHERE id BETWEEN " + low + " AND " + (low + random.nextInt(10)), true);
    } else if (kind < 70) {
      both("UPDATE accounts a JOIN entries e ON e.account_id = a.id SET a.balance = a.balance + e.amount, e.memo = a.name"
          + " WHERE e.seq = " + random.nextInt(4), true);
    } else if (kind < 72) {
      both("DELETE e FROM entries e JOIN accounts a ON a.id = e.account_id WHERE a.balance < " + random.nextInt(20), true);
    } else if (kind < 76) {
      tags();
    } else if (kind < 82) {
      preparedBatch();
    } else if (kind < 86) {
      statementBatch();
    } else if (kind < 92) {
      badInput();
    } else {
      transaction();
    }
  }

  private long key() {
    return random.nextInt(80) - 20;
  }

  private String name() {
    return literal(NAMES[random.nextInt(NAMES.length)]);
  }

  /** A MySQL string literal: quotes doubled, backslashes escaped (the servers read backslash escapes). */
  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  private String insertRows(String verb, String table) {
    StringBuilder sql = new StringBuilder(verb + " INTO " + table);
    boolean keyFirst = random.nextBoolean();
    sql.append(keyFirst ? " (id, name, balance) VALUES " : " (`name`, balance, `ID`) VALUES ");
    int rows = 1 + random.nextInt(5);
    for (int i = 0; i < rows; i++) {
      String key = String.valueOf(key());
      String name = name();
      String balance = String.valueOf(random.nextInt(100));
      sql.append(i == 0 ? "" : ", ").append('(')
          .append(keyFirst ? key + ", " + name + ", " + balance : name + ", " + balance + ", " + key).append(')');
    }
    return sql.toString();
  }

  private String insertEntries() {
    StringBuilder sql = new StringBuilder("INSERT INTO entries (seq, account_id, amount, memo) VALUES ");
    int rows = 1 + random.nextInt(4);
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append('(').append(random.nextInt(4)).append(", ").append(key()).append(", ")
          .append(random.nextInt(50) - 10).append(", ").append(name()).append(')');
    }
    return sql.toString();
  }

  /** A WHERE condition: by key, IN list, range, or other columns. */
  private String condition() {
    switch (random.nextInt(6)) {
      case 0:
        return "id = " + key();
      case 1:
        return "id IN (" + key() + ", " + key() + ", " + key() + ")";
      case 2: {
        long low = key();
        return "id BETWEEN " + low + " AND " + (low + random.nextInt(12));
      }
      case 3:
        return "id > " + key() + " AND id <= " + key();
      case 4:
        return "name = " + name();
      default:
        return "balance > " + random.nextInt(150);
    }
  }

  private void preparedInsert() throws SQLException {
    long key = key();
    String name = NAMES[random.nextInt(NAMES.length)];
    int balance = random.nextInt(100);
    String sql = "INSERT INTO accounts (id, name, balance) VALUES (?, ?, ?)";
    compare(sql + " [" + key + ", " + name + "]", run(shard, sql, key, name, balance), run(single, sql, key, name, balance));
  }

  private void preparedUpdateByKey() throws SQLException {
    int delta = random.nextInt(10);
    String note = NAMES[random.nextInt(NAMES.length)];
    long key = key();
    String sql = "UPDATE accounts SET balance = balance + ?, note = ? WHERE id = ?";
    compare(sql + " [" + key + "]", run(shard, sql, delta, note, key), run(single, sql, delta, note, key));
  }

  private void tags() throws SQLException {
    String code = "t" + random.nextInt(6);
    switch (random.nextInt(3)) {
      case 0:
        both("INSERT INTO tags (code, label) VALUES ('" + code + "', " + name() + ")", true);
        break;
      case 1:
        both("UPDATE tags SET label = " + name() + " WHERE code = '" + code + "'", true);
        break;
      default:
        both("DELETE FROM tags WHERE code = '" + code + "'", true);
        break;
    }
  }

  private void preparedBatch() throws SQLException {
    int size = 2 + random.nextInt(20);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      rows.add(new Object[] {key(), NAMES[random.nextInt(NAMES.length)], random.nextInt(100)});
    }
    String sql = random.nextInt(4) == 0
        ? "INSERT INTO accounts (id, name, balance) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE balance = VALUES(balance)"
        : "INSERT INTO accounts (id, name, balance) VALUES (?, ?, ?)";
    compare("prepared batch of " + size + ": " + sql, preparedBatch(shard, sql, rows), preparedBatch(single, sql, rows));
  }

  private static String preparedBatch(Connection connection, String sql, List<Object[]> rows) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          statement.setObject(i + 1, row[i]);
        }
        statement.addBatch();
      }
      return "batch " + Arrays.toString(statement.executeBatch());
    } catch (BatchUpdateException e) {
      return "batch " + Arrays.toString(e.getUpdateCounts());
    } catch (SQLException e) {
      return outcome(e);
    }
  }

  private void statementBatch() throws SQLException {
    List<String> statements = new ArrayList<>();
    int size = 2 + random.nextInt(6);
    for (int i = 0; i < size; i++) {
      switch (random.nextInt(6)) {
        case 0:
          statements.add(insertRows("INSERT", "accounts"));
          break;
        case 1:
          statements.add("UPDATE accounts SET balance = balance + 1 WHERE " + condition());
          break;
        case 2:
          statements.add("DELETE FROM accounts WHERE " + condition());
          break;
        case 3:
          statements.add(insertEntries());
          break;
        case 4:
          statements.add("UPDATE accounts SET WHERE id = " + key());
          break;
        default:
          statements.add("INSERT INTO accounts (id, name) VALUES (" + key() + ", " + name() + ")");
          break;
      }
    }
    compare("batch " + statements, statementBatch(shard, statements), statementBatch(single, statements));
  }

  private static String statementBatch(Connection connection, List<String> statements) {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.addBatch(sql);
      }
      return "batch " + Arrays.toString(statement.executeBatch());
    } catch (BatchUpdateException e) {
      return "batch " + Arrays.toString(e.getUpdateCounts());
    } catch (SQLException e) {
      return outcome(e);
    }
  }

  /** Input that must fail, or that the driver must refuse and leave unchanged. */
  private void badInput() throws SQLException {
    switch (random.nextInt(7)) {
      case 0:
        both("INSERT INTO accounts (name) VALUES (" + name() + ")", true);
        break;
      case 1:
        // the NULL key first: MySQL reports the first row that fails, and the driver finds a NULL key before running
        both("INSERT INTO accounts (id, name) VALUES (NULL, 'b'), (" + key() + ", 'a')", true);
        break;
      case 2: {
        String sql = "INSERT INTO accounts (id) VALUES (?)";
        compare(sql + " [NULL]", run(shard, sql, (Object) null), run(single, sql, (Object) null));
        break;
      }
      case 3:
        refused("UPDATE accounts SET id = id + 100 WHERE id = " + key());
        break;
      case 4:
        refused("DELETE FROM accounts WHERE balance > 50 ORDER BY balance LIMIT 2");
        break;
      case 5:
        refused("INSERT INTO accounts (id, balance) VALUES (" + key() + ", 1) ON DUPLICATE KEY UPDATE id = id + 1000");
        break;
      default:
        both("UPDATE accounts SET balance = WHERE id = 1", true);
        break;
    }
  }

  /**
   * A transaction on both connections, begun and ended through JDBC or as SQL text: a few writes, then commit or
   * rollback.
   */
  private void transaction() throws SQLException {
    boolean text = random.nextBoolean();
    if (text) {
      both("START TRANSACTION", true);
    } else {
      shard.setAutoCommit(false);
      single.setAutoCommit(false);
    }
    try {
      int writes = 1 + random.nextInt(5);
      for (int i = 0; i < writes; i++) {
        switch (random.nextInt(5)) {
          case 0:
            preparedInsert();
            break;
          case 1:
            both(insertRows("INSERT", "accounts"), true);
            break;
          case 2:
            both("UPDATE accounts SET balance = balance * 2 WHERE " + condition(), true);
            break;
          case 3:
            both("DELETE FROM accounts WHERE " + condition(), true);
            break;
          default:
            both(insertEntries(), true);
            break;
        }
      }
      both("SELECT COUNT(*), SUM(balance) FROM accounts", false);
      boolean commit = random.nextBoolean();
      if (text) {
        both(commit ? "COMMIT" : "ROLLBACK", true);
      } else if (commit) {
        shard.commit();
        single.commit();
      } else {
        shard.rollback();
        single.rollback();
      }
    } finally {
      if (!text) {
        shard.setAutoCommit(true);
        single.setAutoCommit(true);
      }
    }
  }

  private void refused(String sql) throws SQLException {
    String outcome = run(shard, sql);
    if (!outcome.equals("refused")) {
      fail("step " + step + ": the driver must refuse " + sql + ", but: " + outcome);
    }
  }

  /** Runs SQL on both connections and compares the outcomes; a query's outcome is its rows. */
  private void both(String sql, boolean update) throws SQLException {
    compare(sql, update ? run(shard, sql) : rows(shard, sql), update ? run(single, sql) : rows(single, sql));
  }

  private void compare(String what, String sharded, String unsharded) {
    if (!sharded.equals(unsharded)) {
      fail("step " + step + ": " + what + "\n  through the driver: " + sharded + "\n  unsharded:          " + unsharded);
    }
  }

  private static String run(Connection connection, String sql, Object... parameters) {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return "count " + statement.executeUpdate();
    } catch (SQLException e) {
      return outcome(e);
    }
  }

  private static String outcome(SQLException e) {
    if (e instanceof SQLFeatureNotSupportedException) {
      return "refused";
    }
    return "error" + (e.getSQLState() != null && e.getSQLState().startsWith("23") ? " " + e.getErrorCode() : "");
  }

  private static String rows(Connection connection, String sql) throws SQLException {
    return table(connection, sql).toString();
  }

  private static List<List<Object>> table(Connection connection, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private void compareTables(ShardLayout layout) throws SQLException {
    for (String query : List.of("SELECT * FROM accounts ORDER BY id", "SELECT * FROM entries ORDER BY account_id, seq",
        "SELECT * FROM tags ORDER BY code")) {
      List<List<Object>> expected = table(single, query);
      assertEquals(expected, table(shard, query), query);
      System.out.printf("differential writes: %s: %d rows match%n", query, expected.size());
    }
    checkPlacement(layout, "accounts", table(single, "SELECT id FROM accounts").size());
    checkPlacement(layout, "entries", table(single, "SELECT account_id FROM entries").size());
    List<List<Object>> tags = table(single, "SELECT * FROM tags ORDER BY code");
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection copy = dataSource.server().connect(dataSource.database())) {
        assertEquals(tags, table(copy, "SELECT * FROM tags ORDER BY code"), "the copy of tags on " + dataSource.name());
      }
    }
  }

  /** Every row of every physical table is where its key maps to, and the tables hold {@code rows} rows in all. */
  private static void checkPlacement(ShardLayout layout, String table, int rows) throws SQLException {
    LogicalTable logical = layout.table(table);
    int found = 0;
    for (DataNode node : logical.nodes()) {
      ShardLayout.DataSource dataSource = layout.dataSource(node.dataSource());
      try (Connection physical = dataSource.server().connect(dataSource.database())) {
        for (List<Object> row : table(physical, "SELECT " + logical.shardKey() + " FROM " + node.table())) {
          assertEquals(node, layout.nodeOf(table, row.get(0)), table + " row with key " + row.get(0));
          found++;
        }
      }
    }
    assertEquals(rows, found, "rows of " + table + " in its physical tables");
    assertTrue(rows > 0, "the sequence left rows in " + table);
  }
}
