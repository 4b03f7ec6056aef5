package org.shardjdbc.driver.config;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code readWriteSplitting:}: whether reads may go to the replicas of a data source, and how one is chosen.
 *
 * @param enabled whether reads outside transactions go to replicas; true when the section is written, unless it says
 *     {@code enabled: false}
 * @param loadBalancer how a replica is chosen (default round robin)
 * @param maxReplicationLagMs a replica lagging more than this is skipped, at least 0 (default 1000)
 */
public record ReadWriteSplittingConfig(boolean enabled, LoadBalancer loadBalancer, long maxReplicationLagMs) {
  /** Without a {@code readWriteSplitting:} section: every read goes to the primary. */
  public static final ReadWriteSplittingConfig DISABLED =
      new ReadWriteSplittingConfig(false, LoadBalancer.ROUND_ROBIN, 1000);

  public ReadWriteSplittingConfig {
    Objects.requireNonNull(loadBalancer, "loadBalancer");
    if (maxReplicationLagMs < 0) {
      throw new IllegalArgumentException("maxReplicationLagMs: " + maxReplicationLagMs + " must be at least 0");
    }
  }

  /** How a read chooses among the replicas of a data source. */
  public enum LoadBalancer {
    ROUND_ROBIN,
    RANDOM,
    /** In proportion to {@link ReplicaConfig#weight()}. */
    WEIGHTED;

    /** The name in the file: {@code round_robin}, {@code random}, {@code weighted}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
