package org.shardjdbc.planner.route;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;
import org.shardjdbc.planner.analyze.KeyCondition;
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.MatchingKeys;
import org.shardjdbc.planner.model.ShardingAlgorithm;

/**
 * The shards that one execution's key conditions leave, and for each splittable IN list the shard each of its values
 * is for. Every value is compared as the key column compares it: equality through
 * {@link ShardingAlgorithm#shardsMatching}, range bounds through {@link MatchingKeys#bound}. Whatever cannot be told
 * keeps every shard: a condition may leave more shards than hold matching rows, never fewer.
 *
 * <p>Rows whose key is NULL have no shard (no algorithm places NULL), so they may be anywhere: only {@code IS NULL}
 * and {@code <=> NULL} find them, and those keep every shard.
 */
public final class KeyConditionEvaluation {
  /** In an IN list's assignment: the value goes to every shard asked. */
  static final int EVERY_SHARD = -1;
  /** In an IN list's assignment: the value equals no stored key and goes nowhere. */
  static final int NO_SHARD = -2;

  private final ShardingAlgorithm algorithm;
  private final int shardCount;
  private final List<Object> parameters;
  private final Supplier<KeyType> keyTypeSource;
  private final List<int[]> inListShards = new ArrayList<>();
  private KeyType keyType;

  /**
   * @param algorithm the routing table's algorithm
   * @param shardCount its number of shards
   * @param parameters the execution's parameter values (may hold nulls)
   * @param keyType the key column's type, asked once and only when a value must be compared
   */
  public KeyConditionEvaluation(ShardingAlgorithm algorithm, int shardCount, List<Object> parameters,
      Supplier<KeyType> keyType) {
    this.algorithm = algorithm;
    this.shardCount = shardCount;
    this.parameters = parameters;
    this.keyTypeSource = keyType;
  }

  /** The shards a condition leaves; a new set. */
  public BitSet shards(KeyCondition condition) throws SQLException {
    if (condition instanceof KeyCondition.Any) {
      return all();
    }
    if (condition instanceof KeyCondition.None) {
      return new BitSet();
    }
    if (condition instanceof KeyCondition.Equal equal) {
      Object value = equal.value().value(parameters);
      return value == null ? new BitSet() : matching(value);
    }
    if (condition instanceof KeyCondition.NullSafeEqual equal) {
      Object value = equal.value().value(parameters);
      return value == null ? all() : matching(value);
    }
    if (condition instanceof KeyCondition.In in) {
      return in(in);
    }
    if (condition instanceof KeyCondition.Range range) {
      return range(range);
    }
    if (condition instanceof KeyCondition.And and) {
      BitSet shards = all();
      for (KeyCondition part : and.conditions()) {
        shards.and(shards(part));
      }
      return shards;
    }
    if (condition instanceof KeyCondition.Or or) {
      BitSet shards = new BitSet();
      for (KeyCondition part : or.conditions()) {
        shards.or(shards(part));
      }
      return shards;
    }
    throw new IllegalStateException("unknown condition " + condition);
  }

  /**
   * For each splittable IN list, by its id, the shard of each value: a shard index, {@link #EVERY_SHARD} or
   * {@link #NO_SHARD}; null for a list no condition evaluated.
   */
  public List<int[]> inListShards() {
    return inListShards;
  }

  private BitSet in(KeyCondition.In in) throws SQLException {
    BitSet shards = new BitSet();
    int[] assignment = new int[in.values().size()];
    for (int i = 0; i < assignment.length; i++) {
      Object value = in.values().get(i).value(parameters);
      BitSet valueShards = value == null ? new BitSet() : matching(value);
      int count = valueShards.cardinality();
      assignment[i] = count == 1 ? valueShards.nextSetBit(0) : count == 0 ? NO_SHARD : EVERY_SHARD;
      shards.or(valueShards);
    }
    if (in.inListId() >= 0) {
      while (inListShards.size() <= in.inListId()) {
        inListShards.add(null);
      }
      inListShards.set(in.inListId(), assignment);
    }
    return shards;
  }

  private BitSet range(KeyCondition.Range range) throws SQLException {
    MatchingKeys.RangeBound lower = null;
    MatchingKeys.RangeBound upper = null;
    if (range.lower() != null) {
      Object value = range.lower().value(parameters);
      if (value == null) {
        return new BitSet(); // a comparison with NULL is never true
      }
      lower = MatchingKeys.bound(value, range.lowerInclusive(), true, keyType());
      if (lower == null) {
        return all();
      }
    }
    if (range.upper() != null) {
      Object value = range.upper().value(parameters);
      if (value == null) {
        return new BitSet();
      }
      upper = MatchingKeys.bound(value, range.upperInclusive(), false, keyType());
      if (upper == null) {
        return all();
      }
    }
    return algorithm.shardsBetween(lower == null ? null : lower.value(), lower != null && lower.inclusive(),
        upper == null ? null : upper.value(), upper != null && upper.inclusive(), shardCount);
  }

  private BitSet matching(Object value) {
    return algorithm.shardsMatching(value, keyType(), shardCount);
  }

  private KeyType keyType() {
    if (keyType == null) {
      keyType = keyTypeSource.get();
    }
    return keyType;
  }

  private BitSet all() {
    BitSet all = new BitSet(shardCount);
    all.set(0, shardCount);
    return all;
  }
}
