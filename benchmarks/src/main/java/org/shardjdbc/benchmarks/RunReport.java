package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one run of the benchmark command measured, the targets checked against it, and the report as
 * Markdown: one table per added round trip, the targets, cold starts, the 64 MB heap check and the JFR profiles of
 * missed targets. Ratios, not absolute figures, are the point: the machines are small and shared.
 */
final class RunReport {
  static final String README_BEGIN = "<!-- results:begin (written by run.sh --update-readme) -->";
  static final String README_END = "<!-- results:end -->";

  /** SELECT 1 directly and through the delay proxy: the round trip the proxy really adds. */
  record RoundTrip(double delayMillis, double directMicros, double proxiedMicros) {}

  /** Cold starts of one contender and query on one layout: the times of the runs, or why they failed. */
  record ColdStartResult(int physicalTables, Workload workload, String contender, List<Long> millis, String failure) {
    ColdStartResult {
      millis = List.copyOf(millis);
    }

    long median() {
      List<Long> sorted = new ArrayList<>(millis);
      sorted.sort(null);
      return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    String summary() {
      if (failure != null && millis.isEmpty()) {
        return "failed: " + failure;
      }
      return String.format(Locale.ROOT, "%.2f s", median() / 1000.0)
          + (millis.size() > 1 ? " (median of " + millis.size() + ")" : "");
    }
  }

  /** One workload of the 64 MB heap check: {@code ok <rows> <ms>} or {@code failed <error>}. */
  record MemoryResult(String contender, Workload workload, String outcome) {
    boolean ok() {
      return outcome.startsWith("ok ");
    }

    String summary() {
      if (!ok()) {
        return "✗ " + outcome;
      }
      String[] parts = outcome.split(" ");
      return String.format(Locale.ROOT, "✓ %,d rows in %.1f s", Long.parseLong(parts[1]),
          Long.parseLong(parts[2]) / 1000.0);
    }
  }

  /**
   * One target checked in one case.
   *
   * @param value the measured ratio
   * @param limit the target
   * @param atLeast whether the value must be at least the limit (else at most)
   */
  record Check(String target, double value, double limit, boolean atLeast) {
    boolean met() {
      return atLeast ? value >= limit : value <= limit;
    }

    /** How far from the target: above 1 when missed. */
    double shortfall() {
      return atLeast ? limit / value : value / limit;
    }
  }

  /** A case of the shard contender that missed a target, to profile. */
  record Miss(double delayMillis, Workload workload, int threads, Check check) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s, %d thr, +%s ms: %s %.2f× (target %s%.2f×)", workload, threads,
          trim(delayMillis), check.target(), check.value(), check.atLeast() ? "≥ " : "≤ ", check.limit());
    }
  }

  private record Profiled(Miss miss, JfrTopFrames.Profile profile, Path recording) {}

  private final RunOptions options;
  private final BenchmarkRun.Machine machine;
  private final ZonedDateTime date;
  private final List<Measurement> measurements = new ArrayList<>();
  private final List<RoundTrip> roundTrips = new ArrayList<>();
  private final List<ColdStartResult> coldStarts = new ArrayList<>();
  private final List<MemoryResult> memory = new ArrayList<>();
  private final List<Profiled> profiles = new ArrayList<>();
  private final java.util.Map<String, QueryCostMeter.QueryCost> costs = new java.util.LinkedHashMap<>();
  private String serverVersion = "?";
  private double elapsedSeconds;

  RunReport(RunOptions options, BenchmarkRun.Machine machine, ZonedDateTime date) {
    this.options = options;
    this.machine = machine;
    this.date = date;
  }

  void addAll(List<Measurement> more) {
    measurements.addAll(more);
  }

  List<Measurement> measurements() {
    return List.copyOf(measurements);
  }

  void roundTrip(RoundTrip roundTrip) {
    roundTrips.add(roundTrip);
  }

  void coldStart(ColdStartResult result) {
    coldStarts.add(result);
  }

  void memory(MemoryResult result) {
    memory.add(result);
  }

  void profile(Miss miss, JfrTopFrames.Profile profile, Path recording) {
    profiles.add(new Profiled(miss, profile, recording));
  }

  void cost(String contender, Workload workload, QueryCostMeter.QueryCost cost) {
    costs.put(contender + " " + workload, cost);
  }

  void serverVersion(String version) {
    serverVersion = version;
  }

  void elapsed(double seconds) {
    elapsedSeconds = seconds;
  }

  private Measurement find(double delay, Workload workload, int threads, String contender) {
    for (Measurement measurement : measurements) {
      if (measurement.delayMillis() == delay && measurement.workload() == workload && measurement.threads() == threads
          && measurement.contender().equals(contender)) {
        return measurement;
      }
    }
    return null;
  }

  /** The faster of the two raw variants, or null if neither was measured. */
  private Measurement bestRaw(double delay, Workload workload, int threads) {
    Measurement raw = find(delay, workload, threads, Contender.RAW);
    Measurement union = find(delay, workload, threads, Contender.RAW_UNION);
    if (raw == null || union == null) {
      return raw == null ? union : raw;
    }
    return raw.meanMicros() <= union.meanMicros() ? raw : union;
  }

  /** The targets for the shard contender in one case; those that cannot be computed are left out. */
  List<Check> checks(double delay, Workload workload, int threads) {
    List<Check> checks = new ArrayList<>();
    Measurement shard = find(delay, workload, threads, Contender.SHARD);
    if (shard == null) {
      return checks;
    }
    Measurement raw = bestRaw(delay, workload, threads);
    Measurement shardingSphere = find(delay, workload, threads, Contender.SHARDINGSPHERE);
    if (raw != null) {
      checks.add(new Check("latency vs best raw", shard.meanMicros() / raw.meanMicros(), 1.2, false));
      if (workload == Workload.POINT_SELECT) {
        checks.add(new Check("throughput vs raw", raw.meanMicros() / shard.meanMicros(), 0.95, true));
      }
    }
    if (shardingSphere != null) {
      double ratio = shardingSphere.meanMicros() / shard.meanMicros();
      checks.add(new Check("throughput vs ShardingSphere", ratio, 1.0, true));
      if (workload == Workload.ORDER_BY_LIMIT && delay == 0.5) {
        checks.add(new Check("ORDER BY LIMIT 10 at +0.5 ms vs ShardingSphere", ratio, 2.0, true));
      }
      if (workload == Workload.JOIN_IN_LIST) {
        checks.add(new Check("IN-list join vs ShardingSphere", ratio, 1.5, true));
      }
    }
    return checks;
  }

  /** The worst missed cases at one delay, one per workload and thread count, at most {@code limit}. */
  List<Miss> misses(double delay, int limit) {
    List<Miss> misses = new ArrayList<>();
    for (Workload workload : options.workloads()) {
      for (int threads : options.threads()) {
        Check worst = null;
        for (Check check : checks(delay, workload, threads)) {
          if (!check.met() && (worst == null || check.shortfall() > worst.shortfall())) {
            worst = check;
          }
        }
        if (worst != null) {
          misses.add(new Miss(delay, workload, threads, worst));
        }
      }
    }
    misses.sort(Comparator.comparingDouble((Miss miss) -> miss.check().shortfall()).reversed());
    return misses.subList(0, Math.min(limit, misses.size()));
  }

  /** How JMH forked and in how many passes, for the report's header. */
  private String forks(RunOptions.Timing timing) {
    String forks = timing.forks() == 0 ? "no forks (quick)" : timing.forks() + " fork per case";
    if (options.passes() == 1) {
      return forks;
    }
    return String.format(Locale.ROOT, "%s in each of %d passes (the contenders in reverse order every other pass; a"
        + " case's figures are of all its passes' samples together, and in each pass it has its own start-up and"
        + " warm-up)", forks, options.passes());
  }

  /** How the latencies were measured, for the report's header. */
  private String method() {
    if (options.paired()) {
      int rounds = options.pairedRounds(Workload.POINT_SELECT);
      int heavyRounds = options.pairedRounds(Workload.COUNT_SUM);
      return String.format(Locale.ROOT, "Paired measurement (`--paired`): per workload and thread count, one JVM with"
          + " every contender open, each warmed up as under JMH (up to %,d queries or %.0f s, %.0f s for the workloads"
          + " that read every row), then rounds at the measured thread count whose latencies are thrown away until the"
          + " JIT is quiet (compiling for less than %.0f %% of a round's time, or for %.0f s at most; the run's log says"
          + " which), then %d rounds%s in which each contender in turn gets a block of %.1f s (its client threads start"
          + " together and each runs queries until the block is over, at least one), the order rotated by one every"
          + " second round and reversed every other round; a case's figures are of all its blocks' queries",
          QueryBenchmark.WARM_UP_QUERIES, QueryBenchmark.WARM_UP_NANOS / 1e9, QueryBenchmark.HEAVY_WARM_UP_NANOS / 1e9,
          PairedRounds.QUIET_JIT_SHARE * 100, PairedBenchmark.SETTLE_LIMIT_MILLIS / 1000.0,
          rounds, heavyRounds == rounds ? "" : " (" + heavyRounds + " for the workloads that read every row)",
          PairedBenchmark.BLOCK_MILLIS / 1000.0);
    }
    RunOptions.Timing timing = options.timing();
    return String.format(Locale.ROOT, "JMH sample mode, %s; each case first runs its query on one thread (up to %,d"
        + " queries or %.0f s, %.0f s for the workloads that read every row: start-up and JIT compilation), then a %.1f s"
        + " warm-up iteration and %d × %.1f s measured (%d for the workloads that read every row; an iteration lasts at"
        + " least one query per thread)", forks(timing), QueryBenchmark.WARM_UP_QUERIES,
        QueryBenchmark.WARM_UP_NANOS / 1e9, QueryBenchmark.HEAVY_WARM_UP_NANOS / 1e9, timing.warmupMillis() / 1000.0,
        timing.iterations(), timing.iterationMillis() / 1000.0, timing.heavyIterations());
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("## Latest results\n\n");
    md.append(String.format(Locale.ROOT, "Run %s on %s; %s (%d embedded servers on loopback). Took %.0f min.%n%n",
        BenchmarkRun.now(date), machine, "MariaDB " + serverVersion, BenchmarkRun.SERVERS, elapsedSeconds / 60));
    md.append(String.format(Locale.ROOT, "Command: `benchmarks/run.sh %s`. Data: %,d orders in %d servers × %d tables"
        + " (`orders_000`…`orders_127` by `order_id mod 128`), `order_items` bound to them (1–3 items per order),"
        + " `countries` broadcast. %s; connection pools of %d per server for every contender.%n%n", options.command(),
        options.orders(), BenchmarkRun.SERVERS, BenchmarkRun.TABLES_PER_SERVER, method(), ContenderConfigs.POOL_SIZE));
    md.append("Cells are the mean latency of one query (lower is better). The ratio columns are the targets:"
        + " shard's latency over the better raw variant's (target ≤ 1.2) and shard's throughput over ShardingSphere's"
        + " (target ≥ 1; throughput = client threads / mean latency). `raw` is one statement per physical table,"
        + " `raw_union` one UNION ALL statement per server; both scatter over a thread pool by hand.\n\n");
    Set<Double> delays = new TreeSet<>();
    for (Measurement measurement : measurements) {
      delays.add(measurement.delayMillis());
    }
    for (double delay : delays) {
      md.append("### ").append(delayTitle(delay)).append("\n\n");
      md.append("| workload | threads |");
      for (String contender : options.contenders()) {
        md.append(' ').append(contender).append(" |");
      }
      md.append(" shard / best raw, latency | shard / ShardingSphere, throughput |\n|---|--:|");
      md.append("--:|".repeat(options.contenders().size())).append("--:|--:|\n");
      for (Workload workload : options.workloads()) {
        for (int threads : options.threads()) {
          md.append("| ").append(workload.title()).append(" | ").append(threads).append(" |");
          for (String contender : options.contenders()) {
            Measurement measurement = find(delay, workload, threads, contender);
            md.append(' ').append(measurement == null ? "failed" : LatencyChart.duration(round(measurement.meanMicros())))
                .append(" |");
          }
          Check latency = null;
          Check throughput = null;
          for (Check check : checks(delay, workload, threads)) {
            if (check.target().equals("latency vs best raw")) {
              latency = check;
            } else if (check.target().equals("throughput vs ShardingSphere")) {
              throughput = check;
            }
          }
          md.append(' ').append(ratio(latency)).append(" | ").append(ratio(throughput)).append(" |\n");
        }
      }
      md.append('\n');
    }
    targets(md, delays);
    statementSection(md);
    coldStartSection(md);
    memorySection(md);
    profileSection(md);
    md.append("The chart of latency against client threads: [`results/latency.svg`](results/latency.svg).\n");
    return md.toString();
  }

  private String delayTitle(double delay) {
    if (delay == 0) {
      return "No added delay (loopback)";
    }
    for (RoundTrip roundTrip : roundTrips) {
      if (roundTrip.delayMillis() == delay) {
        return String.format(Locale.ROOT, "+%s ms round trip (delay proxy; `SELECT 1` %.0f µs direct, %.0f µs through"
            + " the proxy: +%.0f µs)", trim(delay), roundTrip.directMicros(), roundTrip.proxiedMicros(),
            roundTrip.proxiedMicros() - roundTrip.directMicros());
      }
    }
    return "+" + trim(delay) + " ms round trip";
  }

  private static String ratio(Check check) {
    if (check == null) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f× %s", check.value(), check.met() ? "✓" : "✗");
  }

  private static double round(double micros) {
    double scale = Math.pow(10, Math.floor(Math.log10(Math.max(micros, 1e-9))) - 2);
    return Math.round(micros / scale) * scale;
  }

  private void targets(StringBuilder md, Set<Double> delays) {
    md.append("### Targets\n\n| target | measured | met |\n|---|---|:-:|\n");
    for (String target : List.of("latency vs best raw", "throughput vs ShardingSphere", "throughput vs raw",
        "ORDER BY LIMIT 10 at +0.5 ms vs ShardingSphere", "IN-list join vs ShardingSphere")) {
      List<String> cases = new ArrayList<>();
      int met = 0;
      int total = 0;
      Check worst = null;
      String worstCase = null;
      for (double delay : delays) {
        for (Workload workload : options.workloads()) {
          for (int threads : options.threads()) {
            for (Check check : checks(delay, workload, threads)) {
              if (!check.target().equals(target)) {
                continue;
              }
              total++;
              met += check.met() ? 1 : 0;
              String where = (target.startsWith("latency") || target.startsWith("throughput vs S") ? workload.title() + ", "
                  : "") + threads + " thr, +" + trim(delay) + " ms";
              cases.add(String.format(Locale.ROOT, "%s %.2f×", where, check.value()));
              if (worst == null || check.shortfall() > worst.shortfall()) {
                worst = check;
                worstCase = where;
              }
            }
          }
        }
      }
      String title = targetTitle(target);
      if (total == 0) {
        md.append("| ").append(title).append(" | not measured in this run | – |\n");
      } else if (total > 4) {
        md.append(String.format(Locale.ROOT, "| %s | met in %d of %d cases; worst: %s, %.2f× | %s |%n", title, met, total,
            worstCase, worst.value(), met == total ? "✓" : "✗"));
      } else {
        md.append("| ").append(title).append(" | ").append(String.join("; ", cases)).append(" | ")
            .append(met == total ? "✓" : "✗").append(" |\n");
      }
    }
    for (Workload workload : List.of(Workload.DEEP_PAGE, Workload.FULL_SCAN)) {
      MemoryResult result = memoryResult(Contender.SHARD, workload);
      md.append("| ").append(workload == Workload.DEEP_PAGE ? "deep page" : "full ORDER BY scan of every order")
          .append(" in -Xmx64m | ").append(result == null ? "not measured" : result.summary()).append(" | ")
          .append(result == null ? "–" : result.ok() ? "✓" : "✗").append(" |\n");
    }
    for (ColdStartResult result : coldStarts) {
      if (result.contender().equals(Contender.SHARD) && result.workload() == Workload.POINT_SELECT) {
        long limit = result.physicalTables() > 1000 ? 2000 : 1000;
        boolean met = !result.millis().isEmpty() && result.median() <= limit;
        md.append(String.format(Locale.ROOT, "| cold start to the first row ≤ %d s, %,d physical tables | %s | %s |%n",
            limit / 1000, result.physicalTables(), result.summary(), met ? "✓" : "✗"));
      }
    }
    md.append('\n');
  }

  private static String targetTitle(String target) {
    switch (target) {
      case "latency vs best raw":
        return "every workload: latency ≤ 1.2 × the best raw variant's";
      case "throughput vs ShardingSphere":
        return "every workload: throughput ≥ ShardingSphere's";
      case "throughput vs raw":
        return "point select: throughput ≥ 0.95 × raw JDBC's, 1 and 16 threads";
      case "ORDER BY LIMIT 10 at +0.5 ms vs ShardingSphere":
        return "ORDER BY created_at DESC LIMIT 10 over 128 tables, +0.5 ms: throughput ≥ 2 × ShardingSphere's";
      case "IN-list join vs ShardingSphere":
        return "IN-list join: throughput ≥ 1.5 × ShardingSphere's";
      default:
        return target;
    }
  }

  private MemoryResult memoryResult(String contender, Workload workload) {
    for (MemoryResult result : memory) {
      if (result.contender().equals(contender) && result.workload() == workload) {
        return result;
      }
    }
    return null;
  }

  private void statementSection(StringBuilder md) {
    if (costs.isEmpty()) {
      return;
    }
    md.append("### Statements and CPU per query\n\nOne query at a time, no added delay: statements sent (the servers'"
        + " `Questions`; each is at least one round trip, which an added delay multiplies), then the 8 servers' CPU"
        + " and the client's CPU (all its threads), in ms per query, and the bytes the client allocated"
        + " per query. Per workload, every contender is warmed up first, then measured by turns, in the order of the"
        + " columns and again in reverse order; a cell is the mean of the two. With no delay, the servers' CPU on the"
        + " shared 2 cores is what limits throughput at 16 threads.\n\n| workload |");
    for (String contender : options.contenders()) {
      md.append(' ').append(contender).append(" |");
    }
    md.append("\n|---|").append("--:|".repeat(options.contenders().size())).append('\n');
    for (Workload workload : options.workloads()) {
      md.append("| ").append(workload.title()).append(" |");
      for (String contender : options.contenders()) {
        QueryCostMeter.QueryCost cost = costs.get(contender + " " + workload);
        md.append(' ').append(cost == null ? "–" : String.format(Locale.ROOT, "%.1f · %s · %s · %s", cost.statements(),
            millis(cost.serverCpuMillis()), millis(cost.clientCpuMillis()), kilobytes(cost.clientBytes()))).append(" |");
      }
      md.append('\n');
    }
    md.append("\nEach cell: statements · server CPU ms · client CPU ms · client KB allocated.\n\n");
  }

  private static String kilobytes(double bytes) {
    double kb = bytes / 1024;
    return kb >= 10 ? String.format(Locale.ROOT, "%,.0f", kb) : String.format(Locale.ROOT, "%.1f", kb);
  }

  private static String millis(double value) {
    if (Double.isNaN(value)) {
      return "?";
    }
    return value >= 10 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }

  private void coldStartSection(StringBuilder md) {
    if (coldStarts.isEmpty()) {
      return;
    }
    md.append("### Cold start: a new JVM to the first row\n\n");
    md.append("Wall time from starting `java` to the first row, no added delay; shard and raw run without"
        + " ShardingSphere on the class path. The target is for the point select; the sorted merge shows what the first"
        + " scatter query adds.\n\n| physical tables | query |");
    Set<String> contenders = new LinkedHashSet<>();
    Set<String> rows = new LinkedHashSet<>();
    for (ColdStartResult result : coldStarts) {
      contenders.add(result.contender());
      rows.add(result.physicalTables() + " " + result.workload());
    }
    for (String contender : contenders) {
      md.append(' ').append(contender).append(" |");
    }
    md.append("\n|--:|---|").append("--:|".repeat(contenders.size())).append('\n');
    for (String row : rows) {
      ColdStartResult first = null;
      for (ColdStartResult result : coldStarts) {
        if ((result.physicalTables() + " " + result.workload()).equals(row)) {
          first = first == null ? result : first;
        }
      }
      md.append(String.format(Locale.ROOT, "| %,d | %s |", first.physicalTables(), first.workload().title()));
      for (String contender : contenders) {
        for (ColdStartResult result : coldStarts) {
          if ((result.physicalTables() + " " + result.workload()).equals(row) && result.contender().equals(contender)) {
            md.append(' ').append(result.summary()).append(" |");
          }
        }
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private void memorySection(StringBuilder md) {
    if (memory.isEmpty()) {
      return;
    }
    md.append(String.format(Locale.ROOT, "### Deep page and a full ORDER BY scan in a 64 MB heap (-Xmx64m)%n%n"
        + "`%s` and `%s` (%,d rows), each once in a new JVM.%n%n| contender | deep page | full scan |%n|---|---|---|%n",
        Workload.DEEP_PAGE.sql(mainLayout()), Workload.FULL_SCAN.sql(mainLayout()), options.orders()));
    for (String contender : options.contenders()) {
      MemoryResult page = memoryResult(contender, Workload.DEEP_PAGE);
      MemoryResult scan = memoryResult(contender, Workload.FULL_SCAN);
      md.append("| ").append(contender).append(" | ").append(page == null ? "–" : page.summary()).append(" | ")
          .append(scan == null ? "–" : scan.summary()).append(" |\n");
    }
    md.append('\n');
  }

  private BenchLayout mainLayout() {
    return BenchmarkRun.mainLayout(options.orders());
  }

  private void profileSection(StringBuilder md) {
    if (profiles.isEmpty()) {
      return;
    }
    md.append("### Where the time goes in missed targets (JFR, shard contender)\n\n");
    md.append("Each case re-run alone under JMH's JFR profiler (`profile` settings, the 2 × 3 s of measurement only):"
        + " CPU samples by top frame and by the first frame in the driver's own code, and samples of threads blocked"
        + " in native code (waiting for a server) by the first frame in the driver's own code.\n\n");
    for (Profiled profiled : profiles) {
      md.append("#### ").append(profiled.miss()).append("\n\n");
      md.append(String.format(Locale.ROOT, "%,d CPU samples (%s). Top frames:%n%n```%n", profiled.profile().samples(),
          profiled.recording()));
      profiled.profile().self().forEach(line -> md.append(line).append('\n'));
      md.append("```\n\nFirst frames in org.shardjdbc, CPU samples:\n\n```\n");
      profiled.profile().ours().forEach(line -> md.append(line).append('\n'));
      md.append(String.format(Locale.ROOT, "```%n%nFirst frames in org.shardjdbc, %,d samples of threads blocked in native"
          + " code (socket reads):%n%n```%n", profiled.profile().nativeSamples()));
      profiled.profile().waiting().forEach(line -> md.append(line).append('\n'));
      md.append("```\n\n");
    }
  }

  /** Every measurement as CSV, for other tools. */
  String csv() {
    StringBuilder csv = new StringBuilder("delay_ms,workload,threads,contender,mean_us,p50_us,p99_us,samples,ops_per_s\n");
    for (Measurement m : measurements) {
      csv.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%.1f,%.1f,%.1f,%d,%.1f%n", trim(m.delayMillis()), m.workload(),
          m.threads(), m.contender(), m.meanMicros(), m.p50Micros(), m.p99Micros(), m.samples(), m.throughput()));
    }
    return csv.toString();
  }

  /** Replaces the README's results section (between the markers) with the report. */
  static void updateReadme(Path readme, String markdown) throws IOException {
    String text = Files.readString(readme);
    int begin = text.indexOf(README_BEGIN);
    int end = text.indexOf(README_END);
    if (begin < 0 || end < begin) {
      throw new IOException(readme + ": no results section (" + README_BEGIN + " … " + README_END + ")");
    }
    Files.writeString(readme, text.substring(0, begin + README_BEGIN.length()) + "\n" + markdown
        + text.substring(end));
  }

  static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
