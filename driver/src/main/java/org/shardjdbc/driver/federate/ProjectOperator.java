package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.planner.federate.PlanExpression;

/** One output column per expression over the input row. */
final class ProjectOperator extends Operator {
  private final Operator input;
  private final List<PlanExpression> expressions;
  private final List<Object> parameters;
  private Evaluator[] evaluators;
  private List<Field> fields;
  private Object[] row;

  ProjectOperator(Operator input, List<PlanExpression> expressions, List<Object> parameters) {
    this.input = input;
    this.expressions = expressions;
    this.parameters = parameters;
  }

  @Override
  void open() throws SQLException {
    input.open();
    ExpressionCompiler compiler = new ExpressionCompiler(input.fields(), parameters);
    evaluators = new Evaluator[expressions.size()];
    List<Field> columns = new ArrayList<>();
    for (int i = 0; i < evaluators.length; i++) {
      ExpressionCompiler.Compiled compiled = compiler.compile(expressions.get(i));
      evaluators[i] = compiled.evaluator();
      columns.add(compiled.field());
    }
    fields = columns;
  }

  @Override
  List<Field> fields() {
    return fields;
  }

  @Override
  public boolean next() throws SQLException {
    if (!input.next()) {
      return false;
    }
    Object[] in = input.row();
    Object[] out = new Object[evaluators.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = evaluators[i].evaluate(in);
    }
    row = out;
    return true;
  }

  @Override
  public Object[] row() {
    return row;
  }

  @Override
  public void close() {
    input.close();
  }
}
