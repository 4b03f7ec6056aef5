package org.shardjdbc.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The rounds of a paired measurement: contenders open in one JVM take turns, each round giving every contender a
 * block of time in which its client threads start together and each repeats the contender's {@link Operation} until
 * the block is over (at least once). The order changes from round to round ({@link #order}), so that every contender
 * takes every place in a round, first and last, and follows every other. What the machine does over the minutes of
 * a measurement then falls on every contender alike; {@link PairedBenchmark} (queries) and
 * {@link PairedWriteBenchmark} (writes) are built on it.
 *
 * <p>Besides latencies, the client's CPU per operation: this JVM's CPU time over a contender's blocks divided by the
 * operations in them. It includes the JIT and the collection of another contender's garbage, alike for all.
 */
final class PairedRounds implements AutoCloseable {
  /** The JIT is quiet when it compiled for less than this share of a round's time. */
  static final double QUIET_JIT_SHARE = 0.02;
  /** Round numbers of settling rounds start here: their operations' arguments are not the measured rounds'. */
  static final int SETTLING_ROUNDS = 1_000_000;

  /** What a contender's client thread repeats through its block: one query, one write, one batch. */
  @FunctionalInterface
  interface Operation {
    /** @param random the client thread's sequence for this round, the same for every contender */
    void run(SplittableRandom random) throws Exception;
  }

  /** What runs before each round (settling rounds too): emptying a write benchmark's tables, say. */
  @FunctionalInterface
  interface RoundStart {
    RoundStart NOTHING = round -> {};

    void beforeRound(int round) throws Exception;
  }

  /**
   * What a contender measured: its operations' mean, median and 99th percentile latency and the client's CPU per
   * operation, or why it has none.
   *
   * @param failure null, or the first failure of an operation (the contender sat out the rounds after it)
   */
  record Outcome(String contender, double meanMicros, double p50Micros, double p99Micros, double cpuMicros,
      long operations, String failure) {}

  private final int threads;
  private final long blockNanos;
  private final RoundStart roundStart;
  private final Map<String, Operation> operations = new LinkedHashMap<>();
  private final Map<String, LatencySamples> samples = new LinkedHashMap<>();
  private final Map<String, Long> cpuNanos = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final List<Runnable> closers = new ArrayList<>();
  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ExecutorService clients;

  /**
   * @param threads the client threads of every block
   * @param blockMillis how long each contender's block lasts: its threads start no operation after this
   */
  PairedRounds(int threads, long blockMillis, RoundStart roundStart) {
    this.threads = threads;
    this.blockNanos = blockMillis * 1_000_000;
    this.roundStart = roundStart;
    this.clients = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "paired-client");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Adds a contender, measured in the order added. */
  void add(String name, Operation operation) {
    samples.put(name, new LatencySamples());
    cpuNanos.put(name, 0L);
    operations.put(name, operation);
  }

  /** Something a contender opened (its pools, its data source), closed by {@link #close}. */
  void closeWith(Runnable closer) {
    closers.add(closer);
  }

  /** Adds a contender that could not start: it is reported with this failure and no operations. */
  void addFailed(String name, String failure) {
    samples.put(name, new LatencySamples());
    failures.put(name, failure);
  }

  /** Runs the measured rounds. */
  void run(int rounds) throws Exception {
    for (int round = 0; round < rounds; round++) {
      round(round, true);
    }
  }

  /**
   * Runs rounds that record nothing, at the measured thread count, until the JIT is quiet: until it compiled for less
   * than {@link #QUIET_JIT_SHARE} of a round's time, or for {@code limitMillis} in all. A warm-up on one thread does
   * not compile what is first hot at many threads: on a small machine whose cores the servers and client threads keep
   * busy, that code came half a minute later (seen with {@code -XX:+PrintCompilation}); a contender measured while its
   * code is still compiled would be measured on its way to its steady state.
   *
   * @return how many rounds it took, and the JIT's share of the last, for the report
   */
  String settle(long limitMillis) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    for (int round = 0; ; round++) {
      long compiledBefore = measurable ? jit.getTotalCompilationTime() : 0;
      long roundStart = System.nanoTime();
      round(SETTLING_ROUNDS + round, false);
      double roundMillis = (System.nanoTime() - roundStart) / 1e6;
      if (!measurable) {
        return "after 1 round (this JVM does not time its JIT)";
      }
      long compiledMillis = jit.getTotalCompilationTime() - compiledBefore;
      double elapsedMillis = (System.nanoTime() - start) / 1e6;
      boolean quiet = compiledMillis < QUIET_JIT_SHARE * roundMillis;
      if (quiet || elapsedMillis >= limitMillis) {
        return String.format(Locale.ROOT, "%s after %d rounds in %.0f s: the JIT compiled for %d ms of the last"
            + " round's %.0f ms", quiet ? "quiet" : "NOT quiet", round + 1, elapsedMillis / 1000, compiledMillis,
            roundMillis);
      }
    }
  }

  /** One round: a block for each contender that has not failed, in the round's {@link #order}. */
  private void round(int round, boolean record) throws Exception {
    roundStart.beforeRound(round);
    for (String name : order(new ArrayList<>(operations.keySet()), round)) {
      if (!failures.containsKey(name)) {
        block(name, round, record);
      }
    }
  }

  /**
   * The contender's block: every client thread repeats its operation until the block's time is up, at least once.
   *
   * @param record whether its latencies and CPU count, or are thrown away (settling)
   */
  private void block(String name, int round, boolean record) throws InterruptedException {
    Operation operation = operations.get(name);
    LatencySamples into = record ? samples.get(name) : new LatencySamples();
    long cpuStart = os.getProcessCpuTime();
    long end = System.nanoTime() + blockNanos;
    List<Future<long[]>> results = new ArrayList<>();
    for (int thread = 0; thread < threads; thread++) {
      // the same arguments for every contender: the round and the thread pick the sequence
      SplittableRandom random = new SplittableRandom(1_000_003L * (thread + 1) + round);
      results.add(clients.submit(() -> {
        LatencySamples mine = new LatencySamples();
        do {
          long start = System.nanoTime();
          operation.run(random);
          mine.add(System.nanoTime() - start);
        } while (System.nanoTime() < end);
        return mine.toArray();
      }));
    }
    for (Future<long[]> result : results) {
      try {
        into.addAll(result.get());
      } catch (ExecutionException e) {
        if (failures.putIfAbsent(name, MemoryCheck.firstLine(e.getCause())) == null) {
          // the root cause alone rarely says where: the run's log gets the whole chain
          System.err.println("paired " + name + ": first failure");
          e.getCause().printStackTrace();
        }
      }
    }
    if (record) {
      cpuNanos.merge(name, os.getProcessCpuTime() - cpuStart, Long::sum);
    }
  }

  /**
   * The contenders' order in a round: rotated by one every second round, and reversed every other round. With
   * reversal alone, a contender in the middle of three would never come first (right after a round's start, when a
   * write benchmark has just emptied its tables) nor last; with rotation alone, each would always follow the same one.
   * Three contenders take all six orders in six rounds, two both orders in two.
   */
  static List<String> order(List<String> contenders, int round) {
    List<String> order = new ArrayList<>(contenders);
    if (!order.isEmpty()) {
      Collections.rotate(order, -((round / 2) % order.size()));
    }
    if (round % 2 == 1) {
      Collections.reverse(order);
    }
    return order;
  }

  /** What each contender measured, in the order they were added. */
  List<Outcome> outcomes() {
    List<Outcome> outcomes = new ArrayList<>();
    for (String name : samples.keySet()) {
      String failure = failures.get(name);
      long[] nanos = samples.get(name).toArray();
      if (failure != null || nanos.length == 0) {
        outcomes.add(new Outcome(name, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nanos.length,
            failure == null ? "no operation finished" : failure));
        continue;
      }
      Arrays.sort(nanos);
      outcomes.add(new Outcome(name, Arrays.stream(nanos).average().orElseThrow() / 1000,
          percentile(nanos, 0.50) / 1000.0, percentile(nanos, 0.99) / 1000.0,
          cpuNanos.get(name) / 1000.0 / nanos.length, nanos.length, null));
    }
    return outcomes;
  }

  /** Stops the client threads and closes what the contenders opened. */
  @Override
  public void close() {
    clients.shutdownNow();
    closers.forEach(Runnable::run);
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  /** A growing array of latencies in nanoseconds. */
  private static final class LatencySamples {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    void addAll(long[] more) {
      for (long value : more) {
        add(value);
      }
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
