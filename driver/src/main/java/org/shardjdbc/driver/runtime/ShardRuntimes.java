package org.shardjdbc.driver.runtime;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shardjdbc.driver.config.ShardConfig;

/**
 * The runtimes of this JVM, one per configuration location and property overrides (SPEC §2): created on first use,
 * kept until closed, so that opening a logical connection is as cheap as borrowing from a pool.
 */
public final class ShardRuntimes {
  private static final Map<String, ShardRuntime> RUNTIMES = new ConcurrentHashMap<>();

  private ShardRuntimes() {}

  /**
   * @param location the config location as in the URL
   * @param overrides props given in the URL or Properties, overriding the file's
   * @throws SQLException also when a library on the class path is not the version the driver needs (a
   *     {@link LinkageError} such as {@link NoSuchMethodError}), naming the class and the jar it came from
   */
  public static ShardRuntime get(String location, Map<String, String> overrides) throws SQLException {
    String key = location + overrides;
    ShardRuntime runtime = RUNTIMES.get(key);
    if (runtime != null) {
      return runtime;
    }
    synchronized (RUNTIMES) {
      runtime = RUNTIMES.get(key);
      if (runtime == null) {
        try {
          ParserWarmUp.start();
          ShardConfig config = ShardConfig.load(location);
          if (!overrides.isEmpty()) {
            config = config.withOverrides(overrides);
          }
          runtime = new ShardRuntime(config);
        } catch (LinkageError e) {
          throw DependencyConflict.of(location, e);
        } catch (RuntimeException e) {
          throw new SQLException(location + ": cannot start the driver: " + e, "08001", e);
        }
        RUNTIMES.put(key, runtime);
      }
      return runtime;
    }
  }

  /** Closes and forgets the runtime of a configuration location, with any overrides. */
  public static void close(String location) {
    RUNTIMES.entrySet().removeIf(entry -> {
      if (entry.getKey().startsWith(location + "{")) {
        entry.getValue().close();
        return true;
      }
      return false;
    });
  }

  /** Closes every runtime of this JVM. */
  public static void closeAll() {
    RUNTIMES.values().forEach(ShardRuntime::close);
    RUNTIMES.clear();
  }
}
