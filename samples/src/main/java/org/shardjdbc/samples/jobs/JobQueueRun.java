package org.shardjdbc.samples.jobs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.shardjdbc.samples.ChildJvm;

/**
 * One run of the queue: empties the tables, produces the jobs, starts the consumer processes, optionally kills one of
 * them mid-job ({@code kill -9}), waits for the others to finish, and checks through the driver that every job was
 * done exactly once: each is marked done, and has exactly one {@code job_log} row, whose result is its work's.
 */
final class JobQueueRun {
  private static final long CONSUMER_TIMEOUT_SECONDS = 600;

  /**
   * What a run did.
   *
   * @param jobsPerSecond jobs logged per second, from the first log row to the last (consumers' start-up aside)
   * @param killed the consumer killed mid-job, or null
   * @param stalledJob the job it held when killed, or -1
   * @param stalledJobDoneBy the consumer that did that job in the end, or null
   * @param problems every way in which the jobs were not done exactly once; empty when they were
   */
  record Result(Claim claim, int jobs, int consumers, double jobsPerSecond, Map<String, Long> jobsPerWorker,
      String killed, long stalledJob, String stalledJobDoneBy, List<String> problems) {}

  private JobQueueRun() {}

  /**
   * @param killOne whether the first consumer stalls on a job after a share of the others' and is killed there
   */
  static Result run(Path config, Claim claim, int jobs, int consumers, int batch, boolean killOne, PrintStream out)
      throws Exception {
    return run(config, claim, false, jobs, consumers, batch, killOne, out);
  }

  /**
   * @param raw whether the consumers are {@link RawJdbcJobConsumer}s, the same work by hand (SKIP LOCKED only, none
   *     killed)
   */
  static Result run(Path config, Claim claim, boolean raw, int jobs, int consumers, int batch, boolean killOne,
      PrintStream out) throws Exception {
    if (raw && (claim != Claim.SKIP_LOCKED || killOne)) {
      throw new IllegalArgumentException("the raw JDBC consumer claims with SKIP LOCKED and is never killed");
    }
    String url = "jdbc:shard:" + config.toAbsolutePath();
    try (Connection shard = DriverManager.getConnection(url)) {
      JobQueueSchema.reset(shard);
      long start = System.nanoTime();
      JobQueueSchema.produce(shard, jobs);
      out.printf("  produced %,d jobs through the driver in %.1f s%n", jobs, (System.nanoTime() - start) / 1e9);
    }
    AtomicLong stalledJob = new AtomicLong(-1);
    List<ChildJvm> processes = new ArrayList<>();
    String victim = killOne ? "consumer-1" : null;
    for (int i = 1; i <= consumers; i++) {
      String worker = "consumer-" + i;
      List<String> args = new ArrayList<>(List.of(config.toAbsolutePath().toString(), worker, claim.option(),
          "--batch", String.valueOf(batch)));
      if (worker.equals(victim)) {
        args.addAll(List.of("--stall-after", String.valueOf(Math.max(1, jobs / consumers / 4))));
      }
      if (raw) {
        args = List.of(config.toAbsolutePath().toString(), worker, "--batch", String.valueOf(batch));
      }
      processes.add(ChildJvm.start(worker, raw ? RawJdbcJobConsumer.class : JobConsumer.class, args, (process, line) -> {
        if (line.startsWith("stalled ")) {
          stalledJob.set(Long.parseLong(line.substring("stalled ".length())));
          out.println("  " + worker + " stalled holding job " + stalledJob.get() + ": kill -9 " + process.pid());
          process.kill();
        } else if (!line.equals("ready")) {
          out.println("  " + worker + ": " + line);
        }
      }));
    }
    List<String> problems = new ArrayList<>();
    for (ChildJvm process : processes) {
      int status = process.waitFor(CONSUMER_TIMEOUT_SECONDS);
      if (!process.name().equals(victim) && status != 0) {
        problems.add(process.name() + " exited with status " + status);
      }
    }
    if (victim != null && stalledJob.get() < 0) {
      problems.add(victim + " never stalled: it was not killed mid-job");
    }
    return check(url, claim, jobs, consumers, victim, stalledJob.get(), problems);
  }

  private static Result check(String url, Claim claim, int jobs, int consumers, String victim, long stalledJob,
      List<String> problems) throws SQLException {
    Map<String, Long> perWorker = new LinkedHashMap<>();
    String stalledJobDoneBy = null;
    double perSecond;
    try (Connection shard = DriverManager.getConnection(url); Statement statement = shard.createStatement()) {
      long notDone = single(statement, "SELECT COUNT(*) FROM jobs WHERE status <> 'done'");
      if (notDone != 0) {
        problems.add(notDone + " jobs are not done");
      }
      long logged = single(statement, "SELECT COUNT(DISTINCT job_id) FROM job_log");
      if (logged != jobs) {
        problems.add(logged + " distinct jobs logged, not " + jobs);
      }
      try (ResultSet twice = statement.executeQuery("SELECT job_id, COUNT(*) FROM job_log GROUP BY job_id HAVING COUNT(*) > 1 LIMIT 5")) {
        while (twice.next()) {
          problems.add("job " + twice.getLong(1) + " was done " + twice.getLong(2) + " times");
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT worker, COUNT(*) FROM job_log GROUP BY worker ORDER BY worker")) {
        while (rows.next()) {
          perWorker.put(rows.getString(1), rows.getLong(2));
        }
      }
      if (stalledJob >= 0) {
        try (ResultSet rows = statement.executeQuery("SELECT worker FROM job_log WHERE job_id = " + stalledJob)) {
          stalledJobDoneBy = rows.next() ? rows.getString(1) : null;
        }
        if (victim.equals(stalledJobDoneBy) || stalledJobDoneBy == null) {
          problems.add("job " + stalledJob + ", held by the killed " + victim + ", was done by " + stalledJobDoneBy);
        }
      }
      perSecond = jobsPerSecond(statement, jobs);
      checkResults(statement, jobs, problems);
    }
    return new Result(claim, jobs, consumers, perSecond, perWorker, victim, stalledJob, stalledJobDoneBy, problems);
  }

  /** Each job's result is its own work's: the log and the job agree with a fresh computation. */
  private static void checkResults(Statement statement, int jobs, List<String> problems) throws SQLException {
    int checked = 0;
    try (ResultSet rows = statement.executeQuery("SELECT job_id, payload, result FROM jobs")) {
      while (rows.next()) {
        checked++;
        if (!Work.result(rows.getString(2)).equals(rows.getString(3))) {
          problems.add("job " + rows.getLong(1) + " has result " + rows.getString(3));
          return;
        }
      }
    }
    if (checked != jobs) {
      problems.add(checked + " jobs in the table, not " + jobs);
    }
  }

  private static double jobsPerSecond(Statement statement, int jobs) throws SQLException {
    try (ResultSet rows = statement.executeQuery(
        "SELECT TIMESTAMPDIFF(MICROSECOND, MIN(logged_at), MAX(logged_at)) FROM job_log")) {
      rows.next();
      double seconds = rows.getLong(1) / 1e6;
      return seconds > 0 ? jobs / seconds : 0;
    }
  }

  private static long single(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
