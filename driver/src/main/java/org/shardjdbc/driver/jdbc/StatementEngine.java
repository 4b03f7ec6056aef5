package org.shardjdbc.driver.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shardjdbc.driver.execute.ConnectionSource;
import org.shardjdbc.driver.execute.Execution;
import org.shardjdbc.driver.execute.PhysicalResult;
import org.shardjdbc.driver.execute.QueryExecutor;
import org.shardjdbc.driver.execute.ShardErrors;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.driver.replica.ReplicaReads;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.session.LogicalSession;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.Route;
import org.shardjdbc.planner.route.Router;

/**
 * The path of one logical statement from text to result: analyze (cached), route, execute, merge. A statement on
 * unsharded tables goes to its data source as written. Where a data source has replicas, a plain read outside a
 * transaction may go to one of them ({@link LogicalSession#connections}).
 */
final class StatementEngine {
  private final ShardRuntime runtime;
  private final ShardConnection connection;

  /** What {@code execute} produced: a result set, or an update count. */
  record Outcome(ResultSet resultSet, int updateCount) {}

  StatementEngine(ShardRuntime runtime, ShardConnection connection) {
    this.runtime = runtime;
    this.connection = connection;
  }

  ResultSet executeQuery(Statement owner, String sql, List<Object> parameters, Execution execution, int timeout,
      int fetchSize, int maxRows) throws SQLException {
    Outcome outcome = execute(owner, sql, parameters, execution, timeout, fetchSize, maxRows);
    if (outcome.resultSet() == null) {
      throw new SQLException("Statement.executeQuery() cannot issue statements that do not produce result sets.", "S1009");
    }
    return outcome.resultSet();
  }

  Outcome execute(Statement owner, String sql, List<Object> parameters, Execution execution, int timeout, int fetchSize,
      int maxRows) throws SQLException {
    String explained = explainedStatement(sql);
    if (explained != null) {
      return new Outcome(explain(owner, explained, parameters), -1);
    }
    Analysis analysis = runtime.analyze(sql);
    if (analysis instanceof Analysis.Session session) {
      SessionCommands.apply(connection, session.command());
      return new Outcome(null, 0);
    }
    if (analysis instanceof Analysis.PassThrough passThrough) {
      return onItsConnections(sql, execution, (connections, attempt) -> passThrough(owner, connections,
          passThrough.dataSource(), sql, parameters, attempt, timeout, fetchSize, maxRows));
    }
    Analysis.ShardedSelect select = (Analysis.ShardedSelect) analysis;
    return onItsConnections(sql, execution, (connections, attempt) -> select(owner, select, connections, parameters,
        attempt, timeout, fetchSize, maxRows));
  }

  /** One try of a statement on the connections given. */
  @FunctionalInterface
  private interface Attempt {
    Outcome run(ConnectionSource connections, Execution execution) throws SQLException;
  }

  /**
   * Runs a statement on the connections its access allows ({@link LogicalSession#connections}): a plain read may go
   * to replicas, and one that loses its replica before returning anything runs again elsewhere, so that a failing
   * replica never reaches the application.
   */
  private Outcome onItsConnections(String sql, Execution execution, Attempt attempt) throws SQLException {
    ConnectionSource connections = connection.session().connections(runtime.access(sql));
    if (!(connections instanceof ReplicaReads reads)) {
      return attempt.run(connections, execution);
    }
    while (true) {
      try {
        return attempt.run(reads, execution.part());
      } catch (SQLException e) {
        if (execution.cancelled() || !reads.retryAfter(e)) {
          throw e;
        }
      }
    }
  }

  private Outcome select(Statement owner, Analysis.ShardedSelect select, ConnectionSource connections,
      List<Object> parameters, Execution execution, int timeout, int fetchSize, int maxRows) throws SQLException {
    Route route = Router.route(select, parameters, runtime.keyTypes());
    QueryExecutor.Options options = new QueryExecutor.Options(timeout, fetchSize, maxRows);
    List<PhysicalResult> results = runtime.queryExecutor().execute(route, connections, options, execution);
    Map<String, String> logicalTables = logicalTables(select, route);
    if (route.singleShard()) {
      return new Outcome(new PassThroughResultSet(owner, results.get(0), logicalTables), -1);
    }
    MergePipeline.Merged merged = MergePipeline.build(results, route.mergePlan(), route.limit(), parameters, maxRows);
    return new Outcome(new MergedResultSet(owner, merged, logicalTables, execution), -1);
  }

  /** Physical table name to logical name, for the tables a route reads. */
  private static Map<String, String> logicalTables(Analysis.ShardedSelect select, Route route) {
    Map<String, String> names = new HashMap<>();
    for (ShardSql statement : route.statements()) {
      for (int i = 0; i < statement.tables().size(); i++) {
        names.put(statement.tables().get(i), select.tables().get(i).name());
      }
    }
    return names;
  }

  private Outcome passThrough(Statement owner, ConnectionSource connections, String dataSource, String sql,
      List<Object> parameters, Execution execution, int timeout, int fetchSize, int maxRows) throws SQLException {
    ShardSql where = new ShardSql(dataSource, List.of(), sql, parameters);
    ConnectionSource.PhysicalConnection physical;
    try {
      physical = connections.first(dataSource);
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, where);
    }
    where = new ShardSql(physical.dataSource(), List.of(), sql, parameters);
    PreparedStatement statement = null;
    try {
      statement = physical.connection().prepareStatement(sql);
      execution.register(physical.dataSource(), statement);
      execution.startTimeout(timeout);
      if (maxRows > 0) {
        statement.setMaxRows(maxRows);
      }
      if (fetchSize != 0 && !physical.pinned()) {
        // a transaction's connection reads results whole, so that its next statement can use it
        statement.setFetchSize(fetchSize);
      }
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      if (statement.execute()) {
        PhysicalResult result = new PhysicalResult(where, statement, statement.getResultSet(), physical, execution);
        return new Outcome(new PassThroughResultSet(owner, result, Map.of()), -1);
      }
      int count = statement.getUpdateCount();
      statement.close();
      physical.release();
      return new Outcome(null, count);
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        try {
          statement.close();
        } catch (SQLException ignored) {
          // the failure below is what matters
        }
      }
      physical.discard();
      throw ShardErrors.wrap(e, where);
    }
  }

  /** The statement after {@code EXPLAIN}, or null when the text is not an EXPLAIN of a SELECT. */
  private static String explainedStatement(String sql) throws SQLException {
    int start = 0;
    while (start < sql.length() && Character.isWhitespace(sql.charAt(start))) {
      start++;
    }
    if (!sql.regionMatches(true, start, "EXPLAIN", 0, 7)) {
      return null;
    }
    List<Token> tokens = MySqlTokenizer.tokenize(sql);
    if (tokens.size() < 2 || !tokens.get(0).isWord("EXPLAIN") || !tokens.get(1).isWord("SELECT")) {
      return null;
    }
    return sql.substring(tokens.get(1).start());
  }

  /**
   * Rows of (data_source, physical_sql, parameters) for each physical statement the query runs when connections are
   * free (shards of one server combined with UNION ALL), then a row with the merge steps.
   */
  private ResultSet explain(Statement owner, String sql, List<Object> parameters) throws SQLException {
    Analysis analysis = runtime.analyze(sql);
    List<Object[]> rows = new ArrayList<>();
    if (analysis instanceof Analysis.PassThrough passThrough) {
      rows.add(new Object[] {passThrough.dataSource(), sql, parameters.toString()});
    } else {
      Route route = Router.route((Analysis.ShardedSelect) analysis, parameters, runtime.keyTypes());
      for (ShardSql statement : runtime.queryExecutor().plannedStatements(route)) {
        rows.add(new Object[] {statement.dataSource(), statement.sql(), statement.parameters().toString()});
      }
      if (route.mergePlan() != null) {
        rows.add(new Object[] {"(merge)", route.mergePlan().toString(), route.limit() == null ? "" : route.limit().toString()});
      }
    }
    return new MergedResultSet(owner, MergePipeline.ofRows(rows, List.of("data_source", "physical_sql", "parameters")), Map.of(), null);
  }
}
