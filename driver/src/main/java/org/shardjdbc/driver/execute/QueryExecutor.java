package org.shardjdbc.driver.execute;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.shardjdbc.planner.rewrite.CombineShardsPerServer;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.Route;

/**
 * Runs the physical statements of a route concurrently and hands back their open results.
 *
 * <p>Per data source it runs one UNION ALL of the shards' statements ({@link CombineShardsPerServer}) on one
 * connection, so that every connection streams one result and the merge can read all of them at the same time.
 * Statements that cannot be combined get a connection each: the first waited for, at most
 * {@code maxConcurrencyPerDataSource - 1} more taken only when free at once, and what finds none runs after the
 * others on the last one, read whole. Without autocommit the logical connection's own connection per data source is
 * used and results are read whole.
 *
 * <p>A server's UNION ALL whose text ran before is prepared on the server and kept on its connection
 * ({@link ServerPreparedUnions}), where the route lets a server prepare its markers ({@link Route#preparableOnServer()}).
 *
 * <p>The calling thread reserves each data source's first connection in turn ({@link ConnectionSource#reserve}), and
 * the thread that runs a statement borrows it, so that the servers are asked for their connections at the same time.
 *
 * <p>If any statement fails, the others are cancelled, everything is closed, and the failure names its data source
 * and tables.
 */
public final class QueryExecutor {
  private final ExecutorService executor;
  private final int maxConcurrencyPerDataSource;
  /** Null when the data sources say themselves where statements are prepared ({@code useServerPrepStmts}). */
  private final ServerPreparedUnions unions;

  /**
   * @param unionsOnServer whether a server's UNION ALL that ran before is prepared on the server
   *     ({@link ServerPreparedUnions})
   * @param maxUnionTextBytes about how much memory the texts of unions seen may hold
   */
  public QueryExecutor(ExecutorService executor, int maxConcurrencyPerDataSource, boolean unionsOnServer,
      long maxUnionTextBytes) {
    this.executor = executor;
    this.maxConcurrencyPerDataSource = maxConcurrencyPerDataSource;
    this.unions = unionsOnServer ? new ServerPreparedUnions(maxUnionTextBytes) : null;
  }

  /** What a logical statement asks of its physical ones. */
  public record Options(int queryTimeoutSeconds, int fetchSize, int maxRows) {}

  /**
   * @param unionToPrepare whether the statement is a server's UNION ALL that the server may prepare when its text ran
   *     before ({@link ServerPreparedUnions})
   */
  private record Task(ShardSql sql, List<ShardSql> members, ConnectionSource.PhysicalConnection connection,
      boolean unionToPrepare) {}

  /** A task whose connection is reserved, and borrowed by the thread that runs it. */
  private record Planned(ShardSql sql, List<ShardSql> members, ConnectionSource.Reservation reservation,
      boolean unionToPrepare) {
    Task open() throws SQLException {
      try {
        return new Task(sql, members, reservation.open(), unionToPrepare);
      } catch (SQLException | RuntimeException e) {
        throw ShardErrors.wrap(e, sql);
      }
    }
  }

  /**
   * @return one open result per physical statement run, in shard order
   * @throws SQLException the first failure, naming where it happened; nothing is left open
   */
  public List<PhysicalResult> execute(Route route, ConnectionSource connections, Options options, Execution execution)
      throws SQLException {
    execution.startTimeout(options.queryTimeoutSeconds());
    if (route.statements().size() == 1) {
      ShardSql sql = route.statements().get(0);
      ConnectionSource.PhysicalConnection connection = first(connections, sql);
      return List.of(run(new Task(sql, List.of(sql), connection, false), connections.pinned(), options, execution, route.singleShard() ? options.maxRows() : 0));
    }
    List<Planned> tasks = new ArrayList<>();
    try {
      for (List<ShardSql> statements : byDataSource(route.statements()).values()) {
        plan(statements, route, connections, tasks);
      }
    } catch (SQLException | RuntimeException e) {
      for (Planned task : tasks) {
        task.reservation().cancel();
      }
      throw e;
    }
    return runAll(tasks, connections.pinned(), options, execution);
  }

  private static ConnectionSource.Reservation reserve(ConnectionSource connections, ShardSql sql) throws SQLException {
    try {
      return connections.reserve(sql.dataSource());
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, sql);
    }
  }

  private static ConnectionSource.PhysicalConnection first(ConnectionSource connections, ShardSql sql) throws SQLException {
    try {
      return connections.first(sql.dataSource());
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, sql);
    }
  }

  /**
   * Reserves a data source's connections in the caller's thread, so that a query takes its pools in order, and
   * waits only for the first of each.
   */
  private void plan(List<ShardSql> statements, Route route, ConnectionSource connections, List<Planned> tasks)
      throws SQLException {
    List<ConnectionSource.Reservation> leased = new ArrayList<>();
    leased.add(reserve(connections, statements.get(0)));
    int wanted = statementsPerServer(route, statements.size());
    if (!route.combinable() && !connections.pinned()) {
      wanted = statements.size();
    }
    while (!connections.pinned() && leased.size() < wanted) {
      ConnectionSource.PhysicalConnection another;
      try {
        another = connections.another(statements.get(0).dataSource());
      } catch (SQLException | RuntimeException e) {
        for (ConnectionSource.Reservation reservation : leased) {
          reservation.cancel();
        }
        throw e;
      }
      if (another == null) {
        break;
      }
      leased.add(ConnectionSource.Reservation.of(another));
    }
    List<List<ShardSql>> groups = split(statements, leased.size());
    for (int group = 0; group < groups.size(); group++) {
      List<ShardSql> members = groups.get(group);
      ShardSql sql = route.combinable() ? CombineShardsPerServer.combine(members, route.mergePlan(), route.limit()) : members.get(0);
      // a server's UNION ALL, with markers only where the route lets a server prepare them
      boolean unionToPrepare = unions != null && route.combinable() && members.size() > 1
          && (route.preparableOnServer() || sql.parameters().isEmpty());
      tasks.add(new Planned(sql, members, leased.get(group), unionToPrepare));
    }
  }

  /**
   * How many statements one server gets: one UNION ALL of its shards whenever they can be combined, else one per
   * shard, at most maxConcurrencyPerDataSource at once. Measured with benchmarks/run.sh (1,000,000 orders, 8 servers x
   * 16 tables): a scatter over 8 statements per server took 4x the time of one per server at one client thread, and
   * lost throughput at 16; round trips and server threads cost more than a server's parallel scan of its tables saves.
   */
  private int statementsPerServer(Route route, int shards) {
    return route.combinable() ? 1 : Math.min(shards, maxConcurrencyPerDataSource);
  }

  /** Splits one data source's statements, in shard order, into {@code count} runs of nearly equal length. */
  private static List<List<ShardSql>> split(List<ShardSql> statements, int count) {
    List<List<ShardSql>> groups = new ArrayList<>(count);
    for (int group = 0; group < count; group++) {
      groups.add(statements.subList(statements.size() * group / count, statements.size() * (group + 1) / count));
    }
    return groups;
  }

  /**
   * The physical statements a route runs when every connection it asks for is free: what EXPLAIN shows. Under load
   * a data source may get fewer connections, and then fewer, larger UNION ALL statements.
   */
  public List<ShardSql> plannedStatements(Route route) {
    if (route.statements().size() == 1 || !route.combinable()) {
      return route.statements();
    }
    List<ShardSql> planned = new ArrayList<>();
    for (List<ShardSql> statements : byDataSource(route.statements()).values()) {
      for (List<ShardSql> members : split(statements, statementsPerServer(route, statements.size()))) {
        planned.add(CombineShardsPerServer.combine(members, route.mergePlan(), route.limit()));
      }
    }
    return planned;
  }

  private static Map<String, List<ShardSql>> byDataSource(List<ShardSql> statements) {
    Map<String, List<ShardSql>> byDataSource = new LinkedHashMap<>();
    for (ShardSql statement : statements) {
      byDataSource.computeIfAbsent(statement.dataSource(), d -> new ArrayList<>()).add(statement);
    }
    return byDataSource;
  }

  private List<PhysicalResult> runAll(List<Planned> tasks, boolean pinned, Options options, Execution execution) throws SQLException {
    List<Future<List<PhysicalResult>>> futures = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size() - 1; i++) {
      Planned task = tasks.get(i);
      futures.add(executor.submit(() -> runTask(task.open(), pinned, options, execution)));
    }
    List<PhysicalResult> results = new ArrayList<>();
    SQLException failure = null;
    try {
      results.addAll(runTask(tasks.get(tasks.size() - 1).open(), pinned, options, execution));
    } catch (SQLException e) {
      failure = e;
      execution.cancel();
    }
    List<PhysicalResult> ordered = new ArrayList<>();
    for (Future<List<PhysicalResult>> future : futures) {
      try {
        ordered.addAll(future.get());
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
    ordered.addAll(results);
    if (failure != null) {
      for (PhysicalResult result : ordered) {
        result.close();
      }
      throw failure;
    }
    return ordered;
  }

  /** Runs a task's statement; when its members could not be combined, runs them one after another, read whole. */
  private List<PhysicalResult> runTask(Task task, boolean pinned, Options options, Execution execution) throws SQLException {
    if (task.members().size() == 1 || task.sql() != task.members().get(0)) {
      return List.of(run(task, pinned, options, execution, 0));
    }
    List<PhysicalResult> results = new ArrayList<>();
    try {
      for (int i = 0; i < task.members().size(); i++) {
        ShardSql member = task.members().get(i);
        boolean last = i == task.members().size() - 1;
        results.add(run(new Task(member, List.of(member), last ? task.connection() : null, false), true, options, execution, 0, task.connection()));
      }
    } catch (SQLException e) {
      for (PhysicalResult result : results) {
        result.close();
      }
      task.connection().release();
      throw e;
    }
    return results;
  }

  /** The statement as its messages should name it: on a replica, by the replica's name ({@code h1.replicas[0]}). */
  static ShardSql onItsServer(ShardSql sql, ConnectionSource.PhysicalConnection connection) {
    return connection.dataSource().equals(sql.dataSource()) ? sql : sql.on(connection.dataSource());
  }

  private PhysicalResult run(Task task, boolean readWhole, Options options, Execution execution, int maxRows) throws SQLException {
    return run(task, readWhole, options, execution, maxRows, task.connection());
  }

  private PhysicalResult run(Task task, boolean readWhole, Options options, Execution execution, int maxRows,
      ConnectionSource.PhysicalConnection connection) throws SQLException {
    ShardSql sql = onItsServer(task.sql(), connection);
    Statement statement = null;
    try {
      List<Object> parameters = sql.parameters();
      PreparedStatement prepared = task.unionToPrepare() ? unions.prepareIfRepeated(connection.connection(), sql.sql())
          : null;
      boolean kept = prepared != null;
      if (!kept && !parameters.isEmpty()) {
        // a statement without parameters goes as a plain one: preparing makes mysql-connector-j scan the whole text
        // for markers each time, which for a UNION ALL of many shards' statements costs more than the rest of the
        // query's client work, and with useServerPrepStmts adds a round trip; the server gets the same text
        prepared = connection.connection().prepareStatement(sql.sql());
      }
      statement = prepared != null ? prepared : connection.connection().createStatement();
      execution.register(connection.dataSource(), statement);
      if (!readWhole) {
        statement.setFetchSize(options.fetchSize() > 0 ? options.fetchSize() : Integer.MIN_VALUE);
      } else if (kept) {
        statement.setFetchSize(0); // a statement kept prepared keeps what its last execution set
      }
      if (maxRows > 0 || kept) {
        statement.setMaxRows(maxRows);
      }
      ResultSet resultSet;
      if (prepared != null) {
        for (int i = 0; i < parameters.size(); i++) {
          prepared.setObject(i + 1, parameters.get(i));
        }
        resultSet = prepared.executeQuery();
      } else {
        resultSet = statement.executeQuery(sql.sql());
      }
      return new PhysicalResult(sql, statement, resultSet, task.connection(), connection.lease(), execution, executor);
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        execution.finished(statement);
        try {
          statement.close();
        } catch (SQLException ignored) {
          // the failure below is what matters
        }
      }
      if (task.connection() != null) {
        // after a failed or killed statement the connection's state is unknown: the pool closes it
        task.connection().discard();
      }
      throw ShardErrors.wrap(e, sql);
    }
  }
}
