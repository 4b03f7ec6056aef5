package org.shardjdbc.benchmarks;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * One of the systems compared: answers a workload's query, putting its rows into a sink. Safe for concurrent use by
 * the benchmark's client threads.
 */
interface Contender extends AutoCloseable {
  /** This driver through {@code ShardDataSource}. */
  String SHARD = "shard";
  /** HikariCP + mysql-connector-j, one physical statement per table, scattered over a thread pool. */
  String RAW = "raw";
  /** HikariCP + mysql-connector-j, one {@code UNION ALL} statement per server, scattered over a thread pool. */
  String RAW_UNION = "raw_union";
  /** Apache ShardingSphere-JDBC 5.5.2. */
  String SHARDINGSPHERE = "shardingsphere";
  /** Every contender, in the order of the report. */
  List<String> ALL = List.of(SHARD, RAW, RAW_UNION, SHARDINGSPHERE);

  /**
   * Runs the workload's query once with these arguments.
   *
   * @throws SQLException when the query fails
   */
  void run(Workload workload, QueryArguments arguments, RowSink sink) throws SQLException;

  /** Closes pools and threads. */
  @Override
  void close();

  /**
   * Opens a contender on a layout of the cluster.
   *
   * @param name one of {@link #ALL}
   * @param workDirectory where configuration files are written
   * @param prefill whether pools open all their connections at start (measured runs) or keep their defaults (cold start)
   * @throws SQLException if the contender cannot start
   */
  static Contender open(String name, BenchCluster cluster, BenchLayout layout, Path workDirectory, boolean prefill)
      throws SQLException {
    switch (name) {
      case SHARD:
        return LogicalContender.shard(cluster, layout, workDirectory, prefill);
      case RAW:
        return RawJdbcContender.open(cluster, layout, false, prefill);
      case RAW_UNION:
        return RawJdbcContender.open(cluster, layout, true, prefill);
      case SHARDINGSPHERE:
        return LogicalContender.shardingSphere(cluster, layout, workDirectory, prefill);
      default:
        throw new IllegalArgumentException("contender '" + name + "': expected one of " + ALL);
    }
  }
}
