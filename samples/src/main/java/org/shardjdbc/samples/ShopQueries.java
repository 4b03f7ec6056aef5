package org.shardjdbc.samples;

import java.util.List;

/** The queries the shop demo runs through the driver, each showing one way a SELECT is routed and merged. */
final class ShopQueries {
  private ShopQueries() {}

  static List<DemoQuery> all() {
    return List.of(
        new DemoQuery("Point select by the shard key: one shard answers",
            "SELECT order_id, customer_id, status, total, created_at FROM orders WHERE order_id = ?",
            List.of(4242L)),
        new DemoQuery("IN list: each shard gets only its own ids (7 and 135 share orders_007)",
            "SELECT order_id, status, total FROM orders WHERE order_id IN (?, ?, ?, ?, ?) ORDER BY order_id",
            List.of(7L, 135L, 2049L, 9001L, 19999L)),
        new DemoQuery("Bound join orders + order_items on the shard key: one physical join on one shard",
            "SELECT o.order_id, o.status, i.item_no, i.product, i.quantity, i.price"
                + " FROM orders o JOIN order_items i ON i.order_id = o.order_id"
                + " WHERE o.order_id = ? ORDER BY i.item_no",
            List.of(4243L)),
        new DemoQuery("Join with the broadcast table countries: each shard joins its own copy",
            "SELECT o.order_id, o.total, c.name AS country, c.region"
                + " FROM orders o JOIN countries c ON c.code = o.country_code"
                + " WHERE o.order_id BETWEEN ? AND ? ORDER BY o.order_id",
            List.of(1000L, 1007L)),
        new DemoQuery("Filter on a non-key column: sent to every shard, sorted rows merged",
            "SELECT order_id, status, total, created_at FROM orders WHERE customer_id = ? ORDER BY order_id",
            List.of(42L)),
        new DemoQuery("COUNT, SUM, MIN, MAX over all shards",
            "SELECT COUNT(*) AS orders, SUM(total) AS revenue, MIN(created_at) AS first_order,"
                + " MAX(created_at) AS last_order FROM orders",
            List.of()),
        new DemoQuery("GROUP BY status with AVG: each shard returns SUM and COUNT, the driver divides",
            "SELECT status, COUNT(*) AS orders, AVG(total) AS avg_total FROM orders GROUP BY status ORDER BY status",
            List.of()),
        new DemoQuery("The 10 newest orders: ORDER BY created_at DESC LIMIT 10 merged from sorted shards",
            "SELECT order_id, customer_id, status, total, created_at FROM orders ORDER BY created_at DESC LIMIT 10",
            List.of()),
        new DemoQuery("A deep page: LIMIT 10000, 5",
            "SELECT order_id, status, created_at FROM orders ORDER BY created_at DESC LIMIT 10000, 5",
            List.of()),
        new DemoQuery("MyBatis PageHelper's count wrapper",
            "SELECT count(0) FROM (SELECT order_id, status, total FROM orders WHERE status = ?) tmp_count",
            List.of("SHIPPED")),
        new DemoQuery("The unsharded table customers: straight to the default data source h1",
            "SELECT customer_id, name, email, country_code FROM customers WHERE customer_id = ?",
            List.of(42L)));
  }
}
