package org.shardjdbc.driver.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A read replica of a data source ({@code dataSources.h1.replicas[0]}).
 *
 * @param name the replica's name in messages and pool names, its place in the file: {@code h1.replicas[0]}
 * @param url the JDBC URL of the replica
 * @param weight its share of reads under the weighted load balancer, at least 1 (default 1)
 * @param username the user on the replica; the primary's unless given
 * @param password the password on the replica; the primary's unless given
 * @param pool HikariCP properties by name, as text; the primary's unless given
 */
public record ReplicaConfig(String name, String url, int weight, String username, String password,
    Map<String, String> pool) {
  public ReplicaConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    if (weight < 1) {
      throw new IllegalArgumentException("replica weight " + weight + ": must be at least 1");
    }
    pool = Collections.unmodifiableMap(new LinkedHashMap<>(pool));
  }

  @Override
  public String toString() {
    Map<String, String> maskedPool = new LinkedHashMap<>();
    pool.forEach((key, value) -> maskedPool.put(key, DataSourceConfig.isSecret(key) ? DataSourceConfig.MASK : value));
    return "ReplicaConfig[name=" + name + ", url=" + DataSourceConfig.maskUrl(url) + ", weight=" + weight
        + ", username=" + username + ", password=" + (password == null ? null : DataSourceConfig.MASK) + ", pool="
        + maskedPool + "]";
  }
}
