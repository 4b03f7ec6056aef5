package org.shardjdbc.planner.merge;

import java.util.List;

/**
 * An expression the merge evaluates over merged rows: HAVING, and select items that compute over aggregates
 * ({@code SUM(a) / COUNT(*)}). Only what the merge can evaluate exactly as MySQL does is built; anything else is
 * refused when the statement is analyzed.
 */
public sealed interface RowExpression {

  record Column(ColumnRef column) implements RowExpression {
    @Override
    public String toString() {
      return column.toString();
    }
  }

  /** The statement's {@code index}-th (0-based) {@code ?}, bound per execution. */
  record Parameter(int index) implements RowExpression {
    @Override
    public String toString() {
      return "?" + (index + 1);
    }
  }

  record Literal(Object value) implements RowExpression {
    @Override
    public String toString() {
      return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
  }

  /**
   * An operator applied to operands.
   *
   * @param operator one of {@code = <> < <= > >= <=> AND OR NOT + - * / IS_NULL IS_NOT_NULL NEGATE BETWEEN IN}, or a
   *     function: {@code ROUND TRUNCATE COALESCE ABS FLOOR CEIL} (as in SQL), {@code CAST_DECIMAL} (value, precision,
   *     scale), {@code CAST_SIGNED CAST_DOUBLE}, {@code CAST_CHAR} (of a column, whose decimals the text follows)
   */
  record Call(String operator, List<RowExpression> operands) implements RowExpression {
    public Call {
      operands = List.copyOf(operands);
    }

    @Override
    public String toString() {
      return operator + operands;
    }
  }
}
