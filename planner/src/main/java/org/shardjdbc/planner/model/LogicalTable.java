package org.shardjdbc.planner.model;

import java.util.List;
import java.util.Objects;

/**
 * A table as the application sees it, and where its rows live.
 *
 * <p>A sharded table has a shard key, an algorithm and one {@link DataNode} per shard, in shard order. A broadcast
 * table has a full copy (same name) on every data source, no shard key and no algorithm.
 *
 * @param name the logical name, as written in the configuration
 * @param shardKey the shard key column; null for a broadcast table
 * @param algorithm places a key on a shard; null for a broadcast table
 * @param nodes the physical tables: shard i is {@code nodes.get(i)}; for a broadcast table, one per data source
 * @param bindTo the logical table this one is co-located with, or null
 * @param broadcast whether every data source holds a full copy
 * @param keyGenerator the key generator's name for INSERTs without a key, or null
 */
public record LogicalTable(
    String name,
    String shardKey,
    ShardingAlgorithm algorithm,
    List<DataNode> nodes,
    String bindTo,
    boolean broadcast,
    String keyGenerator) {

  public LogicalTable {
    Objects.requireNonNull(name, "name");
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("table " + name + ": no nodes");
    }
    if (!broadcast && (shardKey == null || algorithm == null)) {
      throw new IllegalArgumentException("table " + name + ": a sharded table needs a shard key and an algorithm");
    }
  }

  /** The number of shards; for a broadcast table, the number of copies. */
  public int shardCount() {
    return nodes.size();
  }

  public DataNode node(int shard) {
    return nodes.get(shard);
  }

  public boolean sharded() {
    return !broadcast;
  }
}
