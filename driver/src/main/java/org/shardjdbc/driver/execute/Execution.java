package org.shardjdbc.driver.execute;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical statements of one logical execution, so that {@code Statement.cancel()} from another thread, a
 * timeout or a failed shard can cancel all of them.
 */
public final class Execution {
  private final List<Statement> statements = new ArrayList<>();
  private final List<Execution> parts = new ArrayList<>();
  private boolean cancelled;

  public synchronized void register(Statement statement) throws SQLException {
    if (cancelled) {
      statement.cancel();
    }
    statements.add(statement);
  }

  /**
   * An execution for one part of this one (a statement of a batch): cancelling this one cancels the part, and a
   * failed part cancels only its own statements.
   */
  public synchronized Execution part() {
    Execution part = new Execution();
    if (cancelled) {
      part.cancel();
    }
    parts.add(part);
    return part;
  }

  /** Cancels every physical statement that is running or will be started, and every part's. */
  public void cancel() {
    List<Statement> running;
    List<Execution> runningParts;
    synchronized (this) {
      cancelled = true;
      running = new ArrayList<>(statements);
      runningParts = new ArrayList<>(parts);
    }
    runningParts.forEach(Execution::cancel);
    for (Statement statement : running) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // a statement that has finished or whose connection is gone has nothing left to cancel
      }
    }
  }

  public synchronized boolean cancelled() {
    return cancelled;
  }
}
