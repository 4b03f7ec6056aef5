package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.QueryResult;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.StringEquality;
import org.shardjdbc.driver.testing.TestServers;

/**
 * ENUM and SET columns over 8 shards against one unsharded database. MySQL orders their values by their position in
 * the column's definition (here not alphabetical), in ORDER BY, GROUP BY and GROUP_CONCAT's ORDER BY, but compares
 * them as strings in MIN, MAX and WHERE, and an expression over one is a string: the merge orders them by the
 * numbers of their values, which the shards add for it.
 */
class EnumOrderTest {
  private static final String TABLE = "(ticket_id BIGINT PRIMARY KEY,"
      + " state ENUM('new', 'open', 'blocked', 'closed', 'archived'),"
      + " labels SET('ui', 'db', 'api', 'infra'), title VARCHAR(40))";
  private static final String[] STATES = {"new", "open", "blocked", "closed", "archived"};
  private static final String[] LABELS = {"ui", "db,api", "", "infra", "ui,infra", "api"};
  private static ShardLayout layout;
  private static ShardLayout single;

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "enum_h", 2)
        .tablesPerDataSource(4)
        .sharded("tickets", "ticket_id")
        .poolSize(4)
        .build();
    single = DifferentialDatabase.singleLayout(TestServers.shared(), "enum_single");
    layout.recreateDatabases();
    single.recreateDatabases();
    layout.createTable("tickets", TABLE);
    single.createTable("tickets", TABLE);
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < 200; id++) {
      String state = id % 11 == 0 ? null : STATES[(int) (id * 7 % STATES.length)];
      rows.add(new Object[] {id, state, LABELS[(int) (id % LABELS.length)], "ticket " + id});
    }
    layout.insert("tickets", List.of("ticket_id", "state", "labels", "title"), rows);
    single.insert("tickets", List.of("ticket_id", "state", "labels", "title"), rows);
  }

  /** Ordered, grouped, compared and filtered across shards and on one shard: the rows of one database. */
  @TestFactory
  Stream<DynamicTest> enumAndSetColumns_matchOneDatabase() {
    List<String> ordered = List.of(
        "SELECT ticket_id, state FROM tickets ORDER BY state, ticket_id",
        "SELECT ticket_id, state FROM tickets ORDER BY state DESC, ticket_id LIMIT 5",
        "SELECT ticket_id, state FROM tickets ORDER BY 2, 1 LIMIT 12",
        "SELECT t.ticket_id, t.state AS s FROM tickets t ORDER BY s DESC, t.ticket_id LIMIT 9",
        "SELECT * FROM tickets ORDER BY state, ticket_id LIMIT 25",
        "SELECT ticket_id FROM tickets ORDER BY labels, ticket_id LIMIT 15",
        "SELECT ticket_id, labels FROM tickets ORDER BY labels DESC, ticket_id",
        "SELECT state, COUNT(*) FROM tickets GROUP BY state ORDER BY state",
        "SELECT state, COUNT(*), MIN(ticket_id) FROM tickets GROUP BY state ORDER BY state DESC",
        "SELECT COUNT(*), state FROM tickets GROUP BY state ORDER BY COUNT(*), state",
        "SELECT labels, state, COUNT(*) FROM tickets GROUP BY labels, state ORDER BY labels, state",
        "SELECT state, GROUP_CONCAT(ticket_id ORDER BY ticket_id) FROM tickets WHERE ticket_id < 60 GROUP BY state"
            + " ORDER BY state",
        "SELECT GROUP_CONCAT(ticket_id ORDER BY state, ticket_id) FROM tickets WHERE ticket_id < 30",
        "SELECT GROUP_CONCAT(DISTINCT state ORDER BY 1 DESC) FROM tickets",
        "SELECT MIN(state), MAX(state), MIN(labels), MAX(labels), COUNT(DISTINCT state) FROM tickets",
        "SELECT ticket_id, state FROM tickets WHERE state > 'new' ORDER BY ticket_id LIMIT 20",
        "SELECT ticket_id, state FROM tickets WHERE ticket_id = 17 ORDER BY state",
        "SELECT state, ticket_id FROM tickets WHERE ticket_id IN (3, 11, 19) ORDER BY state, ticket_id",
        "SELECT state, ticket_id FROM tickets ORDER BY CAST(state AS CHAR), ticket_id LIMIT 30",
        "SELECT CONCAT(state) AS state, ticket_id FROM tickets ORDER BY state, ticket_id LIMIT 30",
        "SELECT state + 0 AS position, COUNT(*) FROM tickets GROUP BY state + 0 ORDER BY position");
    List<String> unordered = List.of(
        "SELECT DISTINCT state FROM tickets",
        "SELECT state, COUNT(*) FROM tickets GROUP BY state",
        "SELECT ticket_id FROM tickets WHERE state = 'blocked'",
        "SELECT ticket_id FROM tickets WHERE FIND_IN_SET('infra', labels) > 0",
        "SELECT AVG(state), AVG(labels), AVG(ticket_id), Avg( ticket_id ) AS a FROM tickets",
        "SELECT state, AVG(ticket_id), AVG(state) FROM tickets GROUP BY state");
    List<DynamicTest> tests = new ArrayList<>();
    ordered.forEach(sql -> tests.add(DynamicTest.dynamicTest(sql, () -> compare(sql, true))));
    unordered.forEach(sql -> tests.add(DynamicTest.dynamicTest(sql, () -> compare(sql, false))));
    return tests.stream();
  }

  /**
   * The shards leave a visible AVG of a number to the merge (which computes it from the hidden SUM and COUNT) and
   * compute only its type; an AVG of an ENUM or a SET, whose type that would change, they compute.
   */
  @Test
  void averageOfANumber_isLeftToTheMerge_averageOfAnEnum_isNot() throws SQLException {
    try (Connection connection = DriverManager.getConnection(layout.url());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN SELECT AVG(ticket_id), AVG(state) FROM tickets")) {
      assertTrue(rows.next());
      String sql = rows.getString(2).replaceAll("\\s+", " ");
      assertTrue(sql.contains("AVG(CASE WHEN 0 THEN ticket_id END) AS `AVG(ticket_id)` , AVG(state) ,"), sql);
    }
  }

  private static void compare(String sql, boolean ordered) throws SQLException {
    QueryResult expected;
    try (Connection connection = DriverManager.getConnection(single.url());
        Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      expected = QueryResult.read(rows);
    }
    try (Connection connection = DriverManager.getConnection(layout.url());
        Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      QueryResult read = QueryResult.read(rows);
      assertTrue(!read.rows().isEmpty(), sql);
      // one UNION ALL per server reports an ENUM or SET column as VARCHAR where one table reports CHAR
      QueryResult actual = new QueryResult(read.labels(), expected.types(), expected.typeNames(), read.rows());
      assertNull(expected.firstDifference(actual, ordered, StringEquality.EXACT), sql);
    }
  }
}
