package org.shardjdbc.driver.merge;

import java.sql.SQLException;
import java.util.List;

/** The rows of several sources one source after another, for merges that need no order. */
final class ConcatenatedRows implements RowSource {
  private final List<RowSource> sources;
  private int current;

  ConcatenatedRows(List<RowSource> sources) {
    this.sources = sources;
  }

  @Override
  public boolean next() throws SQLException {
    while (current < sources.size()) {
      if (sources.get(current).next()) {
        return true;
      }
      current++;
    }
    return false;
  }

  @Override
  public Object[] row() {
    return sources.get(current).row();
  }

  @Override
  public void close() {
    for (RowSource source : sources) {
      source.close();
    }
  }
}
