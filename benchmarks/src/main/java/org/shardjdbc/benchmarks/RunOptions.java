package org.shardjdbc.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark command's options.
 *
 * @param orders orders in the main layout
 * @param delays added round trips to measure, in milliseconds (0: direct)
 * @param threads client thread counts
 * @param workloads the workloads JMH measures
 * @param contenders the contenders JMH measures
 * @param quick the short run: fewer orders, no forks, short iterations
 * @param coldStart whether to measure cold starts
 * @param wide whether the cold start includes the layout with 8,192 tables
 * @param memory whether to run the deep page and full scan in a 64 MB heap
 * @param profile how many missed cases to profile with JFR
 * @param passes how many times JMH measures every case, the contenders in reverse order every other time
 * @param paired whether the latencies come from {@link PairedBenchmark} (every contender in one JVM, by turns)
 *     instead of JMH's forks
 * @param rounds the paired measurement's rounds per case, or 0 for its defaults ({@link #pairedRounds})
 * @param out where the report and chart go
 * @param readme the README whose results section is replaced ({@code README.md} of the working directory), or null
 * @param leanClasspath a file holding the class path without ShardingSphere, or null
 * @param command the command line, for the report
 */
record RunOptions(long orders, List<Double> delays, List<Integer> threads, List<Workload> workloads,
    List<String> contenders, boolean quick, boolean coldStart, boolean wide, boolean memory, int profile, int passes,
    boolean paired, int rounds, Path out, Path readme, Path leanClasspath, String command) {

  /** The JMH workloads: every workload but the full scan, which only the memory check runs. */
  static final List<Workload> MEASURED = List.of(Workload.POINT_SELECT, Workload.IN_LIST, Workload.SCATTER_FILTER,
      Workload.COUNT_SUM, Workload.GROUP_BY_AVG, Workload.ORDER_BY_LIMIT, Workload.DEEP_PAGE, Workload.JOIN_IN_LIST);

  RunOptions {
    delays = List.copyOf(delays);
    threads = List.copyOf(threads);
    workloads = List.copyOf(workloads);
    contenders = List.copyOf(contenders);
  }

  /**
   * How long JMH measures in each pass: forks per case, one warm-up iteration, then {@code iterations} measured ones,
   * or {@code heavyIterations} for the workloads that read every row (where one query at 16 threads takes seconds,
   * and an iteration lasts at least one query per thread).
   */
  record Timing(int forks, long warmupMillis, int iterations, int heavyIterations, long iterationMillis,
      int coldStartRuns) {
    int iterations(Workload workload) {
      return workload.readsEveryRow() ? heavyIterations : iterations;
    }
  }

  /**
   * The full run measures a case for 2 iterations of 2 s in all, split over the passes (at least one per pass); the
   * workloads that read every row, one iteration per pass.
   */
  Timing timing() {
    return quick ? new Timing(0, 500, 1, 1, 1000, 1) : new Timing(1, 1000, Math.max(1, 2 / passes), 1, 2000, 3);
  }

  /**
   * How many rounds {@link PairedBenchmark} gives a case: those of {@code --rounds}, else 6 (4 for the workloads that
   * read every row, whose blocks last as long as a query at 16 threads, seconds), 2 in the quick run.
   */
  int pairedRounds(Workload workload) {
    return rounds > 0 ? rounds : quick ? 2 : workload.readsEveryRow() ? 4 : 6;
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming the option and the value, for a bad one
   */
  static RunOptions parse(String[] args) {
    boolean quick = List.of(args).contains("--quick");
    long orders = quick ? BenchmarkRun.QUICK_ORDERS : BenchmarkRun.DEFAULT_ORDERS;
    List<Double> delays = quick ? List.of(0.5) : List.of(0.0, 0.5);
    List<Integer> threads = List.of(1, 16);
    List<Workload> workloads = MEASURED;
    List<String> contenders = Contender.ALL;
    boolean coldStart = true;
    boolean wide = true;
    boolean memory = true;
    int profile = quick ? 1 : 4;
    int passes = quick ? 1 : 2;
    boolean passesGiven = false;
    boolean paired = false;
    int rounds = 0;
    Path out = Path.of("results");
    Path readme = null;
    Path lean = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--quick":
          break;
        case "--orders":
          orders = Long.parseLong(value(args, ++i, option).replace("_", "").replace(",", ""));
          break;
        case "--delay-ms":
          delays = new ArrayList<>();
          for (String delay : value(args, ++i, option).split(",")) {
            delays.add(Double.parseDouble(delay.trim()));
          }
          break;
        case "--threads":
          threads = new ArrayList<>();
          for (String count : value(args, ++i, option).split(",")) {
            threads.add(Integer.parseInt(count.trim()));
          }
          break;
        case "--workloads":
          workloads = new ArrayList<>();
          for (String name : value(args, ++i, option).split(",")) {
            workloads.add(Workload.valueOf(name.trim().toUpperCase(Locale.ROOT)));
          }
          break;
        case "--contenders":
          contenders = new ArrayList<>();
          for (String name : value(args, ++i, option).split(",")) {
            if (!Contender.ALL.contains(name.trim())) {
              throw new IllegalArgumentException("--contenders: '" + name + "' is not one of " + Contender.ALL);
            }
            contenders.add(name.trim());
          }
          break;
        case "--profile":
          profile = Integer.parseInt(value(args, ++i, option));
          break;
        case "--passes":
          passes = Integer.parseInt(value(args, ++i, option));
          passesGiven = true;
          break;
        case "--paired":
          paired = true;
          break;
        case "--rounds":
          rounds = Integer.parseInt(value(args, ++i, option));
          if (rounds < 1) {
            throw new IllegalArgumentException("--rounds " + rounds + ": at least 1");
          }
          break;
        case "--no-cold-start":
          coldStart = false;
          break;
        case "--no-wide":
          wide = false;
          break;
        case "--no-memory":
          memory = false;
          break;
        case "--out":
          out = Path.of(value(args, ++i, option));
          break;
        case "--update-readme":
          readme = Path.of("README.md");
          break;
        case "--lean-classpath":
          lean = Path.of(value(args, ++i, option));
          break;
        default:
          throw new IllegalArgumentException("unknown option '" + option + "' (see benchmarks/README.md)");
      }
    }
    if (orders < 1000) {
      throw new IllegalArgumentException("--orders " + orders + ": at least 1000");
    }
    if (passes < 1) {
      throw new IllegalArgumentException("--passes " + passes + ": at least 1");
    }
    if (passesGiven && paired) {
      throw new IllegalArgumentException("--passes " + passes + ": JMH's; --paired takes --rounds");
    }
    if (rounds > 0 && !paired) {
      throw new IllegalArgumentException("--rounds " + rounds + ": only with --paired (JMH's runs take --passes)");
    }
    return new RunOptions(orders, delays, threads, workloads, contenders, quick, coldStart, wide, memory, profile,
        passes, paired, rounds, out, readme, lean, String.join(" ", args));
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + ": missing value");
    }
    return args[index];
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%,d orders, +%s ms round trip, %s client threads, %s%s", orders, delays, threads,
        quick ? "quick" : "full", command.isEmpty() ? "" : " (" + command + ")");
  }
}
