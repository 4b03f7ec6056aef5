package org.shardjdbc.driver.merge;

import java.sql.SQLException;

/** One row with the number of rows of its input: {@code SELECT count(0) FROM (<query>) t}. */
final class CountedRows implements RowSource {
  private final RowSource input;
  private Object[] row;

  CountedRows(RowSource input) {
    this.input = input;
  }

  @Override
  public boolean next() throws SQLException {
    if (row != null) {
      return false;
    }
    long count = 0;
    while (input.next()) {
      count++;
    }
    input.close();
    row = new Object[] {count};
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
