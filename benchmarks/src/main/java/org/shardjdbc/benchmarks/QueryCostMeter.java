package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What one query costs besides time: the statements a contender sends the servers (their {@code Questions} counters;
 * every statement is at least one round trip, which an added delay multiplies), the servers' CPU time (from
 * {@code /proc/<mysqld pid>/stat}; on a small machine the servers' CPU is what limits throughput with no delay), and
 * the client's CPU time and bytes allocated (of all this JVM's threads: the caller's and the pools' and executors'
 * threads the query hands work to, {@link ThreadCost}). Measured one query at a time, with no added delay, after a
 * warm-up long enough for the JIT to compile the hot paths (whose compilation is not counted either way).
 *
 * <p>The servers' CPU of the first contender measured after the servers start is not comparable with the others':
 * whatever the servers still do after their start falls on it, and its warm-up is their first work. Measured that
 * way, this driver's server CPU per query of COUNT and SUM came out at 136 ms against 110 ms for {@code raw_union},
 * which sends the same statements. So a caller warms every contender up before measuring any ({@link #warmUp}),
 * then measures them by turns ({@link #measure}), in order and in reverse order, and reports the mean of the two
 * ({@link QueryCost#mean}).
 */
final class QueryCostMeter implements AutoCloseable {
  private static final int MIN_RUNS = 5;
  private static final long MIN_NANOS = 1_500_000_000L;
  /**
   * The warm-up: this many queries (a point select through this driver needs about 20,000 before the JIT is done with
   * its path), or as many as fit in {@link #WARM_UP_NANOS}, but at least {@link #MIN_RUNS}.
   */
  private static final int WARM_UP_RUNS = 30_000;
  private static final long WARM_UP_NANOS = 8_000_000_000L;
  /** Linux's USER_HZ: /proc reports CPU time in ticks of 10 ms. */
  private static final double MILLIS_PER_TICK = 10;

  /**
   * @param statements statements per query, all servers together
   * @param serverCpuMillis the servers' CPU time per query, or NaN where /proc cannot be read
   * @param clientCpuMillis the client's CPU time per query, all threads
   * @param clientBytes the bytes the client allocated per query, all threads
   */
  record QueryCost(double statements, double serverCpuMillis, double clientCpuMillis, double clientBytes) {
    /** The mean of measurements of the same contender and workload, figure by figure. */
    static QueryCost mean(List<QueryCost> costs) {
      double statements = 0;
      double server = 0;
      double client = 0;
      double bytes = 0;
      for (QueryCost cost : costs) {
        statements += cost.statements;
        server += cost.serverCpuMillis;
        client += cost.clientCpuMillis;
        bytes += cost.clientBytes;
      }
      int n = costs.size();
      return new QueryCost(statements / n, server / n, client / n, bytes / n);
    }
  }

  private final List<Connection> monitors = new ArrayList<>();
  private final List<Path> serverStats = new ArrayList<>();
  private final double readingCost;

  QueryCostMeter(BenchCluster cluster) throws SQLException {
    for (HostPort server : cluster.servers()) {
      Connection monitor = DriverManager.getConnection("jdbc:mysql://" + server + "/?" + BenchCluster.URL_OPTIONS, "root", "");
      monitors.add(monitor);
      serverStats.add(statFile(monitor));
    }
    long first = questions();
    long second = questions();
    readingCost = second - first; // the SHOW STATUS statements themselves
  }

  /** {@code /proc/<pid>/stat} of the server behind a connection, or null when it cannot be found. */
  private static Path statFile(Connection monitor) throws SQLException {
    try (Statement statement = monitor.createStatement();
        ResultSet resultSet = statement.executeQuery("SELECT @@pid_file")) {
      resultSet.next();
      Path pidFile = Path.of(resultSet.getString(1));
      Path stat = Path.of("/proc", Files.readString(pidFile).trim(), "stat");
      return Files.isReadable(stat) ? stat : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Runs 30,000 of a workload's queries (or 8 s of them, but at least 5), so that the JIT is done with their path. */
  void warmUp(Contender contender, Workload workload, BenchLayout layout) throws SQLException {
    SplittableRandom random = new SplittableRandom(5);
    long warmUpStart = System.nanoTime();
    for (int run = 0; run < MIN_RUNS || run < WARM_UP_RUNS && System.nanoTime() - warmUpStart < WARM_UP_NANOS; run++) {
      contender.run(workload, QueryArguments.next(workload, layout, random), new ResultDigest(false));
    }
  }

  /**
   * The cost of a workload's query, of a contender {@link #warmUp warmed up} before: averaged over at least 5 queries
   * and 1.5 s, after the servers and the pools have gone quiet (a pool's set-up statements would count otherwise).
   */
  QueryCost measure(Contender contender, Workload workload, BenchLayout layout) throws SQLException {
    SplittableRandom random = new SplittableRandom(6);
    awaitQuiet();
    long questionsBefore = questions();
    long ticksBefore = serverTicks();
    ThreadCost clientBefore = ThreadCost.now();
    long start = System.nanoTime();
    int runs = 0;
    while (runs < MIN_RUNS || System.nanoTime() - start < MIN_NANOS) {
      contender.run(workload, QueryArguments.next(workload, layout, random), new ResultDigest(false));
      runs++;
    }
    ThreadCost clientAfter = ThreadCost.now();
    long ticks = serverTicks() - ticksBefore;
    long statements = questions() - questionsBefore - Math.round(readingCost);
    return new QueryCost((double) statements / runs, ticks < 0 ? Double.NaN : ticks * MILLIS_PER_TICK / runs,
        clientAfter.cpuNanosSince(clientBefore) / 1e6 / runs, (double) clientAfter.bytesSince(clientBefore) / runs);
  }

  /** Waits (up to 20 s) until half a second passes with no statement but this meter's own. */
  private void awaitQuiet() throws SQLException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    long last = questions();
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = questions();
      if (now - last <= readingCost) {
        return;
      }
      last = now;
    }
  }

  private long questions() throws SQLException {
    long total = 0;
    for (Connection monitor : monitors) {
      try (Statement statement = monitor.createStatement();
          ResultSet resultSet = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
        resultSet.next();
        total += resultSet.getLong(2);
      }
    }
    return total;
  }

  /** User and system CPU ticks of all servers, or -1 when a server's /proc entry cannot be read. */
  private long serverTicks() {
    long total = 0;
    for (Path stat : serverStats) {
      if (stat == null) {
        return -1;
      }
      try {
        String text = Files.readString(stat);
        // fields after the command name, which is in parentheses and may contain spaces: state is field 3
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14) and stime (15)
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return total;
  }

  @Override
  public void close() {
    for (Connection monitor : monitors) {
      try {
        monitor.close();
      } catch (SQLException e) {
        // closing the others matters more
      }
    }
  }
}
