package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardjdbc.planner.merge.BitwiseMerge;
import org.shardjdbc.planner.merge.ColumnMerge;
import org.shardjdbc.planner.merge.ColumnRef;
import org.shardjdbc.planner.merge.GroupConcatMerge;
import org.shardjdbc.planner.merge.RowExpression;
import org.shardjdbc.planner.merge.VarianceMerge;

/**
 * Merges the partial rows of each group into one row, streaming: its input arrives ordered by the group keys (or,
 * without group keys, is one group), so a group is complete when the keys change. The merged row has the shards'
 * layout; each column is merged as its {@link ColumnMerge} says, and AVG, DISTINCT aggregates, variances,
 * GROUP_CONCAT and computed items are finished when the group is complete (computed items after the columns they
 * read). Without group keys the result is one row even when no shard returned one (a shard that groups by the
 * arguments of a DISTINCT aggregate or GROUP_CONCAT returns no row for no rows), as MySQL answers an aggregate over
 * no rows. A MIN or MAX that takes another row's value takes that row's weights too (the columns merged
 * {@link ColumnMerge.SameRowAs} it), so that later comparisons see the value's own weights.
 */
final class GroupedRows implements RowSource {
  private static final BigInteger ALL_BITS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private final RowSource input;
  private final List<ColumnMerge> merges;
  private final ColumnOrder[] groupKeys;
  private final ColumnOrder[] columnOrders;
  private final int[][] sameRow;
  private final MergeColumns columns;
  private final RowExpressionEvaluator evaluator;
  private final boolean singleGroup;
  private final GroupConcatColumn[] groupConcats;
  private final int[] computedOrder;
  private Object[] pending;
  private Object[] current;
  private boolean started;
  private boolean exhausted;
  private boolean emptyGroupDone;

  /**
   * @param groupKeys the group keys' columns
   * @param columnOrders per column: how MIN, MAX and DISTINCT aggregates compare it; null for other columns
   */
  GroupedRows(RowSource input, List<ColumnMerge> merges, ColumnOrder[] groupKeys, ColumnOrder[] columnOrders,
      MergeColumns columns, RowExpressionEvaluator evaluator, MergeWarnings warnings) {
    this.input = input;
    this.merges = merges;
    this.groupKeys = groupKeys;
    this.columnOrders = columnOrders;
    this.sameRow = sameRowColumns(merges, evaluator);
    this.columns = columns;
    this.evaluator = evaluator;
    this.singleGroup = groupKeys.length == 0;
    this.groupConcats = new GroupConcatColumn[merges.size()];
    for (int i = 0; i < merges.size(); i++) {
      if (merges.get(i) instanceof GroupConcatMerge groupConcat) {
        groupConcats[i] = new GroupConcatColumn(groupConcat, i, evaluator, columns, warnings);
      }
    }
    this.computedOrder = computedOrder();
  }

  /** For each column, the columns that go with its value ({@link ColumnMerge.SameRowAs}). */
  private static int[][] sameRowColumns(List<ColumnMerge> merges, RowExpressionEvaluator evaluator) {
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i < merges.size(); i++) {
      lists.add(new ArrayList<>());
    }
    for (int i = 0; i < merges.size(); i++) {
      if (merges.get(i) instanceof ColumnMerge.SameRowAs sameRow) {
        lists.get(evaluator.index(sameRow.column())).add(i);
      }
    }
    int[][] columns = new int[merges.size()][];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    return columns;
  }

  @Override
  public boolean next() throws SQLException {
    if (!started) {
      started = true;
      if (input.next()) {
        pending = input.row();
      } else {
        exhausted = true;
      }
    }
    if (pending == null) {
      if (singleGroup && !emptyGroupDone) {
        emptyGroupDone = true;
        current = emptyGroup();
        return true;
      }
      return false;
    }
    emptyGroupDone = true;
    Object[] first = pending;
    Object[] merged = first.clone();
    List<Map<List<Object>, List<Object>>> distinctValues = new ArrayList<>(merges.size());
    for (int i = 0; i < merges.size(); i++) {
      distinctValues.add(merges.get(i) instanceof ColumnMerge.Distinct ? new LinkedHashMap<>() : null);
    }
    GroupAccumulator[] accumulators = newAccumulators();
    addDistinct(first, distinctValues);
    add(accumulators, first);
    pending = null;
    while (!exhausted) {
      if (!input.next()) {
        exhausted = true;
        break;
      }
      Object[] row = input.row();
      if (!singleGroup && !sameGroup(first, row)) {
        pending = row;
        break;
      }
      accumulate(merged, row);
      addDistinct(row, distinctValues);
      add(accumulators, row);
    }
    finish(merged, distinctValues, accumulators);
    current = merged;
    return true;
  }

  /** The one row of an aggregate without GROUP BY over no rows: COUNT 0, BIT_AND all ones, the others NULL. */
  private Object[] emptyGroup() {
    Object[] row = new Object[columns.width()];
    for (int i = 0; i < merges.size(); i++) {
      ColumnMerge merge = merges.get(i);
      if (merge instanceof ColumnMerge.Count || merge instanceof ColumnMerge.Distinct distinct
          && distinct.function().equals("COUNT")) {
        row[i] = 0L;
      } else if (merge instanceof BitwiseMerge bitwise) {
        row[i] = bitwise.operation() == BitwiseMerge.Operation.AND ? ALL_BITS : BigInteger.ZERO;
      }
    }
    for (int i : computedOrder) {
      row[i] = evaluator.evaluate(((ColumnMerge.Computed) merges.get(i)).expression(), row);
    }
    return row;
  }

  private GroupAccumulator[] newAccumulators() {
    GroupAccumulator[] accumulators = new GroupAccumulator[merges.size()];
    for (int i = 0; i < merges.size(); i++) {
      ColumnMerge merge = merges.get(i);
      if (merge instanceof VarianceMerge variance) {
        accumulators[i] = new VarianceAccumulator(variance, evaluator);
      } else if (groupConcats[i] != null) {
        accumulators[i] = groupConcats[i].newGroup();
      }
    }
    return accumulators;
  }

  private static void add(GroupAccumulator[] accumulators, Object[] row) {
    for (GroupAccumulator accumulator : accumulators) {
      if (accumulator != null) {
        accumulator.add(row);
      }
    }
  }

  private boolean sameGroup(Object[] a, Object[] b) {
    for (ColumnOrder key : groupKeys) {
      if (key.compare(a, b) != 0) {
        return false;
      }
    }
    return true;
  }

  private void accumulate(Object[] merged, Object[] row) {
    for (int i = 0; i < merges.size(); i++) {
      ColumnMerge merge = merges.get(i);
      if (merge instanceof ColumnMerge.Sum || merge instanceof ColumnMerge.Count) {
        merged[i] = add(merged[i], row[i]);
      } else if (merge instanceof BitwiseMerge bitwise) {
        merged[i] = BitwiseCombination.combine(bitwise.operation(), merged[i], row[i]);
      } else if (merge instanceof ColumnMerge.Min || merge instanceof ColumnMerge.Max) {
        if (row[i] != null && (merged[i] == null
            || Integer.signum(columnOrders[i].compare(row, merged)) == (merge instanceof ColumnMerge.Min ? -1 : 1))) {
          merged[i] = row[i];
          for (int column : sameRow[i]) {
            merged[column] = row[column];
          }
        }
      }
    }
  }

  private void addDistinct(Object[] row, List<Map<List<Object>, List<Object>>> distinctValues) {
    for (int i = 0; i < merges.size(); i++) {
      if (merges.get(i) instanceof ColumnMerge.Distinct distinct) {
        List<Object> key = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        boolean hasNull = false;
        for (var argument : distinct.arguments()) {
          int index = evaluator.index(argument);
          Object value = row[index];
          hasNull |= value == null;
          key.add(columnOrders[index].groupKey(row));
          values.add(value);
        }
        if (!hasNull) {
          distinctValues.get(i).putIfAbsent(key, values);
        }
      }
    }
  }

  private void finish(Object[] merged, List<Map<List<Object>, List<Object>>> distinctValues,
      GroupAccumulator[] accumulators) {
    for (int i = 0; i < merges.size(); i++) {
      ColumnMerge merge = merges.get(i);
      if (merge instanceof ColumnMerge.Average average) {
        merged[i] = average(merged[evaluator.index(average.sum())], merged[evaluator.index(average.count())]);
      } else if (merge instanceof ColumnMerge.Distinct distinct) {
        merged[i] = distinct(distinct.function(), distinctValues.get(i));
      } else if (accumulators[i] != null) {
        merged[i] = accumulators[i].result();
      }
    }
    for (int i : computedOrder) {
      merged[i] = evaluator.evaluate(((ColumnMerge.Computed) merges.get(i)).expression(), merged);
    }
  }

  /** The computed columns, each after the computed columns its expression reads. */
  private int[] computedOrder() {
    List<Integer> order = new ArrayList<>();
    boolean[] visited = new boolean[merges.size()];
    for (int i = 0; i < merges.size(); i++) {
      visitComputed(i, visited, order);
    }
    return order.stream().mapToInt(Integer::intValue).toArray();
  }

  private void visitComputed(int column, boolean[] visited, List<Integer> order) {
    if (column >= merges.size() || visited[column] || !(merges.get(column) instanceof ColumnMerge.Computed computed)) {
      return;
    }
    visited[column] = true;
    for (ColumnRef read : columnsRead(computed.expression(), new ArrayList<>())) {
      visitComputed(evaluator.index(read), visited, order);
    }
    order.add(column);
  }

  private static List<ColumnRef> columnsRead(RowExpression expression, List<ColumnRef> found) {
    if (expression instanceof RowExpression.Column column) {
      found.add(column.column());
    } else if (expression instanceof RowExpression.Call call) {
      for (RowExpression operand : call.operands()) {
        columnsRead(operand, found);
      }
    }
    return found;
  }

  private Object distinct(String function, Map<List<Object>, List<Object>> values) {
    if (function.equals("COUNT")) {
      return (long) values.size();
    }
    Object sum = null;
    for (List<Object> value : values.values()) {
      sum = add(sum, value.get(0));
    }
    return function.equals("SUM") ? sum : average(sum, (long) values.size());
  }

  /**
   * SUM / COUNT as the server holds an AVG: a DOUBLE divided, a DECIMAL or integer sum divided with the server's
   * digits ({@link MysqlDecimals}); shown with the column's decimals later ({@link DisplayedRows}).
   */
  private static Object average(Object sum, Object count) {
    long n = count == null ? 0 : ((Number) count).longValue();
    if (sum == null || n == 0) {
      return null;
    }
    if (RowExpressionEvaluator.isApproximate(sum)) {
      return RowExpressionEvaluator.toDouble(sum) / n;
    }
    return MysqlDecimals.divide(RowExpressionEvaluator.toDecimal(sum), BigDecimal.valueOf(n));
  }

  /** Adds partial sums exactly: integers stay integers until they overflow, decimals keep their scale. */
  static Object add(Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a instanceof Long x && b instanceof Long y) {
      long sum = x + y;
      return ((x ^ sum) & (y ^ sum)) < 0 ? BigDecimal.valueOf(x).add(BigDecimal.valueOf(y)) : (Object) sum;
    }
    if (RowExpressionEvaluator.isApproximate(a) || RowExpressionEvaluator.isApproximate(b)) {
      return RowExpressionEvaluator.toDouble(a) + RowExpressionEvaluator.toDouble(b);
    }
    if (a instanceof BigInteger || b instanceof BigInteger) {
      return RowExpressionEvaluator.toDecimal(a).add(RowExpressionEvaluator.toDecimal(b)).toBigIntegerExact();
    }
    return RowExpressionEvaluator.toDecimal(a).add(RowExpressionEvaluator.toDecimal(b));
  }

  @Override
  public Object[] row() {
    return current;
  }

  @Override
  public void close() {
    input.close();
  }
}
