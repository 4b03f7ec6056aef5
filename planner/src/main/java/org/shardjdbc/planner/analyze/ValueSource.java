package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.util.List;

/** Where a value in a statement comes from: a literal of the text, or a {@code ?} parameter bound per execution. */
public sealed interface ValueSource {

  /** The value for one execution; null for SQL NULL. */
  Object value(List<Object> parameters) throws SQLException;

  /** A literal written in the statement. */
  record Literal(Object value) implements ValueSource {
    @Override
    public Object value(List<Object> parameters) {
      return value;
    }

    @Override
    public String toString() {
      return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
  }

  /** The {@code index}-th (0-based) {@code ?} of the statement. */
  record Parameter(int index) implements ValueSource {
    @Override
    public Object value(List<Object> parameters) throws SQLException {
      if (index >= parameters.size()) {
        throw new SQLException("No value specified for parameter " + (index + 1), "07001");
      }
      return parameters.get(index);
    }

    @Override
    public String toString() {
      return "?" + (index + 1);
    }
  }
}
