package org.shardjdbc.planner.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingAlgorithm;
import org.shardjdbc.planner.model.ShardingModel;

class RouterSmokeTest {
  @Test
  void print() throws Exception {
    ShardingAlgorithm mod = (key, n) -> Math.floorMod(new java.math.BigDecimal(key.toString()).longValue(), n);
    List<DataNode> orders = new ArrayList<>();
    List<DataNode> items = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      orders.add(new DataNode("h" + (i / 2 + 1), "orders_00" + i));
      items.add(new DataNode("h" + (i / 2 + 1), "order_items_00" + i));
    }
    ShardingModel model = new ShardingModel(List.of("h1", "h2"), "h1", List.of(
        new LogicalTable("orders", "order_id", mod, orders, null, false, null),
        new LogicalTable("order_items", "order_id", mod, items, "orders", false, null),
        new LogicalTable("countries", null, null, List.of(new DataNode("h1", "countries"), new DataNode("h2", "countries")), null, true, null)));
    StatementAnalyzer analyzer = new StatementAnalyzer(model);
    String[] queries = {
      "SELECT * FROM orders WHERE order_id = ?",
      "SELECT * FROM orders WHERE order_id IN (?, ?, 3)",
      "SELECT * FROM orders o WHERE o.status = 'x' ORDER BY created_at DESC LIMIT 5, 10",
      "SELECT status, COUNT(*) c, AVG(amount) FROM orders GROUP BY status HAVING COUNT(*) > 1 ORDER BY c DESC LIMIT 3",
      "SELECT COUNT(DISTINCT customer_id), SUM(amount) FROM orders WHERE order_id BETWEEN 1 AND 2",
      "SELECT count(0) FROM (SELECT * FROM orders WHERE status = 'a') tmp_count",
      "SELECT count(0) FROM (SELECT DISTINCT status FROM orders) tmp_count",
      "SELECT o.order_id, i.sku FROM orders o JOIN order_items i ON o.order_id = i.order_id JOIN countries c ON c.code = o.country_code WHERE o.order_id IN (1, 2)",
      "SELECT DISTINCT status FROM orders ORDER BY 1",
      "SELECT year, `date` FROM orders WHERE order_id = 5;",
      "SELECT * FROM countries",
    };
    for (String sql : queries) {
      Analysis analysis = analyzer.analyze(sql);
      System.out.println("== " + sql + "\n" + analysis);
      if (analysis instanceof Analysis.ShardedSelect select) {
        Route route = Router.route(select, Arrays.asList(1, 6, 0, 10));
        System.out.println(route);
      }
    }
  }
}
