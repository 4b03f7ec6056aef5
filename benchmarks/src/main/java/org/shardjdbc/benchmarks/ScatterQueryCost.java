package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What one query of each workload costs the client once warmed up: CPU time and bytes allocated of all threads (the
 * caller's and the executors' and pools' threads the query hands work to, {@link ThreadCost}), for this driver and the
 * hand-written contenders ({@code raw_union} by default: one UNION ALL per server, merged in Java). One client thread
 * issues the queries one after another; the contenders take turns in rounds of {@code queries} queries per workload
 * (the first round warms up and is not counted; the deep page runs a twentieth of them), and each figure is the
 * median of the rounds.
 *
 * <p>One embedded MariaDB (kept under {@code benchmarks/target/bench-data/scatter-cost/}) holding the benchmark's layout
 * as 8 databases of 16 tables ({@code bench_0 … bench_7}), 20,000 orders by default: the client's work per query
 * depends on the rows it receives, which this size keeps as in the full run (except the deep page, whose offset is
 * half the orders).
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.shardjdbc.benchmarks.ScatterQueryCost [queries per round, default 200] [rounds, default 5] \
 *     [workloads, default all but FULL_SCAN] [contenders, default shard,raw_union] [orders, default 20000]
 * </pre>
 */
public final class ScatterQueryCost {
  private ScatterQueryCost() {}

  public static void main(String[] args) throws Exception {
    int queries = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Workload> workloads = new ArrayList<>();
    if (args.length > 2 && !args[2].equals("all")) {
      for (String name : args[2].split(",")) {
        workloads.add(Workload.valueOf(name.trim()));
      }
    } else {
      workloads.addAll(Arrays.asList(Workload.values()));
      workloads.remove(Workload.FULL_SCAN);
    }
    List<String> names = args.length > 3 ? List.of(args[3].split(",")) : List.of(Contender.SHARD, Contender.RAW_UNION);
    long orders = args.length > 4 ? Long.parseLong(args[4]) : 20_000;
    BenchLayout layout = new BenchLayout("bench", 8, 16, orders);
    Path root = Path.of(System.getProperty("shardbench.dataDir", "benchmarks/target/bench-data")).toAbsolutePath();
    try (EmbeddedServers servers = EmbeddedServers.start(root, "scatter-cost", 1)) {
      BenchCluster cluster = new BenchCluster(servers.addresses(), layout, null, 0);
      BenchData.ensureLoaded(cluster, layout, System.out);
      Map<String, Contender> contenders = new LinkedHashMap<>();
      try {
        for (String name : names) {
          contenders.put(name, Contender.open(name, cluster, layout, root.resolve("scatter-cost-config"), true));
        }
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        for (int round = 0; round <= rounds; round++) {
          for (Workload workload : workloads) {
            for (Map.Entry<String, Contender> contender : contenders.entrySet()) {
              double[] cost = measure(contender.getValue(), workload, layout, queries, round);
              if (round > 0) { // round 0 warms up
                samples.computeIfAbsent(workload + " " + contender.getKey(), k -> new ArrayList<>()).add(cost);
              }
            }
          }
        }
        System.out.printf(Locale.ROOT, "%d queries x %d rounds per case (median of the rounds), %,d orders,"
            + " load average %s%n", queries, rounds, orders, loadAverage());
        StringBuilder header = new StringBuilder("| workload |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String name : names) {
          header.append(' ').append(name).append(" CPU / query | ").append(name).append(" allocated / query |");
          rule.append("--:|--:|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (Workload workload : workloads) {
          StringBuilder line = new StringBuilder("| ").append(workload.name()).append(" |");
          for (String name : names) {
            List<double[]> costs = samples.get(workload + " " + name);
            line.append(String.format(Locale.ROOT, " %.1f µs | %,.0f B |", median(costs, 0) / 1e3, median(costs, 1)));
          }
          System.out.println(line);
        }
      } finally {
        for (Contender contender : contenders.values()) {
          contender.close();
        }
      }
    }
    System.exit(0);
  }

  /** CPU nanoseconds and bytes allocated per query, all threads, over {@code queries} queries one after another. */
  private static double[] measure(Contender contender, Workload workload, BenchLayout layout, int queries, int seed)
      throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    ResultDigest digest = new ResultDigest(false);
    int count = workload == Workload.DEEP_PAGE ? Math.max(1, queries / 20) : queries; // reads 8 x (offset + 10) rows
    ThreadCost before = ThreadCost.now();
    for (int i = 0; i < count; i++) {
      contender.run(workload, QueryArguments.next(workload, layout, random), digest);
    }
    ThreadCost after = ThreadCost.now();
    return new double[] {(double) after.cpuNanosSince(before) / count, (double) after.bytesSince(before) / count};
  }

  private static double median(List<double[]> costs, int field) {
    double[] values = costs.stream().mapToDouble(cost -> cost[field]).sorted().toArray();
    return values.length % 2 == 1 ? values[values.length / 2]
        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
