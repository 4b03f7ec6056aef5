package org.shardjdbc.planner.analyze;

import java.util.List;

/**
 * What a WHERE clause says about the shard key, reduced to what routing can use. Whatever it cannot use is
 * {@link Any}: routing may ask more shards than needed, never fewer.
 */
public sealed interface KeyCondition {

  /** Nothing known: every shard. */
  record Any() implements KeyCondition {
    @Override
    public String toString() {
      return "any";
    }
  }

  /** No row can match ({@code key = NULL}). */
  record None() implements KeyCondition {
    @Override
    public String toString() {
      return "none";
    }
  }

  /** {@code key = value}. */
  record Equal(ValueSource value) implements KeyCondition {
    @Override
    public String toString() {
      return "key = " + value;
    }
  }

  /**
   * {@code key <=> value}: as {@code key = value}, but a NULL value matches the rows whose key is NULL, which have no
   * shard of their own and may be on any.
   */
  record NullSafeEqual(ValueSource value) implements KeyCondition {
    @Override
    public String toString() {
      return "key <=> " + value;
    }
  }

  /**
   * {@code key IN (values)}.
   *
   * @param inListId the IN list's place among the statement's splittable lists, or -1 when the list cannot be split
   *     per shard (it is not a top-level conjunct)
   */
  record In(List<ValueSource> values, int inListId) implements KeyCondition {
    public In {
      values = List.copyOf(values);
    }

    @Override
    public String toString() {
      return "key IN " + values;
    }
  }

  /** A range of the key; a null bound is open. */
  record Range(ValueSource lower, boolean lowerInclusive, ValueSource upper, boolean upperInclusive) implements KeyCondition {
    @Override
    public String toString() {
      return "key " + (lower == null ? "(-inf" : (lowerInclusive ? "[" : "(") + lower) + ", "
          + (upper == null ? "+inf)" : upper + (upperInclusive ? "]" : ")"));
    }
  }

  record And(List<KeyCondition> conditions) implements KeyCondition {
    public And {
      conditions = List.copyOf(conditions);
    }
  }

  record Or(List<KeyCondition> conditions) implements KeyCondition {
    public Or {
      conditions = List.copyOf(conditions);
    }
  }
}
