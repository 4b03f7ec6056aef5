package org.shardjdbc.planner.model;

import java.util.BitSet;

/**
 * Places a row on a shard from the value of its shard key: the one extension point of the driver.
 *
 * <p>An implementation must be deterministic and stable across versions: the placement of stored rows depends on
 * it. A user's implementation is named by its class in the configuration ({@code algorithm: com.acme.MyAlgorithm})
 * and needs a public no-argument constructor.
 */
public interface ShardingAlgorithm {

  /** Returned by {@link #shardOf} when the key's value does not tell one shard: every shard must be asked. */
  int ALL_SHARDS = -1;

  /**
   * The shard that holds rows whose shard key equals {@code key}.
   *
   * @param key the key's value as JDBC gives it (Long, Integer, BigDecimal, String, java.sql.Date, ...); never null
   * @param shardCount the number of shards of the table, at least 1
   * @return the shard index in {@code [0, shardCount)}, or {@link #ALL_SHARDS} when the value cannot be placed
   *     (a string that is not a number for a numeric algorithm, say)
   */
  int shardOf(Object key, int shardCount);

  /**
   * The shards that may hold keys in a range; {@code null} bounds are open. The default asks every shard, which is
   * always correct; an algorithm that orders keys (range) or can enumerate them (mod over a short integer range)
   * narrows it.
   *
   * @return a new set of shard indexes; never null
   */
  default BitSet shardsBetween(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive, int shardCount) {
    BitSet all = new BitSet(shardCount);
    all.set(0, shardCount);
    return all;
  }
}
