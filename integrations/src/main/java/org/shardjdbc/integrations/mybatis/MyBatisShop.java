package org.shardjdbc.integrations.mybatis;

import com.github.pagehelper.Page;
import com.github.pagehelper.PageHelper;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.shardjdbc.driver.jdbc.ShardDataSource;
import org.shardjdbc.integrations.SampleRunner;
import org.shardjdbc.integrations.flyway.ShopMigrations;

/**
 * MyBatis with PageHelper over the driver: the schema by Flyway migrations, orders inserted through a mapper (the
 * driver makes their ids, MyBatis reads them back), then pages of them with PageHelper's count query.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl integrations exec:java -Dexec.mainClass=org.shardjdbc.integrations.mybatis.MyBatisShop
 * </pre>
 */
public final class MyBatisShop {
  private MyBatisShop() {}

  public static void main(String[] args) {
    SampleRunner.main(args, MyBatisShop::run);
  }

  /**
   * Runs the sample on a configuration whose databases may be empty.
   *
   * @return 0 when every step gave what it should
   */
  public static int run(Path configFile, PrintStream out) {
    try (ShardDataSource dataSource = new ShardDataSource(configFile.toString())) {
      out.println("Flyway: " + ShopMigrations.migrate(dataSource).migrationsExecuted + " migrations applied");
      try (SqlSession session = ShopMappers.sessionFactory(dataSource).openSession()) {
        OrderMapper orders = session.getMapper(OrderMapper.class);
        for (int i = 0; i < 50; i++) {
          OrderRow order = new OrderRow(i % 5, i % 2 == 0 ? "NEW" : "PAID", BigDecimal.valueOf(10 + i));
          orders.insert(order);
          if (i < 2) {
            out.println("inserted order " + order.getOrderId() + " (its key made by the driver)");
          }
        }
        session.commit();

        PageHelper.startPage(2, 10);
        Page<OrderRow> page = (Page<OrderRow>) orders.byStatus("NEW");
        out.println("PageHelper: page 2 of " + page.getPages() + ", " + page.getTotal() + " NEW orders, "
            + page.getResult().size() + " on this page");

        PageHelper.startPage(1, 3);
        Page<Map<String, Object>> totals = (Page<Map<String, Object>>) orders.totalsByCustomer();
        out.println("PageHelper over GROUP BY: " + totals.getTotal() + " customers; first page " + totals.getResult());
        boolean ok = page.getTotal() == 25 && page.getResult().size() == 10 && totals.getTotal() == 5
            && totals.getResult().size() == 3;
        out.println(ok ? "every step gave what it should" : "A STEP GAVE SOMETHING ELSE");
        return ok ? 0 : 1;
      }
    }
  }
}
