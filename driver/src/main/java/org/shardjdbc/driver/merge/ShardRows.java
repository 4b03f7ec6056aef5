package org.shardjdbc.driver.merge;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.shardjdbc.driver.execute.PhysicalResult;

/** The rows of one physical result, read with getObject; gives its connection back as soon as it is exhausted. */
final class ShardRows implements RowSource {
  private final PhysicalResult result;
  private final ResultSet resultSet;
  private final int width;
  private Object[] row;
  private boolean done;

  ShardRows(PhysicalResult result, int width) {
    this.result = result;
    this.resultSet = result.resultSet();
    this.width = width;
  }

  @Override
  public boolean next() throws SQLException {
    if (done) {
      return false;
    }
    try {
      if (!resultSet.next()) {
        done = true;
        result.exhausted();
        result.close();
        return false;
      }
      Object[] values = new Object[width];
      for (int i = 0; i < width; i++) {
        values[i] = resultSet.getObject(i + 1);
      }
      row = values;
      return true;
    } catch (SQLException e) {
      done = true;
      throw result.readFailed(e);
    }
  }

  @Override
  public Object[] row() {
    return row;
  }

  @Override
  public void close() {
    done = true;
    result.close();
  }
}
