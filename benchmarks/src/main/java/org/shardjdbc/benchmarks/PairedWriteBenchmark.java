package org.shardjdbc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

/**
 * One write workload through every write contender, measured in one JVM by turns ({@link PairedRounds}): the paired
 * measurement of writes, which {@link WriteBenchmarkRun} runs in a JVM of its own per case when given
 * {@code --paired}. Why: two JMH forks of the same writes measured up to a third apart on the benchmark machine, as
 * much as the targets' margins; taking turns puts every contender under the same conditions.
 *
 * <p>All contenders draw their keys from one {@link WriteKeys}, so none inserts a key another did. Before every round
 * of inserts the tables are emptied ({@link WriteTables#deleteRows}), so that each round starts alike and the tables
 * do not grow through the run (a round of batches writes some hundred thousand rows); the contenders' order changes
 * from round to round ({@link PairedRounds#order}), so that each is first after the emptying as often as the others. The rows an UPDATE changes are inserted once, before the
 * contenders open.
 *
 * <p>Prints, per contender, {@code paired-write <contender> ok <mean µs> <p50 µs> <p99 µs> <client CPU µs> <operations>}
 * or {@code paired-write <contender> failed <error>}; a contender whose write fails sits out the rounds after it.
 * <pre>
 * java -cp CLASSPATH org.shardjdbc.benchmarks.PairedWriteBenchmark CLUSTER_FILE THREADS WORKLOAD shard,raw,... ROUNDS
 * </pre>
 */
public final class PairedWriteBenchmark implements AutoCloseable {
  static final String OUTPUT_PREFIX = "paired-write ";
  /**
   * The warm-up of each contender on one thread before settling: at most this many operations, or as many as fit in
   * {@link #WARM_UP_NANOS} (at least one).
   */
  static final int WARM_UP_OPERATIONS = 20_000;
  static final long WARM_UP_NANOS = 8_000_000_000L;

  private final WriteWorkload workload;
  private final PairedRounds rounds;
  private final WriteKeys keys = new WriteKeys();
  private final BenchCluster cluster;
  private final long warmUpNanos;

  /**
   * Empties the write tables (and inserts the rows an update changes).
   *
   * @param blockMillis how long each contender's block lasts
   * @param warmUpNanos how long {@link #open} warms a contender up at most (it runs one operation at least)
   */
  PairedWriteBenchmark(BenchCluster cluster, WriteWorkload workload, int threads, long blockMillis, long warmUpNanos)
      throws SQLException {
    this.cluster = cluster;
    this.workload = workload;
    this.warmUpNanos = warmUpNanos;
    WriteTables.reset(cluster, workload);
    this.rounds = new PairedRounds(threads, blockMillis, workload == WriteWorkload.UPDATE_BY_KEY
        ? PairedRounds.RoundStart.NOTHING : round -> WriteTables.deleteRows(cluster));
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException(
          "usage: PairedWriteBenchmark clusterFile threads WORKLOAD contender[,contender...] rounds");
    }
    PairedWriteBenchmark benchmark = new PairedWriteBenchmark(BenchCluster.read(Path.of(args[0])),
        WriteWorkload.valueOf(args[2]), Integer.parseInt(args[1]), PairedBenchmark.BLOCK_MILLIS, WARM_UP_NANOS);
    Path work = Files.createTempDirectory("shardbench-paired-writes-");
    for (String name : args[3].split(",")) {
      benchmark.open(name, work);
    }
    System.out.println(PairedBenchmark.SETTLED_PREFIX + benchmark.rounds().settle(PairedBenchmark.SETTLE_LIMIT_MILLIS));
    benchmark.rounds().run(Integer.parseInt(args[4]));
    for (PairedRounds.Outcome outcome : benchmark.rounds().outcomes()) {
      System.out.println(outcome.failure() != null ? OUTPUT_PREFIX + outcome.contender() + " failed " + outcome.failure()
          : String.format(Locale.ROOT, "%s%s ok %.3f %.3f %.3f %.3f %d", OUTPUT_PREFIX, outcome.contender(),
              outcome.meanMicros(), outcome.p50Micros(), outcome.p99Micros(), outcome.cpuMicros(),
              outcome.operations()));
    }
    System.out.flush();
    System.exit(0); // a contender's stuck threads must not keep the JVM alive
  }

  /** Opens a write contender and warms it up on this thread; one that cannot is reported failed. */
  void open(String name, Path work) {
    try {
      WriteContender contender = WriteContender.open(name, cluster, work);
      rounds.closeWith(contender::close);
      long start = System.nanoTime();
      for (int done = 0; done < WARM_UP_OPERATIONS && (done == 0 || System.nanoTime() - start < warmUpNanos); done++) {
        contender.writeChecked(workload, keys.next(workload));
      }
      rounds.add(name, random -> contender.writeChecked(workload, keys.next(workload)));
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
