package org.shardjdbc.driver.federate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardjdbc.driver.merge.ValueComparator;
import org.shardjdbc.planner.federate.PlanNode;

/**
 * Groups rows by key columns, as MySQL groups them (strings by their collation: {@code 'paid'} and {@code 'PAID'} are
 * one group, which shows the first value read), and computes the aggregates of each group with MySQL's types: COUNT
 * as BIGINT, SUM of integers and DECIMALs exactly as DECIMAL, AVG with 4 more digits of scale rounded half up, MIN and
 * MAX by the column's order. With several grouping sets (ROLLUP) each input row counts in one group per set, the
 * columns outside the set being NULL. Without group keys an empty input still gives one row, as MySQL does.
 */
final class AggregateOperator extends MaterializedOperator {
  private final PlanNode.Aggregate aggregate;
  private final MemoryBudget memory;
  private List<Field> fields;

  AggregateOperator(Operator input, PlanNode.Aggregate aggregate, MemoryBudget memory) {
    super(input);
    this.aggregate = aggregate;
    this.memory = memory;
  }

  @Override
  void open() throws SQLException {
    input.open();
    List<Field> inputFields = input.fields();
    List<Integer> keys = aggregate.groupKeys();
    ValueComparator[] keyComparators = new ValueComparator[keys.size()];
    List<Field> columns = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Field key = inputFields.get(keys.get(i));
      keyComparators[i] = key.comparator();
      columns.add(aggregate.groupingSets().size() > 1 ? key.withNulls() : key);
    }
    List<PlanNode.AggregateCall> calls = aggregate.calls();
    for (PlanNode.AggregateCall call : calls) {
      columns.add(FieldTypes.aggregate(call.function(), call.arguments().isEmpty() ? Field.bigint()
          : inputFields.get(call.arguments().get(0))));
    }
    fields = columns;

    List<boolean[]> sets = new ArrayList<>();
    List<Set<Integer>> setColumns = new ArrayList<>();
    for (List<Integer> set : aggregate.groupingSets()) {
      boolean[] inSet = new boolean[keys.size()];
      for (int i = 0; i < keys.size(); i++) {
        inSet[i] = set.contains(keys.get(i));
      }
      sets.add(inSet);
      setColumns.add(Set.copyOf(set));
    }
    Map<List<Object>, Group> groups = new LinkedHashMap<>();
    try {
      while (input.next()) {
        Object[] row = input.row();
        for (int s = 0; s < sets.size(); s++) {
          boolean[] inSet = sets.get(s);
          Object[] key = new Object[keys.size() + 1];
          Object[] values = new Object[keys.size()];
          for (int i = 0; i < keys.size(); i++) {
            Object value = inSet[i] ? row[keys.get(i)] : null;
            values[i] = value;
            key[i] = keyComparators[i].groupKey(value);
          }
          key[keys.size()] = s;
          List<Object> groupKey = Arrays.asList(key);
          Group group = groups.get(groupKey);
          if (group == null) {
            group = new Group(values, setColumns.get(s), calls, inputFields);
            memory.keep(key, "the groups of an aggregate");
            groups.put(groupKey, group);
          }
          group.add(row, memory);
        }
      }
    } finally {
      input.close();
    }
    List<Object[]> output = new ArrayList<>();
    for (Group group : groups.values()) {
      output.add(group.result(fields, keys.size()));
    }
    if (groups.isEmpty()) {
      if (keys.isEmpty()) {
        output.add(new Group(new Object[0], Set.of(), calls, inputFields).result(fields, 0));
      }
    }
    materialized(output);
  }

  @Override
  List<Field> fields() {
    return fields;
  }


  /** One group: its key values and an accumulator per aggregate call. */
  private static final class Group {
    private final Object[] keys;
    private final Accumulator[] accumulators;

    Group(Object[] keys, Set<Integer> setColumns, List<PlanNode.AggregateCall> calls, List<Field> inputFields)
        throws SQLFeatureNotSupportedException {
      this.keys = keys;
      accumulators = new Accumulator[calls.size()];
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i] = new Accumulator(calls.get(i), inputFields, setColumns);
      }
    }

    void add(Object[] row, MemoryBudget memory) throws SQLException {
      for (Accumulator accumulator : accumulators) {
        accumulator.add(row, memory);
      }
    }

    Object[] result(List<Field> fields, int keyCount) throws SQLException {
      Object[] row = new Object[keyCount + accumulators.length];
      System.arraycopy(keys, 0, row, 0, keyCount);
      for (int i = 0; i < accumulators.length; i++) {
        row[keyCount + i] = accumulators[i].result(fields.get(keyCount + i));
      }
      return row;
    }
  }

  /** The running state of one aggregate call in one group. */
  static final class Accumulator {
    private final PlanNode.AggregateCall call;
    private final int[] arguments;
    private final ValueComparator comparator;
    private final ValueComparator[] argumentComparators;
    private final boolean approximate;
    private final Set<Object> distinct;
    private final int grouping;
    private long count;
    private BigDecimal exactSum = BigDecimal.ZERO;
    private double approximateSum;
    private Object extreme;
    private boolean seen;

    Accumulator(PlanNode.AggregateCall call, List<Field> inputFields, Set<Integer> setColumns)
        throws SQLFeatureNotSupportedException {
      this.call = call;
      arguments = call.arguments().stream().mapToInt(Integer::intValue).toArray();
      Field first = arguments.length == 0 ? Field.bigint() : inputFields.get(arguments[0]);
      boolean compares = call.function() == PlanNode.AggregateFunction.MIN || call.function() == PlanNode.AggregateFunction.MAX;
      comparator = compares ? first.comparator() : null;
      argumentComparators = new ValueComparator[arguments.length];
      for (int i = 0; call.distinct() && i < arguments.length; i++) {
        argumentComparators[i] = inputFields.get(arguments[i]).comparator();
      }
      approximate = first.isApproximate();
      distinct = call.distinct() ? new HashSet<>() : null;
      int bits = 0;
      for (int argument : arguments) {
        bits <<= 1;
        bits |= call.function() == PlanNode.AggregateFunction.GROUPING && !setColumns.contains(argument) ? 1 : 0;
      }
      grouping = bits;
    }

    void add(Object[] row, MemoryBudget memory) throws SQLException {
      for (int argument : arguments) {
        if (row[argument] == null && call.function() != PlanNode.AggregateFunction.SINGLE_VALUE
            && call.function() != PlanNode.AggregateFunction.GROUPING) {
          return; // aggregates skip NULLs; COUNT(a, b) counts rows where none is NULL
        }
      }
      if (distinct != null) {
        Object[] key = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
          key[i] = argumentComparators[i].groupKey(row[arguments[i]]);
        }
        if (!distinct.add(Arrays.asList(key))) {
          return;
        }
        memory.keep(key, "the distinct values of an aggregate");
      }
      Object value = arguments.length == 0 ? null : row[arguments[0]];
      switch (call.function()) {
        case COUNT:
          count++;
          break;
        case SUM:
        case SUM0:
        case AVG:
          count++;
          if (approximate) {
            approximateSum += MysqlArithmetic.toDouble(value);
          } else {
            exactSum = exactSum.add(MysqlArithmetic.toDecimal(value));
          }
          break;
        case MIN:
        case MAX:
          if (!seen || (call.function() == PlanNode.AggregateFunction.MIN ? comparator.compare(value, extreme) < 0
              : comparator.compare(value, extreme) > 0)) {
            extreme = value;
          }
          break;
        case SINGLE_VALUE:
          if (seen) {
            throw new SQLException("Subquery returns more than 1 row", "21000", 1242);
          }
          extreme = value;
          break;
        case GROUPING:
        case LITERAL:
          break;
      }
      seen = true;
    }

    Object result(Field field) {
      switch (call.function()) {
        case COUNT:
          return count;
        case SUM:
        case SUM0:
          if (count == 0) {
            return call.function() == PlanNode.AggregateFunction.SUM0 ? MysqlArithmetic.convert(0L, field) : null;
          }
          return approximate ? (Object) approximateSum : MysqlArithmetic.convert(exactSum, field);
        case AVG:
          if (count == 0) {
            return null;
          }
          return approximate ? (Object) (approximateSum / count)
              : exactSum.divide(BigDecimal.valueOf(count), field.scale(), RoundingMode.HALF_UP);
        case MIN:
        case MAX:
        case SINGLE_VALUE:
          return extreme;
        case GROUPING:
          return grouping;
        case LITERAL:
          return call.literal();
      }
      throw new IllegalStateException(call.function().name());
    }
  }
}
