package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.util.List;
import org.shardjdbc.driver.merge.RowSource;

/**
 * One operator of a running federated plan. {@link #open()} starts it (an operator that needs all of an input, a hash
 * join's build side or a sort's, reads it there) and fixes its columns; then rows stream through {@link #next()}.
 * Inputs are opened in an order that keeps at most the probe sides streaming: a hash join reads its build side to the
 * end, which gives its connections back, before it opens its probe side.
 */
abstract class Operator implements RowSource {

  /** Starts the operator; its columns are known afterwards. */
  abstract void open() throws SQLException;

  /** The columns of the rows, once open. */
  abstract List<Field> fields();

  /** Reads an opened input to its end, keeping every row counted against the memory budget. */
  static java.util.List<Object[]> readAll(Operator input, MemoryBudget memory, String what) throws SQLException {
    java.util.List<Object[]> rows = new java.util.ArrayList<>();
    try {
      while (input.next()) {
        Object[] row = input.row();
        memory.keep(row, what);
        rows.add(row);
      }
    } finally {
      input.close();
    }
    return rows;
  }
}
