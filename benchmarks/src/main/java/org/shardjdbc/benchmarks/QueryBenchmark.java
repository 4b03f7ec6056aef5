package org.shardjdbc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * How long each workload's query takes through each contender, on the same servers and data: the latency of one
 * query (JMH's sample mode), from which the report derives throughput (client threads / mean latency).
 *
 * <p>The servers and data come from the file named by {@code -Dshardbench.cluster}, written by {@link BenchmarkRun},
 * which is how the benchmark is meant to run:
 * <pre>
 * benchmarks/run.sh --quick                 # all workloads, all contenders, 1 and 16 threads, a table and a chart
 * </pre>
 * Without that property a fork starts the 8 servers itself (reusing data loaded by an earlier run), e.g. for one case:
 * <pre>
 * java -cp "$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main QueryBenchmark -t 16 \
 *     -p contender=shard -p workload=ORDER_BY_LIMIT
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 2)
public class QueryBenchmark {
  /** Which system answers (see {@link Contender#ALL}). */
  @Param({Contender.SHARD, Contender.RAW, Contender.RAW_UNION, Contender.SHARDINGSPHERE})
  public String contender;

  /** Which query. {@link Workload#FULL_SCAN} is left to the memory check. */
  @Param({"POINT_SELECT", "IN_LIST", "SCATTER_FILTER", "COUNT_SUM", "GROUP_BY_AVG", "ORDER_BY_LIMIT", "DEEP_PAGE",
      "JOIN_IN_LIST"})
  public Workload workload;

  /**
   * The warm-up before JMH's: at most this many queries, or as many as fit in {@link #WARM_UP_NANOS} (a workload that
   * reads every row: {@link #HEAVY_WARM_UP_NANOS}). On 2 cores shared with 8 servers, the JIT needs about 20,000 point
   * selects through this driver (10,000 through raw JDBC) and 3,000 IN-list queries before a query costs what it
   * costs from then on; shorter warm-ups measured compilation, about twice the steady latency.
   */
  static final int WARM_UP_QUERIES = 50_000;
  static final long WARM_UP_NANOS = 12_000_000_000L;
  static final long HEAVY_WARM_UP_NANOS = 4_000_000_000L;

  private BenchCluster cluster;
  private Contender running;
  private EmbeddedServers ownServers;

  /** The arguments of one client thread's queries: the same sequence for every contender. */
  @State(Scope.Thread)
  public static class Client {
    SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp(ThreadParams thread) {
      random = new SplittableRandom(1_000_003L * (thread.getThreadIndex() + 1));
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String file = System.getProperty(BenchCluster.PROPERTY);
    if (file == null) {
      ownServers = BenchmarkRun.startDefaultCluster(System.out);
      file = BenchmarkRun.defaultClusterFile().toString();
    }
    setUp(BenchCluster.read(Path.of(file)), Files.createTempDirectory("shardbench-"));
    warmUp();
  }

  /** Opens the contender on a cluster (a broken one fails the trial here, and JMH reports it). */
  void setUp(BenchCluster cluster, Path workDirectory) throws SQLException {
    this.cluster = cluster;
    this.running = Contender.open(contender, cluster, cluster.main(), workDirectory, true);
  }

  /**
   * Warms the contender up on one thread before JMH's timed warm-up: its first query (which for a logical contender
   * includes reading the servers' metadata, about a second) and then more, up to {@link #WARM_UP_QUERIES} or
   * {@link #WARM_UP_NANOS}, so that every contender's measurement starts from compiled code, not from a start-up
   * that can outlast the timed warm-up iteration.
   */
  void warmUp() throws SQLException {
    warmUp(running, workload, cluster.main());
  }

  /** Warms a contender up on the calling thread as {@link #warmUp()} does; also {@link PairedBenchmark}'s warm-up. */
  static void warmUp(Contender contender, Workload workload, BenchLayout layout) throws SQLException {
    SplittableRandom random = new SplittableRandom(7);
    long nanos = workload.readsEveryRow() ? HEAVY_WARM_UP_NANOS : WARM_UP_NANOS;
    long start = System.nanoTime();
    for (int done = 0; done < WARM_UP_QUERIES && (done == 0 || System.nanoTime() - start < nanos); done++) {
      contender.run(workload, QueryArguments.next(workload, layout, random), new ResultDigest(false));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (running != null) {
      running.close();
    }
    if (ownServers != null) {
      ownServers.close();
    }
  }

  /** One query with fresh arguments; the digest of its rows goes back to JMH. */
  @Benchmark
  public long query(Client client) throws SQLException {
    ResultDigest digest = new ResultDigest(workload.ordered());
    running.run(workload, QueryArguments.next(workload, cluster.main(), client.random), digest);
    return digest.value();
  }
}
