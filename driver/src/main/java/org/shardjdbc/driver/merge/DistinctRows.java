package org.shardjdbc.driver.merge;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops rows equal to an earlier one over the visible columns, equal as MySQL's DISTINCT sees it ('a' = 'A ' under
 * a case-insensitive collation). Keeps the first row of each, so the input order is kept. Memory grows with the
 * number of distinct rows.
 */
final class DistinctRows implements RowSource {
  private final RowSource input;
  private final ColumnOrder[] columns;
  private final Set<List<Object>> seen = new HashSet<>();

  /** @param columns the visible columns, as the merge compares them */
  DistinctRows(RowSource input, ColumnOrder[] columns) {
    this.input = input;
    this.columns = columns;
  }

  @Override
  public boolean next() throws SQLException {
    while (input.next()) {
      Object[] row = input.row();
      List<Object> key = new ArrayList<>(columns.length);
      for (ColumnOrder column : columns) {
        key.add(column.groupKey(row));
      }
      if (seen.add(key)) {
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
