/**
 * Merge: streaming operators over the shards' result sets (k-way ORDER BY merge, GROUP BY, DISTINCT, LIMIT), and the
 * MySQL-faithful comparison they share ({@link org.shardjdbc.driver.merge.Collation},
 * {@link org.shardjdbc.driver.merge.ValueComparator}).
 */
package org.shardjdbc.driver.merge;
