package org.shardjdbc.driver.merge;

/**
 * The state of one aggregate over the partial rows of one group, for merges that need more than a running value:
 * fed every partial row of the group (the first one included), then asked for the group's value.
 */
interface GroupAccumulator {

  /** Takes one shard's partial row of the group. */
  void add(Object[] row);

  /** The aggregate's value for the group, in the form its column's values take; null for SQL NULL. */
  Object result();
}
