package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.shardjdbc.driver.execute.ConnectionSource;
import org.shardjdbc.driver.execute.Execution;
import org.shardjdbc.driver.execute.QueryExecutor;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.federate.FederatedPlan;
import org.shardjdbc.planner.federate.PlanNode;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.Route;

/**
 * Runs a {@link FederatedPlan}: one operator per plan node, scans running through the {@link QueryExecutor} like any
 * other query, and the result's rows streaming from the root. A condition the driver computed comes out as MySQL's
 * INT 0 or 1.
 */
public final class FederatedExecutor {
  /** Analyzes a statement the federation writes while it runs (a scan narrowed by a join's keys). */
  @FunctionalInterface
  public interface StatementAnalysis {
    /** The statement's analysis, cached by its text. */
    Analysis analyze(String sql) throws SQLException;
  }

  /** Routes a scan's statement for the parameter values of one execution. */
  @FunctionalInterface
  public interface SelectRouting {
    /** What the statement runs where. */
    Route route(Analysis.ShardedSelect select, List<Object> parameters) throws SQLException;
  }

  private final QueryExecutor queryExecutor;
  private final SelectRouting routing;
  private final long memoryLimit;
  private final StatementAnalysis analysis;
  private final int joinKeyLimit;

  /**
   * @param routing how scans route
   * @param memoryLimit bytes one query may hold in hash tables, sorts, groups and windows
   * @param analysis analyzes the statements of scans narrowed by a join's keys
   * @param joinKeyLimit the most distinct keys a join passes to a scan of its other input
   */
  public FederatedExecutor(QueryExecutor queryExecutor, SelectRouting routing, long memoryLimit,
      StatementAnalysis analysis, int joinKeyLimit) {
    this.queryExecutor = queryExecutor;
    this.routing = routing;
    this.memoryLimit = memoryLimit;
    this.analysis = analysis;
    this.joinKeyLimit = joinKeyLimit;
  }

  /**
   * Starts the plan: scans whose rows an operator needs whole (a hash join's build side, a sort's input) are read
   * before this returns; the rest stream as the result is read.
   *
   * @param maxRows the statement's maxRows, 0 for all
   */
  public MergePipeline.Merged execute(FederatedPlan plan, List<Object> parameters, ConnectionSource connections,
      QueryExecutor.Options options, Execution execution, int maxRows) throws SQLException {
    Operator root = operator(plan.root(), parameters, connections, options, execution, new MemoryBudget(memoryLimit),
        new IdentityHashMap<>());
    try {
      root.open();
    } catch (SQLException | RuntimeException e) {
      execution.cancel();
      root.close();
      throw e instanceof SQLException sql ? sql
          : new SQLException("internal error running a query over several shards: " + e, "HY000", e);
    }
    Operator output = new OutputOperator(root, maxRows);
    try {
      output.open();
    } catch (SQLException e) {
      root.close();
      throw e;
    }
    return MergePipeline.of(output, new FederatedMetadata(plan.labels(), output.fields()));
  }

  /** @param scans the operator of each scan made so far, by the plan's instance, for the joins that narrow them */
  private Operator operator(PlanNode node, List<Object> parameters, ConnectionSource connections,
      QueryExecutor.Options options, Execution execution, MemoryBudget memory, Map<PlanNode.Scan, ScanOperator> scans) {
    List<Operator> inputs = new ArrayList<>();
    for (PlanNode input : node.inputs()) {
      inputs.add(operator(input, parameters, connections, options, execution, memory, scans));
    }
    if (node instanceof PlanNode.Scan scan) {
      ScanOperator operator = new ScanOperator(scan, parameters, analysis, queryExecutor, connections, options, execution,
          routing);
      scans.put(scan, operator);
      return operator;
    }
    if (node instanceof PlanNode.Filter filter) {
      return new FilterOperator(inputs.get(0), filter.condition(), parameters);
    }
    if (node instanceof PlanNode.Project project) {
      return new ProjectOperator(inputs.get(0), project.expressions(), parameters);
    }
    if (node instanceof PlanNode.Join join) {
      ScanOperator keyTarget = join.keyFilter() == null || joinKeyLimit == 0 ? null : scans.get(join.keyFilter().target());
      return new HashJoinOperator(inputs.get(0), inputs.get(1), join, parameters, memory, keyTarget, joinKeyLimit);
    }
    if (node instanceof PlanNode.Aggregate aggregate) {
      return new AggregateOperator(inputs.get(0), aggregate, memory);
    }
    if (node instanceof PlanNode.Sort sort) {
      return new SortOperator(inputs.get(0), sort, parameters, memory);
    }
    if (node instanceof PlanNode.SetOperation setOperation) {
      return new SetOperator(inputs, setOperation, memory);
    }
    if (node instanceof PlanNode.Window window) {
      return new WindowOperator(inputs.get(0), window, parameters, memory);
    }
    if (node instanceof PlanNode.Values values) {
      return new ValuesOperator(values.width(), values.rows(), parameters);
    }
    throw new IllegalStateException("plan node " + node);
  }

  /**
   * EXPLAIN's rows: the plan, one operator per row, and under each scan the physical statements it runs with these
   * parameter values; under a scan that a join narrows by its keys, also the statement it then runs instead.
   */
  public List<Object[]> explain(FederatedPlan plan, List<Object> parameters) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    explain(plan.root(), 0, parameters, rows, new IdentityHashMap<>());
    return rows;
  }

  /**
   * The physical statements the scans of a plan run with these parameter values, for the SQL log: each scan's own, as
   * EXPLAIN shows them (a scan that a join narrows by its keys runs them with the keys added).
   */
  public List<ShardSql> physicalStatements(FederatedPlan plan, List<Object> parameters) throws SQLException {
    List<ShardSql> statements = new ArrayList<>();
    physicalStatements(plan.root(), parameters, statements);
    return statements;
  }

  private void physicalStatements(PlanNode node, List<Object> parameters, List<ShardSql> statements)
      throws SQLException {
    if (node instanceof PlanNode.Scan scan) {
      List<Object> scanParameters = new ArrayList<>();
      for (int index : scan.parameters()) {
        scanParameters.add(parameters.get(index));
      }
      statements.addAll(queryExecutor.plannedStatements(ScanOperator.route(scan.analysis(), scan.sql(), scanParameters,
          routing)));
      return;
    }
    for (PlanNode input : node.inputs()) {
      physicalStatements(input, parameters, statements);
    }
  }

  private void explain(PlanNode node, int depth, List<Object> parameters, List<Object[]> rows,
      Map<PlanNode.Scan, PlanNode.KeyFilter> narrowed) throws SQLException {
    String indent = "  ".repeat(depth);
    if (node instanceof PlanNode.Scan scan) {
      List<Object> scanParameters = new ArrayList<>();
      for (int index : scan.parameters()) {
        scanParameters.add(parameters.get(index));
      }
      rows.add(new Object[] {"(federation)", indent + scan, scanParameters.toString()});
      Route route = ScanOperator.route(scan.analysis(), scan.sql(), scanParameters, routing);
      for (ShardSql statement : queryExecutor.plannedStatements(route)) {
        rows.add(new Object[] {statement.dataSource(), indent + "  " + statement.sql(), statement.parameters().toString()});
      }
      PlanNode.KeyFilter filter = narrowed.get(scan);
      if (filter != null) {
        rows.add(new Object[] {"(federation)", indent + "  with at most " + joinKeyLimit + " keys of the join's build side: "
            + filter.statementPrefix() + "…), each shard given the keys it may hold", scanParameters.toString()});
      }
      return;
    }
    rows.add(new Object[] {"(federation)", indent + node, ""});
    if (node instanceof PlanNode.Join join && join.keyFilter() != null && joinKeyLimit > 0) {
      narrowed.put(join.keyFilter().target(), join.keyFilter());
    }
    for (PlanNode input : node.inputs()) {
      explain(input, depth + 1, parameters, rows, narrowed);
    }
  }
}
