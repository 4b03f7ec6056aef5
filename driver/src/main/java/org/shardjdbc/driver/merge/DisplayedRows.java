package org.shardjdbc.driver.merge;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.IntStream;
import org.shardjdbc.planner.merge.ColumnMerge;

/**
 * Gives the values the merge computed the types and decimals of their columns, as the server converts a value when
 * it stores a grouped row or sends it: an AVG of DECIMAL(12,2), held with the nine-digit quotient that HAVING and
 * expressions read, is shown with 6 decimals. Later steps (ORDER BY, DISTINCT) and the caller see these values.
 */
final class DisplayedRows implements RowSource {
  private final RowSource input;
  private final int[] computedColumns;
  private final MergeColumns columns;
  private Object[] current;

  DisplayedRows(RowSource input, List<ColumnMerge> merges, MergeColumns columns) {
    this.input = input;
    this.columns = columns;
    this.computedColumns = IntStream.range(0, merges.size())
        .filter(i -> computedByTheMerge(merges.get(i))).toArray();
  }

  private static boolean computedByTheMerge(ColumnMerge merge) {
    return !(merge instanceof ColumnMerge.First || merge instanceof ColumnMerge.Sum || merge instanceof ColumnMerge.Count
        || merge instanceof ColumnMerge.Min || merge instanceof ColumnMerge.Max);
  }

  @Override
  public boolean next() throws SQLException {
    if (!input.next()) {
      return false;
    }
    Object[] row = input.row(); // a merged row of its own, which no earlier step reads again
    for (int column : computedColumns) {
      row[column] = columns.coerce(row[column], column);
    }
    current = row;
    return true;
  }

  @Override
  public Object[] row() {
    return current;
  }

  @Override
  public void close() {
    input.close();
  }
}
