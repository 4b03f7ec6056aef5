package org.shardjdbc.driver.federate;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.shardjdbc.driver.execute.ConnectionSource;
import org.shardjdbc.driver.execute.Execution;
import org.shardjdbc.driver.execute.PhysicalResult;
import org.shardjdbc.driver.execute.QueryExecutor;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.federate.PlanNode;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.Route;

/**
 * A scan: its statement routed with this execution's parameter values (pruned by the shard key like any query) and run
 * on the shards through the {@link QueryExecutor}, the shards' rows streamed one result after another. Columns that
 * hold a condition become booleans.
 *
 * <p>A join may narrow the scan before it opens to the rows whose column is one of its build side's keys
 * ({@link PlanNode.KeyFilter}): the statement then ends in {@code column IN (?, …)}, analyzed and routed like any
 * statement, so that each shard gets only its own keys when the column is the shard key. The list's length is
 * rounded up to a power of two (the last key repeated), so that a scan has few distinct statements to analyze and cache.
 */
final class ScanOperator extends Operator {
  private final PlanNode.Scan scan;
  private final List<Object> parameters;
  private final FederatedExecutor.StatementAnalysis analysis;
  private final QueryExecutor executor;
  private final ConnectionSource connections;
  private final QueryExecutor.Options options;
  private final Execution execution;
  private final FederatedExecutor.SelectRouting routing;
  private MergePipeline.RowSourceHandle rows;
  private List<Field> fields;
  private Object[] row;

  private String narrowedSql;

  ScanOperator(PlanNode.Scan scan, List<Object> userParameters, FederatedExecutor.StatementAnalysis analysis,
      QueryExecutor executor, ConnectionSource connections, QueryExecutor.Options options, Execution execution,
      FederatedExecutor.SelectRouting routing) {
    this.scan = scan;
    this.analysis = analysis;
    this.routing = routing;
    this.parameters = new ArrayList<>(scan.parameters().size());
    for (int index : scan.parameters()) {
      parameters.add(userParameters.get(index));
    }
    this.executor = executor;
    this.connections = connections;
    this.options = options;
    this.execution = execution;
  }

  /** The route of a scan's statement for the parameter values: what it runs where (EXPLAIN shows it). */
  static Route route(Analysis analysis, String sql, List<Object> parameters, FederatedExecutor.SelectRouting routing)
      throws SQLException {
    if (analysis instanceof Analysis.PassThrough passThrough) {
      return new Route(List.of(new ShardSql(passThrough.dataSource(), List.of(), sql, parameters)), null, null, false);
    }
    return routing.route((Analysis.ShardedSelect) analysis, parameters);
  }

  /**
   * Narrows the scan, before it opens, to rows whose column is one of the keys.
   *
   * @param statementPrefix the scan's statement up to {@code column IN (}
   * @param keys the values, none null; none at all reads no rows (the servers still give the columns' types)
   */
  void narrowTo(String statementPrefix, List<Object> keys) {
    List<Object> list = new ArrayList<>(keys.isEmpty() ? Collections.singletonList(null) : keys);
    int length = Integer.highestOneBit(list.size() - 1) << 1;
    while (list.size() < Math.max(1, length)) {
      list.add(list.get(list.size() - 1));
    }
    StringBuilder sql = new StringBuilder(statementPrefix);
    for (int i = 0; i < list.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    narrowedSql = sql.append(')').toString();
    parameters.addAll(list);
  }

  @Override
  void open() throws SQLException {
    Route route = narrowedSql == null ? route(scan.analysis(), scan.sql(), parameters, routing)
        : route(analysis.analyze(narrowedSql), narrowedSql, parameters, routing);
    QueryExecutor.Options scanOptions = new QueryExecutor.Options(options.queryTimeoutSeconds(), options.fetchSize(), 0);
    List<PhysicalResult> results = executor.execute(route, connections, scanOptions, execution);
    MergePipeline.Merged merged = route.mergePlan() == null ? MergePipeline.concatenated(results)
        : MergePipeline.build(results, route.mergePlan(), route.limit(), parameters, 0);
    rows = merged.rows();
    ResultSetMetaData metadata = merged.metadata();
    List<Field> columns = new ArrayList<>(merged.visibleColumns());
    for (int i = 1; i <= merged.visibleColumns(); i++) {
      Field field = scan.conditionColumns().contains(i - 1) ? Field.booleanField() : Field.of(metadata, i);
      columns.add(scan.computedColumns().contains(i - 1) ? field.computed() : field.inTable(scan.table()));
    }
    fields = columns;
  }

  @Override
  List<Field> fields() {
    return fields;
  }

  @Override
  public boolean next() throws SQLException {
    if (!rows.next()) {
      return false;
    }
    Object[] values = rows.row();
    if (values.length != fields.size()) {
      values = java.util.Arrays.copyOf(values, fields.size());
    }
    for (int column : scan.conditionColumns()) {
      values[column] = ExpressionCompiler.truth(values[column]);
    }
    row = values;
    return true;
  }

  @Override
  public Object[] row() {
    return row;
  }

  @Override
  public void close() {
    if (rows != null) {
      rows.close();
    }
  }
}
