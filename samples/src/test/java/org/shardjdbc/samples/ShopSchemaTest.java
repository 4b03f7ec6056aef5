package org.shardjdbc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shop loaded onto an embedded MariaDB through plain JDBC, as the demo does before it uses the driver. */
class ShopSchemaTest {
  private static EmbeddedShop shop;
  private static ShopLayout layout;
  private static ShopData data;

  @BeforeAll
  static void load() throws Exception {
    shop = EmbeddedShop.start(Path.of("target", "embedded-mariadb"));
    layout = ShopLayout.read(shop.configFile());
    data = ShopData.generate(ShopData.DEFAULT_ORDERS, ShopDemo.SEED);
    ShopSchema.load(layout, data);
    try (Connection reference = DriverManager.getConnection(shop.referenceUrl(), "root", "")) {
      ShopSchema.loadUnsharded(reference, data);
    }
  }

  @AfterAll
  static void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  private static Connection connect(String dataSource) throws SQLException {
    ShopLayout.PhysicalSource source = layout.dataSource(dataSource);
    return DriverManager.getConnection(source.url(), source.username(), source.password());
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet resultSet = statement.executeQuery(sql)) {
      resultSet.next();
      return resultSet.getLong(1);
    }
  }

  @Test
  void load_placesEveryOrderAndItsItemsOnTheShardOfItsId() throws SQLException {
    long orders = 0;
    long items = 0;
    for (ShopLayout.PhysicalSource source : layout.dataSources()) {
      try (Connection connection = connect(source.name()); Statement statement = connection.createStatement()) {
        for (int shard = 0; shard < layout.shardCount(); shard++) {
          ShopLayout.Node node = layout.orders().get(shard);
          if (!node.dataSource().equals(source.name())) {
            continue;
          }
          String misplaced = "SELECT COUNT(*) FROM %s WHERE MOD(order_id, 128) <> " + shard;
          assertEquals(0, count(statement, String.format(misplaced, node.table())), node.toString());
          assertEquals(0, count(statement, String.format(misplaced, layout.orderItems().get(shard).table())));
          orders += count(statement, "SELECT COUNT(*) FROM " + node.table());
          items += count(statement, "SELECT COUNT(*) FROM " + layout.orderItems().get(shard).table());
        }
      }
    }
    assertEquals(20_000, orders);
    assertEquals(50_000, items);
  }

  @Test
  void load_putsCountriesEverywhereAndCustomersOnTheDefaultDataSourceOnly() throws SQLException {
    for (ShopLayout.PhysicalSource source : layout.dataSources()) {
      try (Connection connection = connect(source.name()); Statement statement = connection.createStatement()) {
        assertEquals(data.countries().size(), count(statement, "SELECT COUNT(*) FROM countries"), source.name());
        assertEquals(source.name().equals("h1") ? 1 : 0, count(statement,
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'customers'"));
      }
    }
  }

  /** What every demo query returns on one unsharded database: the rows the driver must give too. */
  @Test
  void everyDemoQuery_runsOnTheUnshardedCopy() throws SQLException {
    Map<String, Integer> expectedRows = Map.of(
        "Point select", 1, "IN list", 5, "Bound join", 3, "Join with the broadcast", 8, "COUNT, SUM", 1,
        "GROUP BY status", 5, "The 10 newest", 10, "A deep page", 5, "MyBatis", 1, "The unsharded table", 1);
    try (Connection reference = DriverManager.getConnection(shop.referenceUrl(), "root", "")) {
      for (DemoQuery query : ShopQueries.all()) {
        QueryResult result = QueryResult.run(reference, "", query);
        assertFalse(result.rows().isEmpty(), query.toString());
        expectedRows.forEach((title, rows) -> {
          if (query.title().startsWith(title)) {
            assertEquals(rows, result.rows().size(), query.toString());
          }
        });
      }
    }
  }

  @Test
  void theOrdersOfOneCustomerAreSpreadOverManyShards() throws SQLException {
    List<Long> ids = data.orders().stream().filter(order -> order.customerId() == 42)
        .map(ShopData.Order::orderId).toList();
    long dataSources = ids.stream().map(id -> layout.orders().get(layout.shardOf(id)).dataSource())
        .collect(Collectors.toSet()).size();

    assertEquals(8, dataSources, "customer 42's orders " + ids);
  }
}
