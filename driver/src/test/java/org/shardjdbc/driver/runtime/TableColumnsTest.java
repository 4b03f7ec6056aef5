package org.shardjdbc.driver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;

/**
 * The driver reads the columns of each logical table, and its key column's type, from the first physical table, and
 * routing compares values by that type.
 */
class TableColumnsTest {

  @Test
  void keyType_isReadFromTheFirstPhysicalTable() throws SQLException {
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      LogicalTable orders = runtime.config().model().table("orders");
      assertEquals(KeyType.INTEGER, runtime.keyTypes().keyType(orders));
      LogicalTable missing = new LogicalTable("missing", "id", new ModAlgorithm(),
          List.of(new DataNode(orders.node(0).dataSource(), "no_such_table")), null, false, null);
      assertEquals(KeyType.OTHER, runtime.keyTypes().keyType(missing), "a table that does not exist (yet)");
    }
  }

  /** The columns an INSERT without a column list relies on: every column, in table order, with its type. */
  @Test
  void columns_areThoseOfTheFirstPhysicalTableInOrder() throws SQLException {
    try (Connection connection = DifferentialDatabase.shared().connectShard();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM orders WHERE 1 = 0")) {
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      LogicalTable orders = runtime.config().model().table("orders");
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
        expected.add(rows.getMetaData().getColumnName(i));
      }
      List<ColumnCatalog.TableColumn> columns = runtime.columns().columns(orders);
      assertEquals(expected, columns.stream().map(ColumnCatalog.TableColumn::name).toList());
      ColumnCatalog.TableColumn key = columns.stream().filter(column -> column.name().equals("order_id")).findFirst()
          .orElseThrow();
      assertEquals(KeyType.INTEGER, key.type());
      assertFalse(key.autoIncrement());
      LogicalTable missing = new LogicalTable("missing", "id", new ModAlgorithm(),
          List.of(new DataNode(orders.node(0).dataSource(), "no_such_table")), null, false, null);
      assertEquals(List.of(), runtime.columns().columns(missing), "a table that does not exist (yet)");
    }
  }

  /** {@code '21abc'} compared with the integer key is 21: one shard, which only the key column's type tells. */
  @Test
  void stringComparedWithIntegerKey_routesToOneShard() throws SQLException {
    try (Connection connection = DifferentialDatabase.shared().connectShard();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN SELECT order_id FROM orders WHERE order_id = '21abc'")) {
      List<String> statements = new ArrayList<>();
      while (rows.next()) {
        statements.add(rows.getString(1) + ": " + rows.getString(2));
      }
      assertEquals(1, statements.size(), statements.toString());
    }
  }

  /**
   * Many statements starting at once with one connection free: one reads the key's type and the others wait for it,
   * instead of each finding no free connection and being routed to every shard.
   */
  @Test
  void keyType_ofManyStatementsAtOnce_isReadOnceForAll() throws Exception {
    try (Connection connection = DifferentialDatabase.shared().connectShard()) {
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      LogicalTable orders = runtime.config().model().table("orders");
      DataSourcePool pool = runtime.pools().get(orders.node(0).dataSource());
      List<DataSourcePool.Lease> held = new ArrayList<>();
      ExecutorService threads = Executors.newFixedThreadPool(16);
      try {
        for (DataSourcePool.Lease lease = pool.tryAcquire(); lease != null; lease = pool.tryAcquire()) {
          held.add(lease);
        }
        held.remove(held.size() - 1).close(); // one connection free
        TableColumns cold = new TableColumns(runtime.pools());
        CyclicBarrier start = new CyclicBarrier(16);
        List<Future<KeyType>> types = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          types.add(threads.submit(() -> {
            start.await();
            return cold.keyType(orders);
          }));
        }
        for (Future<KeyType> type : types) {
          assertEquals(KeyType.INTEGER, type.get(30, TimeUnit.SECONDS));
        }
      } finally {
        threads.shutdownNow();
        held.forEach(DataSourcePool.Lease::close);
      }
    }
  }
}
