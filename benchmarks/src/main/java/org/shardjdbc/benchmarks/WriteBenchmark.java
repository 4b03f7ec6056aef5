package org.shardjdbc.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.Locale;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * How long one write takes through this driver, raw JDBC to the same physical tables, and ShardingSphere-JDBC
 * ({@link WriteWorkload}): a single-row prepared INSERT, an UPDATE by key, and a batch of 10,000 rows. Each insert
 * writes new keys, spread over the shards like random ones ({@link WriteKeys#key}); the tables are emptied before each
 * trial, and the rows an UPDATE changes are inserted then.
 *
 * <p>Besides time, the client's CPU per operation: this JVM's CPU time over the measurement iterations divided by the
 * operations in them, written to the file named by {@code -D}{@value #CPU_FILE_PROPERTY} when set. It counts JMH's own
 * threads and the JIT too, alike for every contender, and is less affected by the load of a shared machine than time.
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
  /** Where the client's CPU time per operation goes: a line of {@code <cpu nanoseconds> <operations>} per trial. */
  static final String CPU_FILE_PROPERTY = "shardbench.writeCpuFile";

  /** {@link Contender#SHARD}, {@link Contender#RAW} or {@link Contender#SHARDINGSPHERE}. */
  @Param({Contender.SHARD, Contender.RAW, Contender.SHARDINGSPHERE})
  public String contender;

  @Param({"SINGLE_INSERT", "UPDATE_BY_KEY", "BATCH_INSERT"})
  public WriteWorkload workload;

  private final WriteKeys keys = new WriteKeys();
  private final AtomicLong operations = new AtomicLong();
  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private WriteContender running;
  private long iterationCpuStart;
  private long iterationOperationsStart;
  private long measuredCpu;
  private long measuredOperations;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String file = System.getProperty(BenchCluster.PROPERTY);
    if (file == null) {
      throw new IllegalStateException("-D" + BenchCluster.PROPERTY + " is not set: run WriteBenchmarkRun");
    }
    setUp(BenchCluster.read(Path.of(file)), Files.createTempDirectory("shardbench-writes-"));
  }

  void setUp(BenchCluster cluster, Path workDirectory) throws SQLException {
    WriteTables.reset(cluster, workload);
    running = WriteContender.open(contender, cluster, workDirectory);
  }

  @Setup(Level.Iteration)
  public void startIteration() {
    iterationCpuStart = os.getProcessCpuTime();
    iterationOperationsStart = operations.get();
  }

  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    if (iteration.getType() == IterationType.MEASUREMENT) {
      measuredCpu += os.getProcessCpuTime() - iterationCpuStart;
      measuredOperations += operations.get() - iterationOperationsStart;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (running != null) {
      running.close();
    }
    String file = System.getProperty(CPU_FILE_PROPERTY);
    if (file != null && measuredOperations > 0) {
      try {
        Files.writeString(Path.of(file), String.format(Locale.ROOT, "%d %d%n", measuredCpu, measuredOperations),
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One write: new rows for an insert, the next of the inserted rows for an update; the rows written go to JMH. */
  @Benchmark
  public long write() throws SQLException {
    long written = running.writeChecked(workload, keys.next(workload));
    operations.incrementAndGet();
    return written;
  }
}
