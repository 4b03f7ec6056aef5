package org.shardjdbc.integrations.flyway;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The shop's schema as Flyway migrations ({@code classpath:db/migration}), applied through the driver: each
 * {@code CREATE TABLE} and {@code CREATE INDEX} on a sharded table runs on every physical table, and Flyway's own
 * {@code flyway_schema_history} is an unsharded table on the default data source.
 */
public final class ShopMigrations {
  private ShopMigrations() {}

  /** Flyway over the driver's data source, with the shop's migrations. */
  public static Flyway flyway(DataSource dataSource) {
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
  }

  /**
   * Applies the migrations not yet applied.
   *
   * @return Flyway's result: the migrations it ran
   */
  public static MigrateResult migrate(DataSource dataSource) {
    return flyway(dataSource).migrate();
  }
}
