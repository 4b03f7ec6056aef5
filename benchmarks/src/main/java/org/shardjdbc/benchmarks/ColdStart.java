package org.shardjdbc.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One cold start, in a JVM of its own started by {@link BenchmarkRun}: from nothing to the first row of a point
 * select, as an application's first request after deployment. Prints {@code first-row <ms since JVM start>}.
 *
 * <p>This class touches only what its contender needs, so that the shard and raw runs can go without ShardingSphere
 * on the class path (its driver would otherwise be loaded by {@code DriverManager} for them too):
 * <pre>
 * java -cp CLASSPATH org.shardjdbc.benchmarks.ColdStart shard|raw|shardingsphere CLUSTER_FILE main|wide CONFIG_FILE KEY
 * </pre>
 * {@code CONFIG_FILE} is the contender's YAML (ignored by raw).
 */
public final class ColdStart {
  static final String OUTPUT_PREFIX = "first-row ";

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException("usage: ColdStart contender clusterFile main|wide configFile key");
    }
    String contender = args[0];
    BenchCluster cluster = BenchCluster.read(Path.of(args[1]));
    BenchLayout layout = args[2].equals("wide") ? cluster.wide() : cluster.main();
    long key = Long.parseLong(args[4]);
    String sql = "SELECT order_id, customer_id, status, total, created_at FROM orders WHERE order_id = ?";
    long orderId;
    switch (contender) {
      case Contender.SHARD:
        orderId = firstRow(DriverManager.getConnection("jdbc:shard:" + args[3]), sql, key);
        break;
      case Contender.SHARDINGSPHERE:
        orderId = firstRow(DriverManager.getConnection("jdbc:shardingsphere:absolutepath:" + args[3]), sql, key);
        break;
      case Contender.RAW:
        orderId = raw(cluster, layout, key);
        break;
      default:
        throw new IllegalArgumentException("contender '" + contender + "': expected shard, raw or shardingsphere");
    }
    long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println(OUTPUT_PREFIX + sinceStart + " order_id=" + orderId);
    System.out.flush();
    System.exit(0); // pools and executors would keep the JVM alive
  }

  private static long firstRow(Connection connection, String sql, long key) throws SQLException {
    try (connection; PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key);
      try (ResultSet resultSet = statement.executeQuery()) {
        if (!resultSet.next()) {
          throw new SQLException("no order " + key);
        }
        return resultSet.getLong(1);
      }
    }
  }

  /** The application of before: a HikariCP pool per server, created at start, and the table computed by hand. */
  private static long raw(BenchCluster cluster, BenchLayout layout, long key) throws SQLException {
    List<HikariDataSource> pools = new ArrayList<>();
    for (int d = 0; d < layout.dataSources(); d++) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(cluster.dataSource(layout, d).jdbcUrl());
      config.setUsername("root");
      config.setPassword("");
      config.setMaximumPoolSize(ContenderConfigs.POOL_SIZE);
      pools.add(new HikariDataSource(config));
    }
    int shard = layout.shardOf(key);
    return firstRow(pools.get(layout.dataSourceOf(shard)).getConnection(),
        "SELECT order_id, customer_id, status, total, created_at FROM " + layout.table("orders", shard)
            + " WHERE order_id = ?", key);
  }
}
