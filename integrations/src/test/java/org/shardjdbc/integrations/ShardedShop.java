package org.shardjdbc.integrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.shardjdbc.driver.jdbc.ShardDataSource;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;
import org.shardjdbc.planner.model.DataNode;

/**
 * The integration tests' shop on the tests' shared server: {@code orders} sharded by {@code order_id} over 2 data
 * sources x 4 tables ({@code keyGenerator: snowflake}), {@code order_items} bound to it; every other table unsharded
 * on h0. Each test class gets its own empty databases (named by its prefix) and creates its tables through the driver.
 */
public final class ShardedShop implements AutoCloseable {
  private final ShardLayout layout;
  private final ShardDataSource dataSource;

  private ShardedShop(ShardLayout layout) {
    this.layout = layout;
    this.dataSource = new ShardDataSource(layout.configFile().toString());
  }

  /** Empty databases {@code <prefix>0}, {@code <prefix>1} and the driver's data source over them. */
  public static ShardedShop create(String prefix) throws SQLException {
    ShardLayout layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), prefix, 2)
        .tablesPerDataSource(4)
        .sharded("orders", "order_id", "snowflake")
        .bound("order_items", "order_id", "orders")
        .poolSize(4)
        .build();
    layout.recreateDatabases();
    return new ShardedShop(layout);
  }

  public ShardLayout layout() {
    return layout;
  }

  public ShardDataSource dataSource() {
    return dataSource;
  }

  /** {@code jdbc:shard:<config file>}. */
  public String url() {
    return layout.url();
  }

  /** The physical tables every data source should have for {@code logicalTables}, as {@code h0.orders_00}. */
  public TreeSet<String> expectedPhysicalTables(String... logicalTables) {
    TreeSet<String> tables = new TreeSet<>();
    for (String logicalTable : logicalTables) {
      for (DataNode node : layout.physicalTables(logicalTable)) {
        tables.add(node.dataSource() + "." + node.table());
      }
    }
    return tables;
  }

  /** The base tables that exist in every data source's database, as {@code h0.orders_00}, read from the server. */
  public TreeSet<String> physicalTables() throws SQLException {
    TreeSet<String> tables = new TreeSet<>();
    for (ShardLayout.DataSource source : layout.dataSources()) {
      try (Connection connection = source.server().connect(source.database());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
              + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) {
        while (rows.next()) {
          tables.add(source.name() + "." + rows.getString(1));
        }
      }
    }
    return tables;
  }

  /** The rows of one physical table's column, read directly from its database. */
  public List<Long> physicalKeys(DataNode node, String column) throws SQLException {
    ShardLayout.DataSource source = layout.dataSource(node.dataSource());
    List<Long> keys = new ArrayList<>();
    try (Connection connection = source.server().connect(source.database());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT " + column + " FROM " + node.table() + " ORDER BY 1")) {
      while (rows.next()) {
        keys.add(rows.getLong(1));
      }
    }
    return keys;
  }

  /** The server's count of INSERT statements run so far ({@code Com_insert}, all sessions). */
  public static long serverInsertStatements() throws SQLException {
    TestServer server = TestServers.shared();
    try (Connection connection = server.connect("");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_insert'")) {
      rows.next();
      return rows.getLong(2);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
