package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.planner.federate.PlanExpression;

/** Rows of constants. */
final class ValuesOperator extends Operator {
  private final List<List<PlanExpression>> rows;
  private final int width;
  private final List<Object> parameters;
  private List<Field> fields;
  private List<Object[]> values;
  private int position = -1;

  ValuesOperator(int width, List<List<PlanExpression>> rows, List<Object> parameters) {
    this.width = width;
    this.rows = rows;
    this.parameters = parameters;
  }

  @Override
  void open() throws SQLException {
    values = new ArrayList<>();
    List<List<Field>> columns = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      columns.add(new ArrayList<>());
    }
    ExpressionCompiler compiler = new ExpressionCompiler(List.of(), parameters);
    for (List<PlanExpression> row : rows) {
      Object[] value = new Object[width];
      for (int i = 0; i < width; i++) {
        ExpressionCompiler.Compiled compiled = compiler.compile(row.get(i));
        value[i] = compiled.evaluator().evaluate(new Object[0]);
        columns.get(i).add(compiled.field());
      }
      values.add(value);
    }
    fields = new ArrayList<>();
    for (List<Field> column : columns) {
      fields.add(column.isEmpty() ? Field.nullField() : FieldTypes.aggregate(column));
    }
  }

  @Override
  List<Field> fields() {
    return fields;
  }

  @Override
  public boolean next() {
    return ++position < values.size();
  }

  @Override
  public Object[] row() {
    return values.get(position);
  }

  @Override
  public void close() {
    position = values == null ? 0 : values.size();
  }
}
