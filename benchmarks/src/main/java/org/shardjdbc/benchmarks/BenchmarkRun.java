package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.MultisetStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * The benchmark command: starts 8 MariaDB servers (loading the data once, kept under {@code target/bench-data}),
 * runs {@link QueryBenchmark} for every contender and workload at each client thread count and added round trip (with
 * {@code --paired}, {@link PairedBenchmark} instead), measures cold starts and the deep page in a 64 MB heap in JVMs
 * of their own, profiles with JFR the cases that miss their target, and writes the report ({@code results/latest.md})
 * and the chart ({@code results/latency.svg}).
 *
 * <pre>
 * benchmarks/run.sh [--quick] [--orders N] [--delay-ms 0,0.5] [--threads 1,16] [--workloads A,B] [--contenders a,b]
 *                   [--profile N] [--passes N] [--paired [--rounds N]] [--out DIR] [--no-cold-start] [--no-wide]
 *                   [--no-memory] [--update-readme]
 * </pre>
 */
public final class BenchmarkRun {
  static final int SERVERS = 8;
  static final int TABLES_PER_SERVER = 16;
  static final long DEFAULT_ORDERS = 1_000_000;
  static final long QUICK_ORDERS = 100_000;
  /** The cold start with many tables: 8 × 512 tables of orders and as many of order_items, 8,192 in all. */
  static final BenchLayout WIDE = new BenchLayout("bench_wide", SERVERS, 512, 8192);
  /** A key present in every layout, for the cold start's point select. */
  static final long COLD_START_KEY = 4242;
  private static final List<String> COLD_START_CONTENDERS = List.of(Contender.SHARD, Contender.RAW, Contender.SHARDINGSPHERE);

  private final RunOptions options;
  private final PrintStream log;
  private final long started = System.nanoTime();

  private BenchmarkRun(RunOptions options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  public static void main(String[] args) throws Exception {
    RunOptions options = RunOptions.parse(args);
    new BenchmarkRun(options, System.out).run();
    System.exit(0);
  }

  static Path dataRoot() {
    return Path.of(System.getProperty("shardbench.dataDir", "target/bench-data")).toAbsolutePath();
  }

  static Path defaultClusterFile() {
    return dataRoot().resolve("cluster-" + SERVERS).resolve("cluster.properties");
  }

  static BenchLayout mainLayout(long orders) {
    return new BenchLayout("bench_" + orders, SERVERS, TABLES_PER_SERVER, orders);
  }

  /**
   * Starts the 8 servers with the default data (loading it if no earlier run has) and writes their description to
   * {@link #defaultClusterFile()}: what a JMH fork started without the benchmark command uses.
   */
  static EmbeddedServers startDefaultCluster(PrintStream log) throws SQLException {
    EmbeddedServers servers = EmbeddedServers.start(dataRoot(), "cluster-" + SERVERS, SERVERS);
    BenchCluster cluster = new BenchCluster(servers.addresses(), mainLayout(DEFAULT_ORDERS), null, 0);
    BenchData.ensureLoaded(cluster, cluster.main(), log);
    cluster.write(defaultClusterFile());
    return servers;
  }

  private void run() throws Exception {
    Path out = options.out().toAbsolutePath();
    Path work = out.resolve("tmp");
    Files.createDirectories(work);
    log.printf("shard-jdbc benchmark: %s%n", options);
    RunReport report = new RunReport(options, Machine.describe(), ZonedDateTime.now());
    try (EmbeddedServers servers = EmbeddedServers.start(dataRoot(), "cluster-" + SERVERS, SERVERS)) {
      BenchLayout wide = options.coldStart() && options.wide() ? WIDE : null;
      BenchCluster direct = new BenchCluster(servers.addresses(), mainLayout(options.orders()), wide, 0);
      log.printf("servers: %s%n", direct.servers());
      BenchData.ensureLoaded(direct, direct.main(), log);
      if (wide != null) {
        BenchData.ensureLoaded(direct, wide, log);
      }
      report.serverVersion(serverVersion(direct));
      Path directFile = work.resolve("cluster-direct.properties");
      direct.write(directFile);
      measureCosts(direct, work, report);
      for (double delay : options.delays()) {
        measureWithDelay(direct, delay, work, report);
      }
      if (options.coldStart()) {
        coldStarts(direct, directFile, work, report);
      }
      if (options.memory()) {
        memoryChecks(directFile, report);
      }
    }
    report.elapsed((System.nanoTime() - started) / 1e9);
    String markdown = report.markdown();
    Files.writeString(out.resolve("latest.md"), markdown);
    Files.writeString(out.resolve("latency.svg"), LatencyChart.svg(report.measurements(), options.contenders(),
        "Mean latency of one query vs client threads (log scales; lower is better)"));
    Files.writeString(out.resolve("results.csv"), report.csv());
    log.println();
    log.println(markdown);
    log.printf("report: %s%nchart:  %s%n", out.resolve("latest.md"), out.resolve("latency.svg"));
    if (options.readme() != null) {
      RunReport.updateReadme(options.readme(), markdown);
      log.printf("updated %s%n", options.readme());
    }
  }

  private void measureWithDelay(BenchCluster direct, double delay, Path work, RunReport report)
      throws IOException, SQLException, RunnerException {
    List<DelayProxy> proxies = new ArrayList<>();
    try {
      BenchCluster cluster = direct;
      if (delay > 0) {
        List<HostPort> addresses = new ArrayList<>();
        for (HostPort server : direct.servers()) {
          DelayProxy proxy = DelayProxy.start(server, Math.round(delay * 1e6 / 2));
          proxies.add(proxy);
          addresses.add(proxy.address());
        }
        cluster = direct.withServers(addresses, delay);
        RunReport.RoundTrip roundTrip = calibrate(direct.servers().get(0), cluster.servers().get(0), proxies, delay);
        report.roundTrip(roundTrip);
        log.printf("added round trip %s ms: SELECT 1 takes %.0f µs direct, %.0f µs through the delay proxy (+%.0f µs),"
            + " with %.0f µs of delay each way%n", delay, roundTrip.directMicros(), roundTrip.proxiedMicros(),
            roundTrip.proxiedMicros() - roundTrip.directMicros(), proxies.get(0).delayNanos() / 1000.0);
      }
      Path clusterFile = work.resolve("cluster-delay-" + delay + ".properties");
      cluster.write(clusterFile);
      for (int threads : options.threads()) {
        report.addAll(options.paired() ? measurePaired(clusterFile, delay, threads)
            : measure(clusterFile, delay, threads, options.contenders(), options.workloads(), null));
      }
      int budget = (options.profile() + options.delays().size() - 1) / options.delays().size();
      for (RunReport.Miss miss : report.misses(delay, budget)) {
        profile(clusterFile, miss, work, report);
      }
    } finally {
      for (DelayProxy proxy : proxies) {
        proxy.close();
      }
    }
  }

  /**
   * Runs JMH for the cases and returns their measurements; with {@code recordingDirectory}, one fork under JFR.
   *
   * <p>Without recording, JMH measures every case {@link RunOptions#passes()} times, the contenders in the given order
   * in the first pass and in reverse order in the second (and so on), and a case's figures are those of all its
   * passes' samples together. On this 2-core machine shared with 8 servers, a fork measures up to a third apart from
   * another fork of the same code, and the first fork of a JMH run was repeatedly the slow one: with one pass, the
   * contender listed first carried that in every case. JMH runs once per workload and pass, a workload's passes one
   * after the other (with two contenders: A B, then B A), so that a workload's forks all follow each other and
   * whatever drifts over a long run falls on every contender alike: one JMH run of all workloads per pass had put a
   * contender's forks of a workload many minutes apart from the others'.
   */
  private List<Measurement> measure(Path clusterFile, double delay, int threads, List<String> contenders,
      List<Workload> workloads, Path recordingDirectory) throws RunnerException, IOException {
    String name = "jmh-" + delay + "ms-" + threads + "t" + (recordingDirectory == null ? "" : "-jfr");
    int passes = recordingDirectory == null ? options.passes() : 1;
    Map<String, MultisetStatistics> samples = new LinkedHashMap<>();
    Map<String, Integer> passesMeasured = new HashMap<>();
    for (Workload workload : workloads) {
      for (int pass = 0; pass < passes; pass++) {
        List<String> order = new ArrayList<>(contenders);
        if (pass % 2 == 1) {
          Collections.reverse(order);
        }
        Path jmhLog = clusterFile.resolveSibling(
            name + "-" + workload + (passes == 1 ? "" : "-pass" + (pass + 1)) + ".log");
        String label = "+" + delay + " ms, " + threads + " thr, " + workload
            + (passes == 1 ? "" : ", pass " + (pass + 1) + "/" + passes);
        for (RunResult result : runJmh(clusterFile, threads, order, workload, recordingDirectory, jmhLog, label)) {
          String key = result.getParams().getParam("contender") + " " + workload;
          Statistics statistics = result.getPrimaryResult().getStatistics();
          MultisetStatistics merged = samples.computeIfAbsent(key, k -> new MultisetStatistics());
          for (Iterator<Map.Entry<Double, Long>> values = statistics.getRawData(); values.hasNext(); ) {
            Map.Entry<Double, Long> value = values.next();
            merged.addValue(value.getKey(), value.getValue());
          }
          passesMeasured.merge(key, 1, Integer::sum);
          if (passes > 1) {
            log.printf(Locale.ROOT, "    pass %d: %-14s %-14s %,.1f µs (%,d queries)%n", pass + 1,
                result.getParams().getParam("contender"), workload, statistics.getMean(), statistics.getN());
          }
        }
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    for (String contender : contenders) {
      for (Workload workload : workloads) {
        String key = contender + " " + workload;
        int measured = passesMeasured.getOrDefault(key, 0);
        if (measured < passes) {
          // a case that failed in any pass is reported failed: the passes that worked would hide it
          log.printf("  FAILED: %s %s at %d thread(s), +%s ms in %d of %d passes (see %s*.log)%n", contender, workload,
              threads, delay, passes - measured, passes, clusterFile.resolveSibling(name));
          continue;
        }
        MultisetStatistics all = samples.get(key);
        measurements.add(new Measurement(delay, workload, threads, contender, all.getMean(), all.getPercentile(50),
            all.getPercentile(99), all.getN()));
      }
    }
    return measurements;
  }

  /**
   * Measures every workload's cases by turns in one JVM per workload ({@link PairedBenchmark}); a contender that failed
   * is left out, as in {@link #measure}.
   */
  private List<Measurement> measurePaired(Path clusterFile, double delay, int threads) throws IOException {
    List<Measurement> measurements = new ArrayList<>();
    for (Workload workload : options.workloads()) {
      int rounds = options.pairedRounds(workload);
      log.printf("paired: +%s ms, %d thr, %s, %d rounds of %s%n", delay, threads, workload, rounds,
          options.contenders());
      ChildJvm.Result child = ChildJvm.run(List.of("-cp", fullClasspath(), PairedBenchmark.class.getName(),
          clusterFile.toString(), Integer.toString(threads), workload.name(), String.join(",", options.contenders()),
          Integer.toString(rounds)), 3600);
      // the child's whole output (the failures' stack traces, the pools' warnings) beside the cluster file
      Path childLog = clusterFile.resolveSibling(
          String.format(Locale.ROOT, "paired-%s-%dthr-%sms.log", workload, threads, delay));
      Files.write(childLog, child.lines());
      String settled = child.line(PairedBenchmark.SETTLED_PREFIX);
      log.printf("  %s%n", settled != null ? settled : "settling: no report");
      for (String contender : options.contenders()) {
        String line = child.line(PairedBenchmark.OUTPUT_PREFIX + contender + " ");
        String[] fields = line == null ? new String[0] : line.split(" ");
        if (fields.length != 7 || !fields[2].equals("ok")) {
          log.printf("  FAILED: %s %s at %d thread(s), +%s ms: %s (the child's output: %s)%n", contender, workload,
              threads, delay, line == null ? child.failure() : line, childLog);
          continue;
        }
        Measurement measurement = new Measurement(delay, workload, threads, contender, Double.parseDouble(fields[3]),
            Double.parseDouble(fields[4]), Double.parseDouble(fields[5]), Long.parseLong(fields[6]));
        log.printf(Locale.ROOT, "  %-14s %,.1f µs (%,d queries)%n", contender, measurement.meanMicros(),
            measurement.samples());
        measurements.add(measurement);
      }
    }
    return measurements;
  }

  /** One JMH run of a workload's cases, the contenders in the order given; its log goes to {@code jmhLog}. */
  private Collection<RunResult> runJmh(Path clusterFile, int threads, List<String> contenders, Workload workload,
      Path recordingDirectory, Path jmhLog, String label) throws RunnerException, IOException {
    System.setProperty(BenchCluster.PROPERTY, clusterFile.toString()); // for forks(0)
    ChainedOptionsBuilder builder = new OptionsBuilder()
        .include(QueryBenchmark.class.getName() + ".query")
        .param("contender", contenders.toArray(new String[0]))
        .param("workload", workload.name())
        .threads(threads)
        .mode(Mode.SampleTime)
        .timeUnit(TimeUnit.MICROSECONDS)
        .shouldFailOnError(false)
        .output(jmhLog.toString())
        .jvmArgsAppend("-D" + BenchCluster.PROPERTY + "=" + clusterFile, "-Dshardbench.dataDir=" + dataRoot());
    RunOptions.Timing timing = options.timing();
    if (recordingDirectory == null) {
      builder.forks(timing.forks())
          .warmupIterations(1).warmupTime(TimeValue.milliseconds(timing.warmupMillis()))
          .measurementIterations(timing.iterations(workload))
          .measurementTime(TimeValue.milliseconds(timing.iterationMillis()));
    } else {
      builder.forks(1)
          .warmupIterations(1).warmupTime(TimeValue.seconds(1))
          .measurementIterations(2).measurementTime(TimeValue.seconds(3))
          // JMH's JFR profiler records the measurement iterations only, not start-up and warm-up
          .addProfiler(JavaFlightRecorderProfiler.class, "dir=" + recordingDirectory + ";configName=profile");
    }
    int cases = contenders.size();
    log.printf("JMH: %d cases, %s%s; log: %s%n", cases, label, recordingDirectory == null ? "" : ", under JFR", jmhLog);
    Files.deleteIfExists(jmhLog);
    Thread progress = progressWatcher(jmhLog, cases, label);
    try {
      return new Runner(builder.build()).run();
    } finally {
      progress.interrupt();
    }
  }

  /** Prints JMH's "# Parameters:" lines as they appear in its log, with a counter. */
  private Thread progressWatcher(Path jmhLog, int cases, String label) {
    Thread thread = new Thread(() -> {
      int seen = 0;
      long position = 0;
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(500);
          if (!Files.exists(jmhLog)) {
            continue;
          }
          try (RandomAccessFile file = new RandomAccessFile(jmhLog.toFile(), "r")) {
            file.seek(position);
            String line;
            while ((line = file.readLine()) != null) {
              if (line.startsWith("# Parameters: ")) {
                seen++;
                long seconds = (System.nanoTime() - started) / 1_000_000_000L;
                log.printf("  %d:%02d [%s] %d/%d %s%n", seconds / 60, seconds % 60, label, seen, cases,
                    line.substring("# Parameters: ".length()));
              }
              position = file.getFilePointer();
            }
          }
        }
      } catch (InterruptedException e) {
        // done
      } catch (IOException e) {
        log.println("  (progress unavailable: " + e + ")");
      }
    }, "jmh-progress");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private void profile(Path clusterFile, RunReport.Miss miss, Path work, RunReport report) throws IOException {
    Path directory = work.resolve("jfr-" + miss.workload() + "-" + miss.threads() + "t-" + miss.delayMillis() + "ms");
    EmbeddedServers.deleteTree(directory);
    Files.createDirectories(directory);
    try {
      measure(clusterFile, miss.delayMillis(), miss.threads(), List.of(Contender.SHARD), List.of(miss.workload()),
          directory);
      Path recording;
      try (var files = Files.walk(directory)) {
        recording = files.filter(file -> file.toString().endsWith(".jfr")).findFirst().orElse(null);
      }
      if (recording != null) {
        report.profile(miss, JfrTopFrames.read(recording, 10), work.getParent().relativize(recording));
      } else {
        log.printf("  no JFR recording under %s%n", directory);
      }
    } catch (RunnerException | IOException e) {
      log.printf("  profiling %s failed: %s%n", miss, e);
    }
  }

  /**
   * Statements and CPU per query of each contender and workload, one query at a time, with no added delay: per
   * workload, every contender warmed up, then measured by turns, in order and in reverse order ({@link QueryCostMeter}
   * says why).
   */
  private void measureCosts(BenchCluster direct, Path work, RunReport report) throws SQLException {
    Map<String, Contender> opened = new LinkedHashMap<>();
    try (QueryCostMeter meter = new QueryCostMeter(direct)) {
      for (String name : options.contenders()) {
        opened.put(name, Contender.open(name, direct, direct.main(), work, true));
      }
      List<String> reversed = new ArrayList<>(opened.keySet());
      Collections.reverse(reversed);
      for (Workload workload : options.workloads()) {
        for (Contender contender : opened.values()) {
          meter.warmUp(contender, workload, direct.main());
        }
        Map<String, List<QueryCostMeter.QueryCost>> passes = new LinkedHashMap<>();
        for (List<String> order : List.of(List.copyOf(opened.keySet()), reversed)) {
          for (String name : order) {
            passes.computeIfAbsent(name, n -> new ArrayList<>())
                .add(meter.measure(opened.get(name), workload, direct.main()));
          }
        }
        passes.forEach((name, costs) -> report.cost(name, workload, QueryCostMeter.QueryCost.mean(costs)));
        log.printf("measured the statements and CPU per query of %s%n", workload);
      }
    } finally {
      for (Contender contender : opened.values()) {
        contender.close();
      }
    }
  }

  /**
   * Sets the proxies' delay so that {@code SELECT 1} through them takes {@code delay} longer than directly: the
   * proxy's own hand-offs and the timer's lateness are part of the delay, not added to it. A few rounds of
   * measuring and correcting.
   */
  private static RunReport.RoundTrip calibrate(HostPort direct, HostPort proxied, List<DelayProxy> proxies, double delay)
      throws SQLException {
    double target = delay * 1000;
    double directMicros = selectOneMicros(direct);
    double proxiedMicros = selectOneMicros(proxied);
    for (int round = 0; round < 4 && Math.abs(proxiedMicros - directMicros - target) > target * 0.02; round++) {
      long correction = Math.round((target - (proxiedMicros - directMicros)) * 1000 / 2);
      long oneWay = Math.max(0, proxies.get(0).delayNanos() + correction);
      for (DelayProxy proxy : proxies) {
        proxy.delay(oneWay);
      }
      directMicros = selectOneMicros(direct);
      proxiedMicros = selectOneMicros(proxied);
    }
    return new RunReport.RoundTrip(delay, directMicros, proxiedMicros);
  }

  /** The median time of {@code SELECT 1} over 300 tries on one connection. */
  private static double selectOneMicros(HostPort server) throws SQLException {
    try (Connection connection = DriverManager.getConnection(
            "jdbc:mysql://" + server + "/?" + BenchCluster.URL_OPTIONS, "root", "");
        Statement statement = connection.createStatement()) {
      long[] times = new long[300];
      for (int i = -50; i < times.length; i++) {
        long start = System.nanoTime();
        try (ResultSet resultSet = statement.executeQuery("SELECT 1")) {
          resultSet.next();
        }
        if (i >= 0) {
          times[i] = System.nanoTime() - start;
        }
      }
      Arrays.sort(times);
      return times[times.length / 2] / 1000.0;
    }
  }

  private static String serverVersion(BenchCluster cluster) throws SQLException {
    try (Connection connection = DriverManager.getConnection(cluster.dataSource(cluster.main(), 0).serverUrl(), "root", "");
        Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery("SELECT VERSION()")) {
      resultSet.next();
      return resultSet.getString(1);
    }
  }

  private void coldStarts(BenchCluster direct, Path clusterFile, Path work, RunReport report) throws IOException {
    List<BenchLayout> layouts = new ArrayList<>();
    layouts.add(direct.main());
    if (direct.wide() != null) {
      layouts.add(direct.wide());
    }
    for (BenchLayout layout : layouts) {
      String which = layout == direct.main() ? "main" : "wide";
      for (Workload workload : List.of(Workload.POINT_SELECT, Workload.ORDER_BY_LIMIT)) {
        if (workload != Workload.POINT_SELECT && layout != direct.main()) {
          continue;
        }
        for (String contender : COLD_START_CONTENDERS) {
          Path config = work.resolve("cold-" + contender + "-" + layout.database() + ".yaml");
          Files.writeString(config, contender.equals(Contender.SHARDINGSPHERE)
              ? ContenderConfigs.shardingSphereYaml(direct, layout, false) : ContenderConfigs.shardYaml(direct, layout, false));
          List<Long> times = new ArrayList<>();
          String failure = null;
          String classpath = contender.equals(Contender.SHARDINGSPHERE) ? fullClasspath() : leanClasspath();
          List<String> arguments = List.of("-cp", classpath, ColdStart.class.getName(), contender,
              clusterFile.toString(), which, config.toString(), Long.toString(COLD_START_KEY), workload.name());
          if (layout == direct.main() && workload == Workload.POINT_SELECT) {
            ChildJvm.run(arguments, 240); // not timed: brings the contender's jars into the OS's file cache
          }
          for (int run = 0; run < options.timing().coldStartRuns() && failure == null; run++) {
            ChildJvm.Result child = ChildJvm.run(arguments, 240);
            String line = child.line(ColdStart.OUTPUT_PREFIX);
            if (line == null) {
              failure = child.failure();
            } else {
              times.add(child.millisToFirstLine());
            }
          }
          RunReport.ColdStartResult result =
              new RunReport.ColdStartResult(layout.physicalTables(), workload, contender, times, failure);
          report.coldStart(result);
          log.printf("cold start, %,d tables, %s, %s: %s%n", layout.physicalTables(), workload, contender,
              result.summary());
        }
      }
    }
  }

  private void memoryChecks(Path clusterFile, RunReport report) throws IOException {
    for (String contender : options.contenders()) {
      for (Workload workload : List.of(Workload.DEEP_PAGE, Workload.FULL_SCAN)) {
        // a JVM per query: after an OutOfMemoryError a contender may hold its connections forever
        ChildJvm.Result child = ChildJvm.run(List.of("-Xmx64m", "-cp", fullClasspath(), MemoryCheck.class.getName(), contender,
            clusterFile.toString(), workload.name()), 900);
        String line = child.line(MemoryCheck.OUTPUT_PREFIX + workload + " ");
        String outcome = line == null ? "failed " + child.failure()
            : line.substring((MemoryCheck.OUTPUT_PREFIX + workload + " ").length());
        report.memory(new RunReport.MemoryResult(contender, workload, outcome));
        log.printf("-Xmx64m %s %s: %s%n", contender, workload, outcome);
      }
    }
  }

  private static String fullClasspath() {
    return System.getProperty("java.class.path");
  }

  /** The class path without ShardingSphere, for the shard and raw cold starts: given by run.sh, else the full one. */
  private String leanClasspath() throws IOException {
    if (options.leanClasspath() == null) {
      return fullClasspath();
    }
    return Files.readString(options.leanClasspath()).trim();
  }

  /** The machine, for the report: CPU, cores, memory, OS, JVM. */
  record Machine(String cpu, int cores, long memoryMegabytes, String os, String jvm) {
    static Machine describe() {
      String cpu = "unknown CPU";
      long memory = 0;
      try {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
          if (line.startsWith("model name")) {
            cpu = line.substring(line.indexOf(':') + 1).trim();
            break;
          }
        }
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
          if (line.startsWith("MemTotal:")) {
            memory = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux: leave the defaults
      }
      return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory,
          System.getProperty("os.name") + " " + System.getProperty("os.version"),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s, %d cores, %,d MB RAM, %s, %s", cpu, cores, memoryMegabytes, os, jvm);
    }
  }

  static String now(ZonedDateTime time) {
    return time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT));
  }
}
