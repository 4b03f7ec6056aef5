package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The write benchmark's command: starts the 8 benchmark servers (the read benchmarks' data directories, their data
 * untouched), runs {@link WriteBenchmark} for this driver and raw JDBC, a single-row INSERT at 1 and 16 client
 * threads and a 10,000-row batch at 1, and prints the throughput ratios (shard / raw); the table also goes to
 * {@code benchmarks/results/writes/latest.md}.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     -Dshardbench.dataDir=benchmarks/target/bench-data org.shardjdbc.benchmarks.WriteBenchmarkRun [iterationSeconds]
 * </pre>
 */
public final class WriteBenchmarkRun {
  /** The cases: workload and client threads. */
  private record Case(WriteWorkload workload, int threads) {}

  private static final List<Case> CASES = List.of(new Case(WriteWorkload.SINGLE_INSERT, 1),
      new Case(WriteWorkload.SINGLE_INSERT, 16), new Case(WriteWorkload.BATCH_INSERT, 1));

  private WriteBenchmarkRun() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    PrintStream log = System.out;
    try (EmbeddedServers servers = EmbeddedServers.start(BenchmarkRun.dataRoot(), "cluster-" + BenchmarkRun.SERVERS,
        BenchmarkRun.SERVERS)) {
      BenchCluster cluster = new BenchCluster(servers.addresses(), WriteTables.LAYOUT, null, 0);
      Path out = Path.of("results", "writes").toAbsolutePath();
      Files.createDirectories(out);
      Path clusterFile = out.resolve("cluster.properties");
      cluster.write(clusterFile);
      List<String> rows = new ArrayList<>();
      for (Case measured : CASES) {
        double shard = meanMicros(clusterFile, measured, Contender.SHARD, seconds);
        double raw = meanMicros(clusterFile, measured, Contender.RAW, seconds);
        String row = String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2fx |", measured.workload(),
            measured.threads(), shard, raw, raw / shard);
        log.println(row);
        rows.add(row);
      }
      String report = "Write benchmark, " + ZonedDateTime.now().withNano(0) + ": 8 embedded MariaDB servers x 16 "
          + "tables, JMH sample mode, 1 fork, 1 warm-up and 3 measurement iterations of " + seconds + " s; physical URLs "
          + "with rewriteBatchedStatements=true for both.\n\n"
          + "| workload | threads | shard, µs per operation | raw, µs per operation | shard / raw, throughput |\n"
          + "|---|--:|--:|--:|--:|\n" + String.join("\n", rows) + "\n";
      Files.writeString(out.resolve("latest.md"), report);
      log.print(report);
    }
    System.exit(0);
  }

  private static double meanMicros(Path clusterFile, Case measured, String contender, int seconds)
      throws IOException, org.openjdk.jmh.runner.RunnerException {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(WriteBenchmark.class.getName() + ".insert")
        .param("contender", contender)
        .param("workload", measured.workload().name())
        .threads(measured.threads())
        .forks(1)
        .warmupIterations(1).warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(3).measurementTime(TimeValue.seconds(seconds))
        .timeUnit(TimeUnit.MICROSECONDS)
        .jvmArgsAppend("-D" + BenchCluster.PROPERTY + "=" + clusterFile)
        .build()).run();
    return results.iterator().next().getPrimaryResult().getScore();
  }
}
