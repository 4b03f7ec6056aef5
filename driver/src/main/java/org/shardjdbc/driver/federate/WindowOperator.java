package org.shardjdbc.driver.federate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardjdbc.driver.merge.MysqlDoubles;
import org.shardjdbc.planner.federate.PlanExpression;
import org.shardjdbc.planner.federate.PlanNode;

/**
 * Window functions: the input is read whole, split into partitions (keys compared as MySQL groups them), each
 * partition sorted by the window's order, and every row gets each function's value over its partition and frame.
 * Frames are ROWS with any bounds, or RANGE with any bounds: to the current row's peers (MySQL's default with ORDER
 * BY), or to the rows whose numeric ORDER BY value is within an offset of the current row's (a NULL current row's
 * offset bounds are its NULL peers; otherwise NULL counts as below every value, where MySQL sorts it).
 */
final class WindowOperator extends MaterializedOperator {
  private final PlanNode.Window window;
  private final List<Object> parameters;
  private final MemoryBudget memory;
  private List<Field> fields;

  WindowOperator(Operator input, PlanNode.Window window, List<Object> parameters, MemoryBudget memory) {
    super(input);
    this.window = window;
    this.parameters = parameters;
    this.memory = memory;
  }

  @Override
  void open() throws SQLException {
    input.open();
    List<Field> inputFields = input.fields();
    int width = inputFields.size();
    List<Field> columns = new ArrayList<>(inputFields);
    for (PlanNode.WindowGroup group : window.groups()) {
      for (PlanNode.WindowCall call : group.calls()) {
        Field argument = call.arguments().isEmpty() || !(call.arguments().get(0) instanceof PlanExpression.Column column)
            ? Field.bigint() : inputFields.get(column.index());
        columns.add(FieldTypes.window(call.function(), argument));
      }
    }
    fields = columns;
    List<Object[]> rows = new ArrayList<>();
    for (Object[] row : readAll(input, memory, "the rows of a window function")) {
      rows.add(Arrays.copyOf(row, columns.size()));
    }
    int column = width;
    for (PlanNode.WindowGroup group : window.groups()) {
      compute(group, rows, inputFields, column);
      column += group.calls().size();
    }
    materialized(rows);
  }

  private void compute(PlanNode.WindowGroup group, List<Object[]> rows, List<Field> inputFields, int firstColumn)
      throws SQLException {
    Map<List<Object>, List<Object[]>> partitions = new LinkedHashMap<>();
    List<Integer> keys = group.partitionKeys();
    for (Object[] row : rows) {
      Object[] key = new Object[keys.size()];
      for (int i = 0; i < key.length; i++) {
        key[i] = inputFields.get(keys.get(i)).comparator().groupKey(row[keys.get(i)]);
      }
      partitions.computeIfAbsent(Arrays.asList(key), k -> new ArrayList<>()).add(row);
    }
    Comparator<Object[]> order = group.orderKeys().isEmpty() ? null : SortOperator.order(group.orderKeys(), inputFields);
    for (List<Object[]> partition : partitions.values()) {
      if (order != null) {
        partition.sort(order);
      }
      for (int c = 0; c < group.calls().size(); c++) {
        compute(group, group.calls().get(c), partition, order, inputFields, firstColumn + c);
      }
    }
  }

  private void compute(PlanNode.WindowGroup group, PlanNode.WindowCall call, List<Object[]> partition,
      Comparator<Object[]> order, List<Field> inputFields, int column) throws SQLException {
    int n = partition.size();
    Field field = fields.get(column);
    switch (call.function()) {
      case ROW_NUMBER:
        for (int i = 0; i < n; i++) {
          partition.get(i)[column] = (long) (i + 1);
        }
        return;
      case RANK:
      case DENSE_RANK: {
        long rank = 0;
        long dense = 0;
        for (int i = 0; i < n; i++) {
          if (i == 0 || !peers(order, partition.get(i - 1), partition.get(i))) {
            rank = i + 1;
            dense++;
          }
          partition.get(i)[column] = call.function() == PlanNode.WindowFunction.RANK ? (Long) rank : (Long) dense;
        }
        return;
      }
      case NTILE: {
        long buckets = constant(call.arguments().get(0));
        if (buckets <= 0) {
          throw new SQLException("Incorrect arguments to ntile", "HY000", 1210);
        }
        long small = n / buckets;
        long large = n % buckets;
        int i = 0;
        for (long bucket = 1; bucket <= buckets && i < n; bucket++) {
          long size = small + (bucket <= large ? 1 : 0);
          for (long k = 0; k < size; k++) {
            partition.get(i++)[column] = bucket;
          }
        }
        return;
      }
      case PERCENT_RANK:
      case CUME_DIST: {
        for (int i = 0; i < n; i++) {
          double value = call.function() == PlanNode.WindowFunction.PERCENT_RANK
              ? (n == 1 ? 0 : (double) firstPeer(order, partition, i) / (n - 1))
              : (double) (lastPeer(order, partition, i) + 1) / n;
          partition.get(i)[column] = call.decimals() < 0 ? value : MysqlDoubles.asSent(value, call.decimals());
        }
        return;
      }
      case LAG:
      case LEAD: {
        int argument = column(call.arguments().get(0));
        long offset = call.arguments().size() > 1 ? constant(call.arguments().get(1)) : 1;
        Object fallback = call.arguments().size() > 2 ? constantValue(call.arguments().get(2)) : null;
        for (int i = 0; i < n; i++) {
          long target = call.function() == PlanNode.WindowFunction.LAG ? i - offset : i + offset;
          Object value = target >= 0 && target < n ? partition.get((int) target)[argument] : fallback;
          partition.get(i)[column] = MysqlArithmetic.convert(value, field);
        }
        return;
      }
      default:
        break;
    }
    boolean aggregate = call.function() != PlanNode.WindowFunction.FIRST_VALUE
        && call.function() != PlanNode.WindowFunction.LAST_VALUE && call.function() != PlanNode.WindowFunction.NTH_VALUE;
    if (aggregate && group.lower().unbounded() && group.lower().preceding()) {
      // frames that all start at the partition's start grow row by row: one running accumulator
      AggregateOperator.Accumulator accumulator = accumulator(call, inputFields);
      int added = 0;
      for (int i = 0; i < n; i++) {
        int end = frameEnd(group, partition, order, i);
        while (added <= end) {
          accumulator.add(partition.get(added++), memory);
        }
        partition.get(i)[column] = accumulator.result(field);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      int start = frameStart(group, partition, order, i);
      int end = frameEnd(group, partition, order, i);
      partition.get(i)[column] = overFrame(call, partition, start, end, inputFields, field);
    }
  }

  private static AggregateOperator.Accumulator accumulator(PlanNode.WindowCall call, List<Field> inputFields)
      throws SQLException {
    if (call.distinct()) {
      throw new SQLFeatureNotSupportedException("DISTINCT in a window function is not supported", "0A000");
    }
    PlanNode.AggregateFunction function = PlanNode.AggregateFunction.valueOf(call.function().name());
    List<Integer> arguments = new ArrayList<>();
    for (PlanExpression argument : call.arguments()) {
      arguments.add(column(argument));
    }
    return new AggregateOperator.Accumulator(new PlanNode.AggregateCall(function, false, arguments, null), inputFields,
        java.util.Set.of());
  }

  private Object overFrame(PlanNode.WindowCall call, List<Object[]> partition, int start, int end, List<Field> inputFields,
      Field field) throws SQLException {
    switch (call.function()) {
      case FIRST_VALUE:
        return start <= end ? partition.get(start)[column(call.arguments().get(0))] : null;
      case LAST_VALUE:
        return start <= end ? partition.get(end)[column(call.arguments().get(0))] : null;
      case NTH_VALUE: {
        long nth = constant(call.arguments().get(1));
        return start + nth - 1 <= end ? partition.get((int) (start + nth - 1))[column(call.arguments().get(0))] : null;
      }
      default:
        break;
    }
    AggregateOperator.Accumulator accumulator = accumulator(call, inputFields);
    for (int k = start; k <= end; k++) {
      accumulator.add(partition.get(k), memory);
    }
    return accumulator.result(field);
  }

  private int frameStart(PlanNode.WindowGroup group, List<Object[]> partition, Comparator<Object[]> order, int i)
      throws SQLException {
    PlanNode.FrameBound lower = group.lower();
    if (lower.unbounded()) {
      return lower.preceding() ? 0 : partition.size();
    }
    if (group.rows()) {
      long offset = constant(lower.offset());
      long start = lower.preceding() ? i - offset : i + offset;
      return (int) Math.max(0, Math.min(partition.size(), start));
    }
    if (isCurrentRow(lower)) {
      return firstPeer(order, partition, i);
    }
    RangeKey key = rangeKey(group, partition, i, lower);
    if (key == null) {
      return firstPeer(order, partition, i);
    }
    // the first row whose key is at or after the bound in the window's order
    int start = partition.size();
    while (start > 0 && key.compareInOrder(partition.get(start - 1)[key.column()]) >= 0) {
      start--;
    }
    return start;
  }

  private int frameEnd(PlanNode.WindowGroup group, List<Object[]> partition, Comparator<Object[]> order, int i)
      throws SQLException {
    PlanNode.FrameBound upper = group.upper();
    if (upper.unbounded()) {
      return upper.preceding() ? -1 : partition.size() - 1;
    }
    if (group.rows()) {
      long offset = constant(upper.offset());
      long end = upper.preceding() ? i - offset : i + offset;
      return (int) Math.max(-1, Math.min(partition.size() - 1, end));
    }
    if (isCurrentRow(upper)) {
      return lastPeer(order, partition, i);
    }
    RangeKey key = rangeKey(group, partition, i, upper);
    if (key == null) {
      return lastPeer(order, partition, i);
    }
    // the last row whose key is at or before the bound in the window's order
    int end = -1;
    while (end + 1 < partition.size() && key.compareInOrder(partition.get(end + 1)[key.column()]) <= 0) {
      end++;
    }
    return end;
  }

  private static boolean isCurrentRow(PlanNode.FrameBound bound) {
    return bound.offset() instanceof PlanExpression.Literal literal && Long.valueOf(0).equals(literal.value());
  }

  /**
   * The key value a RANGE bound with an offset stands for at row {@code i}: the row's ORDER BY value minus the offset
   * (PRECEDING) or plus it (FOLLOWING), in the window's direction; null when the row's value is NULL, whose bounds
   * with an offset are its NULL peers, as in MySQL.
   */
  private RangeKey rangeKey(PlanNode.WindowGroup group, List<Object[]> partition, int i, PlanNode.FrameBound bound)
      throws SQLException {
    if (group.orderKeys().size() != 1) {
      throw new SQLException("Window with RANGE frame with an offset must have exactly one ORDER BY expression",
          "HY000", 3587);
    }
    PlanNode.SortKey sortKey = group.orderKeys().get(0);
    Field field = input.fields().get(sortKey.column());
    if (!field.isNumeric() || field.isUnsigned()) {
      throw new SQLFeatureNotSupportedException("a RANGE frame with an offset over a " + field.typeName() + " column in a "
          + "window function over rows of several shards is not supported", "0A000");
    }
    Object current = partition.get(i)[sortKey.column()];
    if (current == null) {
      return null;
    }
    Object offset = constantValue(bound.offset());
    if (!(offset instanceof Number) || MysqlArithmetic.toDecimal(offset).signum() < 0) {
      throw new SQLException("Window frame offset must be a non-negative number", "HY000", 3586);
    }
    boolean subtract = bound.preceding() != sortKey.descending();
    MysqlArithmetic.Kind kind = MysqlArithmetic.wider(MysqlArithmetic.kindOf(field),
        MysqlArithmetic.kindOf(ExpressionCompiler.constantField(offset)));
    Object target = MysqlArithmetic.apply(subtract ? '-' : '+', current, offset,
        kind == MysqlArithmetic.Kind.INTEGER ? MysqlArithmetic.Kind.DECIMAL : kind, "RANGE frame bound");
    return new RangeKey(sortKey.column(), MysqlArithmetic.toDecimal(target), sortKey.descending());
  }

  /**
   * A RANGE bound's key value, and how a row's key compares with it in the window's order: NULL is below every value,
   * as MySQL sorts it (before the bound ascending, after it descending).
   */
  private record RangeKey(int column, BigDecimal bound, boolean descending) {
    int compareInOrder(Object value) {
      int order = value == null ? -1 : MysqlArithmetic.toDecimal(value).compareTo(bound);
      return descending ? -order : order;
    }
  }

  private static boolean peers(Comparator<Object[]> order, Object[] a, Object[] b) {
    return order == null || order.compare(a, b) == 0;
  }

  private static int firstPeer(Comparator<Object[]> order, List<Object[]> partition, int i) {
    int first = i;
    while (first > 0 && peers(order, partition.get(first - 1), partition.get(i))) {
      first--;
    }
    return first;
  }

  private static int lastPeer(Comparator<Object[]> order, List<Object[]> partition, int i) {
    int last = i;
    while (last + 1 < partition.size() && peers(order, partition.get(last + 1), partition.get(i))) {
      last++;
    }
    return last;
  }

  private static int column(PlanExpression argument) throws SQLFeatureNotSupportedException {
    if (argument instanceof PlanExpression.Column column) {
      return column.index();
    }
    throw new SQLFeatureNotSupportedException("the window function argument " + argument + " is not supported", "0A000");
  }

  private Object constantValue(PlanExpression expression) throws SQLException {
    return new ExpressionCompiler(List.of(), parameters).compile(expression).evaluator().evaluate(new Object[0]);
  }

  private long constant(PlanExpression expression) throws SQLException {
    Object value = constantValue(expression);
    if (!(value instanceof Number)) {
      throw new SQLFeatureNotSupportedException("the window argument " + expression + " must be a number", "0A000");
    }
    return value instanceof BigDecimal decimal ? decimal.setScale(0, RoundingMode.DOWN).longValueExact()
        : ((Number) value).longValue();
  }

  @Override
  List<Field> fields() {
    return fields;
  }

}
