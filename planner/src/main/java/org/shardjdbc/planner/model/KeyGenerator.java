package org.shardjdbc.planner.model;

import java.sql.SQLException;

/**
 * Makes shard keys for INSERTs that leave the key out, for tables with {@code keyGenerator:} in the configuration.
 * Implementations are thread-safe and never return a key twice within the keys they promise to keep unique.
 */
public interface KeyGenerator {

  /**
   * @return a new key
   * @throws SQLException when no key can be made now (the clock moved backwards further than the generator waits)
   */
  long nextKey() throws SQLException;
}
