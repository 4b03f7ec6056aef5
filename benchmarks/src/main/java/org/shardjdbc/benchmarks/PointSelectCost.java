package org.shardjdbc.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.shardjdbc.driver.jdbc.ShardDataSource;

/**
 * What one point select costs the client, on the thread that runs it: CPU time and bytes allocated
 * ({@code ThreadMXBean.getCurrentThreadCpuTime}, {@code getThreadAllocatedBytes}), for this driver and for raw
 * HikariCP + mysql-connector-j on the physical table, each as a prepared statement ({@code order_id = ?}) and as
 * literal SQL ({@code order_id = 42}, a new text for every key). A single-shard statement runs on the caller's thread,
 * so the threads' figures are the client's cost of the query itself, and, unlike process CPU (also reported: it adds
 * the pools', the driver's and the JVM's own threads, garbage collection and JIT compilation), other processes on a
 * shared machine change them little. The variants run interleaved in rounds; each figure is the smallest of the rounds.
 *
 * <p>One embedded MariaDB (kept under {@code benchmarks/target/bench-data/point-cost/}), 2 databases x 8 tables of
 * {@code orders} placed by {@code order_id mod 16}, 10,000 rows.
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.shardjdbc.benchmarks.PointSelectCost [queries per client thread and round, default 5000] \
 *     [rounds, default 5] [client threads, default 1]
 * </pre>
 */
public final class PointSelectCost {
  private static final int DATA_SOURCES = 2;
  private static final int TABLES_PER_DATA_SOURCE = 8;
  private static final int TABLES = DATA_SOURCES * TABLES_PER_DATA_SOURCE;
  private static final int ROWS = 10_000;
  private static final String COLUMNS = "order_id, customer_id, status, total, created_at";

  /** One way of running a point select. */
  private interface Variant {
    void run(long key) throws SQLException;
  }

  /** mysql-connector-j options on the physical connections, for raw and for the driver alike, by a short name. */
  private static final Map<String, String> PHYSICAL_OPTIONS = new LinkedHashMap<>();

  static {
    String cache = "cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=2048";
    PHYSICAL_OPTIONS.put("", "");
    PHYSICAL_OPTIONS.put("cachePrepStmts", "&" + cache);
    PHYSICAL_OPTIONS.put("useServerPrepStmts + cachePrepStmts", "&useServerPrepStmts=true&" + cache);
  }

  private PointSelectCost() {}

  private static List<HikariDataSource> rawPools(HostPort server, String options) {
    List<HikariDataSource> raw = new ArrayList<>();
    for (int d = 0; d < DATA_SOURCES; d++) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url(server, d) + options);
      config.setUsername("root");
      config.setPassword("");
      config.setMaximumPoolSize(16);
      raw.add(new HikariDataSource(config));
    }
    return raw;
  }

  public static void main(String[] args) throws Exception {
    int queries = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    Path root = Path.of(System.getProperty("shardbench.dataDir", "benchmarks/target/bench-data")).toAbsolutePath();
    try (EmbeddedServers servers = EmbeddedServers.start(root, "point-cost", 1)) {
      HostPort server = servers.addresses().get(0);
      load(server);
      List<AutoCloseable> opened = new ArrayList<>();
      try {
        Map<String, Variant> variants = new LinkedHashMap<>();
        for (Map.Entry<String, String> options : PHYSICAL_OPTIONS.entrySet()) {
          List<HikariDataSource> raw = rawPools(server, options.getValue());
          opened.addAll(raw);
          ShardDataSource shard = new ShardDataSource(writeConfig(server, root, options.getValue()).toString());
          opened.add(shard);
          String suffix = options.getKey().isEmpty() ? "" : ", " + options.getKey();
          variants.put("raw prepared" + suffix,
              key -> prepared(raw.get(dataSource(key)), physical(key) + " WHERE order_id = ?", key));
          variants.put("shard prepared" + suffix,
              key -> prepared(shard, "SELECT " + COLUMNS + " FROM orders WHERE order_id = ?", key));
          if (options.getKey().isEmpty()) {
            ShardDataSource unshaped = new ShardDataSource(writeConfig(server, root, "").toString())
                .property("planCacheShapes", "false");
            opened.add(unshaped);
            variants.put("raw literal",
                key -> literal(raw.get(dataSource(key)), physical(key) + " WHERE order_id = " + key, key));
            variants.put("shard literal",
                key -> literal(shard, "SELECT " + COLUMNS + " FROM orders WHERE order_id = " + key, key));
            variants.put("shard literal, planCacheShapes=false",
                key -> literal(unshaped, "SELECT " + COLUMNS + " FROM orders WHERE order_id = " + key, key));
          }
        }
        Map<String, double[]> best = new LinkedHashMap<>();
        for (int round = 0; round <= rounds; round++) {
          for (Map.Entry<String, Variant> variant : variants.entrySet()) {
            double[] cost = measure(variant.getValue(), queries, threads, round);
            if (round > 0) { // round 0 warms up
              best.merge(variant.getKey(), cost,
                  (a, b) -> new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2])});
            }
          }
        }
        System.out.printf(Locale.ROOT, "Point select, %d client threads x %d queries x %d rounds (smallest round),"
            + " load average %s%n", threads, queries, rounds, loadAverage());
        System.out.println("| variant | client threads' CPU / query | process CPU / query | allocated / query |\n"
            + "|---|--:|--:|--:|");
        best.forEach((name, cost) -> System.out.printf(Locale.ROOT, "| %s | %.1f µs | %.1f µs | %,.0f B |%n", name,
            cost[0] / 1e3, cost[2] / 1e3, cost[1]));
      } finally {
        for (AutoCloseable closeable : opened) {
          closeable.close();
        }
      }
    }
    System.exit(0);
  }

  /**
   * CPU nanoseconds and bytes allocated per query on the threads that run the queries, and the whole process's CPU
   * nanoseconds per query (with the pools', the driver's and the JVM's own threads).
   */
  private static double[] measure(Variant variant, int queries, int threads, int seed) throws Exception {
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long processBefore = processCpuNanos();
    List<Future<long[]>> results = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(threads);
    try {
      for (int t = 0; t < threads; t++) {
        int clientSeed = seed * 100 + t;
        results.add(clients.submit(() -> {
          long thread = Thread.currentThread().getId();
          SplittableRandom random = new SplittableRandom(clientSeed);
          long cpuBefore = bean.getCurrentThreadCpuTime();
          long bytesBefore = bean.getThreadAllocatedBytes(thread);
          for (int i = 0; i < queries; i++) {
            variant.run(1 + random.nextLong(ROWS));
          }
          return new long[] {bean.getCurrentThreadCpuTime() - cpuBefore, bean.getThreadAllocatedBytes(thread) - bytesBefore};
        }));
      }
      long cpu = 0;
      long bytes = 0;
      for (Future<long[]> result : results) {
        cpu += result.get()[0];
        bytes += result.get()[1];
      }
      double total = (double) queries * threads;
      return new double[] {cpu / total, bytes / total, (processCpuNanos() - processBefore) / total};
    } finally {
      clients.shutdown();
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void prepared(DataSource dataSource, String sql, long key) throws SQLException {
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key);
      try (ResultSet rows = statement.executeQuery()) {
        read(rows, key);
      }
    }
  }

  private static void literal(DataSource dataSource, String sql, long key) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      read(rows, key);
    }
  }

  private static void read(ResultSet rows, long key) throws SQLException {
    if (!rows.next() || rows.getLong(1) != key) {
      throw new IllegalStateException("no row for order_id " + key);
    }
    for (int column = 2; column <= 5; column++) {
      rows.getObject(column);
    }
    if (rows.next()) {
      throw new IllegalStateException("a second row for order_id " + key);
    }
  }

  private static int dataSource(long key) {
    return (int) (key % TABLES) / TABLES_PER_DATA_SOURCE;
  }

  private static String physical(long key) {
    return "SELECT " + COLUMNS + " FROM " + table((int) (key % TABLES));
  }

  private static String table(int index) {
    return String.format(Locale.ROOT, "orders_%02d", index);
  }

  private static String url(HostPort server, int dataSource) {
    return "jdbc:mysql://" + server + "/point_" + dataSource + "?" + BenchCluster.URL_OPTIONS;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void load(HostPort server) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + server + "/?" + BenchCluster.URL_OPTIONS,
            "root", "");
        Statement statement = connection.createStatement()) {
      try (ResultSet loaded = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
          + " WHERE table_schema LIKE 'point\\_%' AND table_name LIKE 'orders\\_%'")) {
        loaded.next();
        if (loaded.getInt(1) == TABLES) {
          return;
        }
      }
      for (int d = 0; d < DATA_SOURCES; d++) {
        statement.execute("DROP DATABASE IF EXISTS point_" + d);
        statement.execute("CREATE DATABASE point_" + d);
        statement.execute("USE point_" + d); // the SEQUENCE engine's tables are in every database
        for (int t = d * TABLES_PER_DATA_SOURCE; t < (d + 1) * TABLES_PER_DATA_SOURCE; t++) {
          String name = "point_" + d + "." + table(t);
          statement.execute("CREATE TABLE " + name + " (order_id BIGINT NOT NULL PRIMARY KEY, customer_id BIGINT NOT NULL,"
              + " status VARCHAR(16) NOT NULL, total DECIMAL(12,2) NOT NULL, created_at DATETIME(6) NOT NULL)");
          statement.execute("INSERT INTO " + name + " SELECT seq, seq DIV 10, ELT(1 + seq % 3, 'new', 'paid', 'shipped'),"
              + " (seq % 1000) / 4, TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_"
              + (t == 0 ? TABLES : t) + "_to_" + ROWS + "_step_" + TABLES);
        }
      }
    }
  }

  private static Path writeConfig(HostPort server, Path work, String options) {
    StringBuilder yaml = new StringBuilder("dataSources:\n");
    for (int d = 0; d < DATA_SOURCES; d++) {
      yaml.append("  h").append(d).append(": { url: \"").append(url(server, d)).append(options)
          .append("\", username: root, password: \"\", pool: { maximumPoolSize: 16 } }\n");
    }
    yaml.append("tables:\n  orders:\n    shardKey: order_id\n    nodes:\n");
    for (int d = 0; d < DATA_SOURCES; d++) {
      yaml.append("      h").append(d).append(": \"orders_${").append(table(d * TABLES_PER_DATA_SOURCE).substring(7))
          .append("..").append(table((d + 1) * TABLES_PER_DATA_SOURCE - 1).substring(7)).append("}\"\n");
    }
    yaml.append("defaultDataSource: h0\n");
    try {
      Files.createDirectories(work);
      Path file = work.resolve("point-cost-" + Integer.toHexString(options.hashCode()) + ".yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the configuration under " + work, e);
    }
  }
}
