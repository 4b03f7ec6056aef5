package org.shardjdbc.driver.config;

import java.util.List;
import java.util.Map;

/**
 * How many analyzed statements the driver keeps, and how much memory they may hold ({@code props:}, SPEC §3).
 *
 * @param maxEntries how many plans to keep at most, at least 0 (default 10000); 0 keeps none
 * @param maxBytes the memory the plans may hold, as estimated from their statements' length, at least 0; -1 (the
 *     default) takes a sixteenth of the JVM's maximum heap, at most 64 MB: 4 MB in a 64 MB heap
 * @param shapes whether statements that differ only in literals ({@code WHERE order_id = 1}, {@code = 2}) share one
 *     plan, the literals bound as parameters (default true)
 */
public record PlanCacheSettings(long maxEntries, long maxBytes, boolean shapes) {
  /** The names of the settings, as written in {@code props:}. */
  static final List<String> NAMES = List.of("planCacheSize", "planCacheMaxBytes", "planCacheShapes");
  public static final PlanCacheSettings DEFAULTS = new PlanCacheSettings(10_000, -1, true);
  private static final long MAX_DEFAULT_BYTES = 64L << 20;

  public PlanCacheSettings {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("planCacheSize: '" + maxEntries + "' must be at least 0");
    }
    if (maxBytes < -1) {
      throw new IllegalArgumentException("planCacheMaxBytes: '" + maxBytes + "' must be at least 0");
    }
  }

  /** The memory the plans may hold: the configured bound, else a sixteenth of the maximum heap, at most 64 MB. */
  public long effectiveMaxBytes() {
    return maxBytes >= 0 ? maxBytes : Math.min(MAX_DEFAULT_BYTES, Runtime.getRuntime().maxMemory() / 16);
  }

  static PlanCacheSettings of(Map<String, String> props) {
    return new PlanCacheSettings(ShardProperties.integer(props, "planCacheSize", DEFAULTS.maxEntries, 0),
        ShardProperties.integer(props, "planCacheMaxBytes", DEFAULTS.maxBytes, 0),
        ShardProperties.bool(props, "planCacheShapes", DEFAULTS.shapes));
  }
}
