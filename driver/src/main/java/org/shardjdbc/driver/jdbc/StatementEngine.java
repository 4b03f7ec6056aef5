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
import org.shardjdbc.driver.execute.ShardsInTurnExecutor;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.Route;
import org.shardjdbc.planner.route.Router;
import org.shardjdbc.planner.route.ShardsInTurn;

/**
 * The path of one logical statement from text to result: analyze (cached), route, execute, merge. A statement on
 * unsharded tables goes to its data source as written.
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
      return passThrough(owner, passThrough.dataSource(), sql, parameters, execution, timeout, fetchSize, maxRows);
    }
    if (analysis instanceof Analysis.NamedLocks locks) {
      return new Outcome(NamedLockStatement.execute(owner, connection.session(), locks, sql, parameters, execution, timeout), -1);
    }
    Analysis.LockingSelect locking = analysis instanceof Analysis.LockingSelect l ? l : null;
    Analysis.ShardedSelect select = locking != null ? locking.select() : (Analysis.ShardedSelect) analysis;
    Route route = Router.route(select, parameters, runtime.keyTypes());
    QueryExecutor.Options options = new QueryExecutor.Options(timeout, fetchSize, maxRows);
    List<PhysicalResult> results;
    ShardsInTurn inTurn = locking != null && locking.shardsInTurn() && !route.singleShard() && connection.session().pinned()
        ? Router.routeInTurn(locking, parameters, runtime.keyTypes()) : null;
    if (inTurn != null) {
      // in a transaction the shards' row locks last until commit: ask each only for the rows still missing
      results = ShardsInTurnExecutor.execute(inTurn, connection.session(), options, execution);
    } else {
      results = runtime.queryExecutor().execute(route, connection.session(), options, execution);
    }
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

  private Outcome passThrough(Statement owner, String dataSource, String sql, List<Object> parameters, Execution execution,
      int timeout, int fetchSize, int maxRows) throws SQLException {
    ShardSql where = new ShardSql(dataSource, List.of(), sql, parameters);
    ConnectionSource.PhysicalConnection physical;
    try {
      physical = connection.session().first(dataSource);
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, where);
    }
    PreparedStatement statement = null;
    try {
      statement = physical.connection().prepareStatement(sql);
      execution.register(dataSource, statement);
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

  /** What a locking read over several shards locks, for EXPLAIN. */
  private static String lockedRows(Analysis.LockingSelect locking, Route route) {
    if (locking.shardsInTurn()) {
      return "in a transaction, shards are read in turn, each asked only for the rows still missing: the rows "
          + "returned (and skipped by the offset) are locked; with autocommit each shard's locks end with its statement";
    }
    if (route.limit() != null) {
      return "every shard locks the rows it returns, up to " + route.limit().perShardCount() + " per shard, including "
          + "those the merge leaves out, until the transaction ends";
    }
    return "every shard locks the rows it reads, as the statement on one database would";
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
    } else if (analysis instanceof Analysis.NamedLocks locks) {
      rows.add(new Object[] {locks.dataSource(), sql, parameters.toString()});
      rows.add(new Object[] {"(named locks)", "counted from " + locks.calls() + " on the connection that holds them", ""});
    } else {
      Analysis.LockingSelect locking = analysis instanceof Analysis.LockingSelect l ? l : null;
      Route route = Router.route(locking != null ? locking.select() : (Analysis.ShardedSelect) analysis, parameters,
          runtime.keyTypes());
      for (ShardSql statement : runtime.queryExecutor().plannedStatements(route)) {
        rows.add(new Object[] {statement.dataSource(), statement.sql(), statement.parameters().toString()});
      }
      if (route.mergePlan() != null) {
        rows.add(new Object[] {"(merge)", route.mergePlan().toString(), route.limit() == null ? "" : route.limit().toString()});
      }
      if (locking != null && !route.singleShard()) {
        rows.add(new Object[] {"(locking)", lockedRows(locking, route), ""});
      }
    }
    return new MergedResultSet(owner, MergePipeline.ofRows(rows, List.of("data_source", "physical_sql", "parameters")), Map.of(), null);
  }
}
