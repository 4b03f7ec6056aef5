package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
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
 * threads and a 10,000-row batch at 1, the two contenders taking turns for a few rounds, and prints the median
 * throughput ratios (shard / raw); the table also goes to {@code benchmarks/results/writes/latest.md}.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     -Dshardbench.dataDir=benchmarks/target/bench-data org.shardjdbc.benchmarks.WriteBenchmarkRun [iterationSeconds [rounds]]
 * </pre>
 */
public final class WriteBenchmarkRun {
  /** The cases: workload and client threads. */
  private record Case(WriteWorkload workload, int threads) {}

  private static final List<Case> CASES = List.of(new Case(WriteWorkload.SINGLE_INSERT, 1),
      new Case(WriteWorkload.SINGLE_INSERT, 16), new Case(WriteWorkload.BATCH_INSERT, 1));

  private WriteBenchmarkRun() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
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
        // the contenders take turns, so that a change in the machine's load hits both
        List<Double> shard = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
          shard.add(meanMicros(clusterFile, measured, Contender.SHARD, seconds));
          raw.add(meanMicros(clusterFile, measured, Contender.RAW, seconds));
          ratios.add(raw.get(round) / shard.get(round));
        }
        String row = String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.2fx | %s |", measured.workload(),
            measured.threads(), median(shard), median(raw), median(ratios), format(ratios));
        log.println(row);
        rows.add(row);
      }
      String report = "Write benchmark, " + ZonedDateTime.now().withNano(0) + ", load average "
          + String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
          + " on " + Runtime.getRuntime().availableProcessors() + " cores: 8 embedded MariaDB servers x 16 tables, JMH "
          + "sample mode, " + rounds + " rounds of the two contenders in turn, each 1 fork with 3 warm-up and 3 "
          + "measurement iterations of " + seconds + " s (the driver's code needs the JIT more than raw JDBC's, and a "
          + "loaded machine compiles slowly); physical URLs with rewriteBatchedStatements=true for both. "
          + "Medians of the rounds.\n\n"
          + "| workload | threads | shard, µs per operation | raw, µs per operation | shard / raw, throughput | rounds |\n"
          + "|---|--:|--:|--:|--:|---|\n" + String.join("\n", rows) + "\n";
      Files.writeString(out.resolve("latest.md"), report);
      log.print(report);
    }
    System.exit(0);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private static String format(List<Double> ratios) {
    List<String> texts = new ArrayList<>();
    for (double ratio : ratios) {
      texts.add(String.format(Locale.ROOT, "%.2f", ratio));
    }
    return String.join(", ", texts);
  }

  private static double meanMicros(Path clusterFile, Case measured, String contender, int seconds)
      throws IOException, org.openjdk.jmh.runner.RunnerException {
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(WriteBenchmark.class.getName() + ".insert")
        .param("contender", contender)
        .param("workload", measured.workload().name())
        .threads(measured.threads())
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(3).measurementTime(TimeValue.seconds(seconds))
        .timeUnit(TimeUnit.MICROSECONDS)
        .jvmArgsAppend("-D" + BenchCluster.PROPERTY + "=" + clusterFile)
        .build()).run();
    return results.iterator().next().getPrimaryResult().getScore();
  }
}
