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
  private static final Map<Key, ShardRuntime> RUNTIMES = new ConcurrentHashMap<>();

  /**
   * A runtime's location and overrides. Looking one up allocates nothing that escapes and hashes nothing new for a
   * {@link org.shardjdbc.driver.jdbc.ShardDataSource}, whose location string keeps its hash code: a logical connection
   * is opened per unit of work, as cheaply as a pooled one.
   */
  private record Key(String location, Map<String, String> overrides) {}

  private ShardRuntimes() {}

  /**
   * @param location the config location as in the URL
   * @param overrides props given in the URL or Properties, overriding the file's
   * @throws SQLException also when a library on the class path is not the version the driver needs (a
   *     {@link LinkageError} such as {@link NoSuchMethodError}), naming the class and the jar it came from
   */
  public static ShardRuntime get(String location, Map<String, String> overrides) throws SQLException {
    ShardRuntime runtime = RUNTIMES.get(new Key(location, overrides));
    if (runtime != null) {
      return runtime;
    }
    synchronized (RUNTIMES) {
      // the overrides of a data source can change after this: the key keeps them as they are now
      Key key = new Key(location, Map.copyOf(overrides));
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
      if (entry.getKey().location().equals(location)) {
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
