package org.shardjdbc.driver.merge;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sorts all its input in memory: used only after a group merge, when the user's ORDER BY is not the order of the
 * groups, so memory grows with the number of groups, not of rows.
 */
final class SortedRows implements RowSource {
  private final RowSource input;
  private final RowOrder order;
  private List<Object[]> rows;
  private int position = -1;

  SortedRows(RowSource input, RowOrder order) {
    this.input = input;
    this.order = order;
  }

  @Override
  public boolean next() throws SQLException {
    if (rows == null) {
      rows = new ArrayList<>();
      while (input.next()) {
        rows.add(input.row());
      }
      input.close();
      rows.sort(order);
    }
    position++;
    return position < rows.size();
  }

  @Override
  public Object[] row() {
    return rows.get(position);
  }

  @Override
  public void close() {
    input.close();
  }
}
