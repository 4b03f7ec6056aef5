package org.shardjdbc.planner.model;

import java.util.BitSet;
import java.util.List;

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
   * The shard that holds rows whose shard key equals {@code key}: where a row is stored. Keys that the key column
   * finds equal must be on one shard (see {@link #shardsMatching} for how a query's value is routed).
   *
   * @param key the key's value as JDBC gives it (Long, Integer, BigDecimal, String, java.sql.Date, ...); never null
   * @param shardCount the number of shards of the table, at least 1
   * @return the shard index in {@code [0, shardCount)}, or {@link #ALL_SHARDS} when the value cannot be placed
   *     (a string that is not a number for a numeric algorithm, say)
   */
  int shardOf(Object key, int shardCount);

  /**
   * The shards that may hold rows whose key the server finds equal to {@code value}, a value of a query (a literal
   * or a parameter), when it compares it with a key column of type {@code keyType}.
   *
   * <p>The default asks {@link #shardOf} for each stored key that {@link MatchingKeys#equalTo} names ({@code '9abc'}
   * compared with an integer column is the key 9), and every shard when they cannot be told. For a string column it
   * asks {@code shardOf(value)} alone, so it relies on the algorithm placing strings that the column's collation
   * finds equal on one shard; the built-in algorithms that fold strings say where they do not.
   *
   * @param value the value; never null
   * @return a new set of shard indexes; never null
   */
  default BitSet shardsMatching(Object value, KeyType keyType, int shardCount) {
    List<Object> keys = MatchingKeys.equalTo(value, keyType);
    BitSet shards = new BitSet(shardCount);
    if (keys == null) {
      shards.set(0, shardCount);
      return shards;
    }
    for (Object key : keys) {
      int shard = shardOf(key, shardCount);
      if (shard == ALL_SHARDS) {
        shards.set(0, shardCount);
        return shards;
      }
      if (shard >= 0 && shard < shardCount) {
        shards.set(shard);
      }
    }
    return shards;
  }

  /**
   * The shards that may hold stored keys in a range; {@code null} bounds are open. A query's bounds reach it as the
   * key column compares them ({@link MatchingKeys#bound}): BigDecimal for a numeric column, LocalDateTime for a
   * date-time one. The default asks every shard, which is always correct; an algorithm that orders keys (range) or
   * can enumerate them (mod over a short integer range) narrows it.
   *
   * @return a new set of shard indexes; never null
   */
  default BitSet shardsBetween(Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive, int shardCount) {
    BitSet all = new BitSet(shardCount);
    all.set(0, shardCount);
    return all;
  }
}
