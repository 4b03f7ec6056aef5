package org.shardjdbc.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The write benchmark's own database on the benchmark servers ({@code bench_writes}, never the read benchmarks'
 * data): {@code write_log} split like {@code orders} into {@code write_log_000 …}, emptied before each trial.
 */
final class WriteTables {
  /** 8 data sources x 16 tables, as the read benchmarks; the layout's order count is unused. */
  static final BenchLayout LAYOUT = new BenchLayout("bench_writes", BenchmarkRun.SERVERS, BenchmarkRun.TABLES_PER_SERVER, 0);
  /**
   * Both contenders' physical connections send batches as multi-row INSERTs, the fastest a hand-written batch can
   * be; the driver's counts do not depend on it.
   */
  static final String URL_OPTIONS = "&rewriteBatchedStatements=true";
  static final String DEFINITION =
      "(id BIGINT PRIMARY KEY, account BIGINT NOT NULL, payload VARCHAR(64) NOT NULL) ENGINE=InnoDB";

  private WriteTables() {}

  /** The URL of a data source's database with the write benchmark's options. */
  static String jdbcUrl(BenchCluster cluster, int dataSource) {
    return cluster.dataSource(LAYOUT, dataSource).jdbcUrl() + URL_OPTIONS;
  }

  /** Creates the databases and tables if missing, and empties the tables. */
  static void reset(BenchCluster cluster) throws SQLException {
    for (int d = 0; d < LAYOUT.dataSources(); d++) {
      BenchCluster.Address address = cluster.dataSource(LAYOUT, d);
      try (Connection connection = DriverManager.getConnection(address.serverUrl(), "root", "");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE IF NOT EXISTS " + address.database()
            + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        int first = d * LAYOUT.tablesPerDataSource();
        for (int shard = first; shard < first + LAYOUT.tablesPerDataSource(); shard++) {
          String table = address.database() + "." + LAYOUT.table("write_log", shard);
          statement.execute("CREATE TABLE IF NOT EXISTS " + table + " " + DEFINITION);
          statement.execute("TRUNCATE TABLE " + table);
        }
      }
    }
  }

  /**
   * Deletes every row of the tables: how a paired measurement empties them between rounds. Not {@code TRUNCATE},
   * which there, after rounds of inserts at 16 threads, now and then waited for a lock until
   * {@code innodb_lock_wait_timeout} (50 s) ran out (MariaDB 11.4; what held the lock was not found).
   */
  static void deleteRows(BenchCluster cluster) throws SQLException {
    for (int d = 0; d < LAYOUT.dataSources(); d++) {
      BenchCluster.Address address = cluster.dataSource(LAYOUT, d);
      try (Connection connection = DriverManager.getConnection(address.serverUrl(), "root", "");
          Statement statement = connection.createStatement()) {
        int first = d * LAYOUT.tablesPerDataSource();
        for (int shard = first; shard < first + LAYOUT.tablesPerDataSource(); shard++) {
          statement.executeUpdate("DELETE FROM " + address.database() + "." + LAYOUT.table("write_log", shard));
        }
      }
    }
  }

  /** {@link #reset}, then the rows an {@link WriteWorkload#UPDATE_BY_KEY} changes if that is the workload. */
  static void reset(BenchCluster cluster, WriteWorkload workload) throws SQLException {
    reset(cluster);
    if (workload == WriteWorkload.UPDATE_BY_KEY) {
      try (WriteContender raw = RawWriteContender.open(cluster)) {
        raw.writeChecked(WriteWorkload.BATCH_INSERT, WriteKeys.updatedRows());
      }
    }
  }

  /** This driver's configuration: the read benchmarks' data sources and pools, and {@code write_log}. */
  static String shardYaml(BenchCluster cluster) {
    StringBuilder yaml = new StringBuilder("# written by the write benchmark\ndataSources:\n");
    for (int d = 0; d < LAYOUT.dataSources(); d++) {
      yaml.append("  h").append(d).append(":\n");
      yaml.append("    url: \"").append(jdbcUrl(cluster, d)).append("\"\n");
      yaml.append("    username: root\n    password: \"\"\n");
      yaml.append("    pool: { maximumPoolSize: ").append(ContenderConfigs.POOL_SIZE).append(", minimumIdle: ")
          .append(ContenderConfigs.POOL_SIZE).append(" }\n");
    }
    yaml.append("tables:\n  write_log:\n    shardKey: id\n    algorithm: mod\n    nodes:\n");
    for (int d = 0; d < LAYOUT.dataSources(); d++) {
      int first = d * LAYOUT.tablesPerDataSource();
      int last = first + LAYOUT.tablesPerDataSource() - 1;
      yaml.append("      h").append(d).append(": \"write_log_${")
          .append(LAYOUT.table("write_log", first).substring("write_log_".length())).append("..")
          .append(LAYOUT.table("write_log", last).substring("write_log_".length())).append("}\"\n");
    }
    yaml.append("defaultDataSource: h0\n");
    return yaml.toString();
  }

  /**
   * ShardingSphere-JDBC's configuration of the same tables, as {@link ContenderConfigs#shardingSphereYaml} writes the
   * read benchmarks' (INLINE table strategy on {@code id}, every data node listed, no database strategy).
   */
  static String shardingSphereYaml(BenchCluster cluster) {
    StringBuilder yaml = new StringBuilder("# written by the write benchmark\n");
    yaml.append("databaseName: ").append(LAYOUT.database()).append('\n');
    yaml.append("mode:\n  type: Standalone\n  repository:\n    type: JDBC\n");
    yaml.append("dataSources:\n");
    for (int d = 0; d < LAYOUT.dataSources(); d++) {
      yaml.append("  ds_").append(d).append(":\n");
      yaml.append("    dataSourceClassName: com.zaxxer.hikari.HikariDataSource\n");
      yaml.append("    driverClassName: com.mysql.cj.jdbc.Driver\n");
      yaml.append("    jdbcUrl: \"").append(jdbcUrl(cluster, d)).append("\"\n");
      yaml.append("    username: root\n    password: \"\"\n");
      yaml.append("    maximumPoolSize: ").append(ContenderConfigs.POOL_SIZE).append('\n');
      yaml.append("    minimumIdle: ").append(ContenderConfigs.POOL_SIZE).append('\n');
    }
    List<String> nodes = new ArrayList<>(LAYOUT.shardCount());
    for (int shard = 0; shard < LAYOUT.shardCount(); shard++) {
      nodes.add("ds_" + LAYOUT.dataSourceOf(shard) + "." + LAYOUT.table("write_log", shard));
    }
    yaml.append("rules:\n- !SHARDING\n  tables:\n    write_log:\n");
    yaml.append("      actualDataNodes: ").append(String.join(",", nodes)).append('\n');
    yaml.append("      tableStrategy:\n        standard:\n          shardingColumn: id\n");
    yaml.append("          shardingAlgorithmName: write_log_inline\n");
    yaml.append("  defaultDatabaseStrategy:\n    none:\n");
    yaml.append("  shardingAlgorithms:\n    write_log_inline:\n      type: INLINE\n      props:\n");
    yaml.append("        algorithm-expression: \"write_log_${String.format('%0").append(LAYOUT.suffixWidth())
        .append("d', id % ").append(LAYOUT.shardCount()).append(")}\"\n");
    yaml.append("props:\n  sql-show: false\n");
    return yaml.toString();
  }
}
