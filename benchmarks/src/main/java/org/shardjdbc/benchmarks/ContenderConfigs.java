package org.shardjdbc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The same layout told to each contender that needs a configuration: this driver's YAML (SPEC §3) and
 * ShardingSphere-JDBC 5.5.2's YAML. Both get the same data sources with the same HikariCP pool size and the same
 * mysql-connector-j URL options.
 *
 * <p>ShardingSphere is configured as its documentation shows for a table-only split: a table strategy on
 * {@code order_id} with the {@code INLINE} algorithm {@code orders_${String.format('%03d', order_id % 128)}} (its
 * {@code MOD} algorithm is for auto tables only, which place table {@code i} on data source {@code i mod 8}, not this
 * layout), no database strategy (each data source holds different tables), {@code order_items} bound to
 * {@code orders}, {@code countries} a broadcast table, Standalone mode with its default repository. Everything else
 * keeps its default, notably {@code max-connections-size-per-query: 1}.
 */
final class ContenderConfigs {
  /** Connections per data source, for every contender. */
  static final int POOL_SIZE = 16;

  private ContenderConfigs() {}

  /**
   * This driver's configuration of a layout.
   *
   * @param prefill whether the pools open all their connections at start ({@code minimumIdle} = pool size), as the
   *     measured runs want; else each pool keeps its default
   */
  static String shardYaml(BenchCluster cluster, BenchLayout layout, boolean prefill) {
    StringBuilder yaml = new StringBuilder("# written by the benchmark for ").append(layout.signature()).append('\n');
    yaml.append("dataSources:\n");
    for (int d = 0; d < layout.dataSources(); d++) {
      yaml.append("  h").append(d).append(":\n");
      yaml.append("    url: \"").append(cluster.dataSource(layout, d).jdbcUrl()).append("\"\n");
      yaml.append("    username: root\n    password: \"\"\n");
      yaml.append("    pool: { maximumPoolSize: ").append(POOL_SIZE)
          .append(prefill ? ", minimumIdle: " + POOL_SIZE : "").append(" }\n");
    }
    yaml.append("tables:\n");
    for (String table : List.of("orders", "order_items")) {
      yaml.append("  ").append(table).append(":\n    shardKey: order_id\n");
      yaml.append(table.equals("orders") ? "    algorithm: mod\n" : "    bindTo: orders\n");
      yaml.append("    nodes:\n");
      for (int d = 0; d < layout.dataSources(); d++) {
        int first = d * layout.tablesPerDataSource();
        int last = first + layout.tablesPerDataSource() - 1;
        String from = layout.table(table, first).substring(table.length() + 1);
        String to = layout.table(table, last).substring(table.length() + 1);
        yaml.append("      h").append(d).append(": \"").append(table).append("_${").append(from).append("..")
            .append(to).append("}\"\n");
      }
    }
    yaml.append("  countries:\n    broadcast: true\n");
    yaml.append("defaultDataSource: h0\n");
    return yaml.toString();
  }

  /** ShardingSphere-JDBC 5.5.2's configuration of a layout, for {@code jdbc:shardingsphere:absolutepath:<file>}. */
  static String shardingSphereYaml(BenchCluster cluster, BenchLayout layout, boolean prefill) {
    StringBuilder yaml = new StringBuilder("# written by the benchmark for ").append(layout.signature()).append('\n');
    yaml.append("databaseName: ").append(layout.database()).append('\n');
    yaml.append("mode:\n  type: Standalone\n  repository:\n    type: JDBC\n");
    yaml.append("dataSources:\n");
    for (int d = 0; d < layout.dataSources(); d++) {
      yaml.append("  ds_").append(d).append(":\n");
      yaml.append("    dataSourceClassName: com.zaxxer.hikari.HikariDataSource\n");
      yaml.append("    driverClassName: com.mysql.cj.jdbc.Driver\n");
      yaml.append("    jdbcUrl: \"").append(cluster.dataSource(layout, d).jdbcUrl()).append("\"\n");
      yaml.append("    username: root\n    password: \"\"\n");
      yaml.append("    maximumPoolSize: ").append(POOL_SIZE).append('\n');
      if (prefill) {
        yaml.append("    minimumIdle: ").append(POOL_SIZE).append('\n');
      }
    }
    yaml.append("rules:\n- !SHARDING\n  tables:\n");
    for (String table : List.of("orders", "order_items")) {
      yaml.append("    ").append(table).append(":\n");
      yaml.append("      actualDataNodes: ").append(dataNodes(layout, table)).append('\n');
      yaml.append("      tableStrategy:\n        standard:\n          shardingColumn: order_id\n");
      yaml.append("          shardingAlgorithmName: ").append(table).append("_inline\n");
    }
    yaml.append("  bindingTables:\n    - orders,order_items\n");
    yaml.append("  defaultDatabaseStrategy:\n    none:\n");
    yaml.append("  shardingAlgorithms:\n");
    for (String table : List.of("orders", "order_items")) {
      yaml.append("    ").append(table).append("_inline:\n      type: INLINE\n      props:\n");
      yaml.append("        algorithm-expression: \"").append(table).append("_${String.format('%0")
          .append(layout.suffixWidth()).append("d', order_id % ").append(layout.shardCount()).append(")}\"\n");
    }
    yaml.append("- !BROADCAST\n  tables:\n    - countries\n");
    yaml.append("props:\n  sql-show: false\n");
    return yaml.toString();
  }

  /** {@code ds_0.orders_000,ds_0.orders_001,…}: every node listed, as zero-padded ranges are not inline syntax. */
  private static String dataNodes(BenchLayout layout, String table) {
    List<String> nodes = new ArrayList<>(layout.shardCount());
    for (int shard = 0; shard < layout.shardCount(); shard++) {
      nodes.add("ds_" + layout.dataSourceOf(shard) + "." + layout.table(table, shard));
    }
    return String.join(",", nodes);
  }
}
