package org.shardjdbc.driver.execute;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * Runs DDL on every physical table of a logical table: the data sources concurrently, each with up to
 * {@code maxConcurrencyPerDataSource} connections (the extra ones only when free at once), each connection running
 * its share of the statements in turn. DDL commits on its own in MySQL, so the connections are borrowed for the
 * statement, never a logical transaction's; they come through the logical session, which gives them its session
 * variables ({@code LogicalSession#ownTransactions}). After a failure no further statement starts, and the exception
 * lists the physical tables where the statement succeeded, where it failed, and where it did not run.
 */
public final class DdlExecutor {
  private final ExecutorService executor;
  private final int maxConcurrencyPerDataSource;

  public DdlExecutor(ExecutorService executor, int maxConcurrencyPerDataSource) {
    this.executor = executor;
    this.maxConcurrencyPerDataSource = maxConcurrencyPerDataSource;
  }

  /** What became of each physical statement. */
  private static final class Progress {
    final Set<String> done = Collections.synchronizedSet(new LinkedHashSet<>());
    final Set<String> failed = Collections.synchronizedSet(new LinkedHashSet<>());
    volatile SQLException failure;
  }

  /**
   * @param verb what the statement does, for messages ({@code CREATE TABLE})
   * @param statements one per physical table
   * @param connections borrows connections for one statement (not pinned)
   * @param execution what cancels the statements, and starts the query timeout
   * @throws SQLException naming the first failure and every physical table's outcome
   */
  public void execute(String verb, List<ShardSql> statements, ConnectionSource connections, int queryTimeoutSeconds,
      Execution execution) throws SQLException {
    execution.startTimeout(queryTimeoutSeconds);
    Map<String, List<ShardSql>> byDataSource = new LinkedHashMap<>();
    for (ShardSql statement : statements) {
      byDataSource.computeIfAbsent(statement.dataSource(), d -> new ArrayList<>()).add(statement);
    }
    Progress progress = new Progress();
    List<Future<?>> running = new ArrayList<>();
    List<ConnectionSource.PhysicalConnection> borrowed = new ArrayList<>();
    try {
      for (Map.Entry<String, List<ShardSql>> entry : byDataSource.entrySet()) {
        List<ShardSql> members = entry.getValue();
        List<ConnectionSource.PhysicalConnection> own = new ArrayList<>();
        try {
          own.add(connections.first(entry.getKey()));
          borrowed.addAll(own);
          while (own.size() < Math.min(members.size(), maxConcurrencyPerDataSource)) {
            ConnectionSource.PhysicalConnection another = connections.another(entry.getKey());
            if (another == null) {
              break;
            }
            own.add(another);
            borrowed.add(another);
          }
        } catch (SQLException e) {
          progress.failure = ShardErrors.wrap(e, members.get(0));
          break;
        }
        for (int i = 0; i < own.size(); i++) {
          ConnectionSource.PhysicalConnection connection = own.get(i);
          List<ShardSql> share = members.subList(members.size() * i / own.size(), members.size() * (i + 1) / own.size());
          running.add(executor.submit(() -> run(connection, share, execution, progress)));
        }
      }
      for (Future<?> future : running) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (progress.failure == null) {
            progress.failure = new SQLException(e.getCause().toString(), "HY000", e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          if (progress.failure == null) {
            progress.failure = new SQLException("interrupted while waiting for " + verb, "HY008", e);
          }
        }
      }
    } finally {
      borrowed.forEach(ConnectionSource.PhysicalConnection::release);
    }
    if (progress.failure != null) {
      throw report(verb, statements, progress);
    }
  }

  /** Runs a share of the statements in turn; a connection a failure breaks is discarded, not lent again. */
  private static void run(ConnectionSource.PhysicalConnection connection, List<ShardSql> statements, Execution execution,
      Progress progress) {
    for (ShardSql sql : statements) {
      if (progress.failure != null) {
        return;
      }
      try (Statement statement = connection.connection().createStatement()) {
        execution.register(sql.dataSource(), statement);
        try {
          statement.execute(sql.sql());
        } finally {
          execution.finished(statement);
        }
        progress.done.add(sql.location());
      } catch (SQLException | RuntimeException e) {
        if (ShardErrors.breaksConnection(e)) {
          connection.discard();
        }
        progress.failed.add(sql.location());
        synchronized (progress) {
          if (progress.failure == null) {
            progress.failure = ShardErrors.wrap(e, sql);
          }
        }
      }
    }
  }

  private static SQLException report(String verb, List<ShardSql> statements, Progress progress) {
    List<String> notRun = new ArrayList<>();
    for (ShardSql statement : statements) {
      if (!progress.done.contains(statement.location()) && !progress.failed.contains(statement.location())) {
        notRun.add(statement.location());
      }
    }
    SQLException failure = progress.failure;
    String message = verb + " failed: " + failure.getMessage() + "; done on " + progress.done.size() + " of "
        + statements.size() + " physical tables " + progress.done + ", failed on " + progress.failed + ", not run on "
        + notRun;
    return new SQLException(message, failure.getSQLState(), failure.getErrorCode(), failure);
  }
}
