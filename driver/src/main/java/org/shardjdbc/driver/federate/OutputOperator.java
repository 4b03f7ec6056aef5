package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The result's rows: at most {@code maxRows}, and a condition the driver computed as MySQL returns one, an INT 0 or 1.
 */
final class OutputOperator extends Operator {
  private final Operator input;
  private final int maxRows;
  private List<Field> fields;
  private boolean[] conditions;
  private long returned;
  private Object[] row;

  OutputOperator(Operator input, int maxRows) {
    this.input = input;
    this.maxRows = maxRows;
  }

  @Override
  void open() {
    List<Field> columns = new ArrayList<>();
    conditions = new boolean[input.fields().size()];
    for (int i = 0; i < conditions.length; i++) {
      Field field = input.fields().get(i);
      conditions[i] = field.jdbcType() == Types.BOOLEAN;
      columns.add(conditions[i] ? Field.integer() : field);
    }
    fields = columns;
  }

  @Override
  List<Field> fields() {
    return fields;
  }

  @Override
  public boolean next() throws SQLException {
    if (maxRows > 0 && returned >= maxRows || !input.next()) {
      return false;
    }
    returned++;
    Object[] values = input.row();
    for (int i = 0; i < conditions.length; i++) {
      if (conditions[i] && values[i] != null) {
        values = values == input.row() ? values.clone() : values;
        values[i] = (Boolean) values[i] ? 1 : 0;
      }
    }
    row = values;
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
