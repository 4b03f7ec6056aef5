/**
 * Runs federated plans: scans through the query executor, and hash joins, aggregates, sorts, set operations and window
 * functions over their rows with MySQL's comparisons and types, within a memory bound
 * ({@link org.shardjdbc.driver.federate.FederatedExecutor}); and the servers' answers federation plans with
 * ({@link org.shardjdbc.driver.federate.ServerSchemaReader}).
 */
package org.shardjdbc.driver.federate;
