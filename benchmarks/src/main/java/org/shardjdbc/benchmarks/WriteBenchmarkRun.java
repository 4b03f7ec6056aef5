package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The write benchmark's command: starts the 8 benchmark servers (the read benchmarks' data directories, their data
 * untouched), runs {@link WriteBenchmark} for this driver, raw JDBC and ShardingSphere-JDBC (a single-row INSERT and
 * an UPDATE by key at 1 and 16 client threads, a 10,000-row batch at 1), the contenders taking turns for a few rounds,
 * and prints the median times, throughput ratios and the client's CPU per operation; the table also goes to
 * {@code results/writes/latest.md}. With {@code --paired}, each case is instead measured by
 * {@link PairedWriteBenchmark} in a JVM of its own, the contenders taking turns in blocks of a second for
 * {@code --rounds} rounds (20 unless given).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * cd benchmarks && java -cp "target/classes:$(cat target/classpath.txt)" -Dshardbench.dataDir=target/bench-data \
 *     org.shardjdbc.benchmarks.WriteBenchmarkRun [iterationSeconds [rounds] | --paired [--rounds N]] \
 *     [--cases SINGLE_INSERT:16,...] [--contenders shard,raw,shardingsphere] [--profile]
 * </pre>
 *
 * <p>{@code --profile} records the last round of this driver's JMH runs with JFR and prints their top frames.
 */
public final class WriteBenchmarkRun {
  /** The cases: workload and client threads. */
  private record Case(WriteWorkload workload, int threads) {
    static Case parse(String text) {
      String[] parts = text.split(":");
      return new Case(WriteWorkload.valueOf(parts[0]), Integer.parseInt(parts[1]));
    }
  }

  /** One run of a contender: mean time per operation and the client's CPU per operation, both in microseconds. */
  private record Run(double micros, double cpuMicros) {}

  private static final List<Case> CASES = List.of(new Case(WriteWorkload.SINGLE_INSERT, 1),
      new Case(WriteWorkload.SINGLE_INSERT, 16), new Case(WriteWorkload.UPDATE_BY_KEY, 1),
      new Case(WriteWorkload.UPDATE_BY_KEY, 16), new Case(WriteWorkload.BATCH_INSERT, 1));
  private static final List<String> CONTENDERS = List.of(Contender.SHARD, Contender.RAW, Contender.SHARDINGSPHERE);
  private static final int DEFAULT_PAIRED_ROUNDS = 20;

  private WriteBenchmarkRun() {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    List<Case> cases = CASES;
    List<String> contenders = CONTENDERS;
    boolean profile = false;
    boolean paired = false;
    Integer roundsOption = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--cases" -> cases = Arrays.stream(args[++i].split(",")).map(Case::parse).toList();
        case "--contenders" -> contenders = List.of(args[++i].split(","));
        case "--profile" -> profile = true;
        case "--paired" -> paired = true;
        case "--rounds" -> roundsOption = Integer.parseInt(args[++i]);
        default -> positional.add(args[i]);
      }
    }
    if (!contenders.contains(Contender.SHARD)) {
      throw new IllegalArgumentException("--contenders must include " + Contender.SHARD + ": the ratios are to it");
    }
    if (paired && (profile || !positional.isEmpty())) {
      throw new IllegalArgumentException("--paired takes --rounds N, not --profile or the iteration seconds and rounds"
          + " of JMH runs");
    }
    if (!paired && roundsOption != null) {
      throw new IllegalArgumentException("--rounds is for --paired; JMH runs take their rounds as the second number");
    }
    int pairedRounds = roundsOption != null ? roundsOption : DEFAULT_PAIRED_ROUNDS;
    int seconds = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 4;
    int rounds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;
    PrintStream log = System.out;
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    try (EmbeddedServers servers = EmbeddedServers.start(BenchmarkRun.dataRoot(), "cluster-" + BenchmarkRun.SERVERS,
        BenchmarkRun.SERVERS)) {
      BenchCluster cluster = new BenchCluster(servers.addresses(), WriteTables.LAYOUT, null, 0);
      Path out = Path.of("results", "writes").toAbsolutePath();
      Path work = out.resolve("tmp");
      Files.createDirectories(work);
      Path clusterFile = work.resolve("cluster.properties");
      cluster.write(clusterFile);
      List<String> rows = new ArrayList<>();
      for (Case measured : cases) {
        Map<String, List<Run>> runs = paired ? runPaired(clusterFile, work, measured, contenders, pairedRounds, log)
            : runJmhByTurns(clusterFile, work, measured, contenders, seconds, rounds, profile, log);
        String row = row(measured, runs, paired ? 1 : rounds);
        log.println(row);
        rows.add(row);
      }
      double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      StringBuilder header = new StringBuilder("| workload | threads |");
      StringBuilder rule = new StringBuilder("|---|--:|");
      for (String contender : contenders) {
        header.append(' ').append(contender).append(", µs/op |");
        rule.append("--:|");
      }
      for (String contender : contenders) {
        header.append(' ').append(contender).append(", client CPU µs/op |");
        rule.append("--:|");
      }
      for (String contender : contenders) {
        if (!contender.equals(Contender.SHARD)) {
          header.append(" shard / ").append(contender).append(paired ? ", throughput |" : ", throughput (rounds) |");
          rule.append("--:|");
        }
      }
      String method = paired ? pairedMethod(pairedRounds) : String.format(Locale.ROOT, "JMH sample mode, %d rounds of"
          + " the contenders in turn, each 1 fork with 6 warm-up (8 for the batch) and 3 measurement iterations of %d s"
          + " (the driver's code needs the JIT more than raw JDBC's, and a loaded machine compiles slowly); physical"
          + " URLs with rewriteBatchedStatements=true for all. Medians of the rounds; client CPU is the benchmark JVM's"
          + " CPU time per operation over the measurement iterations (JMH and the JIT included).", rounds, seconds);
      String report = "Write benchmark, " + ZonedDateTime.now().withNano(0) + ", load average "
          + String.format(Locale.ROOT, "%.1f before, %.1f after", loadBefore, loadAfter)
          + " on " + Runtime.getRuntime().availableProcessors() + " cores: 8 embedded MariaDB servers x 16 tables, "
          + method + "\n\n" + header + "\n" + rule + "\n" + String.join("\n", rows) + "\n";
      Files.writeString(out.resolve("latest.md"), report);
      log.print(report);
    }
    System.exit(0);
  }

  private static String pairedMethod(int rounds) {
    return String.format(Locale.ROOT, "paired measurement (`--paired`): per case one JVM with every contender open,"
        + " each warmed up on one thread (up to %,d operations or %.0f s), then rounds at the measured thread count that"
        + " record nothing until the JIT is quiet (compiling for less than %.0f %% of a round's time, or for %.0f s at"
        + " most), then %d rounds in which each contender in turn gets a block of %.1f s (its client threads start"
        + " together and each writes until the block is over, at least once), the order rotated by one every second"
        + " round and reversed every other round, the tables emptied (DELETE) before each round of inserts; all"
        + " contenders draw their keys from one sequence. Physical URLs with rewriteBatchedStatements=true for all."
        + " Means of all blocks' operations; client CPU is the JVM's CPU time over a contender's blocks per operation"
        + " (the JIT and garbage collection included). Throughput ratios are ratios of mean times at the same thread"
        + " count.",
        PairedWriteBenchmark.WARM_UP_OPERATIONS, PairedWriteBenchmark.WARM_UP_NANOS / 1e9,
        PairedRounds.QUIET_JIT_SHARE * 100, PairedBenchmark.SETTLE_LIMIT_MILLIS / 1000.0, rounds,
        PairedBenchmark.BLOCK_MILLIS / 1000.0);
  }

  /** The contenders of a case in JMH forks, taking turns for a few rounds, so that a change in load hits all. */
  private static Map<String, List<Run>> runJmhByTurns(Path clusterFile, Path work, Case measured,
      List<String> contenders, int seconds, int rounds, boolean profile, PrintStream log)
      throws IOException, RunnerException {
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    contenders.forEach(contender -> runs.put(contender, new ArrayList<>()));
    for (int round = 0; round < rounds; round++) {
      for (String contender : contenders) {
        Path recordings = profile && round == rounds - 1 && contender.equals(Contender.SHARD)
            ? work.resolve("jfr-" + measured.workload() + "-" + measured.threads() + "t") : null;
        runs.get(contender).add(run(clusterFile, work, measured, contender, seconds, recordings));
        if (recordings != null) {
          printProfile(recordings, log);
        }
      }
    }
    return runs;
  }

  /**
   * The contenders of a case by turns in a JVM of their own ({@link PairedWriteBenchmark}); one that failed is
   * measured as NaN, and the child's whole output is kept beside the cluster file.
   */
  private static Map<String, List<Run>> runPaired(Path clusterFile, Path work, Case measured, List<String> contenders,
      int rounds, PrintStream log) throws IOException {
    log.printf("paired: %s at %d thread(s), %d rounds of %s%n", measured.workload(), measured.threads(), rounds,
        contenders);
    ChildJvm.Result child = ChildJvm.run(List.of("-cp", System.getProperty("java.class.path"),
        PairedWriteBenchmark.class.getName(), clusterFile.toString(), Integer.toString(measured.threads()),
        measured.workload().name(), String.join(",", contenders), Integer.toString(rounds)), 3600);
    Path childLog = work.resolve(String.format(Locale.ROOT, "paired-%s-%dthr.log", measured.workload(),
        measured.threads()));
    Files.write(childLog, child.lines());
    String settled = child.line(PairedBenchmark.SETTLED_PREFIX);
    log.printf("  %s%n", settled != null ? settled : "settling: no report");
    Map<String, List<Run>> runs = new LinkedHashMap<>();
    for (String contender : contenders) {
      String line = child.line(PairedWriteBenchmark.OUTPUT_PREFIX + contender + " ");
      String[] fields = line == null ? new String[0] : line.split(" ");
      if (fields.length != 8 || !fields[2].equals("ok")) {
        log.printf("  FAILED: %s: %s (the child's output: %s)%n", contender, line == null ? child.failure() : line,
            childLog);
        runs.put(contender, List.of(new Run(Double.NaN, Double.NaN)));
        continue;
      }
      Run run = new Run(Double.parseDouble(fields[3]), Double.parseDouble(fields[6]));
      log.printf(Locale.ROOT, "  %-14s %,.1f µs, client CPU %,.1f µs (%s operations)%n", contender, run.micros(),
          run.cpuMicros(), fields[7]);
      runs.put(contender, List.of(run));
    }
    return runs;
  }

  private static String row(Case measured, Map<String, List<Run>> runs, int rounds) {
    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d |", measured.workload(),
        measured.threads()));
    for (List<Run> contender : runs.values()) {
      row.append(String.format(Locale.ROOT, " %.1f |", median(contender.stream().map(Run::micros).toList())));
    }
    for (List<Run> contender : runs.values()) {
      row.append(String.format(Locale.ROOT, " %.1f |", median(contender.stream().map(Run::cpuMicros).toList())));
    }
    List<Run> shard = runs.get(Contender.SHARD);
    for (Map.Entry<String, List<Run>> other : runs.entrySet()) {
      if (other.getKey().equals(Contender.SHARD)) {
        continue;
      }
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        ratios.add(other.getValue().get(round).micros() / shard.get(round).micros());
      }
      row.append(rounds == 1 ? String.format(Locale.ROOT, " %.2fx |", ratios.get(0))
          : String.format(Locale.ROOT, " %.2fx (%s) |", median(ratios), format(ratios)));
    }
    return row.toString();
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

  private static Run run(Path clusterFile, Path work, Case measured, String contender, int seconds, Path recordings)
      throws IOException, RunnerException {
    Path cpuFile = Files.createTempFile(work, "cpu-", ".txt");
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(WriteBenchmark.class.getName() + ".write")
        .param("contender", contender)
        .param("workload", measured.workload().name())
        .threads(measured.threads())
        .forks(1)
        // measured: on 2 busy cores the JIT compiles the driver's code for a few seconds more than raw JDBC's, and
        // until then its CPU (compiler threads, not the client's) counts against the driver; a batch takes a fraction
        // of a second, so a few dozen of them before the driver's code is compiled
        .warmupIterations(measured.workload() == WriteWorkload.BATCH_INSERT ? 8 : 6).warmupTime(TimeValue.seconds(seconds))
        .measurementIterations(3).measurementTime(TimeValue.seconds(seconds))
        .timeUnit(TimeUnit.MICROSECONDS)
        .jvmArgsAppend("-D" + BenchCluster.PROPERTY + "=" + clusterFile,
            "-D" + WriteBenchmark.CPU_FILE_PROPERTY + "=" + cpuFile);
    if (recordings != null) {
      // JMH's JFR profiler records the measurement iterations only
      options.addProfiler(JavaFlightRecorderProfiler.class, "dir=" + recordings + ";configName=profile");
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    double micros = results.iterator().next().getPrimaryResult().getScore();
    String[] cpu = Files.readString(cpuFile).trim().split(" ");
    Files.delete(cpuFile);
    return new Run(micros, Long.parseLong(cpu[0]) / 1000.0 / Long.parseLong(cpu[1]));
  }

  private static void printProfile(Path recordings, PrintStream log) throws IOException {
    Path recording;
    try (Stream<Path> files = Files.walk(recordings)) {
      recording = files.filter(file -> file.toString().endsWith(".jfr")).findFirst().orElse(null);
    }
    if (recording == null) {
      log.println("no JFR recording under " + recordings);
      return;
    }
    JfrTopFrames.Profile profile = JfrTopFrames.read(recording, 25);
    log.println("JFR " + recording + ": " + profile.samples() + " CPU samples; top frames:");
    profile.self().forEach(frame -> log.println("  " + frame));
    log.println("first frames in org.shardjdbc:");
    profile.ours().forEach(frame -> log.println("  " + frame));
    log.println(profile.nativeSamples() + " native samples, first frames in org.shardjdbc:");
    profile.waiting().forEach(frame -> log.println("  " + frame));
  }
}
