package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardjdbc.planner.merge.ColumnMerge;

/**
 * Merges the partial rows of each group into one row, streaming: its input arrives ordered by the group keys (or,
 * without group keys, is one group), so a group is complete when the keys change. The merged row has the shards'
 * layout; each column is merged as its {@link ColumnMerge} says, and AVG, DISTINCT aggregates and computed items
 * are finished when the group is complete. A MIN or MAX that takes another row's value takes that row's weights
 * too (the columns merged {@link ColumnMerge.SameRowAs} it), so that later comparisons see the value's own weights.
 */
final class GroupedRows implements RowSource {
  private final RowSource input;
  private final List<ColumnMerge> merges;
  private final ColumnOrder[] groupKeys;
  private final ColumnOrder[] columnOrders;
  private final int[][] sameRow;
  private final MergeColumns columns;
  private final RowExpressionEvaluator evaluator;
  private final boolean singleGroup;
  private Object[] pending;
  private Object[] current;
  private boolean started;
  private boolean exhausted;

  /**
   * @param groupKeys the group keys' columns
   * @param columnOrders per column: how MIN, MAX and DISTINCT aggregates compare it; null for other columns
   */
  GroupedRows(RowSource input, List<ColumnMerge> merges, ColumnOrder[] groupKeys, ColumnOrder[] columnOrders,
      MergeColumns columns, RowExpressionEvaluator evaluator) {
    this.input = input;
    this.merges = merges;
    this.groupKeys = groupKeys;
    this.columnOrders = columnOrders;
    this.columns = columns;
    this.evaluator = evaluator;
    this.singleGroup = groupKeys.length == 0;
    this.sameRow = sameRowColumns(merges, evaluator);
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
      return false;
    }
    Object[] first = pending;
    Object[] merged = first.clone();
    List<Map<List<Object>, List<Object>>> distinctValues = new ArrayList<>(merges.size());
    for (int i = 0; i < merges.size(); i++) {
      distinctValues.add(merges.get(i) instanceof ColumnMerge.Distinct ? new LinkedHashMap<>() : null);
    }
    addDistinct(first, distinctValues);
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
    }
    finish(merged, distinctValues);
    current = merged;
    return true;
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
      if (merge instanceof ColumnMerge.Sum) {
        merged[i] = add(merged[i], row[i]);
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

  private void finish(Object[] merged, List<Map<List<Object>, List<Object>>> distinctValues) {
    for (int i = 0; i < merges.size(); i++) {
      ColumnMerge merge = merges.get(i);
      if (merge instanceof ColumnMerge.Average average) {
        merged[i] = average(merged[evaluator.index(average.sum())], merged[evaluator.index(average.count())], i);
      } else if (merge instanceof ColumnMerge.Distinct distinct) {
        merged[i] = distinct(distinct.function(), distinctValues.get(i), i);
      }
    }
    for (int i = 0; i < merges.size(); i++) {
      if (merges.get(i) instanceof ColumnMerge.Computed computed) {
        merged[i] = columns.coerce(evaluator.evaluate(computed.expression(), merged), i);
      }
    }
  }

  private Object distinct(String function, Map<List<Object>, List<Object>> values, int column) {
    if (function.equals("COUNT")) {
      return (long) values.size();
    }
    Object sum = null;
    for (List<Object> value : values.values()) {
      sum = add(sum, value.get(0));
    }
    return function.equals("SUM") ? columns.coerce(sum, column) : average(sum, (long) values.size(), column);
  }

  private Object average(Object sum, Object count, int column) {
    long n = count == null ? 0 : ((Number) count).longValue();
    if (sum == null || n == 0) {
      return null;
    }
    if (RowExpressionEvaluator.isApproximate(sum)) {
      return columns.coerce(RowExpressionEvaluator.toDouble(sum) / n, column);
    }
    BigDecimal total = RowExpressionEvaluator.toDecimal(sum);
    return columns.coerce(total.divide(BigDecimal.valueOf(n), Math.max(columns.scale(column), 0), RoundingMode.HALF_UP), column);
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
