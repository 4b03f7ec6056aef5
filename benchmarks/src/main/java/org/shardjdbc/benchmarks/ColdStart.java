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
import java.util.SplittableRandom;

/**
 * One cold start, in a JVM of its own started by {@link BenchmarkRun}: from nothing to the first row of a query (the
 * point select, or the sorted merge of {@code ORDER BY created_at DESC LIMIT 10}), as an application's first request
 * after deployment. Prints {@code first-row <ms since JVM start>}.
 *
 * <p>This class touches only what its contender needs, so that the shard and raw runs can go without ShardingSphere
 * on the class path (its driver would otherwise be loaded by {@code DriverManager} for them too):
 * <pre>
 * java -cp CLASSPATH org.shardjdbc.benchmarks.ColdStart shard|raw|shardingsphere CLUSTER_FILE main|wide CONFIG_FILE KEY \
 *     POINT_SELECT|ORDER_BY_LIMIT
 * </pre>
 * {@code CONFIG_FILE} is the contender's YAML (ignored by raw).
 */
public final class ColdStart {
  static final String OUTPUT_PREFIX = "first-row ";

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      throw new IllegalArgumentException("usage: ColdStart contender clusterFile main|wide configFile key workload");
    }
    String contender = args[0];
    BenchCluster cluster = BenchCluster.read(Path.of(args[1]));
    BenchLayout layout = args[2].equals("wide") ? cluster.wide() : cluster.main();
    long key = Long.parseLong(args[4]);
    Workload workload = Workload.valueOf(args[5]);
    if (workload != Workload.POINT_SELECT && workload != Workload.ORDER_BY_LIMIT) {
      throw new IllegalArgumentException("cold start of " + workload + ": only POINT_SELECT and ORDER_BY_LIMIT");
    }
    String sql = workload.sql(layout);
    long orderId;
    switch (contender) {
      case Contender.SHARD:
        orderId = firstRow(DriverManager.getConnection("jdbc:shard:" + args[3]), sql, key);
        break;
      case Contender.SHARDINGSPHERE:
        orderId = firstRow(DriverManager.getConnection("jdbc:shardingsphere:absolutepath:" + args[3]), sql, key);
        break;
      case Contender.RAW:
        orderId = workload == Workload.POINT_SELECT ? raw(cluster, layout, key) : rawNewest(cluster, layout);
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
      if (sql.contains("?")) {
        statement.setLong(1, key);
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        if (!resultSet.next()) {
          throw new SQLException("no order " + key);
        }
        return resultSet.getLong(1);
      }
    }
  }

  /** The application of before, scattering the sorted query over a thread pool by hand ({@link RawJdbcContender}). */
  private static long rawNewest(BenchCluster cluster, BenchLayout layout) throws SQLException {
    long[] first = {-1};
    RawJdbcContender contender = RawJdbcContender.open(cluster, layout, false, false);
    contender.run(Workload.ORDER_BY_LIMIT, QueryArguments.next(Workload.ORDER_BY_LIMIT, layout, new SplittableRandom(1)),
        row -> {
          if (first[0] < 0) {
            first[0] = ((Number) row[0]).longValue();
          }
        });
    return first[0];
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
