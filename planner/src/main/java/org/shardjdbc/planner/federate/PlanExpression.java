package org.shardjdbc.planner.federate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * An expression the driver evaluates over the rows of a federated plan: column references, literals, parameters and
 * the few operators whose MySQL meaning the driver reproduces exactly. Everything else was computed by the servers in
 * the scans, or refused.
 */
public sealed interface PlanExpression {

  /** The operators the driver evaluates, with MySQL's meaning (three-valued logic, collations, exact numbers). */
  enum Operator {
    EQUALS("="),
    NOT_EQUALS("<>"),
    LESS_THAN("<"),
    LESS_THAN_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_THAN_OR_EQUAL(">="),
    /** MySQL's {@code <=>}: NULL equals NULL. */
    IS_NOT_DISTINCT_FROM("<=>"),
    IS_DISTINCT_FROM("IS DISTINCT FROM"),
    AND("AND"),
    OR("OR"),
    NOT("NOT"),
    IS_NULL("IS NULL"),
    IS_NOT_NULL("IS NOT NULL"),
    IS_TRUE("IS TRUE"),
    IS_NOT_TRUE("IS NOT TRUE"),
    IS_FALSE("IS FALSE"),
    IS_NOT_FALSE("IS NOT FALSE"),
    /** {@code CASE WHEN c1 THEN v1 … ELSE e END} as operands c1, v1, …, e. */
    CASE("CASE"),
    COALESCE("COALESCE"),
    PLUS("+"),
    MINUS("-"),
    TIMES("*"),
    UNARY_MINUS("-"),
    /** A conversion Calcite added, to BIGINT, DECIMAL(scale) or DOUBLE: the second operand names the target. */
    CAST("CAST");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** The value of column {@code index} of the input row (0-based). */
  record Column(int index) implements PlanExpression {
    @Override
    public String toString() {
      return "$" + index;
    }
  }

  /**
   * A constant: null, a Boolean, a Long, a BigDecimal, a Double or a String.
   *
   * @param value the value, null for SQL NULL
   */
  record Literal(Object value) implements PlanExpression {
    public Literal {
      if (value != null && !(value instanceof Boolean || value instanceof Long || value instanceof BigDecimal
          || value instanceof Double || value instanceof String)) {
        throw new IllegalArgumentException("literal of " + value.getClass().getSimpleName());
      }
    }

    @Override
    public String toString() {
      return value instanceof String text ? "'" + text.replace("'", "''") + "'" : String.valueOf(value);
    }
  }

  /** The value of the statement's {@code ?} marker number {@code index} (0-based). */
  record Parameter(int index) implements PlanExpression {
    @Override
    public String toString() {
      return "?" + index;
    }
  }

  /** An operator applied to operands. */
  record Call(Operator operator, List<PlanExpression> operands) implements PlanExpression {
    public Call {
      Objects.requireNonNull(operator, "operator");
      operands = List.copyOf(operands);
    }

    @Override
    public String toString() {
      StringJoiner text = new StringJoiner(", ", operator.name() + "(", ")");
      for (PlanExpression operand : operands) {
        text.add(operand.toString());
      }
      return text.toString();
    }
  }
}
