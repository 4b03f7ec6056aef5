package org.shardjdbc.driver.merge;

import java.util.Comparator;
import java.util.List;

/** Compares rows by sort keys as MySQL orders them: each column's collation, NULLs first ascending, last descending. */
final class RowOrder implements Comparator<Object[]> {
  private final int[] columns;
  private final boolean[] descending;
  private final ValueComparator[] comparators;

  /**
   * @param columns the 0-based columns of the keys
   * @param descending per key
   * @param comparators per column of the row
   */
  RowOrder(int[] columns, boolean[] descending, List<ValueComparator> comparators) {
    this.columns = columns;
    this.descending = descending;
    this.comparators = new ValueComparator[columns.length];
    for (int i = 0; i < columns.length; i++) {
      this.comparators[i] = comparators.get(columns[i]);
    }
  }

  @Override
  public int compare(Object[] a, Object[] b) {
    for (int i = 0; i < columns.length; i++) {
      int order = comparators[i].compare(a[columns[i]], b[columns[i]]);
      if (order != 0) {
        return descending[i] ? -order : order;
      }
    }
    return 0;
  }
}
