package org.shardjdbc.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;

/**
 * The soak: client threads (64) run a mix through the driver over 8 embedded MariaDB servers (8 data sources x 4
 * tables, 20,000 orders) for a number of minutes: 60% prepared point selects, 25% single-row UPDATEs, 15% transactions
 * that update two orders (usually on two servers) and commit. A third of the way in, server h3 is frozen with SIGSTOP
 * for 30 s; at two thirds, server h5 is killed with SIGKILL and started again 30 s later. Every interval (10 s) it
 * records the operations and their latency percentiles, the errors (those naming h3 or h5 are the faults'; any other
 * is a defect), the heap in use after the last collection, the live threads and the connections checked out of the
 * driver's pools; writes the table to {@code benchmarks/results/soak/latest.md}.
 *
 * <pre>
 *   benchmarks/soak.sh [--threads 64] [--minutes 10]
 * </pre>
 */
final class SoakRun {
  private static final int SERVERS = 8;
  private static final int FROZEN = 3;
  private static final int KILLED = 5;
  private static final int FAULT_SECONDS = 30;
  private static final int INTERVAL_SECONDS = 10;
  private static final int WARM_UP_SECONDS = 20;
  private static final int QUERY_TIMEOUT_SECONDS = 10;
  /** Latencies in milliseconds, one bucket per millisecond; the last holds everything slower. */
  private static final int BUCKETS = 30_001;
  private static final BenchLayout LAYOUT = new BenchLayout("soak", SERVERS, 4, 20_000);

  private final int threads;
  private final int seconds;
  private final AtomicLongArray[] latencies;
  private final AtomicLongArray done;
  private final AtomicLongArray faultErrors;
  private final AtomicLongArray otherErrors;
  private final Map<String, Long> otherErrorMessages = new ConcurrentHashMap<>();
  private volatile boolean running = true;
  private long start;

  private SoakRun(int threads, int minutes) {
    this.threads = threads;
    this.seconds = minutes * 60;
    int intervals = (WARM_UP_SECONDS + seconds) / INTERVAL_SECONDS + 30;
    this.latencies = new AtomicLongArray[intervals];
    for (int i = 0; i < intervals; i++) {
      latencies[i] = new AtomicLongArray(BUCKETS);
    }
    this.done = new AtomicLongArray(intervals);
    this.faultErrors = new AtomicLongArray(intervals);
    this.otherErrors = new AtomicLongArray(intervals);
  }

  /** What the JVM and the pools held at the end of an interval. */
  private record Sample(int interval, long heapAfterGcBytes, int threads, int checkedOut) {}

  public static void main(String[] args) throws Exception {
    int threads = 64;
    int minutes = 10;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--minutes" -> minutes = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --threads N, --minutes M)");
      }
    }
    new SoakRun(threads, minutes).run(System.out);
    System.exit(0);
  }

  private void run(PrintStream out) throws Exception {
    try (EmbeddedServers servers = EmbeddedServers.start(BenchmarkRun.dataRoot(), "soak-" + SERVERS, SERVERS)) {
      BenchCluster cluster = new BenchCluster(servers.addresses(), LAYOUT, null, 0);
      BenchData.ensureLoaded(cluster, LAYOUT, out);
      Path config = BenchmarkRun.dataRoot().resolve("soak-" + SERVERS).resolve("shop.yaml");
      Files.writeString(config, ContenderConfigs.shardYaml(cluster, LAYOUT, false), StandardCharsets.UTF_8);
      String url = "jdbc:shard:" + config;
      out.printf("%d client threads for %d s after %d s of warm-up, %s; h%d frozen and h%d killed for %d s each%n",
          threads, seconds, WARM_UP_SECONDS, LAYOUT.signature(), FROZEN, KILLED, FAULT_SECONDS);
      List<String> events = new ArrayList<>();
      List<Sample> samples = new ArrayList<>();
      start = System.nanoTime();
      ExecutorService clients = Executors.newFixedThreadPool(threads);
      List<Future<?>> loops = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        loops.add(clients.submit(() -> {
          clientLoop(url);
          return null;
        }));
      }
      int end = WARM_UP_SECONDS + seconds;
      int freezeAt = WARM_UP_SECONDS + seconds / 3;
      int killAt = WARM_UP_SECONDS + 2 * seconds / 3;
      boolean frozen = false;
      boolean killed = false;
      try (Connection probe = DriverManager.getConnection(url)) {
        ShardConnection shard = probe.unwrap(ShardConnection.class);
        for (int second = 1; second <= end; second++) {
          sleepUntil(second);
          if (second == freezeAt) {
            servers.pause(FROZEN);
            frozen = true;
            events.add(second + " s: SIGSTOP h" + FROZEN);
          } else if (frozen && second == freezeAt + FAULT_SECONDS) {
            servers.resume(FROZEN);
            frozen = false;
            events.add(second + " s: SIGCONT h" + FROZEN);
          } else if (second == killAt) {
            servers.kill(KILLED);
            killed = true;
            events.add(second + " s: SIGKILL h" + KILLED);
          } else if (killed && second == killAt + FAULT_SECONDS) {
            servers.restart(KILLED);
            killed = false;
            events.add(now() + " s: h" + KILLED + " started again");
          }
          if (second % INTERVAL_SECONDS == 0) {
            samples.add(new Sample(second / INTERVAL_SECONDS - 1, heapAfterGc(), Thread.activeCount(),
                checkedOut(shard)));
          }
        }
      }
      running = false;
      for (Future<?> loop : loops) {
        loop.get(QUERY_TIMEOUT_SECONDS + 60L, TimeUnit.SECONDS);
      }
      clients.shutdown();
      int leftCheckedOut;
      try (Connection last = DriverManager.getConnection(url)) {
        leftCheckedOut = checkedOut(last.unwrap(ShardConnection.class));
      }
      String report = report(samples, events, leftCheckedOut);
      out.println(report);
      Path results = Path.of("results", "soak");
      Files.createDirectories(results);
      Files.writeString(results.resolve("latest.md"), report, StandardCharsets.UTF_8);
      out.println("written to " + results.resolve("latest.md").toAbsolutePath());
    }
  }

  private void clientLoop(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement select = connection.prepareStatement(
            "SELECT order_id, customer_id, status, total FROM orders WHERE order_id = ?");
        PreparedStatement update = connection.prepareStatement(
            "UPDATE orders SET total = total + ?, status = ? WHERE order_id = ?")) {
      select.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      update.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      while (running) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int kind = random.nextInt(100);
        long began = System.nanoTime();
        try {
          if (kind < 60) {
            select.setLong(1, 1 + random.nextLong(LAYOUT.orders()));
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                rows.getBigDecimal(4);
              }
            }
          } else if (kind < 85) {
            update(update, random, 1 + random.nextLong(LAYOUT.orders()), random.nextBoolean() ? 1 : -1);
          } else {
            connection.setAutoCommit(false);
            try {
              // rows in ascending order, so that two transactions never wait for each other (a deadlock is the
              // application's, not a fault's)
              long first = 1 + random.nextLong(LAYOUT.orders());
              long second = 1 + random.nextLong(LAYOUT.orders());
              update(update, random, Math.min(first, second), 1);
              update(update, random, Math.max(first, second), -1);
              connection.commit();
            } catch (SQLException e) {
              connection.rollback();
              throw e;
            } finally {
              connection.setAutoCommit(true);
            }
          }
          record(began, null);
        } catch (SQLException e) {
          record(began, e);
        }
      }
    }
  }

  private static void update(PreparedStatement update, ThreadLocalRandom random, long orderId, int sign)
      throws SQLException {
    update.setInt(1, sign);
    update.setString(2, random.nextBoolean() ? "PAID" : "SHIPPED");
    update.setLong(3, orderId);
    update.executeUpdate();
  }

  private void record(long began, SQLException failure) {
    long end = System.nanoTime();
    int interval = (int) (TimeUnit.NANOSECONDS.toSeconds(end - start) / INTERVAL_SECONDS);
    if (interval >= done.length()) {
      return;
    }
    if (failure == null) {
      done.incrementAndGet(interval);
      long millis = TimeUnit.NANOSECONDS.toMillis(end - began);
      latencies[interval].incrementAndGet((int) Math.min(millis, BUCKETS - 1));
      return;
    }
    String message = String.valueOf(failure.getMessage());
    if (message.contains("h" + FROZEN) || message.contains("h" + KILLED)) {
      faultErrors.incrementAndGet(interval);
    } else {
      otherErrors.incrementAndGet(interval);
      String shown = message.length() > 160 ? message.substring(0, 160) : message;
      otherErrorMessages.merge(failure.getClass().getSimpleName() + " " + failure.getSQLState() + ": " + shown, 1L,
          Long::sum);
    }
  }

  /**
   * The heap in use right after a full collection: what the run holds on to, which must not grow. (The pools' usage
   * after their last collection is no measure: the old generation is rarely collected in a few minutes.) The
   * collection adds a few milliseconds to the calls running at that moment.
   */
  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static int checkedOut(ShardConnection connection) {
    int borrowed = 0;
    for (DataSourcePool pool : connection.runtime().pools().values()) {
      borrowed += pool.borrowedConnections();
    }
    return borrowed;
  }

  private void sleepUntil(int second) throws InterruptedException {
    long wait = start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private int now() {
    return (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
  }

  private long percentile(int interval, double fraction) {
    AtomicLongArray buckets = latencies[interval];
    long total = done.get(interval);
    long wanted = Math.max(1, (long) Math.ceil(total * fraction));
    long seen = 0;
    for (int millis = 0; millis < BUCKETS; millis++) {
      seen += buckets.get(millis);
      if (seen >= wanted) {
        return millis;
      }
    }
    return BUCKETS - 1;
  }

  private String report(List<Sample> samples, List<String> events, int leftCheckedOut) {
    StringBuilder text = new StringBuilder();
    text.append("# Soak: ").append(threads).append(" client threads, 8 servers, one frozen and one killed\n\n");
    text.append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(", ")
        .append(LAYOUT.signature()).append(", ").append(seconds).append(" s after ").append(WARM_UP_SECONDS)
        .append(" s of warm-up (the first two intervals); 60% point selects, 25% single-row UPDATEs, 15% transactions")
        .append(" of two UPDATEs; query timeout ").append(QUERY_TIMEOUT_SECONDS).append(" s.\n\n");
    text.append("Events: ").append(String.join("; ", events)).append(".\n\n");
    long faults = 0;
    long others = 0;
    for (int i = 0; i < done.length(); i++) {
      faults += faultErrors.get(i);
      others += otherErrors.get(i);
    }
    text.append("Errors naming h").append(FROZEN).append(" or h").append(KILLED).append(" (the faults'): ")
        .append(faults).append("; other errors: ").append(others).append(". Connections checked out after the run: ")
        .append(leftCheckedOut).append(".\n\n");
    otherErrorMessages.forEach((message, count) -> text.append("- ").append(count).append(" x ").append(message)
        .append('\n'));
    text.append("\n| interval (s) | ops/s | p50 ms | p95 ms | p99 ms | max ms | fault errors | other errors |"
        + " heap after GC MB | threads | checked out |\n");
    text.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Sample sample : samples) {
      int i = sample.interval();
      long max = 0;
      for (int millis = BUCKETS - 1; millis >= 0; millis--) {
        if (latencies[i].get(millis) > 0) {
          max = millis;
          break;
        }
      }
      text.append(String.format("| %d-%d | %d | %d | %d | %d | %d | %d | %d | %.1f | %d | %d |%n",
          i * INTERVAL_SECONDS, (i + 1) * INTERVAL_SECONDS, done.get(i) / INTERVAL_SECONDS, percentile(i, 0.50),
          percentile(i, 0.95), percentile(i, 0.99), max, faultErrors.get(i), otherErrors.get(i),
          sample.heapAfterGcBytes() / 1048576.0, sample.threads(), sample.checkedOut()));
    }
    return text.toString();
  }
}
