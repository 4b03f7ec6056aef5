package org.shardjdbc.integrations.mybatis;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** The shop's orders as a MyBatis mapper: plain MySQL over the logical tables. */
public interface OrderMapper {

  /** Inserts an order without its id: the driver makes it, and MyBatis sets it on the row from the generated keys. */
  @Insert("INSERT INTO orders (customer_id, status, total, created_at) VALUES (#{customerId}, #{status}, #{total}, NOW(6))")
  @Options(useGeneratedKeys = true, keyProperty = "orderId", keyColumn = "order_id")
  int insert(OrderRow order);

  @Select("SELECT order_id, customer_id, status, total FROM orders WHERE order_id = #{orderId}")
  OrderRow find(long orderId);

  /** Orders of a status, by id: paged by PageHelper when a page was started. */
  @Select("SELECT order_id, customer_id, status, total FROM orders WHERE status = #{status} ORDER BY order_id")
  List<OrderRow> byStatus(@Param("status") String status);

  /** Orders and amounts per customer: PageHelper counts it by wrapping it in {@code SELECT count(0) FROM (…) tmp_count}. */
  @Select("SELECT customer_id, COUNT(*) AS orders, SUM(total) AS amount FROM orders GROUP BY customer_id"
      + " ORDER BY customer_id")
  List<Map<String, Object>> totalsByCustomer();
}
