package org.shardjdbc.driver.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.shardjdbc.planner.model.SnowflakeKeyGenerator;

/**
 * The driver's settings ({@code props:} in the file, overridden by URL parameters and connection properties), parsed
 * and checked.
 *
 * @param maxConcurrencyPerDataSource physical statements in flight per data source for one logical statement, at
 *     least 1 (default 8)
 * @param sqlLog whether to log logical SQL, routes and physical SQL (default false)
 * @param planCache how many analyzed statements to keep, in how much memory, and whether by their shape
 * @param snowflakeWorkerId the worker id in the keys of {@code keyGenerator: snowflake}, 0..1023, distinct for every
 *     process that inserts into the same tables; -1 (the default) derives one from the host name and process id
 *     ({@link SnowflakeKeyGenerator#defaultWorkerId()})
 * @param resilience timeouts, and how a sick data source is told from a healthy one
 * @param federationMemoryLimit bytes one query that needs rows of several shards at once may hold in the driver's hash
 *     tables, sorts, groups and windows, at least 1 MB (default 256 MB; written with an optional KB, MB or GB)
 * @param sqlLogParameters whether the SQL log shows parameter values; when false it shows {@code ?} for each (default
 *     false)
 * @param federationJoinKeyLimit the most distinct keys of a join's smaller input that a query needing rows of several
 *     shards at once passes to the other input's scan as {@code column IN (…)} (default 1024; 0 never passes them)
 */
public record ShardProperties(int maxConcurrencyPerDataSource, boolean sqlLog, PlanCacheSettings planCache,
    int snowflakeWorkerId, ResilienceSettings resilience, long federationMemoryLimit, boolean sqlLogParameters,
    int federationJoinKeyLimit) {
  /** The names of the properties, as written in {@code props:}. */
  public static final List<String> NAMES = names();
  private static final long MB = 1024 * 1024;
  public static final ShardProperties DEFAULTS = new ShardProperties(8, false, PlanCacheSettings.DEFAULTS, -1,
      ResilienceSettings.DEFAULTS, 256 * MB, false, 1024);
  /**
   * The most keys a join may pass. When they are not the scanned table's shard key, every table's statement holds them
   * all, and a server's statements go to it as one: beyond a few thousand keys a server-side prepared statement nears
   * MySQL's 65,535 placeholders, and the servers' index lookups cost more than the scan they replace.
   */
  private static final int MAX_JOIN_KEYS = 4096;

  public ShardProperties {
    if (maxConcurrencyPerDataSource < 1) {
      throw new IllegalArgumentException("maxConcurrencyPerDataSource: '" + maxConcurrencyPerDataSource
          + "' must be at least 1");
    }
    Objects.requireNonNull(planCache, "planCache");
    if (snowflakeWorkerId < -1 || snowflakeWorkerId > SnowflakeKeyGenerator.MAX_WORKER_ID) {
      throw new IllegalArgumentException("snowflakeWorkerId: '" + snowflakeWorkerId + "' must be 0.."
          + SnowflakeKeyGenerator.MAX_WORKER_ID);
    }
    Objects.requireNonNull(resilience, "resilience");
    if (federationMemoryLimit < MB) {
      throw new IllegalArgumentException("federationMemoryLimit: '" + federationMemoryLimit + "' must be at least 1MB");
    }
    if (federationJoinKeyLimit < 0 || federationJoinKeyLimit > MAX_JOIN_KEYS) {
      throw new IllegalArgumentException("federationJoinKeyLimit: '" + federationJoinKeyLimit + "' must be 0.."
          + MAX_JOIN_KEYS);
    }
  }

  /** The properties with the default federation memory limit and join key limit. */
  public ShardProperties(int maxConcurrencyPerDataSource, boolean sqlLog, PlanCacheSettings planCache,
      int snowflakeWorkerId, ResilienceSettings resilience, boolean sqlLogParameters) {
    this(maxConcurrencyPerDataSource, sqlLog, planCache, snowflakeWorkerId, resilience, DEFAULTS.federationMemoryLimit,
        sqlLogParameters, DEFAULTS.federationJoinKeyLimit);
  }

  /** The snowflake worker id to use: the configured one, else the one derived from host name and process id. */
  public int workerId() {
    return snowflakeWorkerId >= 0 ? snowflakeWorkerId : SnowflakeKeyGenerator.defaultWorkerId();
  }

  private static List<String> names() {
    List<String> names = new ArrayList<>(List.of("maxConcurrencyPerDataSource", "sqlLog"));
    names.addAll(PlanCacheSettings.NAMES);
    names.addAll(List.of("snowflakeWorkerId", "federationMemoryLimit", "federationJoinKeyLimit",
        "sqlLogParameters"));
    names.addAll(ResilienceSettings.NAMES);
    return List.copyOf(names);
  }

  /**
   * The properties from their text; missing ones take their defaults.
   *
   * @throws IllegalArgumentException with a message {@code <name>: <problem>} for an unknown name (listing the known
   *     ones) or a value that is not valid
   */
  public static ShardProperties of(Map<String, String> props) {
    for (String name : props.keySet()) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(name + ": unknown property (known: " + String.join(", ", NAMES) + ")");
      }
    }
    long maxConcurrency = integer(props, "maxConcurrencyPerDataSource", DEFAULTS.maxConcurrencyPerDataSource, 1);
    atMost("maxConcurrencyPerDataSource", maxConcurrency, Integer.MAX_VALUE);
    long workerId = integer(props, "snowflakeWorkerId", DEFAULTS.snowflakeWorkerId, 0);
    atMost("snowflakeWorkerId", workerId, SnowflakeKeyGenerator.MAX_WORKER_ID);
    long joinKeyLimit = integer(props, "federationJoinKeyLimit", DEFAULTS.federationJoinKeyLimit, 0);
    atMost("federationJoinKeyLimit", joinKeyLimit, MAX_JOIN_KEYS);
    return new ShardProperties((int) maxConcurrency, bool(props, "sqlLog", DEFAULTS.sqlLog),
        PlanCacheSettings.of(props), (int) workerId, ResilienceSettings.of(props),
        bytes(props, "federationMemoryLimit", DEFAULTS.federationMemoryLimit),
        bool(props, "sqlLogParameters", DEFAULTS.sqlLogParameters), (int) joinKeyLimit);
  }

  /** A size in bytes: a whole number, optionally followed by KB, MB or GB. */
  private static long bytes(Map<String, String> props, String name, long defaultValue) {
    String text = props.get(name);
    if (text == null) {
      return defaultValue;
    }
    String value = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    for (String[] suffix : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}}) {
      if (value.endsWith(suffix[0])) {
        unit = Long.parseLong(suffix[1]);
        value = value.substring(0, value.length() - 2).trim();
        break;
      }
    }
    long number;
    try {
      number = Math.multiplyExact(Long.parseLong(value), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(name + ": '" + text + "' is not a size (a whole number of bytes, or with KB, MB or GB)");
    }
    if (number < MB) {
      throw new IllegalArgumentException(name + ": '" + text + "' must be at least 1MB");
    }
    return number;
  }

  static long integer(Map<String, String> props, String name, long defaultValue, long min) {
    String text = props.get(name);
    if (text == null) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + text + "' is not an integer");
    }
    if (value < min) {
      throw new IllegalArgumentException(name + ": '" + text + "' must be at least " + min);
    }
    return value;
  }

  static void atMost(String name, long value, long max) {
    if (value > max) {
      throw new IllegalArgumentException(name + ": '" + value + "' must be at most " + max);
    }
  }

  static boolean bool(Map<String, String> props, String name, boolean defaultValue) {
    String text = props.get(name);
    if (text == null) {
      return defaultValue;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(name + ": '" + text + "' is not true or false");
    }
  }
}
