package org.shardjdbc.driver.merge;

import java.sql.SQLException;

/** Skips {@code offset} rows, then returns at most {@code count}; stops reading its input as soon as it can. */
final class LimitedRows implements RowSource {
  private final RowSource input;
  private long toSkip;
  private long remaining;

  LimitedRows(RowSource input, long offset, long count) {
    this.input = input;
    this.toSkip = offset;
    this.remaining = count;
  }

  @Override
  public boolean next() throws SQLException {
    if (remaining <= 0) {
      input.close();
      return false;
    }
    while (toSkip > 0) {
      if (!input.next()) {
        remaining = 0;
        return false;
      }
      toSkip--;
    }
    if (!input.next()) {
      remaining = 0;
      return false;
    }
    remaining--;
    return true;
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
