package org.shardjdbc.driver.config;

import java.util.Objects;

/**
 * A read replica of a data source ({@code dataSources.h1.replicas[0]}).
 *
 * @param url the JDBC URL of the replica
 * @param weight its share of reads under the weighted load balancer, at least 1 (default 1)
 * @param username the user on the replica; the primary's unless given
 * @param password the password on the replica; the primary's unless given
 */
public record ReplicaConfig(String url, int weight, String username, String password) {
  public ReplicaConfig {
    Objects.requireNonNull(url, "url");
    if (weight < 1) {
      throw new IllegalArgumentException("replica weight " + weight + ": must be at least 1");
    }
  }

  @Override
  public String toString() {
    return "ReplicaConfig[url=" + DataSourceConfig.maskUrl(url) + ", weight=" + weight + ", username=" + username
        + ", password=" + (password == null ? null : DataSourceConfig.MASK) + "]";
  }
}
