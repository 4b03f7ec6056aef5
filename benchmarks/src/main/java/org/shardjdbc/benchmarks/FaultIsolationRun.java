package org.shardjdbc.benchmarks;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;

/**
 * What one sick server does to the others. Client threads (64) run prepared point selects by {@code order_id} through
 * the driver over 8 embedded MariaDB servers (8 data sources x 4 tables, 20,000 orders), each with a query timeout
 * (10 s); one server (h3) is frozen with SIGSTOP, let go with SIGCONT, then killed with SIGKILL and started again.
 * Prints, phase by phase, the selects per second completed on the 7 healthy servers and on the sick one, the failures
 * (and how many failed at once), the slowest call, and the calls that took longer than the query timeout plus 10 s;
 * writes the second-by-second timeline to {@code benchmarks/results/fault-isolation/latest.md}.
 *
 * <pre>
 *   benchmarks/fault-isolation.sh [--threads 64] [--query-timeout 10] [--phases 10,20,15,20,15]
 * </pre>
 *
 * After 15 s of warm-up, the phases are: before, frozen, after SIGCONT, killed, after the restart (which itself takes a
 * few seconds, counted as killed).
 */
final class FaultIsolationRun {
  private static final int SERVERS = 8;
  private static final int SICK = 3;
  /** The first statements parse, connect and compile: not measured. */
  private static final int WARM_UP_SECONDS = 15;
  private static final BenchLayout LAYOUT = new BenchLayout("faults", SERVERS, 4, 20_000);

  private final int threads;
  private final int queryTimeoutSeconds;
  private final int[] phaseSeconds;
  private final Timeline timeline;
  private volatile boolean running = true;
  private long start;

  private FaultIsolationRun(int threads, int queryTimeoutSeconds, int[] phaseSeconds) {
    this.threads = threads;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.phaseSeconds = phaseSeconds;
    int total = 0;
    for (int seconds : phaseSeconds) {
      total += seconds;
    }
    this.timeline = new Timeline(total + 600);
  }

  /** Outcomes per second since the start, by the second they ended in. */
  private static final class Timeline {
    final AtomicLongArray healthyDone;
    final AtomicLongArray healthyFailed;
    final AtomicLongArray sickDone;
    final AtomicLongArray sickFailedAtOnce;
    final AtomicLongArray sickFailedLater;
    final AtomicLongArray slowestMillis;
    final AtomicLongArray overTimeoutPlus10;

    Timeline(int seconds) {
      healthyDone = new AtomicLongArray(seconds);
      healthyFailed = new AtomicLongArray(seconds);
      sickDone = new AtomicLongArray(seconds);
      sickFailedAtOnce = new AtomicLongArray(seconds);
      sickFailedLater = new AtomicLongArray(seconds);
      slowestMillis = new AtomicLongArray(seconds);
      overTimeoutPlus10 = new AtomicLongArray(seconds);
    }

    int length() {
      return healthyDone.length();
    }
  }

  /** A phase of the run: its name and the seconds of the timeline it covers. */
  private record Phase(String name, int from, int to) {}

  public static void main(String[] args) throws Exception {
    int threads = 64;
    int queryTimeout = 10;
    int[] phases = {10, 20, 15, 20, 15};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--query-timeout" -> queryTimeout = Integer.parseInt(args[++i]);
        case "--phases" -> {
          String[] parts = args[++i].split(",");
          if (parts.length != 5) {
            throw new IllegalArgumentException("--phases: five durations in seconds, e.g. 10,20,15,20,15");
          }
          phases = new int[5];
          for (int p = 0; p < 5; p++) {
            phases[p] = Integer.parseInt(parts[p].trim());
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (known: --threads N, --query-timeout S, --phases before,frozen,after,killed,restarted)");
      }
    }
    new FaultIsolationRun(threads, queryTimeout, phases).run(System.out);
    System.exit(0);
  }

  private void run(PrintStream out) throws Exception {
    try (EmbeddedServers servers = EmbeddedServers.start(BenchmarkRun.dataRoot(), "faults-" + SERVERS, SERVERS)) {
      BenchCluster cluster = new BenchCluster(servers.addresses(), LAYOUT, null, 0);
      BenchData.ensureLoaded(cluster, LAYOUT, out);
      Path config = BenchmarkRun.dataRoot().resolve("faults-" + SERVERS).resolve("shop.yaml");
      Files.writeString(config, ContenderConfigs.shardYaml(cluster, LAYOUT, false), StandardCharsets.UTF_8);
      String url = "jdbc:shard:" + config;
      out.printf("%d client threads, query timeout %d s, %s; sick data source h%d on %s%n", threads,
          queryTimeoutSeconds, LAYOUT.signature(), SICK, servers.addresses().get(SICK));

      start = System.nanoTime();
      ExecutorService clients = Executors.newFixedThreadPool(threads);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        running.add(clients.submit(() -> {
          clientLoop(url);
          return null;
        }));
      }
      List<Phase> phases = new ArrayList<>();
      List<String> events = new ArrayList<>();
      sleep(WARM_UP_SECONDS);
      event(out, events, "warmed up");
      int mark = now();
      sleep(phaseSeconds[0]);
      phases.add(new Phase("before", mark, now()));

      mark = now();
      servers.pause(SICK);
      event(out, events, "SIGSTOP h" + SICK);
      sleep(phaseSeconds[1]);
      servers.resume(SICK);
      event(out, events, "SIGCONT h" + SICK);
      phases.add(new Phase("h" + SICK + " frozen", mark, now()));

      mark = now();
      sleep(phaseSeconds[2]);
      phases.add(new Phase("after SIGCONT", mark, now()));

      mark = now();
      servers.kill(SICK);
      event(out, events, "SIGKILL h" + SICK);
      sleep(phaseSeconds[3]);
      event(out, events, "restarting h" + SICK);
      servers.restart(SICK);
      event(out, events, "h" + SICK + " started");
      phases.add(new Phase("h" + SICK + " killed (and restarting)", mark, now()));

      mark = now();
      sleep(phaseSeconds[4]);
      phases.add(new Phase("after restart", mark, now()));

      this.running = false;
      for (Future<?> client : running) {
        client.get(queryTimeoutSeconds + 60L, TimeUnit.SECONDS);
      }
      clients.shutdown();
      String report = report(phases, events, leftCheckedOut(url));
      out.println(report);
      Path results = Path.of("results", "fault-isolation");
      Files.createDirectories(results);
      Files.writeString(results.resolve("latest.md"), report, StandardCharsets.UTF_8);
      out.println("written to " + results.resolve("latest.md").toAbsolutePath());
    }
  }

  private void event(PrintStream out, List<String> events, String what) {
    String event = now() + " s: " + what;
    out.println(event);
    events.add(event);
  }

  private int now() {
    return (int) TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
  }

  private static void sleep(int seconds) throws InterruptedException {
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
  }

  private void clientLoop(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement select = connection.prepareStatement(
            "SELECT order_id, customer_id, status FROM orders WHERE order_id = ?")) {
      select.setQueryTimeout(queryTimeoutSeconds);
      while (running) {
        long orderId = 1 + ThreadLocalRandom.current().nextLong(LAYOUT.orders());
        boolean sick = LAYOUT.dataSourceOf(LAYOUT.shardOf(orderId)) == SICK;
        long began = System.nanoTime();
        boolean done;
        boolean atOnce = false;
        try {
          select.setLong(1, orderId);
          try (ResultSet rows = select.executeQuery()) {
            done = rows.next() && rows.getLong(1) == orderId;
          }
        } catch (SQLException e) {
          done = false;
          atOnce = e instanceof SQLTransientConnectionException && e.getMessage().contains("unavailable since");
        }
        record(sick, done, atOnce, began);
      }
    }
  }

  private void record(boolean sick, boolean done, boolean atOnce, long began) {
    long end = System.nanoTime();
    int second = (int) TimeUnit.NANOSECONDS.toSeconds(end - start);
    if (second >= timeline.length()) {
      return;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(end - began);
    timeline.slowestMillis.accumulateAndGet(second, millis, Math::max);
    if (millis > TimeUnit.SECONDS.toMillis(queryTimeoutSeconds + 10L)) {
      timeline.overTimeoutPlus10.incrementAndGet(second);
    }
    if (!sick) {
      (done ? timeline.healthyDone : timeline.healthyFailed).incrementAndGet(second);
    } else if (done) {
      timeline.sickDone.incrementAndGet(second);
    } else {
      (atOnce ? timeline.sickFailedAtOnce : timeline.sickFailedLater).incrementAndGet(second);
    }
  }

  /** Connections still borrowed from the pools after every client closed its connection. */
  private static int leftCheckedOut(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      int borrowed = 0;
      for (DataSourcePool pool : connection.unwrap(ShardConnection.class).runtime().pools().values()) {
        borrowed += pool.borrowedConnections();
      }
      return borrowed;
    }
  }

  private String report(List<Phase> phases, List<String> events, int checkedOut) {
    StringBuilder text = new StringBuilder();
    text.append("# Fault isolation: ").append(threads).append(" client threads, 8 servers, one sick\n\n");
    text.append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(", ")
        .append(LAYOUT.signature()).append(", prepared point selects by order_id, query timeout ")
        .append(queryTimeoutSeconds).append(" s, sick data source h").append(SICK).append(".\n\n");
    text.append("| phase | seconds | healthy selects/s | of which in the first 5 s | healthy failures | sick selects/s "
        + "| sick failures/s | failed at once | slowest call | calls > timeout + 10 s |\n");
    text.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Phase phase : phases) {
      int seconds = Math.max(1, phase.to() - phase.from());
      long healthy = sum(timeline.healthyDone, phase.from(), phase.to());
      long firstFive = sum(timeline.healthyDone, phase.from(), Math.min(phase.to(), phase.from() + 5));
      long sickFailedAtOnce = sum(timeline.sickFailedAtOnce, phase.from(), phase.to());
      long sickFailed = sickFailedAtOnce + sum(timeline.sickFailedLater, phase.from(), phase.to());
      text.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %d | %.0f | %.0f | %s | %.1f s | %d |%n",
          phase.name(), seconds, (double) healthy / seconds,
          (double) firstFive / Math.max(1, Math.min(5, seconds)), sum(timeline.healthyFailed, phase.from(), phase.to()),
          (double) sum(timeline.sickDone, phase.from(), phase.to()) / seconds, (double) sickFailed / seconds,
          sickFailed == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * sickFailedAtOnce / sickFailed),
          max(timeline.slowestMillis, phase.from(), phase.to()) / 1000.0,
          sum(timeline.overTimeoutPlus10, phase.from(), phase.to())));
    }
    text.append("\nConnections left checked out at the end: ").append(checkedOut).append(".\n\n");
    text.append("Events: ").append(String.join("; ", events)).append(".\n\n");
    text.append("## Second by second\n\n| s | healthy done | healthy failed | sick done | sick failed at once "
        + "| sick failed later | slowest ms |\n|--:|--:|--:|--:|--:|--:|--:|\n");
    int end = Math.min(timeline.length(), phases.get(phases.size() - 1).to());
    for (int second = phases.get(0).from(); second < end; second++) {
      text.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d |%n", second,
          timeline.healthyDone.get(second), timeline.healthyFailed.get(second), timeline.sickDone.get(second),
          timeline.sickFailedAtOnce.get(second), timeline.sickFailedLater.get(second),
          timeline.slowestMillis.get(second)));
    }
    return text.toString();
  }

  private static long sum(AtomicLongArray values, int from, int to) {
    long sum = 0;
    for (int i = from; i < to && i < values.length(); i++) {
      sum += values.get(i);
    }
    return sum;
  }

  private static long max(AtomicLongArray values, int from, int to) {
    long max = 0;
    for (int i = from; i < to && i < values.length(); i++) {
      max = Math.max(max, values.get(i));
    }
    return max;
  }
}
