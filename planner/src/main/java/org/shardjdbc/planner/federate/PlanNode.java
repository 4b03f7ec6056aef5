package org.shardjdbc.planner.federate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.shardjdbc.planner.analyze.Analysis;

/**
 * One operator of a federated plan. Leaves are scans (one statement over one table, which the driver routes and runs
 * on the shards like any other query); the operators above them run in the driver. Every node is an immutable value
 * with a deterministic {@code toString}, which EXPLAIN shows.
 */
public sealed interface PlanNode {

  /** The inputs of this node, left to right. */
  List<PlanNode> inputs();

  /** How a join keeps rows. */
  enum JoinKind {
    INNER,
    LEFT,
    RIGHT,
    FULL,
    /** Left rows that have a match, once each. */
    SEMI,
    /** Left rows that have no match. */
    ANTI
  }

  /** Set operations. */
  enum SetKind {
    UNION,
    INTERSECT,
    EXCEPT
  }

  /**
   * The rows of one table (or one query the shards answer alone), as a statement of the user's own text.
   *
   * @param table the table it reads, for messages
   * @param sql the statement, with {@code ?} markers
   * @param parameters for each {@code ?} of {@code sql} in order, the index of the user's parameter it stands for
   * @param analysis the statement's analysis, routed with the parameter values at each execution
   * @param conditionColumns the columns that hold a condition (0, 1 or NULL from the server, a boolean here)
   * @param computedColumns the columns that are expressions, not the table's own columns
   */
  record Scan(String table, String sql, List<Integer> parameters, Analysis analysis, List<Integer> conditionColumns,
      List<Integer> computedColumns) implements PlanNode {
    public Scan {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(sql, "sql");
      parameters = List.copyOf(parameters);
      Objects.requireNonNull(analysis, "analysis");
      conditionColumns = List.copyOf(conditionColumns);
      computedColumns = List.copyOf(computedColumns);
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of();
    }

    @Override
    public String toString() {
      return "Scan(table=[" + table + "], sql=[" + sql + "]" + (parameters.isEmpty() ? "" : ", parameters=" + parameters) + ")";
    }
  }

  /** The input's rows for which the condition is true. */
  record Filter(PlanNode input, PlanExpression condition) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }

    @Override
    public String toString() {
      return "Filter(condition=[" + condition + "])";
    }
  }

  /** One output column per expression over the input row. */
  record Project(PlanNode input, List<PlanExpression> expressions) implements PlanNode {
    public Project {
      expressions = List.copyOf(expressions);
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }

    @Override
    public String toString() {
      return "Project(" + expressions + ")";
    }
  }

  /**
   * A join: rows match when their key columns are equal (compared as MySQL compares them; a NULL key matches only
   * where {@code nullSafe} says so) and the residual condition is true. The output is the left row's columns and then
   * the right row's, or the left row's alone for SEMI and ANTI.
   *
   * @param residual the rest of the condition over the joined row, or null
   * @param buildLeft whether the hash table is built from the left input (else from the right)
   * @param keyFilter how the build side's keys narrow a scan of the probe side, or null
   */
  record Join(PlanNode left, PlanNode right, JoinKind kind, List<Integer> leftKeys, List<Integer> rightKeys,
      List<Boolean> nullSafe, PlanExpression residual, boolean buildLeft, KeyFilter keyFilter) implements PlanNode {
    public Join {
      Objects.requireNonNull(kind, "kind");
      leftKeys = List.copyOf(leftKeys);
      rightKeys = List.copyOf(rightKeys);
      nullSafe = List.copyOf(nullSafe);
      if (leftKeys.size() != rightKeys.size() || leftKeys.size() != nullSafe.size()) {
        throw new IllegalArgumentException("join keys " + leftKeys + " and " + rightKeys + " do not pair up");
      }
      if (buildLeft && (kind == JoinKind.SEMI || kind == JoinKind.ANTI)) {
        throw new IllegalArgumentException("a " + kind + " join builds its hash table from the right input");
      }
      if (keyFilter != null && (keyFilter.key() >= leftKeys.size() || nullSafe.get(keyFilter.key())
          || !probeMayBeFiltered(kind, buildLeft))) {
        throw new IllegalArgumentException("a " + kind + " join building from the " + (buildLeft ? "left" : "right")
            + " cannot narrow its other input by key " + keyFilter.key() + " of " + leftKeys.size() + ", null-safe " + nullSafe);
      }
    }

    /**
     * Whether probe rows without a match may be dropped before the join: they never reach its output (an inner or
     * semi join, or an outer join whose preserved side is the build side).
     */
    public boolean probeMayBeFiltered() {
      return probeMayBeFiltered(kind, buildLeft);
    }

    private static boolean probeMayBeFiltered(JoinKind kind, boolean buildLeft) {
      switch (kind) {
        case INNER:
        case SEMI:
          return true;
        case LEFT:
          return buildLeft;
        case RIGHT:
          return !buildLeft;
        case FULL:
        case ANTI:
          return false;
      }
      throw new IllegalStateException(kind.name());
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(left, right);
    }

    @Override
    public String toString() {
      return "Join(kind=[" + kind + "], keys=" + leftKeys + "=" + rightKeys + (nullSafe.contains(true) ? ", nullSafe=" + nullSafe : "")
          + (residual == null ? "" : ", residual=[" + residual + "]") + ", build=[" + (buildLeft ? "left" : "right") + "]"
          + (keyFilter == null ? "" : ", " + keyFilter) + ")";
    }
  }

  /**
   * A runtime semi-join reduction: once the build side is read, if its distinct non-NULL values of the key pair
   * {@code key} number at most the driver's limit ({@code federationJoinKeyLimit}), the probe side's scan {@code target}
   * runs with {@code column IN (those values)} added to its statement, so that the servers return only rows that can
   * match, found by index, on the shards that hold them when {@code column} is the table's shard key. The values are
   * those of one column compared with the same type family and collation on both sides, so the servers keep every row
   * the join would match; the join still checks every pair. More values than the limit, and the scan runs as planned.
   *
   * @param key the index of the key pair in the join's key lists
   * @param target the scan, inside the probe input, that reads the probe key's column (the instance in the plan)
   * @param column the column as the scan's statement names it ({@code `p`.`order_ref`})
   * @param statementPrefix the target's statement with the condition on the column up to its list, to which the driver
   *     appends {@code ?, ?, …)}: {@code SELECT … WHERE (…) AND `p`.`order_ref` IN (}
   */
  record KeyFilter(int key, Scan target, String column, String statementPrefix) {
    public KeyFilter {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(column, "column");
      if (!statementPrefix.startsWith(target.sql()) || !statementPrefix.endsWith(column + " IN (")) {
        throw new IllegalArgumentException(statementPrefix + " does not extend " + target.sql() + " by " + column);
      }
    }

    @Override
    public String toString() {
      return "keysInto=[" + target.table() + " " + column + "]";
    }
  }

  /** An aggregate function over the input rows of a group. */
  enum AggregateFunction {
    COUNT,
    SUM,
    /** SUM that is 0, not NULL, over no rows. */
    SUM0,
    AVG,
    MIN,
    MAX,
    /** The group's only value; more than one row is an error (a scalar subquery). */
    SINGLE_VALUE,
    /** A constant, for every group. */
    LITERAL,
    /** GROUPING(columns): which of them a rolled-up row aggregates over. */
    GROUPING
  }

  /**
   * One aggregate call.
   *
   * @param arguments the input columns it reads
   * @param literal the value of a LITERAL aggregate
   */
  record AggregateCall(AggregateFunction function, boolean distinct, List<Integer> arguments, Object literal) {
    public AggregateCall {
      Objects.requireNonNull(function, "function");
      arguments = List.copyOf(arguments);
    }

    @Override
    public String toString() {
      return function + (distinct ? "(DISTINCT " : "(") + arguments + (function == AggregateFunction.LITERAL ? " " + literal : "") + ")";
    }
  }

  /**
   * Groups the input rows by key columns and computes aggregates per group: the output is the group keys, then the
   * aggregates. With several grouping sets (ROLLUP), a row per set per group, with the keys not in the set NULL.
   */
  record Aggregate(PlanNode input, List<Integer> groupKeys, List<List<Integer>> groupingSets, List<AggregateCall> calls)
      implements PlanNode {
    public Aggregate {
      groupKeys = List.copyOf(groupKeys);
      List<List<Integer>> sets = new ArrayList<>();
      for (List<Integer> set : groupingSets) {
        sets.add(List.copyOf(set));
      }
      groupingSets = List.copyOf(sets);
      calls = List.copyOf(calls);
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }

    @Override
    public String toString() {
      return "Aggregate(group=" + groupKeys + (groupingSets.size() == 1 ? "" : ", sets=" + groupingSets) + ", calls=" + calls + ")";
    }
  }

  /** One key of a sort: MySQL sorts NULL first ascending, last descending. */
  record SortKey(int column, boolean descending) {
    @Override
    public String toString() {
      return "$" + column + (descending ? " DESC" : "");
    }
  }

  /**
   * Sorts the input (when it has keys) and keeps rows {@code offset} to {@code offset + fetch}.
   *
   * @param offset rows to skip: a literal or a parameter, or null
   * @param fetch rows to keep: a literal or a parameter, or null for all
   */
  record Sort(PlanNode input, List<SortKey> keys, PlanExpression offset, PlanExpression fetch) implements PlanNode {
    public Sort {
      keys = List.copyOf(keys);
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }

    @Override
    public String toString() {
      return "Sort(keys=" + keys + (offset == null ? "" : ", offset=" + offset) + (fetch == null ? "" : ", fetch=" + fetch) + ")";
    }
  }

  /** UNION, INTERSECT or EXCEPT of the inputs' rows, with duplicates (ALL) or without. */
  record SetOperation(SetKind kind, boolean all, List<PlanNode> inputs) implements PlanNode {
    public SetOperation {
      Objects.requireNonNull(kind, "kind");
      inputs = List.copyOf(inputs);
    }

    @Override
    public String toString() {
      return kind + (all ? " ALL" : "");
    }
  }

  /** Rows of literals. */
  record Values(int width, List<List<PlanExpression>> rows) implements PlanNode {
    public Values {
      List<List<PlanExpression>> copies = new ArrayList<>();
      for (List<PlanExpression> row : rows) {
        copies.add(List.copyOf(row));
      }
      rows = List.copyOf(copies);
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of();
    }

    @Override
    public String toString() {
      return "Values(" + rows + ")";
    }
  }

  /** Window functions. */
  enum WindowFunction {
    ROW_NUMBER,
    RANK,
    DENSE_RANK,
    NTILE,
    LAG,
    LEAD,
    FIRST_VALUE,
    LAST_VALUE,
    NTH_VALUE,
    COUNT,
    SUM,
    SUM0,
    AVG,
    MIN,
    MAX,
    /** (rank - 1) / (rows - 1) of the partition, 0 for a partition of one row. */
    PERCENT_RANK,
    /** The rows up to the current row's last peer over the partition's rows. */
    CUME_DIST
  }

  /**
   * One window function call: its arguments are input columns or (NTILE, LAG offsets) literals.
   *
   * @param decimals the decimals the servers send the call's DOUBLE rounded to (MariaDB's PERCENT_RANK and CUME_DIST:
   *     10), or -1 when they send the whole value
   */
  record WindowCall(WindowFunction function, List<PlanExpression> arguments, boolean distinct, int decimals) {
    public WindowCall {
      Objects.requireNonNull(function, "function");
      arguments = List.copyOf(arguments);
    }

    @Override
    public String toString() {
      return function + "(" + (distinct ? "DISTINCT " : "") + arguments + ")" + (decimals < 0 ? "" : " to " + decimals + " decimals");
    }
  }

  /**
   * A bound of a window frame: UNBOUNDED PRECEDING ({@code offset} null, preceding), n PRECEDING, CURRENT ROW
   * ({@code offset} 0), n FOLLOWING, UNBOUNDED FOLLOWING.
   */
  record FrameBound(boolean preceding, PlanExpression offset) {
    public boolean unbounded() {
      return offset == null;
    }

    @Override
    public String toString() {
      return offset == null ? (preceding ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING")
          : offset.equals(new PlanExpression.Literal(0L)) ? "CURRENT ROW" : offset + (preceding ? " PRECEDING" : " FOLLOWING");
    }
  }

  /** The window functions that share one partitioning, order and frame. */
  record WindowGroup(List<Integer> partitionKeys, List<SortKey> orderKeys, boolean rows, FrameBound lower,
      FrameBound upper, List<WindowCall> calls) {
    public WindowGroup {
      partitionKeys = List.copyOf(partitionKeys);
      orderKeys = List.copyOf(orderKeys);
      calls = List.copyOf(calls);
    }

    @Override
    public String toString() {
      return "partition=" + partitionKeys + " order=" + orderKeys + " " + (rows ? "ROWS" : "RANGE") + " BETWEEN " + lower
          + " AND " + upper + " " + calls;
    }
  }

  /** The input's columns, then one column per window call of each group in order. */
  record Window(PlanNode input, List<WindowGroup> groups) implements PlanNode {
    public Window {
      groups = List.copyOf(groups);
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }

    @Override
    public String toString() {
      StringJoiner text = new StringJoiner("; ", "Window(", ")");
      for (WindowGroup group : groups) {
        text.add(group.toString());
      }
      return text.toString();
    }
  }
}
