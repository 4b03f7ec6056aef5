package org.shardjdbc.driver.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;

/**
 * A server's UNION ALL whose text ran before is prepared on the server, once per connection, and kept there; a text
 * that does not repeat, one with a value where a bound one would differ from a literal (a select item), and a single
 * table's statement reach the server as text. Counted by the server itself (the session's {@code Com_stmt_prepare}
 * and {@code Com_stmt_execute} of each pool's one connection). That the rows stay right in the binary protocol is the
 * differential corpus's part: it runs every query twice.
 */
class ServerPreparedUnionsTest {
  private static final int ROWS = 400;
  private static final String SCATTER = "SELECT order_id, status FROM orders WHERE customer_id = ? ORDER BY order_id";

  private static ShardLayout layout;

  @BeforeAll
  static void load() throws SQLException {
    layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "unions_h", 2)
        .tablesPerDataSource(4)
        .sharded("orders", "order_id")
        .poolSize(1)
        .build();
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, customer_id BIGINT, status VARCHAR(20))");
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      rows.add(new Object[] {id, id % 10, id % 2 == 0 ? "new" : "paid"});
    }
    layout.insert("orders", List.of("order_id", "customer_id", "status"), rows);
  }

  @Test
  void aRepeatedUnion_isPreparedOnTheServerOncePerConnection_andKeptThere() throws SQLException {
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      Counts before = counts(connection, "h0");
      for (long customer = 0; customer < 5; customer++) {
        assertEquals(expectedOrders(customer), orders(connection, SCATTER, customer), "customer " + customer);
      }
      Counts after = counts(connection, "h0");
      // the first run sends the text; the second prepares it; the others reuse it with their own values
      assertEquals(1, after.prepared - before.prepared, "prepared on the server");
      assertEquals(4, after.executed - before.executed, "executed prepared");
    }
  }

  @Test
  void aUnionKeepsItsStatementAcrossStreamingAndWholeReads() throws SQLException {
    String sql = "SELECT order_id, status FROM orders WHERE customer_id = ? AND status = 'new' ORDER BY order_id";
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      for (int round = 0; round < 3; round++) {
        assertEquals(expectedOrders(4).size(), orders(connection, sql, 4L).size()); // streamed
        connection.setAutoCommit(false); // a transaction's results are read whole
        assertEquals(expectedOrders(4).size(), orders(connection, sql, 4L).size());
        connection.commit();
        connection.setAutoCommit(true);
        try (PreparedStatement limited = connection.prepareStatement(sql)) {
          limited.setMaxRows(3);
          limited.setLong(1, 4L);
          try (ResultSet rows = limited.executeQuery()) {
            int count = 0;
            while (rows.next()) {
              count++;
            }
            assertEquals(3, count, "setMaxRows(3)");
          }
        }
      }
    }
  }

  @Test
  void aTextThatDoesNotRepeat_andOneTablesStatement_goAsText() throws SQLException {
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      Counts before = counts(connection, "h0");
      // a key IN list: each execution's values go into the text, which therefore differs
      for (long first = 0; first < 4; first++) {
        List<Long> orders = orders(connection,
            "SELECT order_id, status FROM orders WHERE order_id IN (?, ?, ?, ?, ?, ?, ?, ?) ORDER BY order_id",
            first, first + 10, first + 21, first + 32, first + 43, first + 54, first + 65, first + 76);
        assertEquals(8, orders.size());
      }
      // one table's statement
      for (long id = 0; id < 8; id += 2) {
        assertEquals(List.of(id), orders(connection, "SELECT order_id, status FROM orders WHERE order_id = ?", id));
      }
      Counts after = counts(connection, "h0");
      assertEquals(0, after.prepared - before.prepared, "prepared on the server");
      assertEquals(0, after.executed - before.executed, "executed prepared");
    }
  }

  @Test
  void aUnionWithAValueInItsSelectList_goesAsText() throws SQLException {
    String sql = "SELECT order_id, ? FROM orders WHERE customer_id = ? ORDER BY order_id";
    try (Connection connection = DriverManager.getConnection(layout.url())) {
      Counts before = counts(connection, "h0");
      for (int round = 0; round < 3; round++) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          statement.setString(1, "x");
          statement.setLong(2, 3);
          try (ResultSet rows = statement.executeQuery()) {
            assertEquals("x", rows.getMetaData().getColumnLabel(2), "a bound value would be labelled ?");
            int count = 0;
            while (rows.next()) {
              assertEquals("x", rows.getString(2));
              count++;
            }
            assertEquals(expectedOrders(3).size(), count);
          }
        }
      }
      Counts after = counts(connection, "h0");
      assertEquals(0, after.prepared - before.prepared, "prepared on the server");
    }
  }

  private static List<Long> expectedOrders(long customer) {
    List<Long> orders = new ArrayList<>();
    for (long id = customer; id < ROWS; id += 10) {
      orders.add(id);
    }
    return orders;
  }

  private static List<Long> orders(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      List<Long> orders = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          orders.add(rows.getLong(1));
        }
      }
      return orders;
    }
  }

  private record Counts(long prepared, long executed) {}

  /** The server's counts of prepared statements of the pool's one connection, taken from the pool and given back. */
  private static Counts counts(Connection connection, String dataSource) throws SQLException {
    DataSourcePool pool = connection.unwrap(ShardConnection.class).runtime().pools().get(dataSource);
    try (Connection physical = pool.pool().getConnection();
        Statement statement = physical.createStatement();
        ResultSet status = statement.executeQuery(
            "SHOW SESSION STATUS WHERE Variable_name IN ('Com_stmt_prepare', 'Com_stmt_execute')")) {
      long prepared = -1;
      long executed = -1;
      while (status.next()) {
        if (status.getString(1).equalsIgnoreCase("Com_stmt_prepare")) {
          prepared = status.getLong(2);
        } else {
          executed = status.getLong(2);
        }
      }
      assertTrue(prepared >= 0 && executed >= 0, "the server's counts");
      return new Counts(prepared, executed);
    }
  }
}
