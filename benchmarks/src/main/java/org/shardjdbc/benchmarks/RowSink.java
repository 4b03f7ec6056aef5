package org.shardjdbc.benchmarks;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Where a contender puts the rows of one query, one array of column values (from {@code getObject}) per row. */
interface RowSink {
  void row(Object[] values);

  /** Reads every row of a result set, every column with {@code getObject}, into the sink. */
  static void drain(ResultSet resultSet, RowSink sink) throws SQLException {
    int columns = resultSet.getMetaData().getColumnCount();
    while (resultSet.next()) {
      Object[] row = new Object[columns];
      for (int i = 0; i < columns; i++) {
        row[i] = resultSet.getObject(i + 1);
      }
      sink.row(row);
    }
  }
}
