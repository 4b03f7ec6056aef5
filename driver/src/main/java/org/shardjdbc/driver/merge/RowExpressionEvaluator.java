package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Set;
import org.shardjdbc.planner.merge.ColumnRef;
import org.shardjdbc.planner.merge.RowExpression;

/**
 * Evaluates a {@link RowExpression} over a merged row with MySQL's rules: NULL propagates, comparisons use the
 * column's collation, AND/OR are three-valued, exact numbers stay exact and division keeps 4 more decimals
 * (div_precision_increment), division by zero is NULL.
 */
final class RowExpressionEvaluator {
  private static final ValueComparator NUMERIC = new ValueComparator(Collation.BINARY_PAD);
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=", "BETWEEN", "IN", "NOT_IN");
  private final List<ValueComparator> comparators;
  private final int width;
  private final int hiddenColumns;
  private final List<Object> parameters;

  RowExpressionEvaluator(List<ValueComparator> comparators, int width, int hiddenColumns, List<Object> parameters) {
    this.comparators = comparators;
    this.width = width;
    this.hiddenColumns = hiddenColumns;
    this.parameters = parameters;
  }

  int index(ColumnRef column) {
    return column.resolve(width, hiddenColumns);
  }

  /**
   * Refuses an expression whose comparisons of strings the driver cannot make exactly: of a column in a collation it
   * does not know, or of string constants alone (which MySQL compares in the connection's collation).
   *
   * @throws SQLFeatureNotSupportedException naming the column or the constant
   */
  void requireComparable(RowExpression expression, MergeColumns columns) throws SQLFeatureNotSupportedException {
    if (!(expression instanceof RowExpression.Call call)) {
      return;
    }
    if (COMPARISONS.contains(call.operator())) {
      int column = comparedColumn(call.operands());
      if (column >= 0) {
        columns.requireCollation(column, "HAVING or an expression over aggregates");
      } else {
        for (RowExpression operand : call.operands()) {
          if (evaluate(operand, new Object[width]) instanceof String text) {
            throw new SQLFeatureNotSupportedException("HAVING or an expression over aggregates over several shards"
                + " compares the string '" + text + "' with no column: not supported", "0A000");
          }
        }
      }
    }
    for (RowExpression operand : call.operands()) {
      requireComparable(operand, columns);
    }
  }

  /** MySQL's truth: not NULL and not zero. */
  static boolean isTrue(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number number) {
      return number instanceof BigDecimal d ? d.signum() != 0 : number.doubleValue() != 0;
    }
    try {
      return new BigDecimal(value.toString().trim()).signum() != 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  Object evaluate(RowExpression expression, Object[] row) {
    if (expression instanceof RowExpression.Column column) {
      return row[index(column.column())];
    }
    if (expression instanceof RowExpression.Literal literal) {
      return literal.value();
    }
    if (expression instanceof RowExpression.Parameter parameter) {
      return parameter.index() < parameters.size() ? parameters.get(parameter.index()) : null;
    }
    if (expression instanceof RowExpression.Call call) {
      return call(call, row);
    }
    throw new IllegalStateException("unknown expression " + expression);
  }

  private Object call(RowExpression.Call call, Object[] row) {
    List<RowExpression> operands = call.operands();
    switch (call.operator()) {
      case "AND": {
        boolean sawNull = false;
        for (RowExpression operand : operands) {
          Object value = evaluate(operand, row);
          if (value == null) {
            sawNull = true;
          } else if (!isTrue(value)) {
            return 0L;
          }
        }
        return sawNull ? null : 1L;
      }
      case "OR": {
        boolean sawNull = false;
        for (RowExpression operand : operands) {
          Object value = evaluate(operand, row);
          if (value == null) {
            sawNull = true;
          } else if (isTrue(value)) {
            return 1L;
          }
        }
        return sawNull ? null : 0L;
      }
      case "NOT": {
        Object value = evaluate(operands.get(0), row);
        return value == null ? null : isTrue(value) ? 0L : 1L;
      }
      case "IS_NULL":
        return evaluate(operands.get(0), row) == null ? 1L : 0L;
      case "IS_NOT_NULL":
        return evaluate(operands.get(0), row) == null ? 0L : 1L;
      case "NEGATE": {
        Object value = evaluate(operands.get(0), row);
        return value == null ? null : isApproximate(value) ? -toDouble(value) : toDecimal(value).negate();
      }
      case "BETWEEN": {
        Object value = evaluate(operands.get(0), row);
        Object low = evaluate(operands.get(1), row);
        Object high = evaluate(operands.get(2), row);
        if (value == null || low == null || high == null) {
          return null;
        }
        ValueComparator comparator = comparatorFor(operands);
        return comparator.compare(value, low) >= 0 && comparator.compare(value, high) <= 0 ? 1L : 0L;
      }
      case "IN":
      case "NOT_IN": {
        Object value = evaluate(operands.get(0), row);
        if (value == null) {
          return null;
        }
        ValueComparator comparator = comparatorFor(operands);
        boolean sawNull = false;
        for (int i = 1; i < operands.size(); i++) {
          Object candidate = evaluate(operands.get(i), row);
          if (candidate == null) {
            sawNull = true;
          } else if (comparator.compare(value, candidate) == 0) {
            return call.operator().equals("IN") ? 1L : 0L;
          }
        }
        return sawNull ? null : call.operator().equals("IN") ? 0L : 1L;
      }
      case "+":
      case "-":
      case "*":
      case "/":
        return arithmetic(call.operator(), evaluate(operands.get(0), row), evaluate(operands.get(1), row));
      default:
        return compare(call.operator(), operands, row);
    }
  }

  private Object compare(String operator, List<RowExpression> operands, Object[] row) {
    Object left = evaluate(operands.get(0), row);
    Object right = evaluate(operands.get(1), row);
    if (left == null || right == null) {
      return null;
    }
    int order = comparatorFor(operands).compare(left, right);
    boolean result;
    switch (operator) {
      case "=":
        result = order == 0;
        break;
      case "<>":
        result = order != 0;
        break;
      case "<":
        result = order < 0;
        break;
      case "<=":
        result = order <= 0;
        break;
      case ">":
        result = order > 0;
        break;
      case ">=":
        result = order >= 0;
        break;
      default:
        throw new IllegalStateException("unknown operator " + operator);
    }
    return result ? 1L : 0L;
  }

  private ValueComparator comparatorFor(List<RowExpression> operands) {
    int column = comparedColumn(operands);
    return column >= 0 ? comparators.get(column) : NUMERIC;
  }

  /** The column whose collation a comparison uses: its first column operand, or -1. */
  private int comparedColumn(List<RowExpression> operands) {
    for (RowExpression operand : operands) {
      if (operand instanceof RowExpression.Column column) {
        return index(column.column());
      }
    }
    return -1;
  }

  private static Object arithmetic(String operator, Object left, Object right) {
    if (left == null || right == null) {
      return null;
    }
    if (isApproximate(left) || isApproximate(right)) {
      double a = toDouble(left);
      double b = toDouble(right);
      switch (operator) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        default:
          return b == 0 ? null : a / b;
      }
    }
    BigDecimal a = toDecimal(left);
    BigDecimal b = toDecimal(right);
    switch (operator) {
      case "+":
        return a.add(b);
      case "-":
        return a.subtract(b);
      case "*":
        return a.multiply(b);
      default:
        return b.signum() == 0 ? null : a.divide(b, Math.max(a.scale(), 0) + 4, RoundingMode.HALF_UP);
    }
  }

  static boolean isApproximate(Object value) {
    return value instanceof Double || value instanceof Float || (value instanceof String && !isExactNumber((String) value));
  }

  private static boolean isExactNumber(String text) {
    try {
      new BigDecimal(text.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static double toDouble(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static BigDecimal toDecimal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Boolean b) {
      return b ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (value instanceof Number number) {
      return BigDecimal.valueOf(number.doubleValue());
    }
    try {
      return new BigDecimal(value.toString().trim());
    } catch (NumberFormatException e) {
      return BigDecimal.ZERO;
    }
  }
}
