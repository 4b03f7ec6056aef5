package org.shardjdbc.driver.config;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code readWriteSplitting:}: whether reads may go to the replicas of a data source, how one is chosen, and how
 * their replication lag is measured.
 *
 * @param enabled whether reads outside transactions go to replicas; true when the section is written, unless it says
 *     {@code enabled: false}. It can change at run time (see {@code configCheckIntervalMs})
 * @param loadBalancer how a replica is chosen (default round robin)
 * @param maxReplicationLagMs a replica lagging more than this is skipped, at least 0 (default 1000)
 * @param heartbeat the heartbeat that measures the lag ({@code readWriteSplitting.heartbeat})
 * @param configCheckIntervalMs how often the file's modification time is checked for a new {@code enabled},
 *     {@code loadBalancer} or {@code maxReplicationLagMs}; 0 never (default 5000)
 */
public record ReadWriteSplittingConfig(boolean enabled, LoadBalancer loadBalancer, long maxReplicationLagMs,
    Heartbeat heartbeat, long configCheckIntervalMs) {
  /** Without a {@code readWriteSplitting:} section: every read goes to the primary. */
  public static final ReadWriteSplittingConfig DISABLED =
      new ReadWriteSplittingConfig(false, LoadBalancer.ROUND_ROBIN, 1000, Heartbeat.DEFAULT, 5000);

  public ReadWriteSplittingConfig {
    Objects.requireNonNull(loadBalancer, "loadBalancer");
    Objects.requireNonNull(heartbeat, "heartbeat");
    if (maxReplicationLagMs < 0) {
      throw new IllegalArgumentException("maxReplicationLagMs: " + maxReplicationLagMs + " must be at least 0");
    }
    if (configCheckIntervalMs < 0) {
      throw new IllegalArgumentException("configCheckIntervalMs: " + configCheckIntervalMs + " must be at least 0");
    }
  }

  /** A copy with {@code enabled} changed. */
  public ReadWriteSplittingConfig withEnabled(boolean on) {
    return new ReadWriteSplittingConfig(on, loadBalancer, maxReplicationLagMs, heartbeat, configCheckIntervalMs);
  }

  /** How a read chooses among the replicas of a data source. */
  public enum LoadBalancer {
    /** Each replica in turn. */
    ROUND_ROBIN,
    /** A replica chosen at random, each as likely. */
    RANDOM,
    /** Each replica in turn, in proportion to {@link ReplicaConfig#weight()} (smooth weighted round robin). */
    WEIGHTED;

    /** The name in the file: {@code round_robin}, {@code random}, {@code weighted}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * {@code readWriteSplitting.heartbeat}: every {@code intervalMs} the driver writes a row of its own into
   * {@code table} on each primary that has replicas, and reads it back on each replica; how far behind the row a
   * replica is gives its lag in milliseconds.
   *
   * @param table the heartbeat table, {@code name} or {@code database.name} (default {@code shard_heartbeat}); it
   *     must exist on the primaries (and so, replicated, on their replicas) unless {@code createTable} is true
   * @param createTable whether the driver creates the table on each primary ({@code CREATE TABLE IF NOT EXISTS})
   *     when it starts watching its replicas (default false)
   * @param intervalMs how often the heartbeat is written and the replicas are probed, at least 10 (default 500)
   * @param timeoutMs a replica that gives no answer to a probe within this long is taken out, at least 100
   *     (default 2000)
   */
  public record Heartbeat(String table, boolean createTable, long intervalMs, long timeoutMs) {
    /** A table name, optionally qualified by its database. */
    public static final Pattern TABLE_NAME = Pattern.compile("([A-Za-z0-9_$]+\\.)?[A-Za-z0-9_$]+");
    /** The defaults. */
    public static final Heartbeat DEFAULT = new Heartbeat("shard_heartbeat", false, 500, 2000);

    public Heartbeat {
      Objects.requireNonNull(table, "table");
      if (!TABLE_NAME.matcher(table).matches()) {
        throw new IllegalArgumentException("heartbeat table '" + table + "': letters, digits, '_' and '$', with an "
            + "optional database and '.'");
      }
      if (intervalMs < 10 || timeoutMs < 100) {
        throw new IllegalArgumentException("heartbeat intervalMs " + intervalMs + " must be at least 10 and timeoutMs "
            + timeoutMs + " at least 100");
      }
    }
  }
}
