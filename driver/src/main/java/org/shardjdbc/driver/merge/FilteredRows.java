package org.shardjdbc.driver.merge;

import java.sql.SQLException;
import org.shardjdbc.planner.merge.RowExpression;

/** The rows for which a HAVING condition is true. */
final class FilteredRows implements RowSource {
  private final RowSource input;
  private final RowExpression condition;
  private final RowExpressionEvaluator evaluator;

  FilteredRows(RowSource input, RowExpression condition, RowExpressionEvaluator evaluator) {
    this.input = input;
    this.condition = condition;
    this.evaluator = evaluator;
  }

  @Override
  public boolean next() throws SQLException {
    while (input.next()) {
      if (RowExpressionEvaluator.isTrue(evaluator.evaluate(condition, input.row()))) {
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
