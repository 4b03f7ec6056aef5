package org.shardjdbc.integrations.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.integrations.ShardedShop;
import org.shardjdbc.planner.model.DataNode;

/** Flyway migrations applied through the driver create every physical table and keep their history on h0. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlywayTest {
  private ShardedShop shop;
  private MigrateResult firstRun;

  @BeforeAll
  void migrate() throws Exception {
    shop = ShardedShop.create("it_flyway_h");
    firstRun = ShopMigrations.migrate(shop.dataSource());
  }

  @AfterAll
  void close() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void migrate_createsEveryPhysicalTableAndTheHistoryOnTheDefaultDataSource() throws Exception {
    assertEquals(2, firstRun.migrationsExecuted);
    TreeSet<String> expected = shop.expectedPhysicalTables("orders", "order_items");
    expected.add("h0.flyway_schema_history");
    assertEquals(expected, shop.physicalTables());
  }

  @Test
  void migrate_indexesEveryPhysicalTable() throws Exception {
    for (DataNode node : shop.layout().physicalTables("orders")) {
      ShardLayout.DataSource source = shop.layout().dataSource(node.dataSource());
      try (Connection connection = source.server().connect(source.database());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.statistics"
              + " WHERE table_schema = DATABASE() AND table_name = '" + node.table()
              + "' AND index_name = 'idx_orders_customer'")) {
        rows.next();
        assertEquals(2, rows.getInt(1), node.toString());
      }
    }
  }

  @Test
  void migrateAgain_runsNothingAndValidates() {
    Flyway flyway = ShopMigrations.flyway(shop.dataSource());

    assertEquals(0, flyway.migrate().migrationsExecuted);
    assertTrue(flyway.validateWithResult().validationSuccessful);
    List<String> states = java.util.Arrays.stream(flyway.info().all())
        .map(info -> info.getVersion() + " " + info.getState()).toList();
    assertEquals(List.of("1 " + MigrationState.SUCCESS, "2 " + MigrationState.SUCCESS), states);
  }

  /** Flyway restores a session with {@code SET foreign_key_checks=?, sql_safe_updates=?}. */
  @Test
  void preparedSet_takesItsParametersOnTheLogicalConnection() throws Exception {
    try (Connection connection = shop.dataSource().getConnection()) {
      try (PreparedStatement set = connection.prepareStatement("SET foreign_key_checks=?, sql_safe_updates=?")) {
        set.setInt(1, 0);
        set.setInt(2, 1);
        set.execute();
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT @@foreign_key_checks, @@sql_safe_updates")) {
        rows.next();
        assertEquals(0, rows.getInt(1));
        assertEquals(1, rows.getInt(2));
      }
    }
  }

  @Test
  void migratedTables_takeWritesThroughTheDriver() throws Exception {
    try (Connection connection = shop.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      assertEquals(3, statement.executeUpdate("INSERT INTO orders (order_id, customer_id, status, total, created_at)"
          + " VALUES (1, 1, 'NEW', 1, NOW()), (2, 1, 'NEW', 2, NOW()), (7, 2, 'NEW', 7, NOW())"));
      try (ResultSet rows = statement.executeQuery("SELECT SUM(total), COUNT(*) FROM orders")) {
        rows.next();
        assertEquals(10, rows.getInt(1));
        assertEquals(3, rows.getInt(2));
      }
    }
    assertEquals(List.of(7L), shop.physicalKeys(shop.layout().nodeOf("orders", 7L), "order_id"));
  }

}
