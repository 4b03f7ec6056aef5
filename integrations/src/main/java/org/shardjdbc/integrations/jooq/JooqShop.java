package org.shardjdbc.integrations.jooq;

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

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.shardjdbc.driver.jdbc.ShardDataSource;
import org.shardjdbc.integrations.SampleRunner;
import org.shardjdbc.integrations.ShopIds;
import org.shardjdbc.integrations.flyway.ShopMigrations;

/**
 * jOOQ in the MySQL dialect over the driver: the schema by Flyway migrations, inserts that return the keys the driver
 * made, a join with aggregates, a page, and jOOQ's view of the database's metadata (logical tables only).
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl integrations exec:java -Dexec.mainClass=org.shardjdbc.integrations.jooq.JooqShop
 * </pre>
 */
public final class JooqShop {
  private JooqShop() {}

  public static void main(String[] args) {
    SampleRunner.main(args, JooqShop::run);
  }

  /**
   * Runs the sample on a configuration whose databases may be empty.
   *
   * @return 0 when every step gave what it should
   */
  public static int run(Path configFile, PrintStream out) throws Exception {
    try (ShardDataSource dataSource = new ShardDataSource(configFile.toString())) {
      out.println("Flyway: " + ShopMigrations.migrate(dataSource).migrationsExecuted + " migrations applied");
      DSLContext jooq = DSL.using(dataSource, SQLDialect.MYSQL);
      LocalDateTime start = LocalDateTime.of(2026, 2, 1, 8, 0);
      for (int i = 0; i < 24; i++) {
        Long id = jooq.insertInto(ORDERS, CUSTOMER_ID, STATUS, TOTAL, CREATED_AT)
            .values((long) i % 4, "NEW", new BigDecimal("6.00"), start.plusHours(i))
            .returningResult(ORDER_ID).fetchOne().value1();
        jooq.insertInto(ORDER_ITEMS, ITEM_ID, ITEM_ORDER_ID, SKU, QUANTITY, PRICE)
            .values(ShopIds.next(), id, "bread", 2, new BigDecimal("3.00")).execute();
        if (i < 2) {
          out.println("inserted order " + id + " (returned from the driver's generated keys)");
        }
      }
      var perCustomer = jooq.select(CUSTOMER_ID, count(), sum(PRICE.mul(QUANTITY)))
          .from(ORDERS).join(ORDER_ITEMS).on(ITEM_ORDER_ID.eq(ORDER_ID))
          .groupBy(CUSTOMER_ID).orderBy(CUSTOMER_ID).fetch();
      out.println(perCustomer.format());
      List<LocalDateTime> page = jooq.select(CREATED_AT).from(ORDERS).orderBy(CREATED_AT.desc())
          .limit(3).offset(6).fetch(CREATED_AT);
      out.println("page 3 of 3 by created_at desc: " + page);
      // meta() sees every database of the default server, as a plain connection does; the logical one holds the
      // logical tables
      Schema logical = jooq.meta().getSchemas(String.valueOf(jooq.fetchValue("SELECT DATABASE()"))).get(0);
      List<String> tables = logical.getTables().stream().map(Table::getName).sorted().toList();
      out.println("jOOQ meta: tables " + tables);
      Table<?> orders = logical.getTable("orders");
      out.println("jOOQ meta: orders " + List.of(orders.fields()) + ", primary key "
          + orders.getPrimaryKey().getFields() + ", indexes " + orders.getIndexes().stream().map(i -> i.getName())
          .toList());
      boolean ok = perCustomer.size() == 4 && page.size() == 3
          && tables.equals(List.of("flyway_schema_history", "order_items", "orders"));
      out.println(ok ? "every step gave what it should" : "A STEP GAVE SOMETHING ELSE");
      return ok ? 0 : 1;
    }
  }
}
