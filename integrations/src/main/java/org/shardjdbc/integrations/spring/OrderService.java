package org.shardjdbc.integrations.spring;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.shardjdbc.integrations.ShopIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders through Spring's {@code JdbcTemplate}, as for one MySQL database; writes in {@code @Transactional} methods. */
@Service
public class OrderService {
  /** One line of an order. */
  public record Line(String sku, int quantity, BigDecimal price) {}

  private final JdbcTemplate jdbc;

  public OrderService(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts an order without its id (the driver's snowflake generator makes it, and {@code getGeneratedKeys} returns
   * it) and its items beside it, in one transaction.
   *
   * @return the new order's id
   */
  @Transactional
  public long placeOrder(long customerId, List<Line> lines) {
    BigDecimal total = lines.stream().map(line -> line.price().multiply(BigDecimal.valueOf(line.quantity())))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
    KeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (customer_id, status, total,"
          + " created_at) VALUES (?, 'NEW', ?, ?)", Statement.RETURN_GENERATED_KEYS);
      insert.setLong(1, customerId);
      insert.setBigDecimal(2, total);
      insert.setTimestamp(3, Timestamp.valueOf(LocalDateTime.now()));
      return insert;
    }, key);
    long orderId = key.getKey().longValue();
    jdbc.batchUpdate("INSERT INTO order_items (item_id, order_id, sku, quantity, price) VALUES (?, ?, ?, ?, ?)",
        lines, lines.size(), (insert, line) -> {
          insert.setLong(1, nextId());
          insert.setLong(2, orderId);
          insert.setString(3, line.sku());
          insert.setInt(4, line.quantity());
          insert.setBigDecimal(5, line.price());
        });
    return orderId;
  }

  /** Places {@code count} orders, then fails: the transaction rolls all of them back, on every shard they went to. */
  @Transactional
  public void placeOrdersThenFail(long customerId, int count) {
    for (int i = 0; i < count; i++) {
      placeOrder(customerId, List.of(new Line("doomed", 1, BigDecimal.ONE)));
    }
    throw new IllegalStateException(count + " orders of customer " + customerId + " placed, then a failure");
  }

  /** Cancels an order and deletes its items, in one transaction; false if there was no such order. */
  @Transactional
  public boolean cancel(long orderId) {
    jdbc.update("DELETE FROM order_items WHERE order_id = ?", orderId);
    return jdbc.update("UPDATE orders SET status = 'CANCELLED', version = version + 1 WHERE order_id = ?", orderId) == 1;
  }

  /** Orders and amounts per customer, over every shard. */
  @Transactional(readOnly = true)
  public List<Map<String, Object>> totalsByCustomer() {
    return jdbc.queryForList("SELECT customer_id, COUNT(*) AS orders, SUM(total) AS amount FROM orders"
        + " WHERE status <> 'CANCELLED' GROUP BY customer_id ORDER BY customer_id");
  }

  /** The number of orders. */
  public long countOrders() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class);
  }

  /** An order's status, or null. */
  public String status(long orderId) {
    List<String> status = jdbc.queryForList("SELECT status FROM orders WHERE order_id = ?", String.class, orderId);
    return status.isEmpty() ? null : status.get(0);
  }

  private static long nextId() throws SQLException {
    return ShopIds.next();
  }
}
