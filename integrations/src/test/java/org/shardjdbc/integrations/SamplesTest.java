package org.shardjdbc.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.shardjdbc.integrations.hibernate.HibernateShop;
import org.shardjdbc.integrations.jooq.JooqShop;
import org.shardjdbc.integrations.mybatis.MyBatisShop;
import org.shardjdbc.integrations.spring.SpringShop;

/** Each runnable sample, on empty databases of the tests' server, as its main runs it: it must succeed. */
class SamplesTest {
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private void assertRuns(String databasePrefix, SampleRunner.Sample sample, String... expectedLines) throws Exception {
    try (ShardedShop shop = ShardedShop.create(databasePrefix);
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      int status = sample.run(shop.layout().configFile(), out);
      String text = output.toString(StandardCharsets.UTF_8);
      assertEquals(0, status, text);
      for (String line : expectedLines) {
        assertTrue(text.contains(line), "missing '" + line + "' in:\n" + text);
      }
    }
  }

  @Test
  void hibernateShop() throws Exception {
    assertRuns("it_sample_hibernate_h", HibernateShop::run, "hbm2ddl validate: the logical tables match the entities",
        "Criteria API: 25 paid orders", "every step gave what it should");
  }

  @Test
  void springShop() throws Exception {
    assertRuns("it_sample_spring_h", SpringShop::run, "HikariDataSource over jdbc:shard:", "schema version 2",
        "@Transactional rolled back", "20 orders in all");
  }

  @Test
  void myBatisShop() throws Exception {
    assertRuns("it_sample_mybatis_h", MyBatisShop::run, "Flyway: 2 migrations applied",
        "PageHelper: page 2 of 3, 25 NEW orders, 10 on this page", "every step gave what it should");
  }

  @Test
  void jooqShop() throws Exception {
    assertRuns("it_sample_jooq_h", JooqShop::run, "jOOQ meta: tables [flyway_schema_history, order_items, orders]",
        "every step gave what it should");
  }
}
