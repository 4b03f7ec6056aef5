package org.shardjdbc.driver.config;

import java.util.List;
import java.util.Map;

/**
 * How long the driver waits on a server, and how it tells a sick server from a healthy one ({@code props:}, SPEC §3).
 * The timeouts of the pools and physical connections apply to every data source unless its {@code pool:} (HikariCP
 * {@code connectionTimeout}, {@code validationTimeout}, {@code dataSource.connectTimeout},
 * {@code dataSource.socketTimeout}) or its URL sets them.
 *
 * @param connectTimeoutMs TCP connect to a server (mysql-connector-j {@code connectTimeout}); 0 waits for ever
 *     (default 3000)
 * @param socketTimeoutMs a read on a physical connection that waits longer breaks the connection (mysql-connector-j
 *     {@code socketTimeout}); 0, the default, sets none: query timeouts and the health probe end reads from a frozen
 *     server, while a long query on a healthy one may run as long as it needs
 * @param connectionTimeoutMs waiting for a connection of a data source's pool (HikariCP {@code connectionTimeout}), at
 *     least 250 (default 5000)
 * @param validationTimeoutMs checking an idle pooled connection before lending it (HikariCP
 *     {@code validationTimeout}), at least 250 and less than connectionTimeoutMs (default half of connectionTimeoutMs,
 *     at least 250: 2500). Not shorter: a connection whose check runs out is closed and must be made again, and a
 *     busy server is not a sick one. In a benchmark run (deep page queries at 16 threads over 8 servers, 2 saturated
 *     cores) checks with 1000 closed healthy connections by the dozen when a burst of queries began, HikariCP made
 *     them again one at a time, and statements waited past connectionTimeoutMs; frozen servers are found by the
 *     health monitor, not by these checks
 * @param cancelTimeoutMs after a query timeout or {@code cancel()}, how long the server gets to answer the cancel
 *     before the statement's connection is closed under it (default 2000)
 * @param healthFailureThreshold consecutive failures to get a connection, or cancels the server did not answer, after
 *     which a data source is unavailable: statements that need it fail at once (default 3)
 * @param healthProbeIntervalMs how often a data source is probed while it is unavailable, or while a statement has been
 *     waiting on it for longer than this with no other statement finishing and no row arriving, at least 100 (default
 *     500)
 * @param healthProbeTimeoutMs how long a probe (a new connection and {@code SELECT 1}) may take before the data source
 *     counts as unavailable, unless its statements kept sending rows or finishing meanwhile, at least 100 (default
 *     5000: a busy server or client must not pass for a frozen one)
 */
public record ResilienceSettings(long connectTimeoutMs, long socketTimeoutMs, long connectionTimeoutMs,
    long validationTimeoutMs, long cancelTimeoutMs, int healthFailureThreshold, long healthProbeIntervalMs,
    long healthProbeTimeoutMs) {
  /** The names of the settings, as written in {@code props:}. */
  static final List<String> NAMES = List.of("connectTimeoutMs", "socketTimeoutMs", "connectionTimeoutMs",
      "validationTimeoutMs", "cancelTimeoutMs", "healthFailureThreshold", "healthProbeIntervalMs",
      "healthProbeTimeoutMs");
  /** HikariCP refuses connection and validation timeouts below this. */
  private static final long HIKARI_MIN_TIMEOUT_MS = 250;
  public static final ResilienceSettings DEFAULTS = new ResilienceSettings(3000, 0, 5000, defaultValidationTimeoutMs(5000), 2000,
      3, 500, 5000);

  public ResilienceSettings {
    atLeast("connectTimeoutMs", connectTimeoutMs, 0);
    atLeast("socketTimeoutMs", socketTimeoutMs, 0);
    atLeast("connectionTimeoutMs", connectionTimeoutMs, HIKARI_MIN_TIMEOUT_MS);
    atLeast("validationTimeoutMs", validationTimeoutMs, HIKARI_MIN_TIMEOUT_MS);
    atLeast("cancelTimeoutMs", cancelTimeoutMs, 0);
    atLeast("healthFailureThreshold", healthFailureThreshold, 1);
    atLeast("healthProbeIntervalMs", healthProbeIntervalMs, 100);
    atLeast("healthProbeTimeoutMs", healthProbeTimeoutMs, 100);
    if (validationTimeoutMs >= connectionTimeoutMs) {
      throw new IllegalArgumentException("validationTimeoutMs: '" + validationTimeoutMs
          + "' must be less than connectionTimeoutMs (" + connectionTimeoutMs + ")");
    }
  }

  private static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + ": '" + value + "' must be at least " + min);
    }
  }

  /** The check of an idle connection when none is set: half of the wait for a connection, at least 250 ms. */
  public static long defaultValidationTimeoutMs(long connectionTimeoutMs) {
    return Math.max(HIKARI_MIN_TIMEOUT_MS, connectionTimeoutMs / 2);
  }

  /** The settings from {@code props:} text; missing ones take their defaults. Unknown names are not checked here. */
  static ResilienceSettings of(Map<String, String> props) {
    long connectTimeout = ShardProperties.integer(props, "connectTimeoutMs", DEFAULTS.connectTimeoutMs, 0);
    long socketTimeout = ShardProperties.integer(props, "socketTimeoutMs", DEFAULTS.socketTimeoutMs, 0);
    long connectionTimeout = ShardProperties.integer(props, "connectionTimeoutMs", DEFAULTS.connectionTimeoutMs,
        HIKARI_MIN_TIMEOUT_MS);
    long validationTimeout = ShardProperties.integer(props, "validationTimeoutMs",
        defaultValidationTimeoutMs(connectionTimeout), HIKARI_MIN_TIMEOUT_MS);
    long cancelTimeout = ShardProperties.integer(props, "cancelTimeoutMs", DEFAULTS.cancelTimeoutMs, 0);
    long failureThreshold = ShardProperties.integer(props, "healthFailureThreshold", DEFAULTS.healthFailureThreshold, 1);
    long probeInterval = ShardProperties.integer(props, "healthProbeIntervalMs", DEFAULTS.healthProbeIntervalMs, 100);
    long probeTimeout = ShardProperties.integer(props, "healthProbeTimeoutMs", DEFAULTS.healthProbeTimeoutMs, 100);
    ShardProperties.atMost("connectTimeoutMs", connectTimeout, Integer.MAX_VALUE);
    ShardProperties.atMost("socketTimeoutMs", socketTimeout, Integer.MAX_VALUE);
    ShardProperties.atMost("healthFailureThreshold", failureThreshold, Integer.MAX_VALUE);
    return new ResilienceSettings(connectTimeout, socketTimeout, connectionTimeout, validationTimeout, cancelTimeout,
        (int) failureThreshold, probeInterval, probeTimeout);
  }
}
