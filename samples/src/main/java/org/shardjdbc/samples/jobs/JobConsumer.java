package org.shardjdbc.samples.jobs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A consumer process of the job queue: takes jobs until none is new, does each one's work, and marks it done in the
 * same transaction as its row in {@code job_log}. Several run at once, each in its own JVM, through {@code jdbc:shard:}.
 *
 * <pre>
 * java … JobConsumer CONFIG.yaml WORKER skip-locked|get-lock [--batch N] [--stall-after N]
 * </pre>
 *
 * It prints {@code ready} once connected, {@code processed <n>} when it ends, and, with {@code --stall-after N},
 * {@code stalled <job_id>} when it has claimed a job after N done ones and stops there, holding the claim, to be
 * killed: the claim must then go with its connection, and another consumer do the job.
 */
public final class JobConsumer {
  private static final long POLL_MILLIS = 20;

  private final Connection connection;
  private final String worker;
  private final int batch;
  private final long stallAfter;
  private long processed;

  private JobConsumer(Connection connection, String worker, int batch, long stallAfter) {
    this.connection = connection;
    this.worker = worker;
    this.batch = batch;
    this.stallAfter = stallAfter;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.out.println("usage: JobConsumer CONFIG.yaml WORKER skip-locked|get-lock [--batch N] [--stall-after N]");
      System.exit(2);
    }
    int batch = 10;
    long stallAfter = -1;
    for (int i = 3; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        case "--stall-after" -> stallAfter = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    try (Connection connection = DriverManager.getConnection("jdbc:shard:" + args[0])) {
      // no gap locks: marking a job done moves its index entry next to the new jobs that others are claiming
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      JobConsumer consumer = new JobConsumer(connection, args[1], batch, stallAfter);
      System.out.println("ready");
      if (Claim.of(args[2]) == Claim.SKIP_LOCKED) {
        consumer.withSkipLocked();
      } else {
        consumer.withGetLock();
      }
      System.out.println("processed " + consumer.processed);
    } catch (SQLException e) {
      System.out.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Claims up to {@code batch} jobs with {@code FOR UPDATE SKIP LOCKED}: the driver reads the shards in turn, each
   * asked only for the jobs still missing, so the transaction locks exactly the jobs it returns.
   */
  private void withSkipLocked() throws SQLException, InterruptedException {
    connection.setAutoCommit(false);
    try (PreparedStatement claim = connection.prepareStatement(
            "SELECT job_id, payload FROM jobs WHERE status = 'new' LIMIT ? FOR UPDATE SKIP LOCKED");
        PreparedStatement done = connection.prepareStatement(
            "UPDATE jobs SET status = 'done', worker = ?, result = ? WHERE job_id = ?");
        PreparedStatement log = connection.prepareStatement(
            "INSERT INTO job_log (job_id, worker, result) VALUES (?, ?, ?)")) {
      while (true) {
        claim.setInt(1, batch);
        List<Job> jobs = jobs(claim);
        if (jobs.isEmpty()) {
          connection.commit();
          if (newJobs() == 0) {
            return;
          }
          Thread.sleep(POLL_MILLIS);
          continue;
        }
        for (Job job : jobs) {
          stallIfAsked(job.id());
          String result = Work.result(job.payload());
          add(done, worker, result, job.id());
          add(log, job.id(), worker, result);
        }
        try {
          done.executeBatch();
          log.executeBatch();
          connection.commit();
          processed += jobs.size();
        } catch (SQLException e) {
          connection.rollback();
          if (!Deadlocks.isRetryable(e)) {
            throw e;
          }
          // the server rolled the transaction back: its jobs are new again, for this consumer or another
          done.clearBatch();
          log.clearBatch();
        }
      }
    }
  }

  /**
   * Reads a few new jobs without locking them, and claims each with a named lock of its own: {@code GET_LOCK} with
   * no wait, then a fresh read that the job is still new (another consumer may have done it and released the lock
   * since), the work, and a transaction that marks it done and logs it; then the lock is released.
   */
  private void withGetLock() throws SQLException, InterruptedException {
    try (PreparedStatement candidates = connection.prepareStatement("SELECT job_id FROM jobs WHERE status = 'new' LIMIT 64");
        PreparedStatement take = connection.prepareStatement("SELECT GET_LOCK(?, 0)");
        PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)");
        PreparedStatement read = connection.prepareStatement("SELECT payload FROM jobs WHERE job_id = ? AND status = 'new'");
        PreparedStatement done = connection.prepareStatement(
            "UPDATE jobs SET status = 'done', worker = ?, result = ? WHERE job_id = ? AND status = 'new'");
        PreparedStatement log = connection.prepareStatement(
            "INSERT INTO job_log (job_id, worker, result) VALUES (?, ?, ?)")) {
      while (true) {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rows = candidates.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
          }
        }
        if (ids.isEmpty()) {
          return;
        }
        Collections.shuffle(ids);
        boolean tookAny = false;
        for (long id : ids) {
          String name = "jobs-" + id;
          if (!isOne(value(take, name))) {
            continue;
          }
          try {
            read.setLong(1, id);
            String payload = (String) value(read, null);
            if (payload != null) {
              tookAny = true;
              stallIfAsked(id);
              markDone(done, log, id, Work.result(payload));
            }
          } finally {
            value(release, name);
          }
        }
        if (!tookAny) {
          Thread.sleep(POLL_MILLIS);
        }
      }
    }
  }

  private void markDone(PreparedStatement done, PreparedStatement log, long id, String result) throws SQLException {
    connection.setAutoCommit(false);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          set(done, worker, result, id);
          if (done.executeUpdate() != 1) {
            throw new SQLException("job " + id + " was claimed with its lock but is no longer new");
          }
          set(log, id, worker, result);
          log.executeUpdate();
          connection.commit();
          processed++;
          return;
        } catch (SQLException e) {
          connection.rollback();
          if (!Deadlocks.isRetryable(e) || attempt == 10) {
            throw e;
          }
        }
      }
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private long newJobs() throws SQLException {
    try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM jobs WHERE status = 'new'");
        ResultSet rows = count.executeQuery()) {
      rows.next();
      long jobs = rows.getLong(1);
      connection.commit();
      return jobs;
    }
  }

  /** With {@code --stall-after N}: after N jobs, says which job it holds and waits to be killed. */
  private void stallIfAsked(long jobId) throws InterruptedException {
    if (stallAfter >= 0 && processed >= stallAfter) {
      System.out.println("stalled " + jobId);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private record Job(long id, String payload) {}

  private static List<Job> jobs(PreparedStatement claim) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (ResultSet rows = claim.executeQuery()) {
      while (rows.next()) {
        jobs.add(new Job(rows.getLong(1), rows.getString(2)));
      }
    }
    return jobs;
  }

  /** The first column of the one row of a query with at most one parameter, or null when it has no row. */
  private static Object value(PreparedStatement query, String parameter) throws SQLException {
    if (parameter != null) {
      query.setString(1, parameter);
    }
    try (ResultSet rows = query.executeQuery()) {
      return rows.next() ? rows.getObject(1) : null;
    }
  }

  private static boolean isOne(Object value) {
    return value instanceof Number number && number.longValue() == 1;
  }

  private static void set(PreparedStatement statement, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setObject(i + 1, values[i]);
    }
  }

  private static void add(PreparedStatement statement, Object... values) throws SQLException {
    set(statement, values);
    statement.addBatch();
  }
}
