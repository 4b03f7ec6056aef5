package org.shardjdbc.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The parameter values of one query: keys drawn uniformly from the layout's order ids, or a customer id.
 *
 * @param keys order ids: one for the point select, {@value Workload#IN_LIST_SIZE} distinct ones for IN lists
 * @param customerId the customer of the scatter filter
 */
record QueryArguments(long[] keys, long customerId) {
  private static final long[] NO_KEYS = {};

  /** Fresh arguments for a workload from the caller's (per-thread) random source. */
  static QueryArguments next(Workload workload, BenchLayout layout, SplittableRandom random) {
    long orders = Math.max(1, layout.orders());
    switch (workload) {
      case POINT_SELECT:
        return new QueryArguments(new long[] {1 + random.nextLong(orders)}, 0);
      case IN_LIST:
      case JOIN_IN_LIST:
        return new QueryArguments(distinctKeys(Workload.IN_LIST_SIZE, orders, random), 0);
      case SCATTER_FILTER:
        return new QueryArguments(NO_KEYS, 1 + random.nextLong(layout.customers()));
      case COUNT_SUM:
      case GROUP_BY_AVG:
      case ORDER_BY_LIMIT:
      case DEEP_PAGE:
      case FULL_SCAN:
        return new QueryArguments(NO_KEYS, 0);
    }
    throw new IllegalArgumentException("no arguments for " + workload);
  }

  private static long[] distinctKeys(int count, long orders, SplittableRandom random) {
    long[] keys = new long[count];
    int filled = 0;
    while (filled < count) {
      long key = 1 + random.nextLong(orders);
      boolean seen = false;
      for (int i = 0; i < filled && !seen; i++) {
        seen = keys[i] == key;
      }
      if (!seen || orders < count) {
        keys[filled++] = key;
      }
    }
    return keys;
  }

  /** The JDBC parameters of the workload's logical SQL, in order. */
  List<Object> parameters(Workload workload) {
    switch (workload) {
      case POINT_SELECT:
      case IN_LIST:
      case JOIN_IN_LIST:
        List<Object> values = new ArrayList<>(keys.length);
        for (long key : keys) {
          values.add(key);
        }
        return values;
      case SCATTER_FILTER:
        return List.of(customerId);
      case COUNT_SUM:
      case GROUP_BY_AVG:
      case ORDER_BY_LIMIT:
      case DEEP_PAGE:
      case FULL_SCAN:
        return List.of();
    }
    throw new IllegalArgumentException("no parameters for " + workload);
  }

  @Override
  public String toString() {
    return "QueryArguments[keys=" + Arrays.toString(keys) + ", customerId=" + customerId + "]";
  }
}
