package org.shardjdbc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One workload's latency through every contender, measured in one JVM by turns: the paired measurement, which
 * {@link BenchmarkRun} runs in a JVM of its own per workload and thread count when given {@code --paired}.
 *
 * <p>Why: on a small machine shared with the servers, two JMH forks of the same code measure up to a third apart, as
 * much as the differences the targets are about. Here every contender is open at once and they take turns
 * ({@link PairedRounds}): a round gives each contender a block of {@code BLOCK_MILLIS} (its client threads start
 * together and each runs queries until the block's time is up, at least one), in an order that changes from round to
 * round. Whatever the machine does over the minutes of a measurement then falls on every contender alike, and the
 * ratios of their means are what one pair of forks cannot give: the same conditions. The price: the contenders share
 * one JVM's JIT and heap (mysql-connector-j's code is compiled for all of them; a contender's garbage is collected in
 * another's block), so this complements JMH's forks rather than replacing them.
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
  /** How long settling may take in all: a machine whose JIT never gets quiet is measured anyway, and says so. */
  static final long SETTLE_LIMIT_MILLIS = 40_000;
  /** What the line of {@link PairedRounds#settle}'s report starts with. */
  static final String SETTLED_PREFIX = "settled ";

  private final BenchCluster cluster;
  private final Workload workload;
  private final boolean warmUp;
  private final PairedRounds rounds;

  /**
   * @param blockMillis how long each contender's block lasts
   * @param warmUp whether {@link #open} warms a contender up as {@link QueryBenchmark} does, or runs one query only
   */
  PairedBenchmark(BenchCluster cluster, Workload workload, int threads, long blockMillis, boolean warmUp) {
    this.cluster = cluster;
    this.workload = workload;
    this.warmUp = warmUp;
    this.rounds = new PairedRounds(threads, blockMillis, PairedRounds.RoundStart.NOTHING);
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
    System.out.println(SETTLED_PREFIX + benchmark.rounds().settle(SETTLE_LIMIT_MILLIS));
    benchmark.rounds().run(Integer.parseInt(args[4]));
    for (PairedRounds.Outcome outcome : benchmark.rounds().outcomes()) {
      System.out.println(outcome.failure() != null ? OUTPUT_PREFIX + outcome.contender() + " failed " + outcome.failure()
          : String.format(Locale.ROOT, "%s%s ok %.3f %.3f %.3f %d", OUTPUT_PREFIX, outcome.contender(),
              outcome.meanMicros(), outcome.p50Micros(), outcome.p99Micros(), outcome.operations()));
    }
    System.out.flush();
    System.exit(0); // a contender's stuck threads must not keep the JVM alive
  }

  /** Opens a contender and warms it up; one that cannot is reported failed. */
  void open(String name, Path work) {
    try {
      Contender contender = Contender.open(name, cluster, cluster.main(), work, true);
      rounds.closeWith(contender::close);
      if (warmUp) {
        QueryBenchmark.warmUp(contender, workload, cluster.main());
      } else {
        contender.run(workload, QueryArguments.next(workload, cluster.main(), new SplittableRandom(7)),
            new ResultDigest(false));
      }
      rounds.add(name, random ->
          contender.run(workload, QueryArguments.next(workload, cluster.main(), random), new ResultDigest(false)));
    } catch (Exception | Error e) {
      rounds.addFailed(name, "start-up or warm-up: " + MemoryCheck.firstLine(e));
    }
  }

  /** The rounds: settling, measuring, the outcomes. */
  PairedRounds rounds() {
    return rounds;
  }

  /** Closes the contenders and the client threads ({@link #main} leaves that to the JVM's exit). */
  @Override
  public void close() {
    rounds.close();
  }
}
