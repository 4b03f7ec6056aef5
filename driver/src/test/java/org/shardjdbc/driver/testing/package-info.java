/**
 * Test infrastructure over real MySQL-compatible servers: {@link org.shardjdbc.driver.testing.TestServers} (an
 * embedded MariaDB or SHARD_TEST_MYSQL_URL), {@link org.shardjdbc.driver.testing.ShardLayout} (databases, physical
 * tables and the YAML configuration), {@link org.shardjdbc.driver.testing.ShopData} and
 * {@link org.shardjdbc.driver.testing.DifferentialDatabase} (the same rows sharded and unsharded), and the differential
 * corpus ({@link org.shardjdbc.driver.testing.Corpus}, {@link org.shardjdbc.driver.testing.QueryResult}), and
 * {@link org.shardjdbc.driver.testing.TcpProxy} in front of a server that stops taking new connections.
 */
package org.shardjdbc.driver.testing;
