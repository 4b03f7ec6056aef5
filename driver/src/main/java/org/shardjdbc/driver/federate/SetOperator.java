package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardjdbc.driver.merge.ValueComparator;
import org.shardjdbc.planner.federate.PlanNode;

/**
 * UNION, INTERSECT and EXCEPT, with ALL or without duplicates. The result's columns take the common type of the
 * inputs' columns (as MySQL types a UNION's), and rows are the same when every value compares equal under the
 * column's collation.
 *
 * <p>Inputs are opened one after another, so that one scan never waits for a connection another scan of the same
 * query holds: every input but one is read whole (within the memory budget) before the next opens. UNION streams its
 * last input; INTERSECT and EXCEPT count the rows of the inputs after the first, then stream the first.
 */
final class SetOperator extends Operator {
  private final List<Operator> inputs;
  private final PlanNode.SetOperation operation;
  private final MemoryBudget memory;
  private List<Field> fields;
  private ValueComparator[] comparators;
  /** The rows of the inputs read whole, by input; null for the input that streams. */
  private final List<List<Object[]>> read = new ArrayList<>();
  private Operator streaming;
  private int current;
  private int position;
  private Set<List<Object>> seen;
  private List<Map<List<Object>, long[]>> others;
  private Object[] row;

  SetOperator(List<Operator> inputs, PlanNode.SetOperation operation, MemoryBudget memory) {
    this.inputs = inputs;
    this.operation = operation;
    this.memory = memory;
  }

  @Override
  void open() throws SQLException {
    boolean union = operation.kind() == PlanNode.SetKind.UNION;
    int last = union ? inputs.size() - 1 : 0;
    List<List<Field>> inputFields = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      inputFields.add(null);
      read.add(null);
    }
    for (int i = 0; i < inputs.size(); i++) {
      if (i == last) {
        continue;
      }
      Operator input = inputs.get(i);
      input.open();
      inputFields.set(i, input.fields());
      read.set(i, readAll(input, memory, "the rows of a " + operation.kind()));
    }
    streaming = inputs.get(last);
    streaming.open();
    inputFields.set(last, streaming.fields());
    int width = inputFields.get(0).size();
    fields = new ArrayList<>();
    comparators = new ValueComparator[width];
    for (int c = 0; c < width; c++) {
      List<Field> column = new ArrayList<>();
      for (List<Field> columns : inputFields) {
        column.add(columns.get(c));
      }
      Field field = FieldTypes.aggregate(column);
      fields.add(field);
      comparators[c] = field.comparator();
    }
    if (union) {
      seen = operation.all() ? null : new HashSet<>();
      return;
    }
    others = new ArrayList<>();
    for (int i = 1; i < inputs.size(); i++) {
      Map<List<Object>, long[]> counts = new HashMap<>();
      for (Object[] values : read.get(i)) {
        counts.computeIfAbsent(key(convert(values)), k -> new long[1])[0]++;
      }
      read.set(i, null);
      others.add(counts);
    }
    seen = operation.all() ? null : new HashSet<>();
  }

  private Object[] convert(Object[] values) {
    Object[] converted = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      converted[i] = MysqlArithmetic.convert(values[i], fields.get(i));
    }
    return converted;
  }

  private List<Object> key(Object[] values) {
    Object[] key = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      key[i] = comparators[i].groupKey(values[i]);
    }
    return Arrays.asList(key);
  }

  @Override
  List<Field> fields() {
    return fields;
  }

  @Override
  public boolean next() throws SQLException {
    boolean union = operation.kind() == PlanNode.SetKind.UNION;
    while (true) {
      Object[] values;
      if (union && current < inputs.size() - 1) {
        List<Object[]> rows = read.get(current);
        if (position >= rows.size()) {
          read.set(current, null);
          current++;
          position = 0;
          continue;
        }
        values = rows.get(position++);
      } else if (streaming.next()) {
        values = streaming.row();
      } else {
        return false;
      }
      Object[] converted = convert(values);
      if (keep(converted)) {
        row = converted;
        return true;
      }
    }
  }

  private boolean keep(Object[] values) throws SQLException {
    List<Object> key = seen != null || others != null ? key(values) : null;
    if (others != null) {
      for (Map<List<Object>, long[]> counts : others) {
        long[] count = counts.get(key);
        boolean present = count != null && count[0] > 0;
        if (operation.kind() == PlanNode.SetKind.INTERSECT ? !present : present && !operation.all()) {
          return false;
        }
        if (present && operation.all()) {
          count[0]--;
          if (operation.kind() == PlanNode.SetKind.EXCEPT) {
            return false;
          }
        }
      }
    }
    if (seen != null) {
      if (!seen.add(key)) {
        return false;
      }
      memory.keep(values, "the rows of a " + operation.kind());
    }
    return true;
  }

  @Override
  public Object[] row() {
    return row;
  }

  @Override
  public void close() {
    for (Operator input : inputs) {
      input.close();
    }
  }
}
