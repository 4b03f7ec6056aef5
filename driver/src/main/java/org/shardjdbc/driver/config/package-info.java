/**
 * The configuration step: a YAML file ({@code jdbc:shard:shop.yaml}) read, checked and turned into a
 * {@link org.shardjdbc.planner.model.ShardingModel} and the settings of the data sources. The entry point is
 * {@link org.shardjdbc.driver.config.ShardConfig#load(String)}; every problem is an {@link java.sql.SQLException}
 * naming the file, the key and the value.
 */
package org.shardjdbc.driver.config;
