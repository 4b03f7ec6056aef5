package org.shardjdbc.driver.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
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
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.CrossShardQueryException;
import org.shardjdbc.planner.catalog.CatalogQuery;
import org.shardjdbc.planner.catalog.CatalogSql;
import org.shardjdbc.planner.federate.FederatedPlan;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.Route;
import org.shardjdbc.planner.route.Router;

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
    if (SessionStatements.handles(sql)) {
      SessionStatements.apply(connection, sql);
      return new Outcome(null, 0);
    }
    String explained = explainedStatement(sql);
    if (explained != null) {
      return new Outcome(explain(owner, explained, parameters), -1);
    }
    Analysis analysis;
    QueryExecutor.Options options = new QueryExecutor.Options(timeout, fetchSize, maxRows);
    try {
      analysis = runtime.analyze(sql);
    } catch (CrossShardQueryException e) {
      return federated(owner, sql, parameters, options, execution);
    }
    if (analysis instanceof Analysis.PassThrough passThrough) {
      return passThrough(owner, passThrough.dataSource(), sql, parameters, execution, timeout, fetchSize, maxRows);
    }
    if (analysis instanceof Analysis.Catalog catalog) {
      return catalog(owner, catalog.query(), parameters, execution, timeout, fetchSize, maxRows);
    }
    Analysis.ShardedSelect select = (Analysis.ShardedSelect) analysis;
    Route route;
    try {
      route = Router.route(select, parameters);
    } catch (CrossShardQueryException e) {
      return federated(owner, sql, parameters, options, execution);
    }
    List<PhysicalResult> results = runtime.queryExecutor().execute(route, connection, options, execution);
    Map<String, String> logicalTables = logicalTables(select, route);
    if (route.singleShard()) {
      return new Outcome(new PassThroughResultSet(owner, results.get(0), logicalTables), -1);
    }
    MergePipeline.Merged merged = MergePipeline.build(results, route.mergePlan(), route.limit(), parameters, maxRows);
    return new Outcome(new MergedResultSet(owner, merged, logicalTables, execution), -1);
  }

  /** A query that needs rows of several shards at once, run by its federated plan (planned once, cached). */
  private Outcome federated(Statement owner, String sql, List<Object> parameters, QueryExecutor.Options options,
      Execution execution) throws SQLException {
    FederatedPlan plan = runtime.federate(sql);
    MergePipeline.Merged merged = runtime.federatedExecutor().execute(plan, parameters, connection, options, execution,
        options.maxRows());
    return new Outcome(new MergedResultSet(owner, merged, Map.of(), execution), -1);
  }

  /**
   * A catalogue query: its physical statement runs as a pass-through; SHOW INDEX and SHOW CREATE TABLE of a sharded
   * table are read whole, with the first physical table's name replaced by the logical one.
   */
  private Outcome catalog(Statement owner, CatalogQuery query, List<Object> parameters, Execution execution, int timeout,
      int fetchSize, int maxRows) throws SQLException {
    CatalogSql.PhysicalStatement physical = runtime.catalog().physicalStatement(query);
    Outcome outcome = passThrough(owner, physical.dataSource(), physical.sql(), parameters, execution, timeout, fetchSize,
        maxRows);
    if (!(query instanceof CatalogQuery.TableShow show) || show.kind() == CatalogQuery.TableShowKind.COLUMNS
        || outcome.resultSet() == null || !physical.dataSource().equals(show.table().node(0).dataSource())) {
      return outcome;
    }
    String physicalName = show.table().node(0).table();
    List<Object[]> rows = new ArrayList<>();
    ResultSetMetaData metadata;
    try (ResultSet result = outcome.resultSet()) {
      metadata = result.getMetaData();
      int width = metadata.getColumnCount();
      while (result.next()) {
        Object[] row = new Object[width];
        for (int i = 0; i < width; i++) {
          Object value = result.getObject(i + 1);
          if (physicalName.equals(value)) {
            value = show.table().name();
          } else if (show.kind() == CatalogQuery.TableShowKind.CREATE_TABLE && value instanceof String text) {
            value = text.replace("`" + physicalName + "`", "`" + show.table().name() + "`");
          }
          row[i] = value;
        }
        rows.add(row);
      }
    }
    return new Outcome(new MergedResultSet(owner, MergePipeline.ofRows(rows, metadata), Map.of(), null), -1);
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
      physical = connection.first(dataSource);
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, where);
    }
    PreparedStatement statement = null;
    try {
      statement = physical.connection().prepareStatement(sql);
      execution.register(statement);
      if (timeout > 0) {
        statement.setQueryTimeout(timeout);
      }
      if (maxRows > 0) {
        statement.setMaxRows(maxRows);
      }
      if (fetchSize != 0) {
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
    List<Object[]> rows = new ArrayList<>();
    Analysis analysis;
    try {
      analysis = runtime.analyze(sql);
      if (analysis instanceof Analysis.ShardedSelect select) {
        Router.route(select, parameters);
      }
    } catch (CrossShardQueryException e) {
      rows.addAll(runtime.federatedExecutor().explain(runtime.federate(sql), parameters));
      return new MergedResultSet(owner, MergePipeline.ofRows(rows, List.of("data_source", "physical_sql", "parameters")), Map.of(), null);
    }
    if (analysis instanceof Analysis.PassThrough passThrough) {
      rows.add(new Object[] {passThrough.dataSource(), sql, parameters.toString()});
    } else if (analysis instanceof Analysis.Catalog catalog) {
      CatalogSql.PhysicalStatement physical = runtime.catalog().physicalStatement(catalog.query());
      rows.add(new Object[] {physical.dataSource(), physical.sql(), parameters.toString()});
    } else {
      Route route = Router.route((Analysis.ShardedSelect) analysis, parameters);
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
