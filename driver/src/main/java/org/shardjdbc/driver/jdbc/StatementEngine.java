package org.shardjdbc.driver.jdbc;

import com.mysql.cj.jdbc.StatementImpl;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.shardjdbc.driver.execute.ConnectionSource;
import org.shardjdbc.driver.execute.Execution;
import org.shardjdbc.driver.execute.PhysicalResult;
import org.shardjdbc.driver.execute.QueryExecutor;
import org.shardjdbc.driver.execute.ShardErrors;
import org.shardjdbc.driver.execute.ShardsInTurnExecutor;
import org.shardjdbc.driver.execute.WriteExecutor;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.driver.replica.ReplicaReads;
import org.shardjdbc.driver.runtime.PlanCache;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.session.LogicalSession;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.CrossShardQueryException;
import org.shardjdbc.planner.analyze.ResultColumn;
import org.shardjdbc.planner.catalog.CatalogQuery;
import org.shardjdbc.planner.catalog.CatalogSql;
import org.shardjdbc.planner.federate.FederatedPlan;
import org.shardjdbc.planner.model.KeyGenerator;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.InsertRouter;
import org.shardjdbc.planner.route.Route;
import org.shardjdbc.planner.route.Router;
import org.shardjdbc.planner.route.ShardsInTurn;
import org.shardjdbc.planner.session.SessionCommand;
import org.shardjdbc.planner.session.SetParameters;

/**
 * The path of one logical statement from text to result: analyze (cached), then by the type of the plan: route,
 * execute, merge for a SELECT; route and execute for a write; apply to the logical connection for SET, USE and
 * transaction control. A statement on unsharded tables goes to its data source as written. Where a data source has
 * replicas, a plain read outside a transaction may go to one of them ({@link LogicalSession#connections}).
 */
final class StatementEngine {
  private final ShardRuntime runtime;
  private final ShardConnection connection;

  /** What {@code execute} produced: a result set, or an update count (-1 with a result set), and generated keys. */
  record Outcome(ResultSet resultSet, long updateCount, GeneratedKeys keys) {
    static Outcome rows(ResultSet resultSet) {
      return new Outcome(resultSet, -1, GeneratedKeys.NONE);
    }

    static Outcome count(long updateCount) {
      return new Outcome(null, updateCount, GeneratedKeys.NONE);
    }
  }

  /**
   * What a logical statement asks of its physical ones.
   *
   * @param returnKeys whether the caller asked for generated keys (RETURN_GENERATED_KEYS and its variants)
   */
  record Settings(int queryTimeoutSeconds, int fetchSize, int maxRows, boolean returnKeys) {
    QueryExecutor.Options queryOptions() {
      return new QueryExecutor.Options(queryTimeoutSeconds, fetchSize, maxRows);
    }
  }

  StatementEngine(ShardRuntime runtime, ShardConnection connection) {
    this.runtime = runtime;
    this.connection = connection;
  }

  ShardRuntime runtime() {
    return runtime;
  }

  ShardConnection connection() {
    return connection;
  }

  ResultSet executeQuery(Statement owner, String sql, List<Object> parameters, Execution execution, Settings settings)
      throws SQLException {
    Outcome outcome = execute(owner, sql, parameters, execution, settings);
    if (outcome.resultSet() == null) {
      throw new SQLException("Statement.executeQuery() cannot issue statements that do not produce result sets.", "S1009");
    }
    return outcome.resultSet();
  }

  Outcome execute(Statement owner, String sql, List<Object> parameters, Execution execution, Settings settings)
      throws SQLException {
    if (!parameters.isEmpty() && SetParameters.isSet(sql)) {
      return execute(owner, SetParameters.inline(sql, parameters), List.of(), execution, settings);
    }
    // statements that differ only in literals share a plan: routed with the literals among the parameters; what
    // runs as written (federation, a pass-through) takes the statement's text with its own parameters
    PlanCache.Plan plan;
    try {
      plan = runtime.plan(sql, parameters);
    } catch (CrossShardQueryException e) {
      String explained = explainedSelect(sql);
      if (explained != null) {
        return Outcome.rows(federatedExplain(owner, explained, parameters));
      }
      return onItsConnections(sql, execution, (connections, attempt) -> federated(owner, sql, connections, parameters,
          attempt, settings));
    }
    Analysis analysis = plan.analysis();
    List<Object> planParameters = plan.parameters();
    if (analysis instanceof Analysis.ShardedSelect select) {
      return onItsConnections(sql, execution, (connections, attempt) -> select(owner, sql, parameters, select, null,
          connections, planParameters, attempt, settings));
    }
    if (analysis instanceof Analysis.LockingSelect locking) {
      return onItsConnections(sql, execution, (connections, attempt) -> select(owner, sql, parameters, locking.select(),
          locking, connections, planParameters, attempt, settings));
    }
    if (analysis instanceof Analysis.NamedLocks locks) {
      runtime.sqlLog().statement(sql, parameters,
          List.of(new ShardSql(locks.dataSource(), List.of(), sql, parameters)));
      return Outcome.rows(NamedLockStatement.execute(owner, connection.session(), locks, sql, parameters, execution,
          settings.queryTimeoutSeconds()));
    }
    if (analysis instanceof Analysis.Catalog catalog) {
      return onItsConnections(sql, execution, (connections, attempt) -> catalog(owner, catalog.query(), connections,
          parameters, attempt, settings));
    }
    if (analysis instanceof Analysis.Session session) {
      runtime.sqlLog().answered(sql, parameters, SessionCommands.effect(session.command()));
      if (session.command() instanceof SessionCommand.LastInsertId read) {
        return Outcome.rows(lastInsertId(owner, read));
      }
      SessionCommands.apply(connection, session.command());
      return Outcome.count(0);
    }
    if (analysis instanceof Analysis.ShardedInsert insert) {
      InsertRouter.InsertRoute route = InsertRouter.route(insert, parameters, keyGenerator(insert));
      runtime.sqlLog().statement(sql, parameters, route.statements());
      long count = sum(write(route.statements(), settings.queryTimeoutSeconds(), execution));
      if (!route.generatedKeys().isEmpty()) {
        connection.session().generatedKey(route.generatedKeys().get(0));
      }
      return new Outcome(null, count, GeneratedKeys.of(route.generatedKeys()));
    }
    if (analysis instanceof Analysis.ShardedWrite write) {
      List<ShardSql> statements = logged(sql, parameters, Router.route(write, planParameters, runtime.keyTypes()));
      return Outcome.count(sum(write(statements, settings.queryTimeoutSeconds(), execution)));
    }
    if (analysis instanceof Analysis.PassThrough passThrough) {
      // runs as written, with the statement's own parameters
      return onItsConnections(sql, execution, (connections, attempt) -> passThrough(owner, connections,
          passThrough.dataSource(), sql, parameters, attempt, settings));
    }
    if (analysis instanceof Analysis.BroadcastWrite write) {
      // every copy counts the same rows; the first copy's count is the statement's
      return Outcome.count(write(logged(sql, parameters, Router.route(write, planParameters)),
          settings.queryTimeoutSeconds(), execution)[0]);
    }
    if (analysis instanceof Analysis.Ddl ddl) {
      return ddl(sql, ddl, settings, execution);
    }
    if (analysis instanceof Analysis.Explain explain) {
      return Outcome.rows(explain(owner, explain, parameters));
    }
    throw new IllegalStateException("unknown plan " + analysis);
  }

  /**
   * Runs the physical statements of one write and returns their update counts. With {@code transaction.type: xa},
   * autocommit on and no transaction open, a write over several data sources runs as an XA transaction of its own
   * (begun, run, committed in two phases, rolled back when it fails), so that it is atomic across servers as a
   * statement is on one server; otherwise as the {@link WriteExecutor} runs it (with autocommit on, each data
   * source's part committed in turn).
   */
  long[] write(List<ShardSql> statements, int queryTimeoutSeconds, Execution execution) throws SQLException {
    LogicalSession session = connection.session();
    WriteExecutor writes = runtime.writeExecutor();
    if (runtime.xa() == null || session.pinned()
        || statements.stream().map(ShardSql::dataSource).distinct().count() < 2) {
      return writes.execute(statements, session, queryTimeoutSeconds, execution);
    }
    session.begin(SessionCommand.AccessMode.SESSION_DEFAULT, false);
    long[] counts;
    try {
      counts = writes.execute(statements, session, queryTimeoutSeconds, execution);
    } catch (SQLException | RuntimeException e) {
      try {
        session.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    session.commit();
    return counts;
  }

  /** {@code SELECT LAST_INSERT_ID()}: one row, BIGINT UNSIGNED, from the logical session. */
  private ResultSet lastInsertId(Statement owner, SessionCommand.LastInsertId read) {
    List<Object[]> row = List.<Object[]>of(new Object[] {BigInteger.valueOf(connection.session().lastInsertId())});
    return new MergedResultSet(owner, MergePipeline.ofRows(row, List.of(read.label()), Types.BIGINT, "BIGINT UNSIGNED"),
        Map.of(), null);
  }

  /** The generator of the keys an INSERT leaves out, or null when it gives them. */
  KeyGenerator keyGenerator(Analysis.ShardedInsert insert) {
    return insert.generatesKeys() ? runtime.keyGenerator() : null;
  }

  /** One try of a statement on the connections given. */
  @FunctionalInterface
  private interface Attempt {
    Outcome run(ConnectionSource connections, Execution execution) throws SQLException;
  }

  /**
   * Runs a statement on the connections its access allows ({@link LogicalSession#connections}): a plain read may go
   * to replicas, and one that loses its replica before returning anything runs again elsewhere, each try as a part of
   * the execution, so that a failing replica never reaches the application.
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

  /**
   * @param sql the logical statement, for the SQL log and for federation, which plans it as written
   * @param sqlParameters the statement's own parameters, for federation
   * @param locking the locking read {@code select} is, or null
   * @param parameters the parameters of {@code select}'s plan: the statement's, with its shape's literals among them
   */
  private Outcome select(Statement owner, String sql, List<Object> sqlParameters, Analysis.ShardedSelect select,
      Analysis.LockingSelect locking, ConnectionSource connections, List<Object> parameters, Execution execution,
      Settings settings) throws SQLException {
    Route route;
    try {
      route = runtime.route(select, parameters);
    } catch (CrossShardQueryException e) {
      // federation plans the statement as written (and refuses a locking read, naming it)
      return federated(owner, sql, connections, sqlParameters, execution, settings);
    }
    runtime.sqlLog().statement(sql, parameters, route.statements());
    ShardsInTurn inTurn = locking != null && locking.shardsInTurn() && !route.singleShard() && connections.pinned()
        ? Router.routeInTurn(locking, parameters, runtime.keyTypes()) : null;
    List<PhysicalResult> results = inTurn != null
        // in a transaction the shards' row locks last until commit: ask each only for the rows still missing
        ? ShardsInTurnExecutor.execute(inTurn, connections, settings.queryOptions(), execution)
        : runtime.queryExecutor().execute(route, connections, settings.queryOptions(), execution);
    LogicalNames names = logicalNames(select, route);
    if (route.singleShard()) {
      return Outcome.rows(new PassThroughResultSet(owner, results.get(0), names));
    }
    MergePipeline.Merged merged = MergePipeline.build(results, route.mergePlan(), route.limit(), parameters,
        settings.maxRows());
    return Outcome.rows(new MergedResultSet(owner, merged, names, execution));
  }

  /** A query that needs rows of several shards at once, run by its federated plan (planned once, cached). */
  private Outcome federated(Statement owner, String sql, ConnectionSource connections, List<Object> parameters,
      Execution execution, Settings settings) throws SQLException {
    FederatedPlan plan = runtime.federate(sql);
    if (runtime.sqlLog().enabled()) {
      runtime.sqlLog().statement(sql, parameters, runtime.federatedExecutor().physicalStatements(plan, parameters));
    }
    MergePipeline.Merged merged = runtime.federatedExecutor().execute(plan, parameters, connections,
        settings.queryOptions(), execution, settings.maxRows());
    return Outcome.rows(new MergedResultSet(owner, merged, Map.of(), execution));
  }

  /** EXPLAIN of a federated query: the plan, and the physical statements of each scan. */
  private ResultSet federatedExplain(Statement owner, String sql, List<Object> parameters) throws SQLException {
    List<Object[]> rows = runtime.federatedExecutor().explain(runtime.federate(sql), parameters);
    return new MergedResultSet(owner, MergePipeline.ofRows(rows, List.of("data_source", "physical_sql", "parameters")),
        Map.of(), null);
  }

  /** The SELECT an {@code EXPLAIN} (or DESCRIBE) statement explains, or null when the statement is not one. */
  private static String explainedSelect(String sql) throws SQLException {
    List<Token> tokens = MySqlTokenizer.tokenize(sql);
    if (tokens.size() < 2 || !(tokens.get(0).isWord("EXPLAIN") || tokens.get(0).isWord("DESCRIBE")
        || tokens.get(0).isWord("DESC"))) {
      return null;
    }
    Token next = tokens.get(1);
    return next.isWord("SELECT") || next.isWord("WITH") || next.isSymbol("(") ? sql.substring(next.start()) : null;
  }

  /**
   * A catalogue query: its physical statement runs as a pass-through; SHOW INDEX and SHOW CREATE TABLE of a sharded
   * table are read whole, with the first physical table's name replaced by the logical one.
   */
  private Outcome catalog(Statement owner, CatalogQuery query, ConnectionSource connections, List<Object> parameters,
      Execution execution, Settings settings) throws SQLException {
    CatalogSql.PhysicalStatement physical = runtime.catalog().physicalStatement(query);
    Outcome outcome = passThrough(owner, connections, physical.dataSource(), physical.sql(), parameters, execution,
        settings);
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
    return Outcome.rows(new MergedResultSet(owner, MergePipeline.ofRows(rows, metadata), Map.of(), null));
  }

  /**
   * DDL commits an open transaction first (also one begun with BEGIN), as MySQL does, then runs on connections
   * borrowed for it through the logical session (its session variables set; this connection's reads of the data
   * sources it changed then wait for replicas that have the change), and invalidates the cached columns and plans
   * whether it succeeds or not.
   */
  private Outcome ddl(String sql, Analysis.Ddl ddl, Settings settings, Execution execution) throws SQLException {
    connection.closeResultsBeforeTransactionEnds();
    connection.session().commit();
    List<ShardSql> statements = logged(sql, List.of(), Router.route(ddl));
    try {
      runtime.ddlExecutor().execute(ddl.verb() + (ddl.routingTable() == null ? "" : " on " + ddl.routingTable().name()),
          statements, connection.session().ownTransactions(), settings.queryTimeoutSeconds(), execution);
    } finally {
      runtime.invalidateSchema();
    }
    return Outcome.count(0);
  }

  /** Tells the SQL log a logical statement and the physical statements it was routed to, and returns those. */
  private List<ShardSql> logged(String sql, List<Object> parameters, List<ShardSql> statements) {
    runtime.sqlLog().statement(sql, parameters, statements);
    return statements;
  }

  static long sum(long[] counts) {
    long sum = 0;
    for (long count : counts) {
      sum += count;
    }
    return sum;
  }

  /**
   * The logical names of the tables a route reads (physical name to logical) and of the data sources' databases, and
   * for a result of several shards, which may come from a UNION ALL per server, the descriptions of its columns.
   */
  private LogicalNames logicalNames(Analysis.ShardedSelect select, Route route) {
    List<ShardSql> statements = route.statements();
    UnaryOperator<String> tables = physical -> {
      for (ShardSql statement : statements) {
        int table = statement.tables().indexOf(physical);
        if (table >= 0) {
          return select.tables().get(table).name();
        }
      }
      return null;
    };
    List<ResultColumn> columns = select.resultColumns();
    Set<String> databases = runtime.physicalDatabases();
    // the results are open: nothing here may wait for a connection or fail
    return new LogicalNames(tables, databases.isEmpty() ? null : runtime.logicalDatabase(), databases,
        route.singleShard() || columns == null ? null : count -> runtime.descriptions().describe(columns, count));
  }


  private Outcome passThrough(Statement owner, ConnectionSource connections, String dataSource, String sql,
      List<Object> parameters, Execution execution, Settings settings) throws SQLException {
    ShardSql where = new ShardSql(dataSource, List.of(), sql, parameters);
    runtime.sqlLog().statement(sql, parameters, List.of(where));
    ConnectionSource.PhysicalConnection physical;
    try {
      physical = connections.first(dataSource);
    } catch (SQLException e) {
      throw ShardErrors.wrap(e, where);
    }
    where = new ShardSql(physical.dataSource(), List.of(), sql, parameters);
    PreparedStatement statement = null;
    try {
      statement = settings.returnKeys() ? physical.connection().prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
          : physical.connection().prepareStatement(sql);
      execution.register(physical.dataSource(), statement);
      execution.startTimeout(settings.queryTimeoutSeconds());
      if (settings.maxRows() > 0) {
        statement.setMaxRows(settings.maxRows());
      }
      if (settings.fetchSize() != 0 && !physical.pinned()) {
        // a transaction's connection reads results whole, so that its next statement can use it
        statement.setFetchSize(settings.fetchSize());
      }
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      if (statement.execute()) {
        PhysicalResult result = new PhysicalResult(where, statement, statement.getResultSet(), physical, execution);
        return Outcome.rows(new PassThroughResultSet(owner, result, Map.of()));
      }
      long count = statement.getLargeUpdateCount();
      if (statement.isWrapperFor(StatementImpl.class)) {
        connection.session().generatedKey(statement.unwrap(StatementImpl.class).getLastInsertID());
      }
      GeneratedKeys keys = settings.returnKeys() ? readKeys(statement) : GeneratedKeys.NONE;
      execution.finished(statement);
      statement.close();
      physical.release();
      return new Outcome(null, count, keys);
    } catch (SQLException | RuntimeException e) {
      if (statement != null) {
        execution.finished(statement);
        try {
          statement.close();
        } catch (SQLException ignored) {
          // the failure below is what matters
        }
      }
      if (ShardErrors.breaksConnection(e)) {
        physical.discard();
      } else {
        physical.release();
      }
      throw ShardErrors.wrap(e, where);
    }
  }

  /** The keys a physical statement generated, read whole, so that its connection can go back to the pool. */
  private static GeneratedKeys readKeys(Statement statement) throws SQLException {
    try (ResultSet keys = statement.getGeneratedKeys()) {
      ResultSetMetaData metadata = keys.getMetaData();
      List<Object[]> rows = new ArrayList<>();
      while (keys.next()) {
        Object[] row = new Object[metadata.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          row[i] = keys.getObject(i + 1);
        }
        rows.add(row);
      }
      return new GeneratedKeys(rows, metadata);
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

  /**
   * Rows of (data_source, physical_sql, parameters) for each physical statement the explained statement runs (a
   * SELECT's when connections are free, the shards of one server combined with UNION ALL), then, for a merge, a row
   * with the merge steps.
   */
  private ResultSet explain(Statement owner, Analysis.Explain explain, List<Object> parameters) throws SQLException {
    Analysis analysis = explain.explained();
    List<ShardSql> statements;
    Route route = null;
    Object[] note = null;
    if (analysis instanceof Analysis.PassThrough passThrough) {
      statements = List.of(new ShardSql(passThrough.dataSource(), List.of(), explain.statement(), parameters));
    } else if (analysis instanceof Analysis.Catalog catalog) {
      CatalogSql.PhysicalStatement physical = runtime.catalog().physicalStatement(catalog.query());
      statements = List.of(new ShardSql(physical.dataSource(), List.of(), physical.sql(), parameters));
    } else if (analysis instanceof Analysis.NamedLocks locks) {
      statements = List.of(new ShardSql(locks.dataSource(), List.of(), explain.statement(), parameters));
      note = new Object[] {"(named locks)", "counted from " + locks.calls() + " on the connection that holds them", ""};
    } else if (analysis instanceof Analysis.ShardedSelect select) {
      try {
        route = runtime.route(select, parameters);
      } catch (CrossShardQueryException e) {
        return federatedExplain(owner, explain.statement(), parameters);
      }
      statements = runtime.queryExecutor().plannedStatements(route);
    } else if (analysis instanceof Analysis.LockingSelect locking) {
      route = runtime.route(locking.select(), parameters);
      statements = runtime.queryExecutor().plannedStatements(route);
      note = route.singleShard() ? null : new Object[] {"(locking)", lockedRows(locking, route), ""};
    } else if (analysis instanceof Analysis.ShardedInsert insert) {
      statements = InsertRouter.route(insert, parameters, keyGenerator(insert)).statements();
    } else if (analysis instanceof Analysis.ShardedWrite write) {
      statements = Router.route(write, parameters, runtime.keyTypes());
    } else if (analysis instanceof Analysis.BroadcastWrite write) {
      statements = Router.route(write, parameters);
    } else {
      throw new SQLFeatureNotSupportedException("EXPLAIN of " + explain.statement() + " is not supported", "0A000");
    }
    List<Object[]> rows = new ArrayList<>();
    for (ShardSql statement : statements) {
      rows.add(new Object[] {statement.dataSource(), statement.sql(), statement.parameters().toString()});
    }
    if (statements.isEmpty()) {
      rows.add(new Object[] {"(none)", "no shard can hold a row it writes", ""});
    }
    if (route != null && route.mergePlan() != null) {
      rows.add(new Object[] {"(merge)", route.mergePlan().toString(), route.limit() == null ? "" : route.limit().toString()});
    }
    if (note != null) {
      rows.add(note);
    }
    return new MergedResultSet(owner, MergePipeline.ofRows(rows, List.of("data_source", "physical_sql", "parameters")),
        Map.of(), null);
  }
}
