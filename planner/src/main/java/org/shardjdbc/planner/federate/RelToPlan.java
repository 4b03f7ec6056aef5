package org.shardjdbc.planner.federate;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;
import org.shardjdbc.planner.analyze.StatementAnalyzer;

/**
 * Turns Calcite's optimized plan into a {@link FederatedPlan}'s operators: each table scan becomes a statement of the
 * user's text for the shards, and every operator and expression above is one the driver runs with MySQL's meaning,
 * or the query is refused naming what it cannot run.
 */
final class RelToPlan {
  private final StatementAnalyzer analyzer;
  private final RexBuilder rexBuilder;
  private final RelMetadataQuery metadata;
  private final int distributionDecimals;
  /** For each scan made, its output columns that are table columns (null for computed ones). */
  private final Map<PlanNode.Scan, List<ColumnOrigin>> scanColumns = new IdentityHashMap<>();
  /** Scans already narrowed by a join's keys: each takes one list. */
  private final Set<PlanNode.Scan> filteredScans = Collections.newSetFromMap(new IdentityHashMap<>());

  /** @param distributionDecimals the decimals the servers round PERCENT_RANK and CUME_DIST to, or -1 for none */
  RelToPlan(StatementAnalyzer analyzer, RexBuilder rexBuilder, RelMetadataQuery metadata, int distributionDecimals) {
    this.analyzer = analyzer;
    this.rexBuilder = rexBuilder;
    this.metadata = metadata;
    this.distributionDecimals = distributionDecimals;
  }

  PlanNode convert(RelNode rel) throws SQLException {
    if (rel instanceof TableScan scan) {
      FederationTable table = scan.getTable().unwrap(FederationTable.class);
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < scan.getRowType().getFieldCount(); i++) {
        all.add(i);
      }
      return scan(table.occurrence(), all);
    }
    if (rel instanceof Project project) {
      if (project.getInput() instanceof TableScan scan) {
        return projectedScan(project, scan);
      }
      PlanNode input = convert(project.getInput());
      return new PlanNode.Project(input, expressions(project.getProjects()));
    }
    if (rel instanceof Filter filter) {
      return new PlanNode.Filter(convert(filter.getInput()), expression(filter.getCondition()));
    }
    if (rel instanceof Join join) {
      return join(join);
    }
    if (rel instanceof Aggregate aggregate) {
      return aggregate(aggregate);
    }
    if (rel instanceof Sort sort) {
      return sort(sort);
    }
    if (rel instanceof SetOp setOp) {
      return setOperation(setOp);
    }
    if (rel instanceof Values values) {
      List<List<PlanExpression>> rows = new ArrayList<>();
      for (List<RexLiteral> tuple : values.getTuples()) {
        rows.add(expressions(new ArrayList<>(tuple)));
      }
      return new PlanNode.Values(values.getRowType().getFieldCount(), rows);
    }
    if (rel instanceof Window window) {
      return window(window);
    }
    if (rel instanceof Correlate) {
      throw PushExpressionsIntoScans.refusal("a correlated subquery that cannot be turned into a join");
    }
    throw PushExpressionsIntoScans.refusal("the operator " + rel.getRelTypeName());
  }

  /** A projection of a table: the scan reads only the columns the projection uses. */
  private PlanNode projectedScan(Project project, TableScan table) throws SQLException {
    TableOccurrence occurrence = table.getTable().unwrap(FederationTable.class).occurrence();
    boolean columnsOnly = true;
    for (RexNode expression : project.getProjects()) {
      columnsOnly &= expression instanceof RexInputRef;
    }
    if (columnsOnly) {
      List<Integer> selected = new ArrayList<>();
      for (RexNode expression : project.getProjects()) {
        selected.add(((RexInputRef) expression).getIndex());
      }
      return scan(occurrence, selected);
    }
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
    List<Integer> fields = used.asList();
    PlanNode scan = scan(occurrence, fields);
    Mappings.TargetMapping mapping = Mappings.target(fields::indexOf, table.getRowType().getFieldCount(), fields.size());
    List<RexNode> remapped = new ArrayList<>();
    for (RexNode expression : project.getProjects()) {
      remapped.add(expression.accept(new RexPermuteInputsShuttle(mapping, table)));
    }
    return new PlanNode.Project(scan, expressions(remapped));
  }

  /** The statement that reads the given fields (table columns, then computed columns) of one occurrence. */
  private PlanNode scan(TableOccurrence occurrence, List<Integer> fields) throws SQLException {
    StringJoiner items = new StringJoiner(", ");
    List<Integer> parameters = new ArrayList<>();
    List<Integer> conditionColumns = new ArrayList<>();
    List<Integer> computedColumns = new ArrayList<>();
    List<String> columnTexts = new ArrayList<>();
    int columns = occurrence.columns().size();
    String alias = quote(occurrence.alias());
    for (int i = 0; i < fields.size(); i++) {
      int field = fields.get(i);
      if (field < columns) {
        String column = alias + "." + quote(occurrence.columns().get(field).name());
        items.add(column);
        columnTexts.add(column);
        continue;
      }
      columnTexts.add(null);
      TableOccurrence.VirtualColumn column = occurrence.virtualColumns().get(field - columns);
      computedColumns.add(i);
      String text = "(" + column.text().text() + ")";
      items.add(column.condition() && !column.booleanValued() ? "(" + text + " <> 0)" : text);
      parameters.addAll(column.text().parameters());
      if (column.condition()) {
        conditionColumns.add(i);
      }
    }
    StringBuilder sql = new StringBuilder();
    RecursiveTable recursive = occurrence.recursive();
    if (recursive != null) {
      sql.append(recursive.definition()).append(' ');
    }
    sql.append("SELECT ").append(fields.isEmpty() ? "1" : items.toString())
        .append(" FROM ").append(quote(occurrence.table())).append(" AS ").append(alias);
    for (int i = 0; i < occurrence.filters().size(); i++) {
      TableOccurrence.SqlText filter = occurrence.filters().get(i);
      sql.append(i == 0 ? " WHERE (" : " AND (").append(filter.text()).append(')');
      parameters.addAll(filter.parameters());
    }
    PlanNode.Scan scan = new PlanNode.Scan(occurrence.table(), sql.toString(), parameters, analyzer.analyze(sql.toString()),
        conditionColumns, computedColumns);
    List<ColumnOrigin> origins = new ArrayList<>();
    for (String column : columnTexts) {
      origins.add(column == null ? null : new ColumnOrigin(scan, column, !occurrence.filters().isEmpty()));
    }
    scanColumns.put(scan, origins);
    return fields.isEmpty() ? new PlanNode.Project(scan, List.of()) : scan;
  }

  private PlanNode join(Join join) throws SQLException {
    List<Integer> leftKeys = new ArrayList<>();
    List<Integer> rightKeys = new ArrayList<>();
    List<Boolean> filterNulls = new ArrayList<>();
    RexNode residual = RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(), leftKeys,
        rightKeys, filterNulls);
    List<Boolean> nullSafe = new ArrayList<>();
    for (Boolean filtersNulls : filterNulls) {
      nullSafe.add(!filtersNulls);
    }
    PlanNode.JoinKind kind;
    JoinRelType type = join.getJoinType();
    switch (type) {
      case INNER:
        kind = PlanNode.JoinKind.INNER;
        break;
      case LEFT:
        kind = PlanNode.JoinKind.LEFT;
        break;
      case RIGHT:
        kind = PlanNode.JoinKind.RIGHT;
        break;
      case FULL:
        kind = PlanNode.JoinKind.FULL;
        break;
      case SEMI:
        kind = PlanNode.JoinKind.SEMI;
        break;
      case ANTI:
        kind = PlanNode.JoinKind.ANTI;
        break;
      default:
        throw PushExpressionsIntoScans.refusal("a " + type + " join");
    }
    PlanNode left = convert(join.getLeft());
    PlanNode right = convert(join.getRight());
    boolean buildLeft = kind != PlanNode.JoinKind.SEMI && kind != PlanNode.JoinKind.ANTI
        && rows(join.getLeft()) < rows(join.getRight());
    PlanExpression condition = residual.isAlwaysTrue() ? null : expression(residual);
    PlanNode.Join planned = new PlanNode.Join(left, right, kind, leftKeys, rightKeys, nullSafe, condition, buildLeft, null);
    PlanNode.KeyFilter keyFilter = planned.probeMayBeFiltered() ? keyFilter(join, planned) : null;
    return keyFilter == null ? planned : new PlanNode.Join(left, right, kind, leftKeys, rightKeys, nullSafe, condition,
        buildLeft, keyFilter);
  }

  /**
   * The first key pair whose probe column is a column of a scan of the probe input that no other join narrows yet,
   * compared as the same kind of value on both sides (exact numbers, or strings), and not null-safe; or null.
   */
  private PlanNode.KeyFilter keyFilter(Join join, PlanNode.Join planned) {
    RelNode buildRel = planned.buildLeft() ? join.getLeft() : join.getRight();
    RelNode probeRel = planned.buildLeft() ? join.getRight() : join.getLeft();
    List<Integer> buildKeys = planned.buildLeft() ? planned.leftKeys() : planned.rightKeys();
    List<Integer> probeKeys = planned.buildLeft() ? planned.rightKeys() : planned.leftKeys();
    List<ColumnOrigin> origins = origins(planned.buildLeft() ? planned.right() : planned.left());
    for (int key = 0; key < buildKeys.size(); key++) {
      ColumnOrigin origin = origins.get(probeKeys.get(key));
      if (planned.nullSafe().get(key) || origin == null || filteredScans.contains(origin.scan())
          || !sameKind(buildRel.getRowType().getFieldList().get(buildKeys.get(key)).getType(),
              probeRel.getRowType().getFieldList().get(probeKeys.get(key)).getType())) {
        continue;
      }
      filteredScans.add(origin.scan());
      String sql = origin.scan().sql();
      String prefix = sql + (origin.filtered() ? " AND " : " WHERE ") + origin.column() + " IN (";
      return new PlanNode.KeyFilter(key, origin.scan(), origin.column(), prefix);
    }
    return null;
  }

  /** Whether the servers compare values of both types as the join does: exact numbers both, or strings both. */
  private static boolean sameKind(RelDataType build, RelDataType probe) {
    return EXACT_NUMBERS.contains(build.getSqlTypeName()) && EXACT_NUMBERS.contains(probe.getSqlTypeName())
        || SqlTypeName.CHAR_TYPES.contains(build.getSqlTypeName()) && SqlTypeName.CHAR_TYPES.contains(probe.getSqlTypeName());
  }

  private static final Set<SqlTypeName> EXACT_NUMBERS = EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
      SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL);

  /**
   * A column of a plan's output that is a table column of a scan inside it, such that dropping the scan's rows whose
   * column is not among some values drops exactly the output rows whose column is not among them.
   *
   * @param filtered whether the scan's statement has a WHERE clause already
   */
  private record ColumnOrigin(PlanNode.Scan scan, String column, boolean filtered) {}

  /**
   * For each output column of a node, the scan column it is (see {@link ColumnOrigin}), or null: through projections
   * of columns, filters, sorts without a limit, a join's sides that it does not pad with NULLs, and the group keys of
   * an aggregate with one grouping set.
   */
  private List<ColumnOrigin> origins(PlanNode node) {
    List<ColumnOrigin> origins = new ArrayList<>();
    if (node instanceof PlanNode.Scan scan) {
      origins.addAll(scanColumns.get(scan));
    } else if (node instanceof PlanNode.Project project) {
      List<ColumnOrigin> input = origins(project.input());
      for (PlanExpression expression : project.expressions()) {
        origins.add(expression instanceof PlanExpression.Column column ? input.get(column.index()) : null);
      }
    } else if (node instanceof PlanNode.Filter filter) {
      origins.addAll(origins(filter.input()));
    } else if (node instanceof PlanNode.Sort sort) {
      List<ColumnOrigin> input = origins(sort.input());
      origins.addAll(sort.offset() == null && sort.fetch() == null ? input : Collections.nCopies(input.size(), null));
    } else if (node instanceof PlanNode.Join join) {
      List<ColumnOrigin> left = origins(join.left());
      List<ColumnOrigin> right = origins(join.right());
      boolean padsLeft = join.kind() == PlanNode.JoinKind.RIGHT || join.kind() == PlanNode.JoinKind.FULL;
      boolean padsRight = join.kind() == PlanNode.JoinKind.LEFT || join.kind() == PlanNode.JoinKind.FULL;
      origins.addAll(padsLeft ? Collections.nCopies(left.size(), null) : left);
      if (join.kind() != PlanNode.JoinKind.SEMI && join.kind() != PlanNode.JoinKind.ANTI) {
        origins.addAll(padsRight ? Collections.nCopies(right.size(), null) : right);
      }
    } else if (node instanceof PlanNode.Aggregate aggregate) {
      List<ColumnOrigin> input = origins(aggregate.input());
      boolean oneSet = aggregate.groupingSets().size() == 1;
      for (int key : aggregate.groupKeys()) {
        origins.add(oneSet ? input.get(key) : null);
      }
      origins.addAll(Collections.nCopies(aggregate.calls().size(), null));
    } else {
      origins.addAll(Collections.nCopies(width(node), null));
    }
    return origins;
  }

  /** How many columns a node outputs. */
  private int width(PlanNode node) {
    if (node instanceof PlanNode.Window window) {
      int calls = 0;
      for (PlanNode.WindowGroup group : window.groups()) {
        calls += group.calls().size();
      }
      return width(window.input()) + calls;
    }
    if (node instanceof PlanNode.SetOperation setOperation) {
      return width(setOperation.inputs().get(0));
    }
    if (node instanceof PlanNode.Values values) {
      return values.width();
    }
    return origins(node).size();
  }

  private double rows(RelNode rel) {
    Double rows = metadata.getRowCount(rel);
    return rows == null ? Double.MAX_VALUE : rows;
  }

  private PlanNode aggregate(Aggregate aggregate) throws SQLException {
    PlanNode input = convert(aggregate.getInput());
    List<PlanNode.AggregateCall> calls = new ArrayList<>();
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      PlanNode.AggregateFunction function;
      Object literal = null;
      switch (call.getAggregation().getKind()) {
        case COUNT:
          function = PlanNode.AggregateFunction.COUNT;
          break;
        case SUM:
          function = PlanNode.AggregateFunction.SUM;
          break;
        case SUM0:
          function = PlanNode.AggregateFunction.SUM0;
          break;
        case AVG:
          function = PlanNode.AggregateFunction.AVG;
          break;
        case MIN:
          function = PlanNode.AggregateFunction.MIN;
          break;
        case MAX:
          function = PlanNode.AggregateFunction.MAX;
          break;
        case SINGLE_VALUE:
          function = PlanNode.AggregateFunction.SINGLE_VALUE;
          break;
        case GROUPING:
          function = PlanNode.AggregateFunction.GROUPING;
          break;
        case LITERAL_AGG:
          function = PlanNode.AggregateFunction.LITERAL;
          literal = ((PlanExpression.Literal) expression(call.rexList.get(0))).value();
          break;
        case LISTAGG:
          throw PushExpressionsIntoScans.refusal("GROUP_CONCAT over rows the driver joins or groups (the server's text of "
              + "each value, its collation for DISTINCT and ORDER BY, the cut at group_concat_max_len)");
        default:
          throw PushExpressionsIntoScans.refusal("the aggregate function " + call.getAggregation().getName()
              + " over rows of several shards");
      }
      if (call.filterArg >= 0 || !call.collation.getFieldCollations().isEmpty()) {
        throw PushExpressionsIntoScans.refusal("the aggregate " + call);
      }
      calls.add(new PlanNode.AggregateCall(function, call.isDistinct(), call.getArgList(), literal));
    }
    List<List<Integer>> sets = new ArrayList<>();
    for (ImmutableBitSet set : aggregate.getGroupSets()) {
      sets.add(set.asList());
    }
    return new PlanNode.Aggregate(input, aggregate.getGroupSet().asList(), sets, calls);
  }

  private PlanNode sort(Sort sort) throws SQLException {
    List<PlanNode.SortKey> keys = new ArrayList<>();
    for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
      keys.add(sortKey(field));
    }
    return new PlanNode.Sort(convert(sort.getInput()), keys, sort.offset == null ? null : expression(sort.offset),
        sort.fetch == null ? null : expression(sort.fetch));
  }

  /** A sort key with MySQL's NULL order (first ascending, last descending), or a refusal. */
  private static PlanNode.SortKey sortKey(RelFieldCollation field) throws SQLFeatureNotSupportedException {
    boolean descending = field.getDirection().isDescending();
    RelFieldCollation.NullDirection expected = descending ? RelFieldCollation.NullDirection.LAST
        : RelFieldCollation.NullDirection.FIRST;
    if (field.nullDirection != expected && field.nullDirection != RelFieldCollation.NullDirection.UNSPECIFIED) {
      throw PushExpressionsIntoScans.refusal("an order with NULLs " + field.nullDirection);
    }
    return new PlanNode.SortKey(field.getFieldIndex(), descending);
  }

  private PlanNode setOperation(SetOp setOp) throws SQLException {
    PlanNode.SetKind kind = setOp instanceof Union ? PlanNode.SetKind.UNION
        : setOp instanceof Intersect ? PlanNode.SetKind.INTERSECT : PlanNode.SetKind.EXCEPT;
    if (!(setOp instanceof Union || setOp instanceof Intersect || setOp instanceof Minus)) {
      throw PushExpressionsIntoScans.refusal("the set operation " + setOp.getRelTypeName());
    }
    List<PlanNode> inputs = new ArrayList<>();
    for (RelNode input : setOp.getInputs()) {
      inputs.add(convert(input));
    }
    return new PlanNode.SetOperation(kind, setOp.all, inputs);
  }

  private PlanNode window(Window window) throws SQLException {
    PlanNode input = convert(window.getInput());
    int inputWidth = window.getInput().getRowType().getFieldCount();
    List<PlanNode.WindowGroup> groups = new ArrayList<>();
    for (Window.Group group : window.groups) {
      List<PlanNode.SortKey> order = new ArrayList<>();
      for (RelFieldCollation field : group.orderKeys.getFieldCollations()) {
        order.add(sortKey(field));
      }
      List<PlanNode.WindowCall> calls = new ArrayList<>();
      for (Window.RexWinAggCall call : group.aggCalls) {
        PlanNode.WindowFunction function;
        try {
          function = PlanNode.WindowFunction.valueOf(call.getOperator().getKind() == SqlKind.SUM0 ? "SUM0"
              : call.getOperator().getKind().name());
        } catch (IllegalArgumentException e) {
          throw PushExpressionsIntoScans.refusal("the window function " + call.getOperator().getName());
        }
        List<PlanExpression> arguments = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
          arguments.add(windowOperand(window, inputWidth, operand));
        }
        boolean distribution = function == PlanNode.WindowFunction.PERCENT_RANK
            || function == PlanNode.WindowFunction.CUME_DIST;
        calls.add(new PlanNode.WindowCall(function, arguments, call.distinct, distribution ? distributionDecimals : -1));
      }
      groups.add(new PlanNode.WindowGroup(group.keys.asList(), order, group.isRows,
          bound(window, inputWidth, group.lowerBound), bound(window, inputWidth, group.upperBound), calls));
    }
    return new PlanNode.Window(input, groups);
  }

  /** A window call's operand: an input column, or one of the window's constants as a literal. */
  private PlanExpression windowOperand(Window window, int inputWidth, RexNode operand) throws SQLException {
    if (operand instanceof RexInputRef ref && ref.getIndex() >= inputWidth) {
      return expression(window.constants.get(ref.getIndex() - inputWidth));
    }
    return expression(operand);
  }

  private PlanNode.FrameBound bound(Window window, int inputWidth, RexWindowBound bound) throws SQLException {
    if (bound.isUnbounded()) {
      return new PlanNode.FrameBound(bound.isPreceding(), null);
    }
    if (bound.isCurrentRow()) {
      return new PlanNode.FrameBound(true, new PlanExpression.Literal(0L));
    }
    if (SqlTypeName.INTERVAL_TYPES.contains(bound.getOffset().getType().getSqlTypeName())) {
      // MariaDB rejects it, and without a MySQL server to compare with, the driver's date arithmetic is unproven
      throw PushExpressionsIntoScans.refusal("a RANGE window frame with an INTERVAL offset");
    }
    return new PlanNode.FrameBound(bound.isPreceding(), windowOperand(window, inputWidth, bound.getOffset()));
  }

  private List<PlanExpression> expressions(List<? extends RexNode> nodes) throws SQLException {
    List<PlanExpression> expressions = new ArrayList<>();
    for (RexNode node : nodes) {
      expressions.add(expression(node));
    }
    return expressions;
  }

  /** An expression the driver evaluates, or a refusal naming the operator it cannot. */
  PlanExpression expression(RexNode node) throws SQLException {
    if (node instanceof RexInputRef ref) {
      return new PlanExpression.Column(ref.getIndex());
    }
    if (node instanceof RexDynamicParam parameter) {
      return new PlanExpression.Parameter(parameter.getIndex());
    }
    if (node instanceof RexLiteral literal) {
      return new PlanExpression.Literal(literalValue(literal));
    }
    if (!(node instanceof RexCall call)) {
      throw PushExpressionsIntoScans.refusal("the expression " + node);
    }
    if (call.getKind() == SqlKind.SEARCH) {
      return expression(RexUtil.expandSearch(rexBuilder, null, call));
    }
    if (call.getKind() == SqlKind.CAST) {
      return cast(call);
    }
    PlanExpression.Operator operator = operator(call);
    List<PlanExpression> operands = expressions(call.getOperands());
    return new PlanExpression.Call(operator, operands);
  }

  private static PlanExpression.Operator operator(RexCall call) throws SQLFeatureNotSupportedException {
    switch (call.getKind()) {
      case EQUALS:
        return PlanExpression.Operator.EQUALS;
      case NOT_EQUALS:
        return PlanExpression.Operator.NOT_EQUALS;
      case LESS_THAN:
        return PlanExpression.Operator.LESS_THAN;
      case LESS_THAN_OR_EQUAL:
        return PlanExpression.Operator.LESS_THAN_OR_EQUAL;
      case GREATER_THAN:
        return PlanExpression.Operator.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL:
        return PlanExpression.Operator.GREATER_THAN_OR_EQUAL;
      case IS_NOT_DISTINCT_FROM:
        return PlanExpression.Operator.IS_NOT_DISTINCT_FROM;
      case IS_DISTINCT_FROM:
        return PlanExpression.Operator.IS_DISTINCT_FROM;
      case AND:
        return PlanExpression.Operator.AND;
      case OR:
        return PlanExpression.Operator.OR;
      case NOT:
        return PlanExpression.Operator.NOT;
      case IS_NULL:
        return PlanExpression.Operator.IS_NULL;
      case IS_NOT_NULL:
        return PlanExpression.Operator.IS_NOT_NULL;
      case IS_TRUE:
        return PlanExpression.Operator.IS_TRUE;
      case IS_NOT_TRUE:
        return PlanExpression.Operator.IS_NOT_TRUE;
      case IS_FALSE:
        return PlanExpression.Operator.IS_FALSE;
      case IS_NOT_FALSE:
        return PlanExpression.Operator.IS_NOT_FALSE;
      case CASE:
        return PlanExpression.Operator.CASE;
      case COALESCE:
        return PlanExpression.Operator.COALESCE;
      case PLUS:
        return PlanExpression.Operator.PLUS;
      case MINUS:
        return PlanExpression.Operator.MINUS;
      case TIMES:
        return PlanExpression.Operator.TIMES;
      case MINUS_PREFIX:
        return PlanExpression.Operator.UNARY_MINUS;
      default:
        throw PushExpressionsIntoScans.refusal("the operator " + call.getOperator().getName()
            + " over columns of several tables or over aggregates");
    }
  }

  /**
   * A CAST that Calcite added (nullability, a wider type of the same family for a UNION or a CASE): kept as the
   * target family, which the driver converts to. A CAST that changes a value's family is refused.
   */
  private PlanExpression cast(RexCall call) throws SQLException {
    RexNode operand = call.getOperands().get(0);
    RelDataType from = operand.getType();
    RelDataType to = call.getType();
    PlanExpression value = expression(operand);
    if (from.getSqlTypeName() == to.getSqlTypeName() && from.getScale() == to.getScale()) {
      return value;
    }
    SqlTypeFamily fromFamily = from.getSqlTypeName().getFamily();
    SqlTypeFamily toFamily = to.getSqlTypeName().getFamily();
    if (from.getSqlTypeName() == SqlTypeName.NULL) {
      return value;
    }
    if (fromFamily == SqlTypeFamily.CHARACTER && toFamily == SqlTypeFamily.CHARACTER) {
      return value;
    }
    if (fromFamily == SqlTypeFamily.NUMERIC && toFamily == SqlTypeFamily.NUMERIC) {
      String target = switch (to.getSqlTypeName()) {
        case TINYINT, SMALLINT, INTEGER, BIGINT -> "BIGINT";
        case DECIMAL -> "DECIMAL(" + to.getScale() + ")";
        case DOUBLE, FLOAT, REAL -> "DOUBLE";
        default -> null;
      };
      if (target != null) {
        return new PlanExpression.Call(PlanExpression.Operator.CAST, List.of(value, new PlanExpression.Literal(target)));
      }
    }
    throw PushExpressionsIntoScans.refusal("a conversion from " + from.getSqlTypeName() + " to " + to.getSqlTypeName());
  }

  private static Object literalValue(RexLiteral literal) throws SQLFeatureNotSupportedException {
    if (literal.isNull()) {
      return null;
    }
    SqlTypeName type = literal.getType().getSqlTypeName();
    switch (type) {
      case BOOLEAN:
        return literal.getValueAs(Boolean.class);
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return literal.getValueAs(Long.class);
      case DECIMAL: {
        BigDecimal value = literal.getValueAs(BigDecimal.class);
        return literal.getType().getScale() == 0 && value.scale() <= 0 && value.precision() < 19
            ? (Object) value.longValueExact() : value;
      }
      case DOUBLE:
      case FLOAT:
      case REAL:
        return literal.getValueAs(Double.class);
      case CHAR:
      case VARCHAR:
        return literal.getValueAs(String.class);
      default:
        throw PushExpressionsIntoScans.refusal("a " + type + " literal");
    }
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
