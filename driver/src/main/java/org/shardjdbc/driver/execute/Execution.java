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
  private boolean cancelled;

  public synchronized void register(Statement statement) throws SQLException {
    if (cancelled) {
      statement.cancel();
    }
    statements.add(statement);
  }

  /** Cancels every physical statement that is running or will be started. */
  public void cancel() {
    List<Statement> running;
    synchronized (this) {
      cancelled = true;
      running = new ArrayList<>(statements);
    }
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
