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
 * (div_precision_increment), division by zero is NULL; functions as {@link ScalarFunctions} says.
 */
final class RowExpressionEvaluator {
  private static final ValueComparator NUMERIC = new ValueComparator(Collation.BINARY_PAD);
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=", "BETWEEN", "IN", "NOT_IN");
  private final List<ValueComparator> comparators;
  private final MergeColumns columns;
  private final int width;
  private final int hiddenColumns;
  private final List<Object> parameters;

  RowExpressionEvaluator(MergeColumns columns, int hiddenColumns, List<Object> parameters) {
    this.comparators = columns.comparators();
    this.columns = columns;
    this.width = columns.width();
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
  void requireComparable(RowExpression expression) throws SQLFeatureNotSupportedException {
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
      requireComparable(operand);
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
      case "ROUND":
      case "TRUNCATE":
        return ScalarFunctions.round(evaluate(operands.get(0), row), evaluate(operands.get(1), row),
            call.operator().equals("TRUNCATE"));
      case "COALESCE": {
        List<Object> values = new java.util.ArrayList<>(operands.size());
        for (RowExpression operand : operands) {
          values.add(evaluate(operand, row));
        }
        return ScalarFunctions.coalesce(values);
      }
      case "ABS":
        return ScalarFunctions.abs(evaluate(operands.get(0), row));
      case "FLOOR":
      case "CEIL":
        return ScalarFunctions.floorOrCeiling(evaluate(operands.get(0), row), call.operator().equals("CEIL"));
      case "CAST_DECIMAL":
        return ScalarFunctions.castToDecimal(evaluate(operands.get(0), row), evaluate(operands.get(1), row),
            evaluate(operands.get(2), row));
      case "CAST_SIGNED":
        return ScalarFunctions.castToSigned(evaluate(operands.get(0), row));
      case "CAST_DOUBLE":
        return ScalarFunctions.castToDouble(evaluate(operands.get(0), row));
      case "CAST_CHAR": {
        // the text of the operand's value as its column shows it: DECIMAL and fixed DOUBLE at their decimals
        int column = index(((RowExpression.Column) operands.get(0)).column());
        return ScalarFunctions.castToText(columns.coerce(row[column], column), columns.fixedDecimals(column));
      }
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
    if (columns.roundsDecimalComparisons() && !isApproximate(left) && !isApproximate(right)) {
      left = roundedToDeclaredScale(left, operands.get(0));
      right = roundedToDeclaredScale(right, operands.get(1));
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

  /**
   * MariaDB compares DECIMAL values rounded to the decimals their expressions are declared with
   * ({@code Arg_comparator::compare_decimal}): {@code HAVING AVG(x) = 1.3333} holds for an AVG of 1.333333333 shown
   * as 1.3333.
   */
  private Object roundedToDeclaredScale(Object value, RowExpression expression) {
    if (!(value instanceof BigDecimal decimal)) {
      return value;
    }
    int scale = declaredScale(expression);
    return decimal.scale() > scale ? decimal.setScale(scale, RoundingMode.HALF_UP) : decimal;
  }

  /** The decimals MySQL declares an exact expression with (as in the column metadata of the same expression). */
  private int declaredScale(RowExpression expression) {
    if (expression instanceof RowExpression.Column column) {
      return Math.max(columns.scale(index(column.column())), 0);
    }
    if (expression instanceof RowExpression.Literal literal) {
      return literal.value() instanceof BigDecimal decimal ? Math.max(decimal.scale(), 0) : 0;
    }
    if (expression instanceof RowExpression.Parameter parameter) {
      Object value = parameter.index() < parameters.size() ? parameters.get(parameter.index()) : null;
      return value instanceof BigDecimal decimal ? Math.max(decimal.scale(), 0) : 0;
    }
    RowExpression.Call call = (RowExpression.Call) expression;
    List<RowExpression> operands = call.operands();
    switch (call.operator()) {
      case "/":
        return MysqlDecimals.divisionScale(declaredScale(operands.get(0)));
      case "*":
        return declaredScale(operands.get(0)) + declaredScale(operands.get(1));
      case "+":
      case "-":
      case "COALESCE": {
        int scale = 0;
        for (RowExpression operand : operands) {
          scale = Math.max(scale, declaredScale(operand));
        }
        return scale;
      }
      case "NEGATE":
      case "ABS":
        return declaredScale(operands.get(0));
      case "ROUND":
      case "TRUNCATE":
        if (operands.get(1) instanceof RowExpression.Literal places && places.value() instanceof BigDecimal decimals) {
          return Math.max(0, Math.min(decimals.intValue(), declaredScale(operands.get(0))));
        }
        return declaredScale(operands.get(0));
      case "CAST_DECIMAL":
        return ((BigDecimal) ((RowExpression.Literal) operands.get(2)).value()).intValue();
      case "FLOOR":
      case "CEIL":
      case "CAST_SIGNED":
        return 0;
      default:
        return Integer.MAX_VALUE;
    }
  }

  private ValueComparator comparatorFor(List<RowExpression> operands) {
    int column = comparedColumn(operands);
    return column >= 0 ? comparators.get(column) : NUMERIC;
  }

  /**
   * The column whose collation a comparison uses: the first column its operands read (a function of a column keeps
   * the column's collation; a number compares the same whatever the collation), or -1.
   */
  private int comparedColumn(List<RowExpression> operands) {
    for (RowExpression operand : operands) {
      if (operand instanceof RowExpression.Column column) {
        return index(column.column());
      }
      if (operand instanceof RowExpression.Call call) {
        int column = comparedColumn(call.operands());
        if (column >= 0) {
          return column;
        }
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
        return b.signum() == 0 ? null : MysqlDecimals.divide(a, b);
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
