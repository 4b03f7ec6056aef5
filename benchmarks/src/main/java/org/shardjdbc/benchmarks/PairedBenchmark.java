package org.shardjdbc.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * One workload's latency through every contender, measured in one JVM by turns: the paired measurement, which
 * {@link BenchmarkRun} runs in a JVM of its own per workload and thread count when given {@code --paired}.
 *
 * <p>Why: on a small machine shared with the servers, two JMH forks of the same code measure up to a third apart, as
 * much as the differences the targets are about. Here every contender is open at once and they take turns: a round
 * gives each contender a block of {@code BLOCK_MILLIS} (its client threads start together and each runs queries
 * until the block's time is up, at least one), the contenders in reverse order every other round. Whatever the
 * machine does over the minutes of a measurement then falls on every contender alike, and the ratios of their means
 * are what one pair of forks cannot give: the same conditions. The price: the contenders share one JVM's JIT and
 * heap (mysql-connector-j's code is compiled for all of them; a contender's garbage is collected in another's
 * block), so this complements JMH's forks rather than replacing them.
 *
 * <p>Prints, per contender, {@code paired <contender> ok <mean µs> <p50 µs> <p99 µs> <queries>} or
 * {@code paired <contender> failed <error>}; a contender whose query fails sits out the rounds after it.
 * <pre>
 * java -cp CLASSPATH org.shardjdbc.benchmarks.PairedBenchmark CLUSTER_FILE THREADS WORKLOAD shard,raw,... ROUNDS
 * </pre>
 */
public final class PairedBenchmark implements AutoCloseable {
  static final String OUTPUT_PREFIX = "paired ";
  /** How long a contender's block lasts in the benchmark run: its threads start no query after this. */
  static final long BLOCK_MILLIS = 1_000;
  /** The JIT is quiet when it compiled for less than this share of a round's time. */
  static final double QUIET_JIT_SHARE = 0.02;
  /** How long settling may take in all: a machine whose JIT never gets quiet is measured anyway, and says so. */
  static final long SETTLE_LIMIT_MILLIS = 40_000;
  /** What {@link #settle} printed starts with. */
  static final String SETTLED_PREFIX = "settled ";
  /** Round numbers of settling rounds start here: their arguments are not the measured rounds'. */
  private static final int SETTLING_ROUNDS = 1_000_000;

  /**
   * What a contender measured: its queries' mean, median and 99th percentile latency, or why it has none.
   *
   * @param failure null, or the first failure of a query (the contender sat out the rounds after it)
   */
  record Outcome(String contender, double meanMicros, double p50Micros, double p99Micros, long queries,
      String failure) {}

  private final BenchCluster cluster;
  private final Workload workload;
  private final int threads;
  private final long blockNanos;
  private final boolean warmUp;
  private final Map<String, Contender> contenders = new LinkedHashMap<>();
  private final Map<String, LatencySamples> samples = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final ExecutorService clients;

  /**
   * @param blockMillis how long each contender's block lasts
   * @param warmUp whether {@link #open} warms a contender up as {@link QueryBenchmark} does, or runs one query only
   */
  PairedBenchmark(BenchCluster cluster, Workload workload, int threads, long blockMillis, boolean warmUp) {
    this.cluster = cluster;
    this.workload = workload;
    this.threads = threads;
    this.blockNanos = blockMillis * 1_000_000;
    this.warmUp = warmUp;
    this.clients = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "paired-client");
      thread.setDaemon(true);
      return thread;
    });
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: PairedBenchmark clusterFile threads WORKLOAD contender[,contender...] rounds");
    }
    BenchCluster cluster = BenchCluster.read(Path.of(args[0]));
    PairedBenchmark benchmark = new PairedBenchmark(cluster, Workload.valueOf(args[2]), Integer.parseInt(args[1]),
        BLOCK_MILLIS, true);
    Path work = Files.createTempDirectory("shardbench-paired-");
    for (String name : args[3].split(",")) {
      benchmark.open(name, work);
    }
    System.out.println(SETTLED_PREFIX + benchmark.settle(SETTLE_LIMIT_MILLIS));
    benchmark.run(Integer.parseInt(args[4]));
    for (Outcome outcome : benchmark.outcomes()) {
      System.out.println(outcome.failure() != null ? OUTPUT_PREFIX + outcome.contender() + " failed " + outcome.failure()
          : String.format(Locale.ROOT, "%s%s ok %.3f %.3f %.3f %d", OUTPUT_PREFIX, outcome.contender(),
              outcome.meanMicros(), outcome.p50Micros(), outcome.p99Micros(), outcome.queries()));
    }
    System.out.flush();
    System.exit(0); // a contender's stuck threads must not keep the JVM alive
  }

  /** Opens a contender and warms it up; one that cannot is reported failed. */
  void open(String name, Path work) {
    samples.put(name, new LatencySamples());
    try {
      Contender contender = Contender.open(name, cluster, cluster.main(), work, true);
      contenders.put(name, contender);
      if (warmUp) {
        QueryBenchmark.warmUp(contender, workload, cluster.main());
      } else {
        contender.run(workload, QueryArguments.next(workload, cluster.main(), new SplittableRandom(7)),
            new ResultDigest(false));
      }
    } catch (Exception | Error e) {
      failures.put(name, "start-up or warm-up: " + MemoryCheck.firstLine(e));
    }
  }

  /** Runs the rounds: each contender that has not failed gets a block per round, in reverse order every other round. */
  void run(int rounds) throws InterruptedException {
    for (int round = 0; round < rounds; round++) {
      round(round, true);
    }
  }

  /**
   * Runs rounds whose latencies are thrown away, at the measured thread count, until the JIT is quiet: until it
   * compiled for less than {@link #QUIET_JIT_SHARE} of a round's time, or for {@code limitMillis} in all. The warm-up
   * runs one thread; on a small machine whose cores the servers and the client threads keep busy, the JIT's compiler
   * threads get little of them, and compiled code for a path first hot at many threads came half a minute later
   * (seen with {@code -XX:+PrintCompilation}). A contender whose code was still being compiled during its blocks
   * would be measured on its way to its steady state; settling gives every contender the same chance to reach it.
   *
   * @return how many rounds it took, and the JIT's share of the last, for the report
   */
  String settle(long limitMillis) throws InterruptedException {
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

  /** One round: a block for each contender that has not failed, in reverse order every other round. */
  private void round(int round, boolean record) throws InterruptedException {
    List<String> order = new ArrayList<>(contenders.keySet());
    if (round % 2 == 1) {
      Collections.reverse(order);
    }
    for (String name : order) {
      if (!failures.containsKey(name)) {
        block(name, round, record);
      }
    }
  }

  /**
   * The contender's block: every client thread runs queries until the block's time is up, at least one.
   *
   * @param record whether its latencies count, or are thrown away (settling)
   */
  private void block(String name, int round, boolean record) throws InterruptedException {
    Contender contender = contenders.get(name);
    LatencySamples into = record ? samples.get(name) : new LatencySamples();
    long end = System.nanoTime() + blockNanos;
    List<Future<long[]>> results = new ArrayList<>();
    for (int thread = 0; thread < threads; thread++) {
      // the same arguments for every contender: the round and the thread pick the sequence
      SplittableRandom random = new SplittableRandom(1_000_003L * (thread + 1) + round);
      results.add(clients.submit(() -> {
        LatencySamples mine = new LatencySamples();
        do {
          long start = System.nanoTime();
          contender.run(workload, QueryArguments.next(workload, cluster.main(), random), new ResultDigest(false));
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
  }

  /** What each contender measured, in the order they were opened. */
  List<Outcome> outcomes() {
    List<Outcome> outcomes = new ArrayList<>();
    for (String name : samples.keySet()) {
      String failure = failures.get(name);
      long[] nanos = samples.get(name).toArray();
      if (failure != null || nanos.length == 0) {
        outcomes.add(new Outcome(name, Double.NaN, Double.NaN, Double.NaN, nanos.length,
            failure == null ? "no query finished" : failure));
        continue;
      }
      Arrays.sort(nanos);
      outcomes.add(new Outcome(name, Arrays.stream(nanos).average().orElseThrow() / 1000,
          percentile(nanos, 0.50) / 1000.0, percentile(nanos, 0.99) / 1000.0, nanos.length, null));
    }
    return outcomes;
  }

  /** Closes the contenders and the client threads ({@link #main} leaves that to the JVM's exit). */
  @Override
  public void close() {
    clients.shutdownNow();
    for (Contender contender : contenders.values()) {
      contender.close();
    }
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
