package org.shardjdbc.driver.federate;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.driver.merge.Collation;
import org.shardjdbc.driver.merge.ValueComparator;
import org.shardjdbc.planner.federate.PlanExpression;

/**
 * Turns a {@link PlanExpression} into an {@link Evaluator} over rows of known {@link Field}s, with MySQL's meaning:
 * three-valued logic, comparisons by the columns' collation (a literal or parameter takes the column's; two columns of
 * different collations are refused), exact integer and DECIMAL arithmetic, and MySQL's result types.
 */
final class ExpressionCompiler {
  /** The longest integer literal, sign included, that MySQL types as INT (MY_INT32_NUM_DECIMAL_DIGITS - 2). */
  private static final int MAX_INT_LITERAL_LENGTH = 9;

  private final List<Field> inputs;
  private final List<Object> parameters;

  /** An expression ready to evaluate, and the column it computes. */
  record Compiled(Evaluator evaluator, Field field) {}

  /** @param parameters the execution's parameter values */
  ExpressionCompiler(List<Field> inputs, List<Object> parameters) {
    this.inputs = inputs;
    this.parameters = parameters;
  }

  Compiled compile(PlanExpression expression) throws SQLException {
    if (expression instanceof PlanExpression.Column column) {
      int index = column.index();
      return new Compiled(row -> row[index], inputs.get(index));
    }
    if (expression instanceof PlanExpression.Literal literal) {
      return constant(literal.value());
    }
    if (expression instanceof PlanExpression.Parameter parameter) {
      if (parameter.index() >= parameters.size()) {
        throw new SQLException("No value specified for parameter " + (parameter.index() + 1), "07001");
      }
      return constant(parameters.get(parameter.index()));
    }
    if (expression instanceof PlanExpression.Call call) {
      return call(call);
    }
    throw new IllegalStateException("expression " + expression);
  }

  private static Compiled constant(Object value) {
    Field field = constantField(value);
    Object converted = MysqlArithmetic.convert(value, field);
    return new Compiled(row -> converted, field);
  }

  /**
   * The type of a literal or parameter value, as MySQL types a literal (a parameter reaches the server as one): an
   * integer written with at most 9 characters, its sign included, is an INT, a longer one a BIGINT.
   */
  static Field constantField(Object value) {
    if (value == null) {
      return Field.nullField();
    }
    if (value instanceof Boolean) {
      return Field.booleanField();
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof Long) {
      return Long.toString(((Number) value).longValue()).length() <= MAX_INT_LITERAL_LENGTH ? Field.integer()
          : Field.bigint();
    }
    if (value instanceof BigDecimal decimal) {
      return Field.decimal(Math.max(decimal.precision(), decimal.scale() + 1), Math.max(0, decimal.scale()));
    }
    if (value instanceof Double || value instanceof Float) {
      return Field.doubleField();
    }
    if (value instanceof String text) {
      return Field.varchar(text.length(), Collation.GENERAL_CI, true);
    }
    return new Field(java.sql.Types.OTHER, value.getClass().getSimpleName(), 0, 0, false,
        java.sql.ResultSetMetaData.columnNullable, value.getClass().getName(), "", "", Collation.BINARY_NO_PAD, true);
  }

  private Compiled call(PlanExpression.Call call) throws SQLException {
    List<Compiled> operands = new ArrayList<>();
    for (PlanExpression operand : call.operands()) {
      operands.add(compile(operand));
    }
    switch (call.operator()) {
      case EQUALS:
      case NOT_EQUALS:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
      case IS_NOT_DISTINCT_FROM:
      case IS_DISTINCT_FROM:
        return comparison(call.operator(), operands.get(0), operands.get(1));
      case AND:
        return logical(true, operands);
      case OR:
        return logical(false, operands);
      case NOT: {
        Evaluator operand = operands.get(0).evaluator();
        return new Compiled(row -> {
          Boolean value = truth(operand.evaluate(row));
          return value == null ? null : !value;
        }, Field.booleanField());
      }
      case IS_NULL: {
        Evaluator operand = operands.get(0).evaluator();
        return new Compiled(row -> operand.evaluate(row) == null, Field.booleanField());
      }
      case IS_NOT_NULL: {
        Evaluator operand = operands.get(0).evaluator();
        return new Compiled(row -> operand.evaluate(row) != null, Field.booleanField());
      }
      case IS_TRUE:
      case IS_NOT_TRUE:
      case IS_FALSE:
      case IS_NOT_FALSE:
        return truthTest(call.operator(), operands.get(0).evaluator());
      case CASE:
        return caseWhen(operands);
      case COALESCE:
        return coalesce(operands);
      case PLUS:
        return arithmetic('+', operands.get(0), operands.get(1), call);
      case MINUS:
        return arithmetic('-', operands.get(0), operands.get(1), call);
      case TIMES:
        return arithmetic('*', operands.get(0), operands.get(1), call);
      case UNARY_MINUS:
        return negation(operands.get(0), call);
      case CAST:
        return cast(operands.get(0), (String) ((PlanExpression.Literal) call.operands().get(1)).value());
    }
    throw new IllegalStateException("operator " + call.operator());
  }

  /** MySQL's truth of a value: a non-zero number is true, NULL is unknown. */
  static Boolean truth(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() != 0;
    }
    if (value instanceof Number number) {
      return number.doubleValue() != 0;
    }
    throw new IllegalStateException("not a condition: " + value.getClass().getSimpleName());
  }

  private Compiled comparison(PlanExpression.Operator operator, Compiled left, Compiled right) throws SQLException {
    ValueComparator comparator = comparatorOf(left.field(), right.field());
    Evaluator a = left.evaluator();
    Evaluator b = right.evaluator();
    boolean nullSafe = operator == PlanExpression.Operator.IS_NOT_DISTINCT_FROM
        || operator == PlanExpression.Operator.IS_DISTINCT_FROM;
    return new Compiled(row -> {
      Object x = a.evaluate(row);
      Object y = b.evaluate(row);
      if (x == null || y == null) {
        if (!nullSafe) {
          return null;
        }
        boolean same = x == y;
        return operator == PlanExpression.Operator.IS_NOT_DISTINCT_FROM ? same : !same;
      }
      checkComparable(x, y);
      int order = comparator.compare(x, y);
      switch (operator) {
        case EQUALS:
        case IS_NOT_DISTINCT_FROM:
          return order == 0;
        case NOT_EQUALS:
        case IS_DISTINCT_FROM:
          return order != 0;
        case LESS_THAN:
          return order < 0;
        case LESS_THAN_OR_EQUAL:
          return order <= 0;
        case GREATER_THAN:
          return order > 0;
        case GREATER_THAN_OR_EQUAL:
          return order >= 0;
        default:
          throw new IllegalStateException(operator.name());
      }
    }, Field.booleanField());
  }

  /**
   * The comparator of two operands: strings by their collation (a literal or parameter takes the column's), anything
   * else exactly as MySQL orders it.
   */
  static ValueComparator comparatorOf(Field left, Field right) throws SQLFeatureNotSupportedException {
    if (left.isString() && right.isString()) {
      if (left.literal() || left.collation() == right.collation()) {
        return right.comparator();
      }
      if (right.literal()) {
        return left.comparator();
      }
      throw new SQLFeatureNotSupportedException("comparing strings of collations " + left.collation() + " and "
          + right.collation() + " in a query that needs rows of several shards at once is not supported", "0A000");
    }
    return left.isString() ? left.comparator() : right.comparator();
  }

  /** A date compared with a string (MySQL reads the string as a date) is not compared here: refuse rather than guess. */
  static void checkComparable(Object x, Object y) throws SQLFeatureNotSupportedException {
    boolean temporalX = x instanceof Temporal || x instanceof java.util.Date;
    boolean temporalY = y instanceof Temporal || y instanceof java.util.Date;
    if (temporalX != temporalY && (x instanceof String || y instanceof String)) {
      throw new SQLFeatureNotSupportedException("comparing a date or time with a string in a query that needs rows of "
          + "several shards at once is not supported", "0A000");
    }
  }

  private static Compiled logical(boolean and, List<Compiled> operands) {
    Evaluator[] evaluators = new Evaluator[operands.size()];
    for (int i = 0; i < evaluators.length; i++) {
      evaluators[i] = operands.get(i).evaluator();
    }
    return new Compiled(row -> {
      boolean unknown = false;
      for (Evaluator evaluator : evaluators) {
        Boolean value = truth(evaluator.evaluate(row));
        if (value == null) {
          unknown = true;
        } else if (value != and) {
          return !and;
        }
      }
      return unknown ? null : and;
    }, Field.booleanField());
  }

  private static Compiled truthTest(PlanExpression.Operator operator, Evaluator operand) {
    return new Compiled(row -> {
      Boolean value = truth(operand.evaluate(row));
      switch (operator) {
        case IS_TRUE:
          return Boolean.TRUE.equals(value);
        case IS_NOT_TRUE:
          return !Boolean.TRUE.equals(value);
        case IS_FALSE:
          return Boolean.FALSE.equals(value);
        case IS_NOT_FALSE:
          return !Boolean.FALSE.equals(value);
        default:
          throw new IllegalStateException(operator.name());
      }
    }, Field.booleanField());
  }

  private static Compiled caseWhen(List<Compiled> operands) throws SQLException {
    List<Field> results = new ArrayList<>();
    for (int i = 1; i < operands.size(); i += 2) {
      results.add(operands.get(i).field());
    }
    if (operands.size() % 2 == 1) {
      results.add(operands.get(operands.size() - 1).field());
    }
    Field field = FieldTypes.aggregate(results);
    Evaluator[] evaluators = new Evaluator[operands.size()];
    for (int i = 0; i < evaluators.length; i++) {
      evaluators[i] = operands.get(i).evaluator();
    }
    return new Compiled(row -> {
      int i = 0;
      for (; i + 1 < evaluators.length; i += 2) {
        if (Boolean.TRUE.equals(truth(evaluators[i].evaluate(row)))) {
          return MysqlArithmetic.convert(evaluators[i + 1].evaluate(row), field);
        }
      }
      return i < evaluators.length ? MysqlArithmetic.convert(evaluators[i].evaluate(row), field) : null;
    }, field);
  }

  private static Compiled coalesce(List<Compiled> operands) throws SQLException {
    List<Field> fields = new ArrayList<>();
    Evaluator[] evaluators = new Evaluator[operands.size()];
    for (int i = 0; i < evaluators.length; i++) {
      fields.add(operands.get(i).field());
      evaluators[i] = operands.get(i).evaluator();
    }
    Field field = FieldTypes.aggregate(fields);
    return new Compiled(row -> {
      for (Evaluator evaluator : evaluators) {
        Object value = evaluator.evaluate(row);
        if (value != null) {
          return MysqlArithmetic.convert(value, field);
        }
      }
      return null;
    }, field);
  }

  private static Compiled arithmetic(char operator, Compiled left, Compiled right, PlanExpression.Call call)
      throws SQLException {
    Field a = left.field();
    Field b = right.field();
    checkArithmetic(a, call);
    checkArithmetic(b, call);
    MysqlArithmetic.Kind kind = MysqlArithmetic.wider(MysqlArithmetic.kindOf(a), MysqlArithmetic.kindOf(b));
    Field field = switch (kind) {
      case INTEGER -> Field.bigint();
      case DOUBLE -> Field.doubleField();
      case DECIMAL -> operator == '*' ? Field.decimal(a.precision() + b.precision(), Math.min(30, a.scale() + b.scale()))
          : Field.decimal(Math.max(a.precision() - a.scale(), b.precision() - b.scale()) + Math.max(a.scale(), b.scale()) + 1,
              Math.max(a.scale(), b.scale()));
    };
    Evaluator x = left.evaluator();
    Evaluator y = right.evaluator();
    String text = call.toString();
    return new Compiled(row -> MysqlArithmetic.convert(MysqlArithmetic.apply(operator, x.evaluate(row), y.evaluate(row),
        kind, text), field), field);
  }

  private static Compiled negation(Compiled operand, PlanExpression.Call call) throws SQLException {
    checkArithmetic(operand.field(), call);
    MysqlArithmetic.Kind kind = MysqlArithmetic.kindOf(operand.field());
    Field field = switch (kind) {
      case INTEGER -> Field.bigint();
      case DOUBLE -> Field.doubleField();
      case DECIMAL -> Field.decimal(operand.field().precision(), operand.field().scale());
    };
    Evaluator x = operand.evaluator();
    String text = call.toString();
    return new Compiled(row -> MysqlArithmetic.convert(MysqlArithmetic.negate(x.evaluate(row), kind, text), field), field);
  }

  /** Arithmetic on strings, dates or unsigned integers has MySQL rules the driver does not reproduce: refused. */
  private static void checkArithmetic(Field field, PlanExpression.Call call) throws SQLFeatureNotSupportedException {
    if (!field.isNumeric() && field.jdbcType() != java.sql.Types.NULL || field.isUnsigned()) {
      throw new SQLFeatureNotSupportedException("arithmetic on " + field.typeName() + " values in a query that needs rows "
          + "of several shards at once is not supported (" + call + ")", "0A000");
    }
  }

  private static Compiled cast(Compiled operand, String target) throws SQLException {
    Field field;
    if (target.equals("BIGINT")) {
      field = Field.bigint();
    } else if (target.equals("DOUBLE")) {
      field = Field.doubleField();
    } else if (target.startsWith("DECIMAL(")) {
      int scale = Integer.parseInt(target.substring(8, target.length() - 1));
      field = Field.decimal(Math.max(operand.field().precision(), scale + 1), scale);
    } else {
      throw new IllegalStateException("cast to " + target);
    }
    Evaluator x = operand.evaluator();
    return new Compiled(row -> MysqlArithmetic.convert(x.evaluate(row), field), field);
  }
}
