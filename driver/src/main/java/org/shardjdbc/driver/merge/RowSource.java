package org.shardjdbc.driver.merge;

import java.sql.SQLException;

/** A stream of rows, one merge operator's output and the next one's input. */
public interface RowSource extends AutoCloseable {

  /** Moves to the next row; false at the end. */
  boolean next() throws SQLException;

  /** The current row; valid until the next call of {@link #next()}. Columns are 0-based. */
  Object[] row();

  @Override
  void close();
}
