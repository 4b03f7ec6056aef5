package org.shardjdbc.benchmarks;

import java.util.Collections;

/**
 * The queries measured, each as the application writes it against the logical tables. The raw JDBC contender
 * answers the same question with physical SQL written by hand ({@link RawJdbcContender}).
 */
public enum Workload {
  /** One order by its key, a prepared statement: one shard answers. */
  POINT_SELECT("point select by key", false,
      "SELECT order_id, customer_id, status, total, created_at FROM orders WHERE order_id = ?"),
  /** 20 orders by key: each shard gets only its own keys. */
  IN_LIST("IN list of 20 keys", false,
      "SELECT order_id, customer_id, status, total, created_at FROM orders WHERE order_id IN (" + placeholders(20) + ")"),
  /** A filter on a column that is not the shard key: every shard is asked, about 10 rows come back. */
  SCATTER_FILTER("scatter filter on customer_id", false,
      "SELECT order_id, status, total, created_at FROM orders WHERE customer_id = ?"),
  /** Aggregates over every row of every shard. */
  COUNT_SUM("COUNT and SUM over all shards", true, "SELECT COUNT(*), SUM(total) FROM orders"),
  /** AVG is merged from per-shard SUM and COUNT. */
  GROUP_BY_AVG("GROUP BY status with AVG", true,
      "SELECT status, COUNT(*), AVG(total) FROM orders GROUP BY status ORDER BY status"),
  /** The 10 newest orders: a sorted merge of the shards' top 10. */
  ORDER_BY_LIMIT("ORDER BY created_at DESC LIMIT 10", true,
      "SELECT order_id, customer_id, status, total, created_at FROM orders ORDER BY created_at DESC LIMIT 10"),
  /** A deep page: every shard must return its first offset + 10 rows. The offset is the layout's. */
  DEEP_PAGE("deep page LIMIT 100000, 10", true,
      "SELECT order_id, status, created_at FROM orders ORDER BY created_at DESC LIMIT %d, 10"),
  /** Orders joined with their items, for 20 keys: bound tables join on each shard. */
  JOIN_IN_LIST("bound join orders + order_items, IN list of 20 keys", false,
      "SELECT o.order_id, o.status, i.item_no, i.product, i.price FROM orders o JOIN order_items i"
          + " ON i.order_id = o.order_id WHERE o.order_id IN (" + placeholders(20) + ")"),
  /**
   * Every order, sorted: not measured by JMH (a million rows per operation) but by the memory check, which runs it
   * in a JVM with a 64 MB heap.
   */
  FULL_SCAN("full ORDER BY scan", true, "SELECT order_id, status, created_at FROM orders ORDER BY created_at DESC");

  /** How many keys the IN lists carry. */
  public static final int IN_LIST_SIZE = 20;

  private final String title;
  private final boolean ordered;
  private final String sql;

  Workload(String title, boolean ordered, String sql) {
    this.title = title;
    this.ordered = ordered;
    this.sql = sql;
  }

  /** What the workload is, for tables and charts. */
  public String title() {
    return title;
  }

  /** Whether the query fixes the order of its rows (results compare in order) or not (as a multiset). */
  public boolean ordered() {
    return ordered;
  }

  /** Whether the query reads every order: a single query takes long, so JMH measures it in fewer iterations. */
  public boolean readsEveryRow() {
    return this == COUNT_SUM || this == GROUP_BY_AVG || this == DEEP_PAGE || this == FULL_SCAN;
  }

  /** The logical SQL on a layout (the deep page's offset depends on its size). */
  public String sql(BenchLayout layout) {
    return this == DEEP_PAGE ? String.format(sql, layout.deepPageOffset()) : sql;
  }

  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
