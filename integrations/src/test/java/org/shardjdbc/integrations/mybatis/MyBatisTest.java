package org.shardjdbc.integrations.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.pagehelper.Page;
import com.github.pagehelper.PageHelper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.shardjdbc.integrations.ShardedShop;
import org.shardjdbc.integrations.flyway.ShopMigrations;

/** MyBatis mappers and PageHelper's count and page queries through the driver, over every shard. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyBatisTest {
  private static final int ORDERS = 40;

  private ShardedShop shop;
  private SqlSessionFactory sessions;
  private final List<OrderRow> inserted = new ArrayList<>();

  @BeforeAll
  void insertOrders() throws Exception {
    shop = ShardedShop.create("it_mybatis_h");
    ShopMigrations.migrate(shop.dataSource());
    sessions = ShopMappers.sessionFactory(shop.dataSource());
    try (SqlSession session = sessions.openSession()) {
      OrderMapper mapper = session.getMapper(OrderMapper.class);
      for (int i = 0; i < ORDERS; i++) {
        OrderRow order = new OrderRow(i % 4, i % 2 == 0 ? "NEW" : "PAID", BigDecimal.valueOf(i + 1, 0));
        assertEquals(1, mapper.insert(order));
        inserted.add(order);
      }
      session.commit();
    }
  }

  @AfterAll
  void close() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void insert_setsTheKeyTheDriverMade_onItsShard() throws Exception {
    for (OrderRow order : inserted) {
      assertNotNull(order.getOrderId());
      assertEquals(true, shop.physicalKeys(shop.layout().nodeOf("orders", order.getOrderId()), "order_id")
          .contains(order.getOrderId()));
    }
    try (SqlSession session = sessions.openSession()) {
      OrderRow found = session.getMapper(OrderMapper.class).find(inserted.get(5).getOrderId());
      assertEquals(inserted.get(5).getTotal(), found.getTotal().stripTrailingZeros());
    }
  }

  @Test
  void pageHelper_countsAndPagesOverEveryShard() {
    List<Long> expected = inserted.stream().filter(order -> order.getStatus().equals("NEW"))
        .map(OrderRow::getOrderId).sorted().toList();
    try (SqlSession session = sessions.openSession()) {
      OrderMapper mapper = session.getMapper(OrderMapper.class);
      PageHelper.startPage(3, 6);
      Page<OrderRow> page = (Page<OrderRow>) mapper.byStatus("NEW");

      assertEquals(20, page.getTotal());
      assertEquals(4, page.getPages());
      assertEquals(expected.subList(12, 18), page.getResult().stream().map(OrderRow::getOrderId).toList());
    }
  }

  @Test
  void pageHelper_wrapsAGroupedQueryInItsCount() {
    try (SqlSession session = sessions.openSession()) {
      OrderMapper mapper = session.getMapper(OrderMapper.class);
      PageHelper.startPage(2, 3);
      Page<Map<String, Object>> page = (Page<Map<String, Object>>) mapper.totalsByCustomer();

      assertEquals(4, page.getTotal());
      assertEquals(1, page.getResult().size());
      Map<String, Object> last = page.getResult().get(0);
      assertEquals(3L, ((Number) last.get("customer_id")).longValue());
      assertEquals(10L, ((Number) last.get("orders")).longValue());
      // orders 4, 8, ..., 40 (i = 3, 7, ..., 39)
      assertEquals(0, new BigDecimal("220").compareTo((BigDecimal) last.get("amount")));
    }
  }
}
