package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.util.List;
import org.shardjdbc.planner.federate.PlanExpression;

/** The input's rows for which a condition is true (not false, not unknown). */
final class FilterOperator extends Operator {
  private final Operator input;
  private final PlanExpression condition;
  private final List<Object> parameters;
  private Evaluator evaluator;

  FilterOperator(Operator input, PlanExpression condition, List<Object> parameters) {
    this.input = input;
    this.condition = condition;
    this.parameters = parameters;
  }

  @Override
  void open() throws SQLException {
    input.open();
    evaluator = new ExpressionCompiler(input.fields(), parameters).compile(condition).evaluator();
  }

  @Override
  List<Field> fields() {
    return input.fields();
  }

  @Override
  public boolean next() throws SQLException {
    while (input.next()) {
      if (Boolean.TRUE.equals(ExpressionCompiler.truth(evaluator.evaluate(input.row())))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Object[] row() {
    return input.row();
  }

  @Override
  public void close() {
    input.close();
  }
}
