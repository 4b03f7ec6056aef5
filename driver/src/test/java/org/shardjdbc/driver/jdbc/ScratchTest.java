package org.shardjdbc.driver.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.DifferentialDatabase;

class ScratchTest {
  @Test
  void run() throws Exception {
    DifferentialDatabase db = DifferentialDatabase.shared();
    String[] queries = {
      "SELECT * FROM orders WHERE order_id = 5",
      "SELECT order_id, status FROM orders ORDER BY created_at DESC, order_id LIMIT 3",
      "SELECT status, COUNT(*), AVG(amount), SUM(qty) FROM orders GROUP BY status ORDER BY 2 DESC",
      "SELECT COUNT(*), COUNT(DISTINCT status), MIN(note), MAX(amount), SUM(discount) FROM orders",
      "SELECT count(0) FROM (SELECT * FROM orders WHERE qty > 3) tmp_count",
      "SELECT DISTINCT status FROM orders ORDER BY status",
      "SELECT o.order_id, i.sku FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.order_id IN (1, 2, 3, 77) ORDER BY 1, 2",
      "EXPLAIN SELECT status, COUNT(*) FROM orders GROUP BY status",
    };
    try (Connection shard = db.connectShard(); Connection single = db.connectSingle()) {
      for (String sql : queries) {
        System.out.println("== " + sql);
        print(shard, sql);
        if (!sql.startsWith("EXPLAIN")) {
          print(single, sql);
        }
      }
    }
  }

  private static void print(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      StringBuilder header = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        header.append(md.getColumnLabel(i)).append(':').append(md.getColumnTypeName(i)).append(" | ");
      }
      System.out.println(header);
      int n = 0;
      while (rs.next() && n++ < 6) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.append(v).append(v == null ? "" : "(" + v.getClass().getSimpleName() + ")").append(" | ");
        }
        System.out.println(row);
      }
    } catch (Exception e) {
      System.out.println("ERROR " + e);
    }
  }
}
