package org.shardjdbc.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time and bytes allocated of every live Java thread of this JVM at one moment ({@code ThreadMXBean}), so that
 * the difference of two snapshots is what the threads of a query did in between: the caller's and the pools' and
 * executors' threads the query hands work to. Unlike the process's CPU time, it leaves out JIT compilation and garbage
 * collection (not Java threads), and other processes on a shared machine change it little. A thread that ends between
 * the snapshots is left out; one that starts counts from zero.
 */
final class ThreadCost {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final Map<Long, long[]> byThread;

  private ThreadCost(Map<Long, long[]> byThread) {
    this.byThread = byThread;
  }

  /** The CPU nanoseconds and allocated bytes of every live thread now. */
  static ThreadCost now() {
    long[] ids = THREADS.getAllThreadIds();
    long[] cpu = THREADS.getThreadCpuTime(ids);
    long[] allocated = THREADS.getThreadAllocatedBytes(ids);
    Map<Long, long[]> byThread = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (cpu[i] >= 0 && allocated[i] >= 0) {
        byThread.put(ids[i], new long[] {cpu[i], allocated[i]});
      }
    }
    return new ThreadCost(byThread);
  }

  /** CPU nanoseconds of all threads from {@code earlier} to this snapshot. */
  long cpuNanosSince(ThreadCost earlier) {
    return since(earlier, 0);
  }

  /** Bytes allocated by all threads from {@code earlier} to this snapshot. */
  long bytesSince(ThreadCost earlier) {
    return since(earlier, 1);
  }

  private long since(ThreadCost earlier, int field) {
    long total = 0;
    for (Map.Entry<Long, long[]> thread : byThread.entrySet()) {
      long[] before = earlier.byThread.get(thread.getKey());
      total += thread.getValue()[field] - (before == null ? 0 : before[field]);
    }
    return total;
  }
}
