package org.shardjdbc.integrations;

import java.sql.SQLException;
import org.shardjdbc.planner.model.SnowflakeKeyGenerator;

/**
 * Ids the samples make before an INSERT: snowflake keys from the generator, and the worker id, that the driver's
 * {@code keyGenerator: snowflake} uses, so that keys made by either never collide within a process. The items' ids
 * are made here because the driver makes only shard keys ({@code order_id}), and Hibernate batches only INSERTs
 * whose ids it has before it runs them.
 */
public final class ShopIds {
  private static final SnowflakeKeyGenerator KEYS =
      SnowflakeKeyGenerator.forWorker(SnowflakeKeyGenerator.defaultWorkerId());

  private ShopIds() {}

  /**
   * A new id.
   *
   * @throws SQLException when the clock moved backwards further than the generator waits
   */
  public static long next() throws SQLException {
    return KEYS.nextKey();
  }
}
