package org.shardjdbc.integrations.spring;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.shardjdbc.integrations.SampleRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application over the driver, configured only by {@code application.properties}: Boot puts its
 * HikariCP pool in front of {@code jdbc:shard:${SHOP_CONFIG}}, and {@link OrderService} uses the auto-configured
 * {@code JdbcTemplate} and {@code @Transactional}; Boot's Flyway creates the tables at start-up. {@link #main} takes the configuration file's path, or starts an
 * embedded MariaDB and writes one.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl integrations exec:java -Dexec.mainClass=org.shardjdbc.integrations.spring.SpringShop
 * </pre>
 */
@SpringBootApplication
public class SpringShop {

  public static void main(String[] args) {
    SampleRunner.main(args, (configFile, out) -> run(configFile, out));
  }

  /**
   * Starts the application, creates the schema with Flyway, places and reads orders, and stops.
   *
   * @return 0 when every step gave what it should
   */
  public static int run(Path configFile, PrintStream out) {
    try (ConfigurableApplicationContext context = SpringApplication.run(SpringShop.class,
        "--SHOP_CONFIG=" + configFile)) {
      DataSource dataSource = context.getBean(DataSource.class);
      out.println("DataSource: " + dataSource.getClass().getName() + " over " + context.getEnvironment()
          .getProperty("spring.datasource.url"));
      out.println("Flyway (run by Boot at start-up): schema version " + context.getBean(Flyway.class).info().current()
          .getVersion());
      OrderService orders = context.getBean(OrderService.class);
      for (int customer = 1; customer <= 20; customer++) {
        long id = orders.placeOrder(customer % 5, List.of(new OrderService.Line("sku-" + customer, 2,
            new BigDecimal("9.99"))));
        if (customer <= 3) {
          out.println("placed order " + id + " (key made by the driver, returned by getGeneratedKeys)");
        }
      }
      try {
        orders.placeOrdersThenFail(7, 3);
      } catch (IllegalStateException expected) {
        out.println("@Transactional rolled back: " + expected.getMessage());
      }
      List<Map<String, Object>> totals = orders.totalsByCustomer();
      totals.forEach(row -> out.println("customer " + row.get("customer_id") + ": " + row.get("orders")
          + " orders, " + row.get("amount")));
      long count = orders.countOrders();
      out.println(count + " orders in all");
      return count == 20 && totals.size() == 5 ? 0 : 1;
    }
  }
}
