package org.shardjdbc.integrations.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.integrations.ShardedShop;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Boot configured by {@code application.properties} alone (HikariCP in front of {@code jdbc:shard:}), its
 * {@code JdbcTemplate} and {@code @Transactional}; and Spring's JDBC support on the driver's own data source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringTest {
  private ShardedShop shop;
  private ConfigurableApplicationContext context;
  private OrderService orders;

  @BeforeAll
  void startApplication() throws Exception {
    shop = ShardedShop.create("it_spring_h");
    context = SpringApplication.run(SpringShop.class, "--SHOP_CONFIG=" + shop.layout().configFile());
    orders = context.getBean(OrderService.class);
  }

  @AfterAll
  void close() {
    if (context != null) {
      context.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void boot_putsItsHikariPoolInFrontOfTheDriver() throws Exception {
    HikariDataSource pool = (HikariDataSource) context.getBean(DataSource.class);
    assertEquals("shop", pool.getPoolName());
    assertEquals("jdbc:shard:" + shop.layout().configFile(), pool.getJdbcUrl());
    try (var connection = pool.getConnection()) {
      assertTrue(connection.isWrapperFor(ShardConnection.class));
    }
  }

  @Test
  void boot_appliesTheFlywayMigrationsThroughTheDriver() throws Exception {
    TreeSet<String> expected = shop.expectedPhysicalTables("orders", "order_items");
    expected.add("h0.flyway_schema_history");
    assertEquals(expected, shop.physicalTables());
  }

  @Test
  void transactional_commitsAnOrderAndItsItemsOnTheirShard() throws Exception {
    long id = orders.placeOrder(11, List.of(new OrderService.Line("a", 1, new BigDecimal("1.00")),
        new OrderService.Line("b", 2, new BigDecimal("3.00"))));

    assertEquals(List.of(id), shop.physicalKeys(shop.layout().nodeOf("orders", id), "order_id").stream()
        .filter(key -> key == id).toList());
    assertEquals(List.of(id, id), shop.physicalKeys(shop.layout().nodeOf("order_items", id), "order_id").stream()
        .filter(key -> key == id).toList());
    assertEquals("NEW", orders.status(id));
    assertTrue(orders.cancel(id));
    assertEquals("CANCELLED", orders.status(id));
  }

  @Test
  void transactional_rollsBackEveryShardOnFailure() {
    long before = orders.countOrders();

    assertThrows(IllegalStateException.class, () -> orders.placeOrdersThenFail(12, 8));

    assertEquals(before, orders.countOrders());
    assertTrue(orders.totalsByCustomer().stream().noneMatch(row -> ((Number) row.get("customer_id")).longValue() == 12));
  }

  @Test
  void jdbcTemplate_aggregatesOverEveryShard() {
    List<Long> placed = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      placed.add(orders.placeOrder(20 + i % 3, List.of(new OrderService.Line("x", 1, new BigDecimal("5.00")))));
    }
    List<Map<String, Object>> totals = orders.totalsByCustomer().stream()
        .filter(row -> ((Number) row.get("customer_id")).longValue() / 10 == 2).toList();

    assertEquals(12, placed.stream().distinct().count());
    assertEquals(3, totals.size());
    for (Map<String, Object> row : totals) {
      assertEquals(4L, ((Number) row.get("orders")).longValue());
      assertEquals(0, new BigDecimal("20.00").compareTo((BigDecimal) row.get("amount")));
    }
  }

  @Test
  void transactionTemplate_onTheDriversOwnDataSource() {
    JdbcTemplate jdbc = new JdbcTemplate(shop.dataSource());
    TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(shop.dataSource()));

    transactions.executeWithoutResult(status -> {
      jdbc.update("INSERT INTO orders (order_id, customer_id, status, total, created_at) VALUES (?, 40, 'NEW', 1, NOW())",
          1_000_001L);
      jdbc.update("INSERT INTO orders (order_id, customer_id, status, total, created_at) VALUES (?, 40, 'NEW', 1, NOW())",
          1_000_002L);
      status.setRollbackOnly();
    });
    assertEquals(0, jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE customer_id = 40", Integer.class));

    transactions.executeWithoutResult(status -> jdbc.update(
        "INSERT INTO orders (order_id, customer_id, status, total, created_at) VALUES (?, 40, 'NEW', 1, NOW())",
        1_000_003L));
    assertEquals(1, jdbc.queryForObject("SELECT COUNT(*) FROM orders WHERE customer_id = 40", Integer.class));
  }
}
