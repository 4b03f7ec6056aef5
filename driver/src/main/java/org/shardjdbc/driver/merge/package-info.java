/**
 * Merge: streaming operators over the shards' result sets (k-way ORDER BY merge, GROUP BY, DISTINCT, LIMIT), and the
 * MySQL-faithful comparison they share: strings by the weights the shards computed
 * ({@link org.shardjdbc.driver.merge.ColumnOrder}), other values by {@link org.shardjdbc.driver.merge.ValueComparator}
 * and, where no weights exist, strings by the few collations the driver knows exactly
 * ({@link org.shardjdbc.driver.merge.Collation}).
 */
package org.shardjdbc.driver.merge;
