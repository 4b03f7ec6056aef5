package org.shardjdbc.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How many statements a contender sends the servers for one query, from the servers' {@code Questions} counters:
 * round trips are what an added network delay multiplies, so this explains most of the latency with a delay.
 */
final class StatementCounter implements AutoCloseable {
  private static final int RUNS = 5;

  private final List<Connection> monitors = new ArrayList<>();
  private final double readingCost;

  StatementCounter(BenchCluster cluster) throws SQLException {
    for (HostPort server : cluster.servers()) {
      monitors.add(DriverManager.getConnection("jdbc:mysql://" + server + "/?" + BenchCluster.URL_OPTIONS, "root", ""));
    }
    long first = questions();
    long second = questions();
    readingCost = second - first; // the SHOW STATUS statements themselves
  }

  /**
   * The statements per query of a workload, averaged over a few runs, after one run to warm up and after the pools
   * have finished opening connections (whose set-up statements would count otherwise).
   */
  double perQuery(Contender contender, Workload workload, BenchLayout layout) throws SQLException {
    SplittableRandom random = new SplittableRandom(5);
    contender.run(workload, QueryArguments.next(workload, layout, random), new ResultDigest(false));
    awaitQuiet();
    long before = questions();
    for (int i = 0; i < RUNS; i++) {
      contender.run(workload, QueryArguments.next(workload, layout, random), new ResultDigest(false));
    }
    long after = questions();
    return (after - before - readingCost) / RUNS;
  }

  /** Waits (up to 20 s) until half a second passes with no statement but this counter's own. */
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
