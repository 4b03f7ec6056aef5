package org.shardjdbc.driver.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;

/**
 * A deep page leaves most of each server's rows unread. Closing it drops those connections while nobody waits for
 * their pools (reading the rest would cost more than a new connection), and reads the rest and gives the connections
 * back whole while other statements wait for them, unless more than {@link PhysicalResult#DRAIN_AT_MOST} rows can be
 * left; and reads the rest too while the pool is still short of a connection it dropped, so that results closed
 * together do not empty it. Two data sources with a pool of one connection each, and the same databases behind pools of
 * two.
 */
class UnreadResultTest {
  private static final int ROWS = 30_000;
  /** Every server's statement returns its first 12,010 rows; the merge reads about half of them. */
  private static final String DEEP_PAGE = "SELECT order_id FROM orders ORDER BY order_id LIMIT 12000, 10";

  private static ShardLayout layout;
  /** The same databases, with pools of two connections. */
  private static ShardLayout pairs;

  @BeforeAll
  static void load() throws SQLException {
    layout = layout(1);
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, status VARCHAR(20))");
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      rows.add(new Object[] {id, "new"});
    }
    layout.insert("orders", List.of("order_id", "status"), rows);
    pairs = layout(2);
  }

  @Test
  void nobodyWaiting_theConnectionsAreDropped() throws Exception {
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      long before = pooledConnectionId(connection, "h0");
      assertEquals(List.of(12_000L, 12_009L), firstAndLast(connection));
      assertNotEquals(before, pooledConnectionId(connection, "h0"), "a new connection replaced the dropped one");
      assertEquals(0, pool(connection, "h0").borrowedConnections());
    }
  }

  @Test
  void closedTogether_onlyOneConnectionOfAPoolIsDropped_untilItIsMadeAgain() throws Exception {
    try (Connection first = DriverManager.getConnection(pairs.url());
        Connection second = DriverManager.getConnection(pairs.url())) {
      DataSourcePool h0 = pool(first, "h0");
      Statement firstStatement = first.createStatement();
      Statement secondStatement = second.createStatement();
      ResultSet firstPage = firstStatement.executeQuery(DEEP_PAGE);
      ResultSet secondPage = secondStatement.executeQuery(DEEP_PAGE);
      assertTrue(firstPage.next());
      assertTrue(secondPage.next());
      assertEquals(2, totalConnections(h0), "each page holds one of h0's two connections");
      assertFalse(h0.othersWaiting());

      firstPage.close();
      assertEquals(1, totalConnections(h0), "the first page's connection was dropped");
      secondPage.close();
      assertEquals(1, totalConnections(h0), "the second page's was read to its end and given back, not dropped");
      assertEquals(1, hikari(h0).getIdleConnections());
      firstStatement.close();
      secondStatement.close();

      // the pool made a connection again (both pages need one of h0's): a drop is allowed again
      firstPage = first.createStatement().executeQuery(DEEP_PAGE);
      secondPage = second.createStatement().executeQuery(DEEP_PAGE);
      assertTrue(firstPage.next());
      assertTrue(secondPage.next());
      assertEquals(2, totalConnections(h0));
      secondPage.close();
      firstPage.close();
      assertEquals(1, totalConnections(h0));
      assertEquals(0, h0.borrowedConnections());
    }
  }

  @Test
  void othersWaiting_theRestIsReadAndTheConnectionGivenBackWhole() throws Exception {
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      long before = pooledConnectionId(connection, "h0");
      assertEquals(10, readWhileAnotherStatementWaits(connection, DEEP_PAGE, Integer.MAX_VALUE));
      assertEquals(before, pooledConnectionId(connection, "h0"), "the connection was given back whole");
    }
  }

  @Test
  void othersWaiting_aRestOfMoreThanAMillionRowsIsDroppedAllTheSame() throws Exception {
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      long before = pooledConnectionId(connection, "h0");
      // the servers' statements may return 2,012,000 rows each; the result is closed after its first row
      String hugePage = "SELECT order_id FROM orders ORDER BY order_id LIMIT 12000, 2000000";
      assertEquals(1, readWhileAnotherStatementWaits(connection, hugePage, 1));
      assertNotEquals(before, pooledConnectionId(connection, "h0"), "a new connection replaced the dropped one");
    }
  }

  /**
   * Runs the query, reads its first row, lets a statement of another logical connection wait for h0's one connection,
   * then reads up to {@code rows} rows in all and closes the result; the waiting statement must then run.
   *
   * @return the rows read
   */
  private static int readWhileAnotherStatementWaits(Connection connection, String sql, int rows) throws Exception {
    DataSourcePool h0 = pool(connection, "h0");
    long keyOnH0 = keyOn("h0");
    int read = 0;
    try (Connection other = DriverManager.getConnection(layout.url())) {
      CompletableFuture<Long> waiting;
      try (Statement statement = connection.createStatement(); ResultSet page = statement.executeQuery(sql)) {
        assertTrue(page.next());
        assertEquals(12_000L, page.getLong(1));
        read++;
        // the page holds h0's one connection: a statement for h0 waits for it
        waiting = CompletableFuture.supplyAsync(() -> countOf(other, keyOnH0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!h0.othersWaiting() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertTrue(h0.othersWaiting(), "a statement waits for h0's connection");
        while (read < rows && page.next()) {
          read++;
        }
      }
      assertEquals(1L, waiting.get(10, TimeUnit.SECONDS), "the waiting statement ran on the connection given back");
    }
    assertFalse(h0.othersWaiting());
    assertEquals(0, h0.borrowedConnections());
    return read;
  }

  private static List<Long> firstAndLast(Connection connection) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet page = statement.executeQuery(DEEP_PAGE)) {
      while (page.next()) {
        ids.add(page.getLong(1));
      }
    }
    assertEquals(10, ids.size());
    return List.of(ids.get(0), ids.get(ids.size() - 1));
  }

  private static long keyOn(String dataSource) {
    for (long key = 0; ; key++) {
      if (layout.nodeOf("orders", key).dataSource().equals(dataSource)) {
        return key;
      }
    }
  }

  private static long countOf(Connection connection, long key) {
    try (Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM orders WHERE order_id = " + key)) {
      assertTrue(count.next());
      return count.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server's id of the pool's one connection, taken from the pool directly and given back. */
  private static long pooledConnectionId(Connection connection, String dataSource) throws SQLException {
    try (Connection physical = pool(connection, dataSource).pool().getConnection();
        Statement statement = physical.createStatement();
        ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
      assertTrue(id.next());
      return id.getLong(1);
    }
  }

  /** The test's two data sources, with pools of {@code poolSize} connections. */
  private static ShardLayout layout(int poolSize) {
    return ShardLayout.builder()
        .dataSources(TestServers.shared(), "unread_h", 2)
        .tablesPerDataSource(2)
        .sharded("orders", "order_id")
        .poolSize(poolSize)
        .build();
  }

  private static int totalConnections(DataSourcePool pool) {
    return hikari(pool).getTotalConnections();
  }

  private static HikariPoolMXBean hikari(DataSourcePool pool) {
    return pool.pool().getHikariPoolMXBean();
  }

  private static DataSourcePool pool(Connection connection, String dataSource) throws SQLException {
    ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
    return runtime.pools().get(dataSource);
  }
}
