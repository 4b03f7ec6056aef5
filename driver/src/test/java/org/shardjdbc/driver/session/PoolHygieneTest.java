package org.shardjdbc.driver.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.ConnectionImpl;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Nothing a logical connection does reaches the next borrower of a pooled physical connection. Each statement that
 * changes session state, in many spellings, runs with autocommit on, inside BEGIN … COMMIT, and with autocommit off;
 * the statements it accepts must show on every data source it reads, and afterwards every idle connection of every
 * pool is taken out of its pool and compared with a fresh one: all its session variables ({@code SHOW SESSION
 * VARIABLES}: autocommit, isolation, read-only, time zone, SQL mode, character sets …), no open transaction, its own
 * default database, no user variable, temporary table, prepared statement or named lock. A named lock keeps its
 * connection out of the pool while it is held, and is released when the logical connection closes.
 */
class PoolHygieneTest {
  private static ShardLayout layout;
  /** Per data source, the session variables of a fresh pooled connection that two fresh ones agree on. */
  private static final Map<String, Map<String, String>> BASELINE = new HashMap<>();

  /**
   * A session statement; {@code refusal} is null when it is accepted, {@code probe} an expression it changes;
   * {@code holdsLock} whether the logical connection holds the named lock leak_lock afterwards.
   */
  private record Case(String sql, String refusal, String probe, String expected, boolean holdsLock) {
    static Case accepted(String sql) {
      return new Case(sql, null, null, null, false);
    }

    static Case accepted(String sql, String probe, String expected) {
      return new Case(sql, null, probe, expected, false);
    }

    static Case takesLock(String sql) {
      return new Case(sql, null, null, null, true);
    }

    static Case refused(String sql, String refusal) {
      return new Case(sql, refusal, null, null, false);
    }
  }

  private static final List<Case> CASES = List.of(
      Case.accepted("SET time_zone = '+03:00'", "@@time_zone", "+03:00"),
      Case.accepted("/* leading comment */ SET @@session.time_zone='-02:00'", "@@time_zone", "-02:00"),
      Case.accepted("SET/*c*/@@SESSION.sql_mode='STRICT_ALL_TABLES'", "@@sql_mode", "STRICT_ALL_TABLES"),
      Case.accepted("SET\tforeign_key_checks\t=\t0,\n unique_checks = OFF", "@@foreign_key_checks", "0"),
      Case.accepted("set local innodb_lock_wait_timeout := 7", "@@innodb_lock_wait_timeout", "7"),
      Case.accepted("SET SESSION lc_time_names = 'de_DE'", "@@lc_time_names", "de_DE"),
      Case.accepted("SET NAMES utf8mb4 COLLATE utf8mb4_bin", "@@collation_connection", "utf8mb4_bin"),
      Case.accepted("SET NAMES 'utf8mb4'", "@@character_set_results", "utf8mb4"),
      Case.accepted("SET CHARACTER SET utf8mb4", "@@character_set_client", "utf8mb4"),
      Case.accepted("SET autocommit = 0"),
      Case.accepted("-- a comment\nSET @@autocommit=OFF"),
      Case.accepted("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE"),
      Case.accepted("SET @@session.transaction_isolation = 'READ-UNCOMMITTED'"),
      Case.accepted("SET SESSION TRANSACTION READ ONLY"),
      Case.accepted("SET @@transaction_read_only = 1"),
      Case.accepted("BEGIN"),
      Case.accepted("START TRANSACTION READ ONLY"),
      Case.accepted("START TRANSACTION WITH CONSISTENT SNAPSHOT"),
      Case.accepted("SAVEPOINT leak_point"),
      Case.accepted("USE hyg_h0"),
      Case.refused("SET @x = 1", "SET @x is not supported"),
      Case.refused("SELECT @n := 1", "Assigning the user variable @n is not supported"),
      Case.refused("SELECT COUNT(*) INTO @c FROM notes", "INTO @c is not supported"),
      Case.refused("SET GLOBAL wait_timeout = 5", "SET GLOBAL wait_timeout is not supported"),
      Case.refused("SET sql_select_limit = 1", "SET sql_select_limit is not supported"),
      Case.refused("SET sql_mode = 'ANSI_QUOTES'", "SET sql_mode: mode ANSI_QUOTES is not supported"),
      Case.refused("SET NAMES latin1", "SET NAMES latin1 is not supported"),
      Case.refused("SET character_set_results = latin1", "SET character_set_results is not supported"),
      Case.refused("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "SET TRANSACTION without SESSION is not supported"),
      Case.refused("SET time_zone = 'Nowhere/Atlantis'", "h0: SET SESSION time_zone = 'Nowhere/Atlantis': "),
      Case.refused("USE hyg_h1", "USE hyg_h1 is not supported"),
      Case.refused("CREATE TEMPORARY TABLE tmp_leak (id INT)", "CREATE TEMPORARY TABLE is not supported"),
      Case.takesLock("SELECT GET_LOCK('leak_lock', 0)"),
      Case.takesLock("SELECT GET_LOCK('leak_lock', 0), GET_LOCK('leak_lock', 0) AS again, RELEASE_LOCK('leak_lock')"),
      Case.accepted("SELECT GET_LOCK('leak_lock', 0), RELEASE_ALL_LOCKS()"),
      Case.accepted("SELECT GET_LOCK('leak_lock', 0), RELEASE_LOCK('leak_lock')"),
      Case.refused("SELECT IF(GET_LOCK('leak_lock', 0), 1, 0)", "GET_LOCK() inside an expression or clause is not supported"),
      Case.refused("DO GET_LOCK('leak_lock', 0)", "GET_LOCK() in DO statements is not supported"),
      Case.refused("LOCK TABLES notes WRITE", "LOCK TABLES is not supported"),
      Case.refused("PREPARE leak_stmt FROM 'SELECT 1'", "PREPARE is not supported"),
      Case.refused("XA START 'leak'", "XA START is not supported"));

  /** How a case's logical connection runs: autocommit on, inside BEGIN … COMMIT, or with autocommit off. */
  private enum Mode {
    AUTOCOMMIT,
    BEGIN,
    AUTOCOMMIT_OFF
  }

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "hyg_h", 2)
        .tablesPerDataSource(2)
        .sharded("orders", "order_id")
        .poolSize(3)
        .build();
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, status VARCHAR(20))");
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < 20; id++) {
      rows.add(new Object[] {id, "new"});
    }
    layout.insert("orders", List.of("order_id", "status"), rows);
    layout.createTable("notes", "(id INT PRIMARY KEY)");
    try (Connection connection = connect()) {
      for (DataSourcePool pool : runtime(connection).pools().values()) {
        try (Connection first = pool.pool().getConnection(); Connection second = pool.pool().getConnection()) {
          Map<String, String> variables = sessionVariables(first);
          Map<String, String> other = sessionVariables(second);
          variables.keySet().removeIf(name -> !Objects.equals(variables.get(name), other.get(name)));
          assertTrue(variables.containsKey("autocommit") && variables.containsKey("time_zone"), variables.toString());
          BASELINE.put(pool.name(), variables);
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> sessionStatements_leaveNothingInThePools() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Case session : CASES) {
      for (Mode mode : Mode.values()) {
        tests.add(DynamicTest.dynamicTest(mode + ": " + session.sql(), () -> run(session, mode)));
      }
    }
    return tests.stream();
  }

  private static void run(Case session, Mode mode) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      if (mode == Mode.BEGIN) {
        statement.execute("BEGIN");
      } else if (mode == Mode.AUTOCOMMIT_OFF) {
        connection.setAutoCommit(false);
      }
      useEveryDataSource(statement);
      if (session.refusal() == null) {
        statement.execute(session.sql());
      } else {
        SQLException refused = assertThrows(SQLException.class, () -> statement.execute(session.sql()));
        assertTrue(refused.getMessage().startsWith(session.refusal()), refused.getMessage());
      }
      useEveryDataSource(statement);
      if (session.probe() != null) {
        assertEquals(List.of(session.expected(), session.expected()), perDataSource(statement, session.probe()),
            "every data source has the session's setting");
      }
      if (!connection.unwrap(ShardConnection.class).session().pinned()) {
        if (session.holdsLock()) {
          assertPoolsCleanBesideTheLockConnection();
        } else {
          assertPoolsClean("while the logical connection is open");
        }
      }
      if (mode == Mode.BEGIN) {
        statement.execute("COMMIT");
        useEveryDataSource(statement);
      }
    }
    assertPoolsClean("after close");
  }

  @Test
  void inspection_findsWhatAPhysicalConnectionLeaves() throws SQLException {
    try (Connection connection = connect()) {
      HikariDataSource pool = runtime(connection).pool("h1").pool();
      try (Connection physical = pool.getConnection(); Statement statement = physical.createStatement()) {
        statement.execute("SET SESSION time_zone = '+09:00'");
        statement.execute("SET @x = 5");
        statement.execute("BEGIN");
      }
      List<String> problems = problems();
      pool.getHikariPoolMXBean().softEvictConnections();
      assertFalse(problems.isEmpty());
      assertTrue(problems.stream().anyMatch(problem -> problem.startsWith("h1: time_zone = +09:00 (fresh: ")), problems.toString());
      assertTrue(problems.contains("h1: in a transaction"), problems.toString());
      assertTrue(problems.contains("h1: user variables [5, null, null]"), problems.toString());
      try (Statement statement = connection.createStatement()) {
        useEveryDataSource(statement);
      }
      assertPoolsClean("after eviction");
    }
  }

  /**
   * The driver leaves autocommit, isolation and read-only to HikariCP, which puts back what it saw change through
   * JDBC calls (and only that: see the test above).
   */
  @Test
  void hikari_putsBackWhatChangedThroughJdbc() throws SQLException {
    try (Connection connection = connect()) {
      HikariDataSource pool = runtime(connection).pool("h0").pool();
      try (Connection physical = pool.getConnection(); Statement statement = physical.createStatement()) {
        physical.setReadOnly(true);
        physical.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        physical.setAutoCommit(false);
        statement.executeQuery("SELECT COUNT(*) FROM notes").close();
      }
      try (Statement statement = connection.createStatement()) {
        useEveryDataSource(statement);
      }
      assertPoolsClean("after JDBC calls on a physical connection");
    }
  }

  private static void useEveryDataSource(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
      assertTrue(rows.next());
      assertEquals(20, rows.getLong(1));
    }
    try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM notes")) {
      assertTrue(rows.next());
      assertEquals(0, rows.getLong(1));
    }
  }

  private static List<String> perDataSource(Statement statement, String expression) throws SQLException {
    List<String> values = new ArrayList<>();
    for (long id : new long[] {0, 2}) {
      try (ResultSet rows = statement.executeQuery("SELECT " + expression + " FROM orders WHERE order_id = " + id)) {
        assertTrue(rows.next());
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  private static void assertPoolsClean(String when) throws SQLException {
    assertEquals(List.of(), problems(), when);
    try (Connection connection = connect()) {
      for (DataSourcePool pool : runtime(connection).pools().values()) {
        assertEquals(0, pool.borrowedConnections(), pool.name() + " " + when);
      }
    }
  }

  /** The lock is held by one connection of the lock data source (h0), kept out of the pool; the pools are clean. */
  private static void assertPoolsCleanBesideTheLockConnection() throws SQLException {
    assertEquals(List.of("named lock leak_lock is held"), problems());
    try (Connection connection = connect()) {
      for (DataSourcePool pool : runtime(connection).pools().values()) {
        assertEquals(pool.name().equals("h0") ? 1 : 0, pool.borrowedConnections(), pool.name() + " while a lock is held");
      }
    }
  }

  /** What the idle connections of every pool carry that a fresh one does not; takes each out of its pool to look. */
  private static List<String> problems() throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Connection connection = connect()) {
      for (DataSourcePool pool : runtime(connection).pools().values()) {
        int idle = pool.pool().getHikariPoolMXBean().getIdleConnections();
        assertFalse(idle == 0, pool.name() + " has no idle connection to look at");
        List<Connection> taken = new ArrayList<>();
        try {
          for (int i = 0; i < idle; i++) {
            taken.add(pool.pool().getConnection());
          }
          for (Connection physical : taken) {
            problems.addAll(problems(pool.name(), physical));
          }
        } finally {
          for (Connection physical : taken) {
            physical.close();
          }
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT IS_FREE_LOCK('leak_lock')")) {
        assertTrue(rows.next());
        if (rows.getInt(1) != 1) {
          problems.add("named lock leak_lock is held");
        }
      }
    }
    return problems;
  }

  private static List<String> problems(String dataSource, Connection physical) throws SQLException {
    List<String> problems = new ArrayList<>();
    Map<String, String> fresh = BASELINE.get(dataSource);
    Map<String, String> variables = sessionVariables(physical);
    for (Map.Entry<String, String> variable : fresh.entrySet()) {
      if (!Objects.equals(variable.getValue(), variables.get(variable.getKey()))) {
        problems.add(dataSource + ": " + variable.getKey() + " = " + variables.get(variable.getKey()) + " (fresh: "
            + variable.getValue() + ")");
      }
    }
    if (physical.unwrap(ConnectionImpl.class).getSession().getServerSession().inTransactionOnServer()) {
      problems.add(dataSource + ": in a transaction");
    }
    try (Statement statement = physical.createStatement()) {
      try (ResultSet rows = statement.executeQuery("SELECT IS_USED_LOCK('leak_lock') = CONNECTION_ID()")) {
        rows.next();
        if (rows.getBoolean(1)) {
          problems.add(dataSource + ": holds named lock leak_lock");
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT DATABASE(), @x, @c, @n")) {
        rows.next();
        if (!layout.dataSource(dataSource).database().equals(rows.getString(1))) {
          problems.add(dataSource + ": default database " + rows.getString(1));
        }
        if (rows.getString(2) != null || rows.getString(3) != null || rows.getString(4) != null) {
          problems.add(dataSource + ": user variables [" + rows.getString(2) + ", " + rows.getString(3) + ", "
              + rows.getString(4) + "]");
        }
      }
      expectMissing(statement, "SELECT 1 FROM tmp_leak", dataSource + ": temporary table tmp_leak", problems);
      expectMissing(statement, "EXECUTE leak_stmt", dataSource + ": prepared statement leak_stmt", problems);
    }
    return problems;
  }

  private static void expectMissing(Statement statement, String sql, String problem, List<String> problems) {
    try {
      statement.execute(sql);
      problems.add(problem);
    } catch (SQLException expected) {
      // 1146 no such table, 1243 unknown prepared statement
    }
  }

  private static Map<String, String> sessionVariables(Connection physical) throws SQLException {
    Map<String, String> variables = new LinkedHashMap<>();
    try (Statement statement = physical.createStatement(); ResultSet rows = statement.executeQuery("SHOW SESSION VARIABLES")) {
      while (rows.next()) {
        variables.put(rows.getString(1), rows.getString(2));
      }
    }
    return variables;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(layout.url());
  }

  private static ShardRuntime runtime(Connection connection) throws SQLException {
    return connection.unwrap(ShardConnection.class).runtime();
  }
}
