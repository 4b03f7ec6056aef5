package org.shardjdbc.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.runtime.ShardRuntime;

/**
 * Figures of federation (queries that need rows of several shards at once): the planning time of a cross-shard join,
 * first time and cached; the driver's heap for a join of two sharded tables of {@code --rows} rows each; and the
 * latency of federated queries against the same query on one unsharded server holding all rows.
 *
 * <p>Three embedded MariaDB servers: {@code h0} and {@code h1} hold {@code orders} and {@code payments}, each split
 * into 8 tables per server ({@code orders} by {@code order_id mod 16}, {@code payments} by {@code payment_id mod 16});
 * the third holds both tables whole, with the same rows and indexes. Payments refer to orders by {@code order_ref},
 * which is not the shard key of payments, so every join of the two is federated.
 * <pre>
 * benchmarks/federation.sh [--rows 1000000] [--runs 5] [--no-heap]
 * </pre>
 * Planning times are given as wall time and as CPU time of the planning thread: on a busy machine the second says more.
 * The heap figure is the smallest {@code -Xmx} (of 32, 64, 128, 256, 384, 512, 768, 1024, 1536 and 2048 MB) with
 * which a new JVM runs the full join to its end, and, in the measuring JVM, the largest used heap sampled every 5 ms
 * during the join (garbage included).
 */
public final class FederationRun {
  private static final int DATA_SOURCES = 2;
  private static final int TABLES_PER_DATA_SOURCE = 8;
  private static final int SHARDS = DATA_SOURCES * TABLES_PER_DATA_SOURCE;
  private static final String DATABASE = "fed_bench";
  private static final int[] HEAP_STEPS_MB = {32, 64, 128, 256, 384, 512, 768, 1024, 1536, 2048};

  /** The cross-shard join the heap is measured with: every order with every payment that refers to it. */
  static final String FULL_JOIN = "SELECT o.order_id, o.amount, p.payment_id, p.amount FROM orders o"
      + " JOIN payments p ON p.order_ref = o.order_id";

  /** The queries whose latency is compared with the unsharded server's, each a federated plan here. */
  private static final List<String[]> QUERIES = List.of(
      new String[] {"join, one customer", "SELECT o.order_id, p.payment_id, p.amount FROM orders o"
          + " JOIN payments p ON p.order_ref = o.order_id WHERE o.customer_id = 4242"},
      new String[] {"join, count of all", "SELECT COUNT(*), SUM(p.amount) FROM orders o"
          + " JOIN payments p ON p.order_ref = o.order_id"},
      new String[] {"IN subquery", "SELECT COUNT(*) FROM orders WHERE customer_id IN"
          + " (SELECT customer_id FROM payments WHERE amount > 999)"},
      new String[] {"group by non-key, top 10", "SELECT p.customer_id, SUM(p.amount) AS total FROM payments p"
          + " JOIN orders o ON o.order_id = p.order_ref WHERE o.status = 'paid' GROUP BY p.customer_id"
          + " ORDER BY total DESC, p.customer_id LIMIT 10"},
      new String[] {"window over a customer range", "SELECT order_id, ROW_NUMBER() OVER (PARTITION BY customer_id"
          + " ORDER BY amount DESC, order_id) FROM orders WHERE customer_id BETWEEN 1000 AND 1100"});

  private FederationRun() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--heap-probe")) {
      heapProbe(args[1]);
      return;
    }
    int rows = 1_000_000;
    int runs = 5;
    boolean heap = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[++i].replace("_", ""));
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--no-heap" -> heap = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (options: --rows N, --runs N, --no-heap)");
      }
    }
    Path dataDir = Path.of(System.getProperty("shardbench.dataDir", "benchmarks/target/bench-data"));
    try (EmbeddedServers servers = EmbeddedServers.start(dataDir, "federation", DATA_SOURCES + 1)) {
      List<HostPort> addresses = servers.addresses();
      long loadStart = System.nanoTime();
      load(addresses, rows);
      System.out.printf(Locale.ROOT, "loaded %,d orders and %,d payments in %.1f s (load average %s)%n", rows, rows,
          (System.nanoTime() - loadStart) / 1e9, loadAverage());
      Path config = Files.createTempFile("federation-bench-", ".yaml");
      Files.writeString(config, yaml(addresses));
      String shardUrl = "jdbc:shard:" + config;
      String singleUrl = jdbcUrl(addresses.get(DATA_SOURCES), DATABASE);
      planning(shardUrl);
      latency(shardUrl, singleUrl, runs);
      if (heap) {
        heap(shardUrl, config);
      }
    }
  }

  /** Planning time of a cross-shard join: the first plan in a new JVM, first plans of new texts, and cached ones. */
  private static void planning(String shardUrl) throws SQLException {
    try (Connection connection = DriverManager.getConnection(shardUrl)) {
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      String join = "SELECT o.order_id, p.payment_id FROM orders o JOIN payments p ON p.order_ref = o.order_id"
          + " WHERE o.customer_id = ? AND p.amount > ?";
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      runtime.federate(join);
      double firstInJvm = (System.nanoTime() - start) / 1e6;
      double firstInJvmCpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
      int texts = 200;
      long[] firsts = new long[texts];
      long[] firstsCpu = new long[texts];
      for (int i = 0; i < texts; i++) {
        String sql = join + " AND o.order_id > " + i; // a new text: planned, not found in the cache
        long t = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        runtime.federate(sql);
        firsts[i] = System.nanoTime() - t;
        firstsCpu[i] = threads.getCurrentThreadCpuTime() - cpu;
      }
      int lookups = 100_000;
      long[] cached = new long[lookups];
      for (int i = 0; i < lookups; i++) {
        long t = System.nanoTime();
        runtime.federate(join);
        cached[i] = System.nanoTime() - t;
      }
      System.out.printf(Locale.ROOT, "%nplanning a cross-shard join (load average %s)%n", loadAverage());
      System.out.printf(Locale.ROOT, "  first plan in a new JVM (Calcite's classes loaded, the servers asked for column"
          + " types): %.1f ms, of which %.1f ms CPU of the planning thread%n", firstInJvm, firstInJvmCpu);
      System.out.printf(Locale.ROOT, "  first plan of a new text, warm JVM (%d texts): median %.2f ms (CPU %.2f ms), p90"
          + " %.2f ms (CPU %.2f ms)%n", texts, percentile(firsts, 50) / 1e6, percentile(firstsCpu, 50) / 1e6,
          percentile(firsts, 90) / 1e6, percentile(firstsCpu, 90) / 1e6);
      System.out.printf(Locale.ROOT, "  cached plan (%,d lookups): median %.2f µs, p99 %.2f µs%n", lookups,
          percentile(cached, 50) / 1e3, percentile(cached, 99) / 1e3);
    }
  }

  /** Each query through the driver and on the unsharded server: the median of {@code runs} runs after one warm-up. */
  private static void latency(String shardUrl, String singleUrl, int runs) throws SQLException {
    System.out.printf(Locale.ROOT, "%nlatency, median of %d runs after one warm-up (load average %s)%n", runs,
        loadAverage());
    System.out.printf(Locale.ROOT, "  %-30s %8s %12s %12s %7s%n", "query", "rows", "unsharded", "federated", "ratio");
    try (Connection shard = DriverManager.getConnection(shardUrl);
        Connection single = DriverManager.getConnection(singleUrl)) {
      for (String[] query : QUERIES) {
        long[] singleTimes = new long[runs];
        long[] shardTimes = new long[runs];
        long rows = read(single, query[1]);
        long shardRows = read(shard, query[1]);
        if (rows != shardRows) {
          throw new IllegalStateException(query[0] + ": " + shardRows + " rows through the driver, " + rows + " unsharded");
        }
        for (int i = 0; i < runs; i++) {
          long t = System.nanoTime();
          read(single, query[1]);
          singleTimes[i] = System.nanoTime() - t;
          t = System.nanoTime();
          read(shard, query[1]);
          shardTimes[i] = System.nanoTime() - t;
        }
        double singleMs = percentile(singleTimes, 50) / 1e6;
        double shardMs = percentile(shardTimes, 50) / 1e6;
        System.out.printf(Locale.ROOT, "  %-30s %8d %9.1f ms %9.1f ms %6.1fx%n", query[0], rows, singleMs, shardMs,
            shardMs / singleMs);
      }
    }
  }

  /** The heap the full join needs: sampled in this JVM, and the smallest -Xmx with which a new JVM completes it. */
  private static void heap(String shardUrl, Path config) throws Exception {
    System.gc();
    AtomicLong peak = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    Runtime jvm = Runtime.getRuntime();
    Thread sampler = new Thread(() -> {
      while (running.get()) {
        peak.accumulateAndGet(jvm.totalMemory() - jvm.freeMemory(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap sampler");
    long before = jvm.totalMemory() - jvm.freeMemory();
    sampler.start();
    long rows;
    long start = System.nanoTime();
    try (Connection shard = DriverManager.getConnection(shardUrl)) {
      rows = read(shard, FULL_JOIN);
    } finally {
      running.set(false);
      sampler.join();
    }
    System.out.printf(Locale.ROOT, "%nheap of the full join (%s)%n  %,d rows in %.1f s; used heap before %d MB, largest"
            + " sampled during the join %d MB (garbage included; max heap %d MB; load average %s)%n", FULL_JOIN, rows,
        (System.nanoTime() - start) / 1e9, before >> 20, peak.get() >> 20, jvm.maxMemory() >> 20, loadAverage());
    for (int mb : HEAP_STEPS_MB) {
      String outcome = probe(config, mb);
      System.out.printf(Locale.ROOT, "  new JVM with -Xmx%dm: %s%n", mb, outcome);
      if (outcome.startsWith("ok")) {
        break;
      }
    }
  }

  /** Runs the full join in a new JVM with the given heap; its one line of output. */
  private static String probe(Path config, int heapMb) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"),
        FederationRun.class.getName(), "--heap-probe", config.toString()).redirectErrorStream(true).start();
    String last = "no output";
    try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith("probe ")) {
          last = line.substring("probe ".length());
        }
      }
    }
    process.waitFor();
    return last;
  }

  /** In a new JVM: the full join read to its end; prints {@code probe ok …} or {@code probe failed …}. */
  private static void heapProbe(String config) {
    long start = System.nanoTime();
    try (Connection shard = DriverManager.getConnection("jdbc:shard:" + config)) {
      long rows = read(shard, FULL_JOIN);
      System.out.printf(Locale.ROOT, "probe ok, %,d rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
    } catch (Throwable e) {
      System.out.println("probe failed: " + MemoryCheck.firstLine(e));
    }
    System.out.flush();
    System.exit(0); // a driver stuck after an OutOfMemoryError must not keep the JVM alive
  }

  /** Reads every row of a query (each column once), returning the count. */
  private static long read(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      int width = result.getMetaData().getColumnCount();
      long rows = 0;
      while (result.next()) {
        for (int i = 1; i <= width; i++) {
          result.getObject(i);
        }
        rows++;
      }
      return rows;
    }
  }

  /**
   * Creates the tables and generates their rows from MariaDB's SEQUENCE engine: order {@code k} has customer
   * {@code k mod (rows / 10)}, an amount below 1000 and one of four statuses; payment {@code k} refers to order
   * {@code (k * 7919) mod rows + 1} (so payments of one order sit on other shards) and has its own customer and amount.
   */
  private static void load(List<HostPort> addresses, int rows) throws SQLException {
    int customers = Math.max(1, rows / 10);
    String orders = "(order_id BIGINT NOT NULL PRIMARY KEY, customer_id INT NOT NULL, amount DECIMAL(10,2) NOT NULL,"
        + " status VARCHAR(10) NOT NULL, KEY idx_customer (customer_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    String payments = "(payment_id BIGINT NOT NULL PRIMARY KEY, order_ref BIGINT NOT NULL, customer_id INT NOT NULL,"
        + " amount DECIMAL(10,2) NOT NULL, KEY idx_order (order_ref)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    String orderRows = "SELECT seq, seq % " + customers + ", (seq * 37) % 100000 / 100,"
        + " ELT(1 + seq % 4, 'paid', 'new', 'shipped', 'cancelled') FROM seq_1_to_" + rows;
    String paymentRows = "SELECT seq, (seq * 7919) % " + rows + " + 1, (seq * 13) % " + customers
        + ", (seq * 53) % 100000 / 100 FROM seq_1_to_" + rows;
    String signature = rows + " rows v1";
    for (int d = 0; d <= DATA_SOURCES; d++) {
      try (Connection connection = DriverManager.getConnection(jdbcUrl(addresses.get(d), ""));
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        statement.execute("USE " + DATABASE);
        statement.execute("CREATE TABLE IF NOT EXISTS loaded (signature VARCHAR(100) NOT NULL)");
        try (ResultSet result = statement.executeQuery("SELECT signature FROM loaded")) {
          if (result.next() && result.getString(1).equals(signature)) {
            continue;
          }
        }
        statement.execute("DELETE FROM loaded");
        List<String> tables = new ArrayList<>();
        if (d == DATA_SOURCES) {
          tables.add("orders|" + orders + "|" + orderRows);
          tables.add("payments|" + payments + "|" + paymentRows);
        } else {
          for (int t = 0; t < TABLES_PER_DATA_SOURCE; t++) {
            int shard = d * TABLES_PER_DATA_SOURCE + t;
            tables.add(String.format(Locale.ROOT, "orders_%02d|%s|%s WHERE seq %% %d = %d", shard, orders, orderRows,
                SHARDS, shard));
            tables.add(String.format(Locale.ROOT, "payments_%02d|%s|%s WHERE seq %% %d = %d", shard, payments,
                paymentRows, SHARDS, shard));
          }
        }
        for (String table : tables) {
          String[] parts = table.split("\\|");
          statement.execute("DROP TABLE IF EXISTS " + parts[0]);
          statement.execute("CREATE TABLE " + parts[0] + " " + parts[1]);
          statement.execute("INSERT INTO " + parts[0] + " " + parts[2]);
        }
        statement.execute("INSERT INTO loaded VALUES ('" + signature + "')");
      }
    }
  }

  private static String yaml(List<HostPort> addresses) {
    StringBuilder yaml = new StringBuilder("dataSources:\n");
    for (int d = 0; d < DATA_SOURCES; d++) {
      yaml.append("  h").append(d).append(":\n    url: \"").append(jdbcUrl(addresses.get(d), DATABASE))
          .append("\"\n    username: root\n    password: \"\"\n");
    }
    yaml.append("tables:\n");
    for (String[] table : new String[][] {{"orders", "order_id"}, {"payments", "payment_id"}}) {
      yaml.append("  ").append(table[0]).append(":\n    shardKey: ").append(table[1])
          .append("\n    algorithm: mod\n    nodes:\n");
      for (int d = 0; d < DATA_SOURCES; d++) {
        int first = d * TABLES_PER_DATA_SOURCE;
        yaml.append(String.format(Locale.ROOT, "      h%d: \"%s_${%02d..%02d}\"%n", d, table[0], first,
            first + TABLES_PER_DATA_SOURCE - 1));
      }
    }
    yaml.append("defaultDataSource: h0\n");
    // a 1,000,000-row scan on a busy machine leaves the health probe's SELECT 1 waiting for seconds: a short probe
    // timeout would take the server for frozen and abort the scan's connection
    yaml.append("props:\n  healthProbeTimeoutMs: 60000\n");
    return yaml.toString();
  }

  private static String jdbcUrl(HostPort address, String database) {
    return "jdbc:mysql://" + address + "/" + database + "?user=root&password=&" + BenchCluster.URL_OPTIONS;
  }

  private static long percentile(long[] values, int percent) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
