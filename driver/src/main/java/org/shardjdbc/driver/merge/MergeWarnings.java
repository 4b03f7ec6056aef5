package org.shardjdbc.driver.merge;

import java.sql.SQLWarning;

/**
 * The warnings the merge raises while it computes rows, as the server would have raised them for the same query on
 * one table (a GROUP_CONCAT value cut at {@code group_concat_max_len}); read through the statement's
 * {@code getWarnings()} as mysql-connector-j reports the server's.
 */
public final class MergeWarnings {
  private SQLWarning first;
  private SQLWarning last;

  void add(SQLWarning warning) {
    if (first == null) {
      first = warning;
    } else {
      last.setNextWarning(warning);
    }
    last = warning;
  }

  /** The first warning, chained to the others; null when there are none. */
  public SQLWarning first() {
    return first;
  }

  /** Forgets the warnings raised so far. */
  public void clear() {
    first = null;
    last = null;
  }
}
