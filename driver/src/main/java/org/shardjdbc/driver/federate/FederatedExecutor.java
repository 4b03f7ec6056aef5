package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.driver.execute.ConnectionSource;
import org.shardjdbc.driver.execute.Execution;
import org.shardjdbc.driver.execute.QueryExecutor;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.planner.federate.FederatedPlan;
import org.shardjdbc.planner.federate.PlanNode;
import org.shardjdbc.planner.model.KeyTypes;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.route.Route;

/**
 * Runs a {@link FederatedPlan}: one operator per plan node, scans running through the {@link QueryExecutor} like any
 * other query, and the result's rows streaming from the root. A condition the driver computed comes out as MySQL's
 * INT 0 or 1.
 */
public final class FederatedExecutor {
  private final QueryExecutor queryExecutor;
  private final KeyTypes keyTypes;
  private final long memoryLimit;

  /**
   * @param keyTypes the types of the shard keys, which scans route by
   * @param memoryLimit bytes one query may hold in hash tables, sorts, groups and windows
   */
  public FederatedExecutor(QueryExecutor queryExecutor, KeyTypes keyTypes, long memoryLimit) {
    this.queryExecutor = queryExecutor;
    this.keyTypes = keyTypes;
    this.memoryLimit = memoryLimit;
  }

  /**
   * Starts the plan: scans whose rows an operator needs whole (a hash join's build side, a sort's input) are read
   * before this returns; the rest stream as the result is read.
   *
   * @param maxRows the statement's maxRows, 0 for all
   */
  public MergePipeline.Merged execute(FederatedPlan plan, List<Object> parameters, ConnectionSource connections,
      QueryExecutor.Options options, Execution execution, int maxRows) throws SQLException {
    Operator root = operator(plan.root(), parameters, connections, options, execution, new MemoryBudget(memoryLimit));
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

  private Operator operator(PlanNode node, List<Object> parameters, ConnectionSource connections,
      QueryExecutor.Options options, Execution execution, MemoryBudget memory) {
    List<Operator> inputs = new ArrayList<>();
    for (PlanNode input : node.inputs()) {
      inputs.add(operator(input, parameters, connections, options, execution, memory));
    }
    if (node instanceof PlanNode.Scan scan) {
      return new ScanOperator(scan, parameters, queryExecutor, connections, options, execution, keyTypes);
    }
    if (node instanceof PlanNode.Filter filter) {
      return new FilterOperator(inputs.get(0), filter.condition(), parameters);
    }
    if (node instanceof PlanNode.Project project) {
      return new ProjectOperator(inputs.get(0), project.expressions(), parameters);
    }
    if (node instanceof PlanNode.Join join) {
      return new HashJoinOperator(inputs.get(0), inputs.get(1), join, parameters, memory);
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
   * parameter values.
   */
  public List<Object[]> explain(FederatedPlan plan, List<Object> parameters) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    explain(plan.root(), 0, parameters, rows);
    return rows;
  }

  /** The physical statements the scans of a plan run with these parameter values, for the SQL log. */
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
      statements.addAll(queryExecutor.plannedStatements(ScanOperator.route(scan, scanParameters, keyTypes)));
      return;
    }
    for (PlanNode input : node.inputs()) {
      physicalStatements(input, parameters, statements);
    }
  }

  private void explain(PlanNode node, int depth, List<Object> parameters, List<Object[]> rows) throws SQLException {
    String indent = "  ".repeat(depth);
    if (node instanceof PlanNode.Scan scan) {
      List<Object> scanParameters = new ArrayList<>();
      for (int index : scan.parameters()) {
        scanParameters.add(parameters.get(index));
      }
      rows.add(new Object[] {"(federation)", indent + scan, scanParameters.toString()});
      Route route = ScanOperator.route(scan, scanParameters, keyTypes);
      for (ShardSql statement : queryExecutor.plannedStatements(route)) {
        rows.add(new Object[] {statement.dataSource(), indent + "  " + statement.sql(), statement.parameters().toString()});
      }
      return;
    }
    rows.add(new Object[] {"(federation)", indent + node, ""});
    for (PlanNode input : node.inputs()) {
      explain(input, depth + 1, parameters, rows);
    }
  }
}
