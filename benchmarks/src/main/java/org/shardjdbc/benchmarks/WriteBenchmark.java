package org.shardjdbc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long one write takes through this driver and through raw JDBC to the same physical tables
 * ({@link WriteWorkload}): a single-row prepared INSERT, and a batch of 10,000 rows. Each operation inserts new keys,
 * spread over the shards like random ones ({@link #key}); the tables are emptied before each trial.
 *
 * <p>The servers come from the file named by {@code -Dshardbench.cluster}, as {@link WriteBenchmarkRun} writes it,
 * which is how the benchmark is meant to run:
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.shardjdbc.benchmarks.WriteBenchmarkRun
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 3, time = 4)
public class WriteBenchmark {
  /** {@link Contender#SHARD} or {@link Contender#RAW}. */
  @Param({Contender.SHARD, Contender.RAW})
  public String contender;

  @Param({"SINGLE_INSERT", "BATCH_INSERT"})
  public WriteWorkload workload;

  private final AtomicLong nextId = new AtomicLong(1);
  private WriteContender running;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String file = System.getProperty(BenchCluster.PROPERTY);
    if (file == null) {
      throw new IllegalStateException("-D" + BenchCluster.PROPERTY + " is not set: run WriteBenchmarkRun");
    }
    setUp(BenchCluster.read(Path.of(file)), Files.createTempDirectory("shardbench-writes-"));
  }

  void setUp(BenchCluster cluster, Path workDirectory) throws SQLException {
    WriteTables.reset(cluster);
    running = WriteContender.open(contender, cluster, workDirectory);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (running != null) {
      running.close();
    }
  }

  /**
   * The key of the n-th row: n times an odd constant (a bijection of 64-bit numbers) without the sign bit, unique
   * for every n below 2^63 and spread over the shards as random keys are, so that the client threads do not crowd
   * into one data source as consecutive keys would.
   */
  static long key(long n) {
    return (n * 0x9E3779B97F4A7C15L) & Long.MAX_VALUE;
  }

  /** One write of new rows; the rows reported inserted go back to JMH. */
  @Benchmark
  public long insert() throws SQLException {
    int rows = workload.rows();
    long first = nextId.getAndAdd(rows);
    long[] ids = new long[rows];
    for (int i = 0; i < rows; i++) {
      ids[i] = key(first + i);
    }
    long inserted = running.insert(workload, ids);
    if (inserted != rows) {
      throw new SQLException(contender + " inserted " + inserted + " of " + rows + " rows");
    }
    return inserted;
  }
}
