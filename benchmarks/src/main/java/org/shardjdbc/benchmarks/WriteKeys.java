package org.shardjdbc.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys of the write benchmark's operations, shared by all client threads (and, in a paired measurement, by all
 * contenders, so that none inserts a key another did): new keys for an insert, the rows inserted before the trial in
 * turn for an update.
 */
final class WriteKeys {
  /** The n of the next new row's {@link #key}: after those of the rows an UPDATE changes. */
  private final AtomicLong nextInsert = new AtomicLong(WriteWorkload.UPDATED_ROWS + 1);
  private final AtomicLong nextUpdate = new AtomicLong();

  /**
   * The key of the n-th row: n times an odd constant (a bijection of 64-bit numbers) without the sign bit, unique
   * for every n below 2^63 and spread over the shards as random keys are, so that the client threads do not crowd
   * into one data source as consecutive keys would.
   */
  static long key(long n) {
    return (n * 0x9E3779B97F4A7C15L) & Long.MAX_VALUE;
  }

  /** The keys of the rows an UPDATE changes: those of n = 1 to {@link WriteWorkload#UPDATED_ROWS}. */
  static long[] updatedRows() {
    long[] ids = new long[WriteWorkload.UPDATED_ROWS];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = key(i + 1);
    }
    return ids;
  }

  /** The keys of one operation: new rows for an insert, the next of the updated rows for an update. */
  long[] next(WriteWorkload workload) {
    int rows = workload.rows();
    long[] ids = new long[rows];
    if (workload == WriteWorkload.UPDATE_BY_KEY) {
      ids[0] = key(1 + nextUpdate.getAndIncrement() % WriteWorkload.UPDATED_ROWS);
    } else {
      long first = nextInsert.getAndAdd(rows);
      for (int i = 0; i < rows; i++) {
        ids[i] = key(first + i);
      }
    }
    return ids;
  }
}
