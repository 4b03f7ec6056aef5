package org.shardjdbc.driver.merge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import org.shardjdbc.driver.execute.PhysicalResult;

/**
 * The rows of one physical result, read with getObject (a TIME as a {@link MysqlTime}, from the server's text); gives
 * its connection back as soon as it is exhausted. Checks each row's collation padding (see
 * {@link MergeColumns#checkPadding}) when the plan has collation keys.
 */
final class ShardRows implements RowSource {
  private final PhysicalResult result;
  private final ResultSet resultSet;
  private final int width;
  private final MergeColumns columns;
  private final boolean[] times;
  private Object[] row;
  private boolean done;

  ShardRows(PhysicalResult result, MergeColumns columns) {
    this.result = result;
    this.resultSet = result.resultSet();
    this.width = columns.width();
    this.columns = columns.hasWeights() ? columns : null;
    this.times = new boolean[width];
    for (int i = 0; i < width; i++) {
      times[i] = columns.isTime(i);
    }
  }

  @Override
  public boolean next() throws SQLException {
    if (done) {
      return false;
    }
    try {
      if (!result.next()) {
        done = true;
        result.exhausted();
        result.close();
        return false;
      }
      Object[] values = new Object[width];
      for (int i = 0; i < width; i++) {
        if (times[i]) {
          String text = resultSet.getString(i + 1);
          values[i] = text == null ? null : MysqlTime.parse(text);
        } else {
          values[i] = resultSet.getObject(i + 1);
        }
      }
      if (columns != null) {
        columns.checkPadding(values);
      }
      row = values;
      return true;
    } catch (SQLFeatureNotSupportedException e) {
      done = true;
      result.close();
      throw e;
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
