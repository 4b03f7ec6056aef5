package org.shardjdbc.driver.federate;

import java.math.BigDecimal;
import java.sql.SQLException;

/**
 * The memory one federated query may hold in hash tables, sorts, groups and windows: what the operators keep is
 * estimated row by row, and passing the limit fails the query with an SQLException naming the limit, rather than
 * running the driver's JVM out of heap.
 */
final class MemoryBudget {
  /** Object header, array header and a reference per value, and a hash entry to hold the row. */
  private static final long ROW_OVERHEAD = 16 + 16 + 48;

  private final long limit;
  private long used;

  /** @param limit bytes, from the {@code federationMemoryLimit} property */
  MemoryBudget(long limit) {
    this.limit = limit;
  }

  /**
   * Counts a row an operator keeps.
   *
   * @param what the operator, for the message ("the hash join's build side", …)
   * @throws SQLException (SQLState HY001) when the query's rows pass the limit
   */
  void keep(Object[] row, String what) throws SQLException {
    long size = ROW_OVERHEAD + 8L * row.length;
    for (Object value : row) {
      size += sizeOf(value);
    }
    used += size;
    if (used > limit) {
      throw new SQLException("a query that needs rows of several shards at once holds more than federationMemoryLimit = "
          + limit + " bytes in " + what + " (about " + used + " bytes so far): raise federationMemoryLimit in the "
          + "configuration's props, or narrow the query", "HY001");
    }
  }

  /** Gives back what an operator kept, once it no longer holds it. */
  void release(long bytes) {
    used = Math.max(0, used - bytes);
  }

  long used() {
    return used;
  }

  private static long sizeOf(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof String text) {
      return 40 + text.length();
    }
    if (value instanceof BigDecimal decimal) {
      return 64 + decimal.unscaledValue().bitLength() / 8;
    }
    if (value instanceof byte[] bytes) {
      return 16 + bytes.length;
    }
    return 24;
  }
}
