package org.shardjdbc.driver.merge;

import java.sql.SQLException;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A k-way merge of sources that each arrive sorted: holds one row per source, so memory does not grow with the
 * number of rows. Ties go to the earlier source, which keeps the merge stable.
 */
final class SortedMergeRows implements RowSource {
  private final List<RowSource> sources;
  private final PriorityQueue<Head> heads;
  private Head current;
  private boolean started;

  private record Head(int source, Object[] row) {}

  SortedMergeRows(List<RowSource> sources, RowOrder order) {
    this.sources = sources;
    this.heads = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> {
      int result = order.compare(a.row(), b.row());
      return result != 0 ? result : Integer.compare(a.source(), b.source());
    });
  }

  @Override
  public boolean next() throws SQLException {
    if (!started) {
      started = true;
      for (int i = 0; i < sources.size(); i++) {
        advance(i);
      }
    } else if (current != null) {
      advance(current.source());
    }
    current = heads.poll();
    return current != null;
  }

  private void advance(int source) throws SQLException {
    RowSource rows = sources.get(source);
    if (rows.next()) {
      heads.add(new Head(source, rows.row()));
    }
  }

  @Override
  public Object[] row() {
    return current.row();
  }

  @Override
  public void close() {
    for (RowSource source : sources) {
      source.close();
    }
  }
}
