package org.shardjdbc.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates a {@link BenchLayout}'s tables and generates its rows on the servers themselves, or keeps them when a
 * previous run left the same layout there.
 *
 * <p>Rows are made by {@code INSERT … SELECT} from MariaDB's SEQUENCE engine ({@code seq_5_to_1000000_step_128} is
 * the order ids of shard 5), so a million orders never cross the network. Every column is a fixed function of the
 * order id, so all servers, runs and contenders see the same data:
 * <ul>
 *   <li>{@code customer_id = 1 + (id·7919 mod customers)}: about 10 orders per customer;
 *   <li>{@code status}: one of 5, {@code country_code}: one of {@value #COUNTRY_COUNT};
 *   <li>{@code total = (id·104729 mod 100000) / 100};
 *   <li>{@code created_at = 2000-01-01 + (id·48271 mod (2³¹−1)) seconds}: distinct for every order (48271 is a
 *       primitive root modulo the prime 2³¹−1), so {@code ORDER BY created_at} has one answer;
 *   <li>order {@code id} has {@code 1 + id mod 3} items.
 * </ul>
 * A table {@code bench_meta} on each data source records the layout's {@link BenchLayout#signature()}; a data source
 * whose signature differs is dropped and loaded again.
 */
final class BenchData {
  static final int COUNTRY_COUNT = 20;
  private static final String COUNTRIES = "('DE','Germany','EU'),('FR','France','EU'),('IT','Italy','EU'),"
      + "('ES','Spain','EU'),('NL','Netherlands','EU'),('PL','Poland','EU'),('SE','Sweden','EU'),"
      + "('AT','Austria','EU'),('BE','Belgium','EU'),('PT','Portugal','EU'),('US','United States','NA'),"
      + "('CA','Canada','NA'),('MX','Mexico','NA'),('BR','Brazil','SA'),('AR','Argentina','SA'),"
      + "('JP','Japan','AS'),('KR','Korea','AS'),('IN','India','AS'),('AU','Australia','OC'),('ZA','South Africa','AF')";
  private static final String COUNTRY_CODES =
      "'DE','FR','IT','ES','NL','PL','SE','AT','BE','PT','US','CA','MX','BR','AR','JP','KR','IN','AU','ZA'";

  static final String ORDERS_DEFINITION = "(order_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
      + " country_code CHAR(2) NOT NULL, status VARCHAR(16) NOT NULL, total DECIMAL(12,2) NOT NULL,"
      + " created_at DATETIME NOT NULL, KEY idx_customer (customer_id), KEY idx_created_at (created_at))";
  static final String ITEMS_DEFINITION = "(order_id BIGINT NOT NULL, item_no INT NOT NULL, product VARCHAR(64) NOT NULL,"
      + " quantity INT NOT NULL, price DECIMAL(10,2) NOT NULL, PRIMARY KEY (order_id, item_no))";
  static final String COUNTRIES_DEFINITION =
      "(code CHAR(2) NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL, region VARCHAR(16) NOT NULL)";

  private BenchData() {}

  /**
   * Makes every data source of {@code layout} hold its tables and rows, loading those that do not, all at once.
   *
   * @param direct the cluster, reached directly (not through a delaying proxy)
   * @param log where progress goes
   * @return how many data sources were (re)loaded
   * @throws SQLException naming the data source, if a statement fails
   */
  static int ensureLoaded(BenchCluster direct, BenchLayout layout, java.io.PrintStream log) throws SQLException {
    ExecutorService executor = Executors.newFixedThreadPool(layout.dataSources());
    try {
      List<Future<Boolean>> loads = new ArrayList<>();
      for (int dataSource = 0; dataSource < layout.dataSources(); dataSource++) {
        int index = dataSource;
        loads.add(executor.submit(() -> ensureDataSource(direct, layout, index)));
      }
      int loaded = 0;
      long start = System.nanoTime();
      for (Future<Boolean> load : loads) {
        if (load.get()) {
          loaded++;
        }
      }
      if (loaded > 0) {
        log.printf("loaded %d of %d data sources of %s (%s) in %.1f s%n", loaded, layout.dataSources(), layout.database(),
            layout.signature(), (System.nanoTime() - start) / 1e9);
      }
      return loaded;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while loading " + layout.database(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException failure) {
        throw failure;
      }
      throw new SQLException("loading " + layout.database() + " failed: " + e.getCause(), e.getCause());
    } finally {
      executor.shutdownNow();
    }
  }

  private static boolean ensureDataSource(BenchCluster cluster, BenchLayout layout, int dataSource) throws SQLException {
    BenchCluster.Address address = cluster.dataSource(layout, dataSource);
    try (Connection connection = DriverManager.getConnection(address.serverUrl(), "root", "");
        Statement statement = connection.createStatement()) {
      if (layout.signature().equals(signature(statement, address.database()))) {
        return false;
      }
      statement.execute("DROP DATABASE IF EXISTS " + address.database());
      statement.execute("CREATE DATABASE " + address.database() + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
      statement.execute("USE " + address.database());
      statement.execute("CREATE TABLE countries " + COUNTRIES_DEFINITION);
      statement.execute("INSERT INTO countries VALUES " + COUNTRIES);
      int first = dataSource * layout.tablesPerDataSource();
      for (int shard = first; shard < first + layout.tablesPerDataSource(); shard++) {
        statement.execute("CREATE TABLE " + layout.table("orders", shard) + " " + ORDERS_DEFINITION);
        statement.execute("CREATE TABLE " + layout.table("order_items", shard) + " " + ITEMS_DEFINITION);
        String ids = orderIds(layout, shard);
        if (ids != null) {
          statement.execute(insertOrders(layout, shard, ids));
          statement.execute(insertItems(layout, shard, ids));
        }
      }
      statement.execute("CREATE TABLE bench_meta (k VARCHAR(32) PRIMARY KEY, v VARCHAR(200) NOT NULL)");
      statement.execute("INSERT INTO bench_meta VALUES ('layout', '" + layout.signature() + "')");
      return true;
    } catch (SQLException e) {
      throw new SQLException("loading data source " + dataSource + " (" + address + "): " + e.getMessage(), e.getSQLState(),
          e.getErrorCode(), e);
    }
  }

  /** The layout signature a database carries, or null when it has none (or does not exist). */
  private static String signature(Statement statement, String database) throws SQLException {
    try (ResultSet tables = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
        + database + "' AND table_name = 'bench_meta'")) {
      tables.next();
      if (tables.getInt(1) == 0) {
        return null;
      }
    }
    try (ResultSet row = statement.executeQuery("SELECT v FROM " + database + ".bench_meta WHERE k = 'layout'")) {
      return row.next() ? row.getString(1) : null;
    }
  }

  /** The SEQUENCE table of the order ids of a shard ({@code seq_5_to_1000000_step_128}), or null if it has none. */
  static String orderIds(BenchLayout layout, int shard) {
    long first = shard == 0 ? layout.shardCount() : shard;
    if (first > layout.orders()) {
      return null;
    }
    return "seq_" + first + "_to_" + layout.orders() + "_step_" + layout.shardCount();
  }

  private static String insertOrders(BenchLayout layout, int shard, String ids) {
    return "INSERT INTO " + layout.table("orders", shard)
        + " (order_id, customer_id, country_code, status, total, created_at)"
        + " SELECT seq, 1 + (seq * 7919) % " + layout.customers() + ","
        + " ELT(1 + (seq * 31) % " + COUNTRY_COUNT + ", " + COUNTRY_CODES + "),"
        + " ELT(1 + (seq * 17) % 5, 'NEW', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'),"
        + " ((seq * 104729) % 100000) / 100,"
        + " TIMESTAMP '2000-01-01 00:00:00' + INTERVAL ((seq * 48271) % 2147483647) SECOND"
        + " FROM " + ids;
  }

  private static String insertItems(BenchLayout layout, int shard, String ids) {
    return "INSERT INTO " + layout.table("order_items", shard) + " (order_id, item_no, product, quantity, price)"
        + " SELECT o.seq, i.seq, CONCAT('product-', (o.seq * 13 + i.seq) % 1000), 1 + (o.seq + i.seq) % 5,"
        + " ((o.seq * 7 + i.seq * 11) % 10000) / 100"
        + " FROM " + ids + " o JOIN seq_1_to_3 i ON i.seq <= 1 + o.seq % 3";
  }
}
