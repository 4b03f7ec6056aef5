package org.shardjdbc.samples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.shardjdbc.samples.ShopData.Country;
import org.shardjdbc.samples.ShopData.Customer;
import org.shardjdbc.samples.ShopData.Item;
import org.shardjdbc.samples.ShopData.Order;
import org.shardjdbc.samples.ShopLayout.Node;
import org.shardjdbc.samples.ShopLayout.PhysicalSource;

/**
 * Creates the shop's physical tables and loads its rows through plain JDBC connections to each data source.
 *
 * <p>The driver has no write path yet, so rows are placed here as the driver's {@code mod} algorithm places them: the
 * order {@code k} and its items go to shard {@code floorMod(k, shardCount)}. Rows go in multi-row INSERTs of up to
 * {@value #ROWS_PER_INSERT} rows, through one connection per data source, all data sources at once.
 */
final class ShopSchema {
  static final int ROWS_PER_INSERT = 500;

  private static final String ORDERS_COLUMNS = "order_id, customer_id, country_code, status, total, created_at";
  private static final String ITEMS_COLUMNS = "order_id, item_no, product, quantity, price";
  private static final String COUNTRIES_COLUMNS = "code, name, region";
  private static final String CUSTOMERS_COLUMNS = "customer_id, name, email, country_code";

  private ShopSchema() {}

  /**
   * Drops and creates the shop's tables on every data source of {@code layout} and loads {@code data} into them:
   * orders and order_items by shard, countries on every data source, customers on the default data source. The data
   * sources are loaded at the same time, each through one connection.
   *
   * @throws SQLException naming the data source, if a statement fails there
   */
  static void load(ShopLayout layout, ShopData data) throws SQLException {
    List<List<Order>> ordersByShard = byShard(layout, data.orders(), Order::orderId);
    List<List<Item>> itemsByShard = byShard(layout, data.items(), Item::orderId);
    ExecutorService executor = Executors.newFixedThreadPool(layout.dataSources().size());
    try {
      List<Future<Void>> loads = new ArrayList<>();
      for (PhysicalSource source : layout.dataSources()) {
        loads.add(executor.submit(() -> {
          loadDataSource(layout, source, data, ordersByShard, itemsByShard);
          return null;
        }));
      }
      for (Future<Void> load : loads) {
        load.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while loading the shop", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException failure) {
        throw failure;
      }
      throw new SQLException("loading the shop failed: " + e.getCause(), e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  private static void loadDataSource(ShopLayout layout, PhysicalSource source, ShopData data,
      List<List<Order>> ordersByShard, List<List<Item>> itemsByShard) throws SQLException {
    try (Connection connection = DriverManager.getConnection(source.url(), source.username(), source.password())) {
      connection.setAutoCommit(false);
      for (int shard = 0; shard < layout.shardCount(); shard++) {
        Node orders = layout.orders().get(shard);
        if (orders.dataSource().equals(source.name())) {
          createAndInsertOrders(connection, orders.table(), ordersByShard.get(shard));
        }
        Node items = layout.orderItems().get(shard);
        if (items.dataSource().equals(source.name())) {
          createAndInsertItems(connection, items.table(), itemsByShard.get(shard));
        }
      }
      createAndInsertCountries(connection, "countries", data.countries());
      if (source.name().equals(layout.defaultDataSource())) {
        createAndInsertCustomers(connection, "customers", data.customers());
      }
      connection.commit();
    } catch (SQLException e) {
      throw new SQLException("loading data source " + source.name() + " (" + source.url() + "): " + e.getMessage(),
          e.getSQLState(), e.getErrorCode(), e);
    }
  }

  /**
   * Drops and creates the shop's four tables under their logical names in one database and loads every row: the
   * unsharded copy that holds the union of all shards, against which the driver's answers are checked.
   *
   * @throws SQLException if a statement fails
   */
  static void loadUnsharded(Connection connection, ShopData data) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    createAndInsertOrders(connection, "orders", data.orders());
    createAndInsertItems(connection, "order_items", data.items());
    createAndInsertCountries(connection, "countries", data.countries());
    createAndInsertCustomers(connection, "customers", data.customers());
    connection.commit();
    connection.setAutoCommit(autoCommit);
  }

  private static <T> List<List<T>> byShard(ShopLayout layout, List<T> rows, ToLongFunction<T> key) {
    List<List<T>> shards = new ArrayList<>(layout.shardCount());
    for (int shard = 0; shard < layout.shardCount(); shard++) {
      shards.add(new ArrayList<>());
    }
    for (T row : rows) {
      shards.get(layout.shardOf(key.applyAsLong(row))).add(row);
    }
    return shards;
  }

  private static void createAndInsertOrders(Connection connection, String table, List<Order> rows) throws SQLException {
    create(connection, table, "order_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
        + " country_code CHAR(2) NOT NULL, status VARCHAR(16) NOT NULL, total DECIMAL(12,2) NOT NULL,"
        + " created_at DATETIME NOT NULL, KEY idx_customer (customer_id), KEY idx_created_at (created_at)");
    insert(connection, table, ORDERS_COLUMNS, 6, rows, (statement, at, row) -> {
      statement.setLong(at, row.orderId());
      statement.setLong(at + 1, row.customerId());
      statement.setString(at + 2, row.countryCode());
      statement.setString(at + 3, row.status());
      statement.setBigDecimal(at + 4, row.total());
      statement.setTimestamp(at + 5, Timestamp.valueOf(row.createdAt()));
    });
  }

  private static void createAndInsertItems(Connection connection, String table, List<Item> rows) throws SQLException {
    create(connection, table, "order_id BIGINT NOT NULL, item_no INT NOT NULL, product VARCHAR(64) NOT NULL,"
        + " quantity INT NOT NULL, price DECIMAL(10,2) NOT NULL, PRIMARY KEY (order_id, item_no)");
    insert(connection, table, ITEMS_COLUMNS, 5, rows, (statement, at, row) -> {
      statement.setLong(at, row.orderId());
      statement.setInt(at + 1, row.itemNo());
      statement.setString(at + 2, row.product());
      statement.setInt(at + 3, row.quantity());
      statement.setBigDecimal(at + 4, row.price());
    });
  }

  private static void createAndInsertCountries(Connection connection, String table, List<Country> rows)
      throws SQLException {
    create(connection, table, "code CHAR(2) NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL, region VARCHAR(16) NOT NULL");
    insert(connection, table, COUNTRIES_COLUMNS, 3, rows, (statement, at, row) -> {
      statement.setString(at, row.code());
      statement.setString(at + 1, row.name());
      statement.setString(at + 2, row.region());
    });
  }

  private static void createAndInsertCustomers(Connection connection, String table, List<Customer> rows)
      throws SQLException {
    create(connection, table, "customer_id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL,"
        + " email VARCHAR(128) NOT NULL, country_code CHAR(2) NOT NULL");
    insert(connection, table, CUSTOMERS_COLUMNS, 4, rows, (statement, at, row) -> {
      statement.setLong(at, row.customerId());
      statement.setString(at + 1, row.name());
      statement.setString(at + 2, row.email());
      statement.setString(at + 3, row.countryCode());
    });
  }

  private static void create(Connection connection, String table, String columns) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + table);
      statement.execute("CREATE TABLE " + table + " (" + columns + ")");
    }
  }

  /** Sets the parameters of one row, starting at parameter index {@code at}. */
  private interface RowBinder<T> {
    void bind(PreparedStatement statement, int at, T row) throws SQLException;
  }

  private static <T> void insert(Connection connection, String table, String columns, int columnCount, List<T> rows,
      RowBinder<T> binder) throws SQLException {
    for (int start = 0; start < rows.size(); start += ROWS_PER_INSERT) {
      List<T> chunk = rows.subList(start, Math.min(rows.size(), start + ROWS_PER_INSERT));
      try (PreparedStatement statement = connection.prepareStatement(insertSql(table, columns, columnCount, chunk.size()))) {
        for (int i = 0; i < chunk.size(); i++) {
          binder.bind(statement, 1 + i * columnCount, chunk.get(i));
        }
        statement.executeUpdate();
      }
    }
  }

  static String insertSql(String table, String columns, int columnCount, int rowCount) {
    String row = "(" + "?, ".repeat(columnCount - 1) + "?)";
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
    for (int i = 0; i < rowCount; i++) {
      sql.append(i == 0 ? "" : ", ").append(row);
    }
    return sql.toString();
  }
}
