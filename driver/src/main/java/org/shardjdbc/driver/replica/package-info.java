/**
 * Read/write splitting: the replicas of each data source ({@link org.shardjdbc.driver.replica.DataSourceGroup}), how
 * far behind their primary they are ({@link org.shardjdbc.driver.replica.ReplicationMonitor}), which one a read goes
 * to ({@link org.shardjdbc.driver.replica.ReplicaReads}), and a logical connection's own writes that its reads must
 * see ({@link org.shardjdbc.driver.replica.ReadYourWrites}).
 */
package org.shardjdbc.driver.replica;
