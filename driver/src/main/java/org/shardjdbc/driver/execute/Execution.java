package org.shardjdbc.driver.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;

/**
 * The physical statements of one logical execution, so that {@code Statement.cancel()} from another thread, the query
 * timeout or a failed shard can stop all of them. Stopping never blocks the thread that asks: the
 * {@link StatementCanceller} sends the cancels and closes the connections of statements that do not stop.
 *
 * <p>Whether a physical statement is finished is kept here rather than asked of it: mysql-connector-j's
 * {@code isClosed()} waits for the connection's lock, which a running statement holds.
 */
public final class Execution {
  private final StatementCanceller canceller;
  private final List<PhysicalStatement> statements = new ArrayList<>();
  private final List<Execution> parts = new ArrayList<>();
  /** Results being read to their end by another thread after they were closed ({@link PhysicalResult#abortUnread}). */
  private final List<Future<?>> drains = new ArrayList<>();
  private boolean cancelled;
  private volatile boolean timedOut;
  private ScheduledFuture<?> deadline;
  private int timeoutSeconds;

  /** One physical statement, its connection, and whether its result has been closed. */
  static final class PhysicalStatement {
    final String dataSource;
    final Statement statement;
    final Connection connection;
    private volatile boolean finished;

    PhysicalStatement(String dataSource, Statement statement, Connection connection) {
      this.dataSource = dataSource;
      this.statement = statement;
      this.connection = connection;
    }

    boolean finished() {
      return finished;
    }
  }

  public Execution(StatementCanceller canceller) {
    this.canceller = canceller;
  }

  /**
   * Starts the query timeout (JDBC's {@code setQueryTimeout}): when it expires before {@link #stopTimeout()}, every
   * physical statement is cancelled. Only the first call counts.
   *
   * @param seconds 0 for no timeout
   */
  public synchronized void startTimeout(int seconds) {
    if (seconds > 0 && deadline == null && !cancelled) {
      timeoutSeconds = seconds;
      deadline = canceller.schedule(this::expire, seconds);
    }
  }

  /**
   * The logical statement has its result: the timeout no longer applies (it bounds execution, not reading), neither
   * this execution's nor its parts'.
   */
  public void stopTimeout() {
    List<Execution> started;
    synchronized (this) {
      if (deadline != null) {
        deadline.cancel(false);
      }
      started = new ArrayList<>(parts);
    }
    started.forEach(Execution::stopTimeout);
  }

  private void expire() {
    timedOut = true;
    cancel();
  }

  /** Whether the query timeout of this execution, or of one of its parts, expired: the failures that follow are its doing. */
  public boolean timedOut() {
    return timedOutPart() != null;
  }

  /** This execution if its timeout expired, else the first of its parts whose timeout did, else null. */
  private Execution timedOutPart() {
    if (timedOut) {
      return this;
    }
    List<Execution> started;
    synchronized (this) {
      started = new ArrayList<>(parts);
    }
    for (Execution part : started) {
      Execution expired = part.timedOutPart();
      if (expired != null) {
        return expired;
      }
    }
    return null;
  }

  /**
   * A failure of this execution as the caller should see it: after the query timeout expired, an
   * {@link SQLTimeoutException} (SQLState HYT00) that says so, whatever the cancelled statements reported.
   */
  public SQLException failure(SQLException failure) {
    Execution expired = timedOutPart();
    if (expired == null || failure instanceof SQLTimeoutException) {
      return failure;
    }
    return new SQLTimeoutException("query timeout of " + expired.timeoutSeconds + " s expired: " + failure.getMessage(),
        "HYT00", failure.getErrorCode(), failure);
  }

  /**
   * Adds a physical statement about to run on a data source; when the execution is already cancelled, it is cancelled
   * at once.
   */
  public void register(String dataSource, Statement statement) throws SQLException {
    PhysicalStatement physical = new PhysicalStatement(dataSource, statement, statement.getConnection());
    boolean cancelNow;
    synchronized (this) {
      statements.add(physical);
      cancelNow = cancelled;
    }
    if (cancelNow) {
      canceller.cancel(physical);
    }
  }

  /** A physical statement's result is closed (or its execution failed): there is nothing left to stop on it. */
  public void finished(Statement statement) {
    synchronized (this) {
      for (PhysicalStatement physical : statements) {
        if (physical.statement == statement) {
          physical.finished = true;
        }
      }
    }
  }

  /**
   * A closed result is being read to its end by another thread; {@link #awaitDrainsWhenAllFinished} waits for it.
   */
  synchronized void draining(Future<?> drain) {
    drains.add(drain);
  }

  /**
   * When every physical statement of this execution is finished, waits until the results being read to their end are
   * read and their connections given back: closing a logical result reads the rest of its servers' results at once, not
   * one after another, and still gives every connection back before the thread that closed it asks for more.
   */
  void awaitDrainsWhenAllFinished() {
    List<Future<?>> waiting;
    synchronized (this) {
      if (drains.isEmpty()) {
        return;
      }
      for (PhysicalStatement physical : statements) {
        if (!physical.finished) {
          return;
        }
      }
      waiting = new ArrayList<>(drains);
      drains.clear();
    }
    boolean interrupted = false;
    for (Future<?> drain : waiting) {
      while (true) {
        try {
          drain.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break; // the drain gives its connection back whatever happens; nothing is left to report
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * An execution for one part of this one (a statement of a batch, one try of a read): cancelling this one cancels
   * the part, stopping this one's timeout stops the part's, and a failed part cancels only its own statements.
   */
  public synchronized Execution part() {
    Execution part = new Execution(canceller);
    if (cancelled) {
      part.cancel();
    }
    parts.add(part);
    return part;
  }

  /** Cancels every physical statement that is running or will be started, and every part's; returns at once. */
  public void cancel() {
    List<PhysicalStatement> running = new ArrayList<>();
    List<Execution> runningParts;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      for (PhysicalStatement physical : statements) {
        if (!physical.finished) {
          running.add(physical);
        }
      }
      runningParts = new ArrayList<>(parts);
    }
    runningParts.forEach(Execution::cancel);
    for (PhysicalStatement physical : running) {
      canceller.cancel(physical);
    }
  }

  public synchronized boolean cancelled() {
    return cancelled;
  }
}
