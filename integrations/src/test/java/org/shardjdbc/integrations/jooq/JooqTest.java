package org.shardjdbc.integrations.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;
import static org.shardjdbc.integrations.jooq.ShopTables.CREATED_AT;
import static org.shardjdbc.integrations.jooq.ShopTables.CUSTOMER_ID;
import static org.shardjdbc.integrations.jooq.ShopTables.ITEM_ID;
import static org.shardjdbc.integrations.jooq.ShopTables.ITEM_ORDER_ID;
import static org.shardjdbc.integrations.jooq.ShopTables.ORDERS;
import static org.shardjdbc.integrations.jooq.ShopTables.ORDER_ID;
import static org.shardjdbc.integrations.jooq.ShopTables.ORDER_ITEMS;
import static org.shardjdbc.integrations.jooq.ShopTables.PRICE;
import static org.shardjdbc.integrations.jooq.ShopTables.QUANTITY;
import static org.shardjdbc.integrations.jooq.ShopTables.SKU;
import static org.shardjdbc.integrations.jooq.ShopTables.STATUS;
import static org.shardjdbc.integrations.jooq.ShopTables.TOTAL;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shardjdbc.integrations.ShardedShop;
import org.shardjdbc.integrations.ShopIds;
import org.shardjdbc.integrations.flyway.ShopMigrations;

/** jOOQ in the MySQL dialect through the driver: inserts returning the driver's keys, joins, pages and meta. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JooqTest {
  private static final LocalDateTime START = LocalDateTime.of(2026, 3, 1, 12, 0);

  private ShardedShop shop;
  private DSLContext jooq;
  private final List<Long> orderIds = new ArrayList<>();

  @BeforeAll
  void insertOrders() throws Exception {
    shop = ShardedShop.create("it_jooq_h");
    ShopMigrations.migrate(shop.dataSource());
    jooq = DSL.using(shop.dataSource(), SQLDialect.MYSQL);
    for (int i = 0; i < 30; i++) {
      Long id = jooq.insertInto(ORDERS, CUSTOMER_ID, STATUS, TOTAL, CREATED_AT)
          .values((long) i % 3, "NEW", BigDecimal.ZERO, START.plusHours(i))
          .returningResult(ORDER_ID).fetchOne().value1();
      assertNotNull(id);
      orderIds.add(id);
      for (int item = 1; item <= 2; item++) {
        jooq.insertInto(ORDER_ITEMS, ITEM_ID, ITEM_ORDER_ID, SKU, QUANTITY, PRICE)
            .values(ShopIds.next(), id, "sku-" + item, item, new BigDecimal("2.50")).execute();
      }
      jooq.update(ORDERS).set(TOTAL, new BigDecimal("7.50")).where(ORDER_ID.eq(id)).execute();
    }
  }

  @AfterAll
  void close() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void returning_givesTheKeysTheDriverMade() throws Exception {
    assertEquals(30, new TreeSet<>(orderIds).size());
    for (long id : orderIds) {
      assertEquals(List.of(id), shop.physicalKeys(shop.layout().nodeOf("orders", id), "order_id").stream()
          .filter(key -> key == id).toList());
    }
  }

  @Test
  void joinGroupAndPage_overEveryShard() {
    Result<Record3<Long, Integer, BigDecimal>> perCustomer = jooq
        .select(CUSTOMER_ID, count(), sum(PRICE.mul(QUANTITY)))
        .from(ORDERS).join(ORDER_ITEMS).on(ITEM_ORDER_ID.eq(ORDER_ID))
        .groupBy(CUSTOMER_ID).orderBy(CUSTOMER_ID).fetch();
    assertEquals(3, perCustomer.size());
    for (Record3<Long, Integer, BigDecimal> row : perCustomer) {
      assertEquals(20, row.value2());
      assertEquals(0, new BigDecimal("75.00").compareTo(row.value3()));
    }

    List<LocalDateTime> page = jooq.select(CREATED_AT).from(ORDERS).orderBy(CREATED_AT.desc())
        .limit(4).offset(10).fetch(CREATED_AT);
    assertEquals(List.of(START.plusHours(19), START.plusHours(18), START.plusHours(17), START.plusHours(16)), page);

    assertEquals(30, jooq.fetchCount(ORDERS));
    // not fetchCount(select): the MySQL dialect names a derived table's columns (MySQL 8.0.19+), which MariaDB refuses
    assertEquals(10, jooq.selectCount().from(ORDERS).where(CUSTOMER_ID.eq(1L)).fetchOne(0, Integer.class));
  }

  @Test
  void meta_showsTheLogicalTablesWithTheirColumnsKeysAndIndexes() {
    // meta() sees every database of the default data source's server, as over a plain connection; the logical
    // database holds the logical tables only, and the other data sources' databases are not seen at all
    Meta meta = jooq.meta();
    String database = String.valueOf(jooq.fetchValue("SELECT DATABASE()"));
    TreeSet<String> schemas = new TreeSet<>();
    for (Schema schema : meta.getSchemas()) {
      schemas.add(schema.getName());
    }
    assertTrue(schemas.contains(database), schemas.toString());
    assertTrue(schemas.stream().noneMatch(name -> name.startsWith("it_jooq_h") && !name.equals(database)),
        schemas.toString());
    TreeSet<String> tables = new TreeSet<>();
    for (Table<?> table : meta.getSchemas(database).get(0).getTables()) {
      tables.add(table.getName());
    }
    assertEquals(new TreeSet<>(List.of("flyway_schema_history", "order_items", "orders")), tables);

    Table<?> orders = meta.getSchemas(database).get(0).getTable("orders");
    assertEquals(List.of("order_id", "customer_id", "status", "total", "created_at", "version"),
        List.of(orders.fields()).stream().map(field -> field.getName()).toList());
    assertEquals(List.of("order_id"), orders.getPrimaryKey().getFields().stream().map(field -> field.getName()).toList());
    assertTrue(orders.getIndexes().stream().anyMatch(index -> index.getName().equals("idx_orders_customer")),
        orders.getIndexes().toString());
  }
}
