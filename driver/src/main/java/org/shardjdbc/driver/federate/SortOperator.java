package org.shardjdbc.driver.federate;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import org.shardjdbc.driver.merge.ValueComparator;
import org.shardjdbc.planner.federate.PlanExpression;
import org.shardjdbc.planner.federate.PlanNode;

/**
 * ORDER BY … LIMIT: sorts the input by MySQL's order (the columns' collations, NULL first ascending and last
 * descending) and keeps rows {@code offset} to {@code offset + fetch}. Without keys it only skips and stops early.
 */
final class SortOperator extends Operator {
  private final Operator input;
  private final PlanNode.Sort sort;
  private final List<Object> parameters;
  private final MemoryBudget memory;
  private List<Object[]> sorted;
  private int position = -1;
  private long offset;
  private long remaining;
  private Object[] row;

  SortOperator(Operator input, PlanNode.Sort sort, List<Object> parameters, MemoryBudget memory) {
    this.input = input;
    this.sort = sort;
    this.parameters = parameters;
    this.memory = memory;
  }

  @Override
  void open() throws SQLException {
    input.open();
    offset = sort.offset() == null ? 0 : count(sort.offset(), "offset");
    remaining = sort.fetch() == null ? Long.MAX_VALUE : count(sort.fetch(), "row count");
    if (sort.keys().isEmpty()) {
      return;
    }
    sorted = readAll(input, memory, "a sort");
    sorted.sort(order(sort.keys(), input.fields()));
    position = (int) Math.min(offset, sorted.size()) - 1;
  }

  /** The order of rows by sort keys, with MySQL's comparisons. */
  static Comparator<Object[]> order(List<PlanNode.SortKey> keys, List<Field> fields) throws SQLException {
    int[] columns = new int[keys.size()];
    Comparator<Object>[] comparators = comparators(keys.size());
    for (int i = 0; i < columns.length; i++) {
      columns[i] = keys.get(i).column();
      ValueComparator comparator = fields.get(columns[i]).comparator();
      comparators[i] = keys.get(i).descending() ? comparator.reversed() : comparator;
    }
    return (a, b) -> {
      for (int i = 0; i < columns.length; i++) {
        int order = comparators[i].compare(a[columns[i]], b[columns[i]]);
        if (order != 0) {
          return order;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings("unchecked")
  private static Comparator<Object>[] comparators(int size) {
    return new Comparator[size];
  }

  private long count(PlanExpression expression, String what) throws SQLException {
    Object value = new ExpressionCompiler(List.of(), parameters).compile(expression).evaluator().evaluate(new Object[0]);
    try {
      BigDecimal number = MysqlArithmetic.toDecimal(value instanceof String text ? new BigDecimal(text.trim()) : value);
      if (number.signum() < 0) {
        throw new SQLException("LIMIT " + what + " must not be negative: " + value, "42000");
      }
      return number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : number.longValueExact();
    } catch (ArithmeticException | NumberFormatException | ClassCastException | NullPointerException e) {
      throw new SQLException("LIMIT " + what + " is not a whole number: " + value, "42000", e);
    }
  }

  @Override
  List<Field> fields() {
    return input.fields();
  }

  @Override
  public boolean next() throws SQLException {
    if (remaining <= 0) {
      return false;
    }
    if (sorted != null) {
      if (++position >= sorted.size()) {
        return false;
      }
      row = sorted.get(position);
    } else {
      while (offset > 0) {
        if (!input.next()) {
          return false;
        }
        offset--;
      }
      if (!input.next()) {
        return false;
      }
      row = input.row();
    }
    remaining--;
    return true;
  }

  @Override
  public Object[] row() {
    return row;
  }

  @Override
  public void close() {
    input.close();
    sorted = null;
  }
}
