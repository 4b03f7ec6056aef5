package org.shardjdbc.driver.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * Runs the physical statements of one logical write (INSERT, UPDATE, DELETE) and sums their update counts, with the
 * atomicity MySQL gives one statement on InnoDB: all of it or none of it.
 *
 * <ul>
 *   <li>One physical statement runs as it is, on the connection the logical connection gives (borrowed with
 *       autocommit on; the transaction's own otherwise).</li>
 *   <li>Several, with autocommit on, run in a transaction on every connection they use, committed when all have
 *       succeeded and rolled back when one fails; a commit that fails part-way is reported with the data sources
 *       that did and did not commit. Each data source gets up to {@code maxConcurrencyPerDataSource} connections
 *       (the extra ones only when free at once), each running its share of the statements in turn; the data
 *       sources run concurrently.</li>
 *   <li>Several inside a logical transaction run on its connection per data source, between a savepoint and its
 *       release, and a failure rolls every data source back to the savepoint: the transaction keeps what it had.</li>
 * </ul>
 */
public final class WriteExecutor {
  private static final String SAVEPOINT = "`__shard_jdbc_statement`";

  private final ExecutorService executor;
  private final int maxConcurrencyPerDataSource;

  public WriteExecutor(ExecutorService executor, int maxConcurrencyPerDataSource) {
    this.executor = executor;
    this.maxConcurrencyPerDataSource = maxConcurrencyPerDataSource;
  }

  /** The statements one connection runs, in order: indexes into the write's statements. */
  private record Unit(String dataSource, ConnectionSource.PhysicalConnection connection, List<ShardSql> statements,
      List<Integer> indexes) {}

  /**
   * @param statements the physical statements, none when the write touches no shard
   * @param queryTimeoutSeconds each physical statement's timeout, 0 for none
   * @return each statement's update count
   * @throws SQLException the first failure, naming where it happened and what became of the other statements
   */
  public long[] execute(List<ShardSql> statements, ConnectionSource connections, int queryTimeoutSeconds,
      Execution execution) throws SQLException {
    if (statements.isEmpty()) {
      return new long[0];
    }
    if (statements.size() == 1) {
      return new long[] {executeOne(statements.get(0), connections, queryTimeoutSeconds, execution)};
    }
    boolean transaction = !connections.pinned();
    List<Unit> units = units(statements, connections);
    List<Unit> begun = new ArrayList<>();
    try {
      for (Unit unit : units) {
        begin(unit, transaction);
        begun.add(unit);
      }
      long[] counts = new long[statements.size()];
      runAll(units, queryTimeoutSeconds, execution, counts);
      finish(units, transaction);
      return counts;
    } catch (SQLException e) {
      throw undo(begun, transaction, e);
    } catch (RuntimeException e) {
      throw undo(begun, transaction, new SQLException("internal error running " + statements.get(0) + ": " + e, "HY000", e));
    } finally {
      for (Unit unit : units) {
        close(unit, transaction);
      }
    }
  }

  private static long executeOne(ShardSql sql, ConnectionSource connections, int queryTimeoutSeconds,
      Execution execution) throws SQLException {
    ConnectionSource.PhysicalConnection connection;
    try {
      connection = connections.first(sql.dataSource());
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, sql);
    }
    try {
      long count = run(connection.connection(), sql, queryTimeoutSeconds, execution);
      connection.release();
      return count;
    } catch (SQLException | RuntimeException e) {
      if (ShardErrors.breaksConnection(e)) {
        connection.discard();
      } else {
        connection.release();
      }
      throw ShardErrors.wrap(e, sql);
    }
  }

  /**
   * Runs one physical statement on a connection; its update count. The query timeout runs from the first physical
   * statement of the execution ({@link Execution#startTimeout}).
   */
  static long run(Connection connection, ShardSql sql, int queryTimeoutSeconds, Execution execution) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql.sql())) {
      execution.register(sql.dataSource(), statement);
      execution.startTimeout(queryTimeoutSeconds);
      try {
        List<Object> parameters = sql.parameters();
        for (int i = 0; i < parameters.size(); i++) {
          statement.setObject(i + 1, parameters.get(i));
        }
        return statement.executeLargeUpdate();
      } finally {
        execution.finished(statement);
      }
    }
  }

  /** The statements by data source, each data source's split over the connections it can have now. */
  private List<Unit> units(List<ShardSql> statements, ConnectionSource connections) throws SQLException {
    Map<String, List<Integer>> byDataSource = new LinkedHashMap<>();
    for (int i = 0; i < statements.size(); i++) {
      byDataSource.computeIfAbsent(statements.get(i).dataSource(), d -> new ArrayList<>()).add(i);
    }
    List<ConnectionSource.PhysicalConnection> leased = new ArrayList<>();
    List<Unit> units = new ArrayList<>();
    try {
      for (Map.Entry<String, List<Integer>> entry : byDataSource.entrySet()) {
        List<Integer> members = entry.getValue();
        List<ConnectionSource.PhysicalConnection> own = new ArrayList<>();
        try {
          own.add(connections.first(entry.getKey()));
        } catch (SQLException e) {
          throw ShardErrors.wrap(e, statements.get(members.get(0)));
        }
        leased.addAll(own);
        int wanted = connections.pinned() ? 1 : Math.min(members.size(), maxConcurrencyPerDataSource);
        while (own.size() < wanted) {
          ConnectionSource.PhysicalConnection another = connections.another(entry.getKey());
          if (another == null) {
            break;
          }
          own.add(another);
          leased.add(another);
        }
        for (int i = 0; i < own.size(); i++) {
          List<Integer> share = members.subList(members.size() * i / own.size(), members.size() * (i + 1) / own.size());
          List<ShardSql> shareStatements = new ArrayList<>();
          share.forEach(index -> shareStatements.add(statements.get(index)));
          units.add(new Unit(entry.getKey(), own.get(i), shareStatements, share));
        }
      }
    } catch (SQLException | RuntimeException e) {
      leased.forEach(ConnectionSource.PhysicalConnection::release);
      throw e;
    }
    return units;
  }

  private static void begin(Unit unit, boolean transaction) throws SQLException {
    try {
      if (transaction) {
        unit.connection().connection().setAutoCommit(false);
      } else {
        execute(unit.connection().connection(), "SAVEPOINT " + SAVEPOINT);
      }
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, unit.statements().get(0));
    }
  }

  private void runAll(List<Unit> units, int queryTimeoutSeconds, Execution execution, long[] counts)
      throws SQLException {
    List<Future<?>> futures = new ArrayList<>(units.size());
    for (int i = 1; i < units.size(); i++) {
      Unit unit = units.get(i);
      futures.add(executor.submit(() -> runUnit(unit, queryTimeoutSeconds, execution, counts)));
    }
    SQLException failure = null;
    try {
      runUnit(units.get(0), queryTimeoutSeconds, execution, counts);
    } catch (SQLException e) {
      failure = e;
      execution.cancel();
    }
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause().toString(), "HY000", e.getCause());
          execution.cancel();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = new SQLException("interrupted while waiting for the shards", "HY008", e);
          execution.cancel();
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Runs a unit's statements in turn; each writes its own element of {@code counts}. */
  private static Void runUnit(Unit unit, int queryTimeoutSeconds, Execution execution, long[] counts) throws SQLException {
    for (int i = 0; i < unit.statements().size(); i++) {
      ShardSql sql = unit.statements().get(i);
      try {
        counts[unit.indexes().get(i)] = run(unit.connection().connection(), sql, queryTimeoutSeconds, execution);
      } catch (SQLException | RuntimeException e) {
        throw ShardErrors.wrap(e, sql);
      }
    }
    return null;
  }

  /** Commits every unit's transaction, or releases the savepoints; reports a commit that fails part-way. */
  private static void finish(List<Unit> units, boolean transaction) throws SQLException {
    if (!transaction) {
      for (Unit unit : units) {
        try {
          execute(unit.connection().connection(), "RELEASE SAVEPOINT " + SAVEPOINT);
        } catch (SQLException e) {
          throw ShardErrors.wrap(e, unit.statements().get(0));
        }
      }
      return;
    }
    List<String> committed = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      Unit unit = units.get(i);
      try {
        unit.connection().connection().commit();
        committed.add(location(unit));
      } catch (SQLException e) {
        List<String> rolledBack = new ArrayList<>();
        for (Unit rest : units.subList(i + 1, units.size())) {
          try {
            rest.connection().connection().rollback();
            rolledBack.add(location(rest));
          } catch (SQLException ignored) {
            // named below as not committed either way
          }
        }
        throw new PartialCommit("commit of one statement's writes failed on " + location(unit) + ": " + e.getMessage()
            + "; committed on " + committed + ", not on " + location(unit) + " and " + rolledBack
            + " (rolled back)", e);
      }
    }
  }

  /** Rolls back after a failure; the failure's message says that nothing was applied, or what was. */
  private static SQLException undo(List<Unit> begun, boolean transaction, SQLException failure) {
    if (failure instanceof PartialCommit) {
      return failure;
    }
    List<String> undone = new ArrayList<>();
    List<String> notUndone = new ArrayList<>();
    for (Unit unit : begun) {
      try {
        if (transaction) {
          unit.connection().connection().rollback();
        } else {
          execute(unit.connection().connection(), "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
        }
        undone.add(location(unit));
      } catch (SQLException e) {
        notUndone.add(location(unit) + " (" + e.getMessage() + ")");
      }
    }
    String outcome = notUndone.isEmpty() ? "; the statement changed nothing (rolled back on " + undone + ")"
        : "; rolled back on " + undone + ", but rolling back failed on " + notUndone
            + (transaction ? ", whose changes may remain" : ": roll the transaction back");
    return new SQLException(failure.getMessage() + outcome, failure.getSQLState(), failure.getErrorCode(), failure);
  }

  /** A commit that failed after others succeeded: its message says where the writes stand; nothing is undone. */
  private static final class PartialCommit extends SQLException {
    PartialCommit(String message, SQLException cause) {
      super(message, cause.getSQLState(), cause.getErrorCode(), cause);
    }
  }

  private static void close(Unit unit, boolean transaction) {
    ConnectionSource.PhysicalConnection connection = unit.connection();
    try {
      if (transaction) {
        connection.connection().setAutoCommit(true);
      }
      connection.release();
    } catch (SQLException | RuntimeException e) {
      connection.discard();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Where a unit ran, for messages: {@code h1 (orders_004, orders_005)}. */
  private static String location(Unit unit) {
    List<String> tables = new ArrayList<>();
    for (ShardSql statement : unit.statements()) {
      tables.addAll(statement.tables());
    }
    return unit.dataSource() + (tables.isEmpty() ? "" : " (" + String.join(", ", tables) + ")");
  }
}
