package org.shardjdbc.planner.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementShapeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "SELECT a FROM orders WHERE order_id = 42                  | SELECT a FROM orders WHERE order_id = ?",
      "SELECT a FROM orders WHERE order_id = 42 LIMIT 10          | SELECT a FROM orders WHERE order_id = ? LIMIT ?",
      "SELECT a FROM orders ORDER BY b LIMIT 100, 10              | SELECT a FROM orders ORDER BY b LIMIT ?, ?",
      "SELECT a FROM orders LIMIT 10 OFFSET 5                      | SELECT a FROM orders LIMIT ? OFFSET ?",
      "SELECT a FROM orders WHERE order_id IN (1, 2, 3) AND s = 'x' | SELECT a FROM orders WHERE order_id IN (?, ?, ?) AND s = ?",
      "SELECT a FROM orders WHERE b BETWEEN 1.50 AND 2 OR c <> 'y' | SELECT a FROM orders WHERE b BETWEEN ? AND ? OR c <> ?",
      "SELECT a FROM o JOIN i ON i.k = o.k AND i.n = 3 WHERE o.k = 4 | SELECT a FROM o JOIN i ON i.k = o.k AND i.n = ? WHERE o.k = ?",
      "SELECT a FROM o WHERE k IN (SELECT k FROM i WHERE p LIKE 'x%') | SELECT a FROM o WHERE k IN (SELECT k FROM i WHERE p LIKE ?)",
      "SELECT s, COUNT(*) FROM o GROUP BY s HAVING COUNT(*) > 5    | SELECT s, COUNT(*) FROM o GROUP BY s HAVING COUNT(*) > ?",
      "UPDATE orders SET status = 'x', total = 2.5 WHERE order_id = 7 | UPDATE orders SET status = ?, total = ? WHERE order_id = ?",
      "DELETE FROM orders WHERE order_id = 7                       | DELETE FROM orders WHERE order_id = ?",
      "DELETE FROM orders WHERE status = 'x' LIMIT 5               | DELETE FROM orders WHERE status = ? LIMIT ?",
      "SELECT a FROM (SELECT a FROM orders LIMIT 5) t WHERE a > 1  | SELECT a FROM (SELECT a FROM orders LIMIT ?) t WHERE a > ?",
      "SELECT a FROM orders /* shard:primary */ WHERE order_id = 1 FOR UPDATE | SELECT a FROM orders /* shard:primary */ WHERE order_id = ? FOR UPDATE",
  })
  void of_takesOutLiteralsWhereAParameterMeansTheSame(String sql, String shape) throws SQLException {
    assertEquals(shape, StatementShape.of(sql, MySqlTokenizer.tokenize(sql)).text());
  }

  /** Every literal here decides something a parameter cannot, or may mean something else as a parameter. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "SELECT 1, 'a' FROM orders",
      "SELECT a FROM orders ORDER BY 1",
      "SELECT a, COUNT(*) FROM orders GROUP BY 1",
      "SELECT a FROM orders WHERE order_id = -5",
      "SELECT a FROM orders WHERE order_id = 1e3",
      "SELECT a FROM orders WHERE order_id = 0x1F",
      "SELECT a FROM orders WHERE s = _utf8mb4'x'",
      "SELECT a FROM orders WHERE s = X'41'",
      "SELECT a FROM orders WHERE s = 'x' COLLATE utf8mb4_bin",
      "SELECT a FROM orders WHERE s = 'x' 'y'",
      "SELECT a FROM orders WHERE s = \"x\"",
      "SELECT a FROM orders WHERE s = 'a\\'b'",
      "SELECT a FROM orders WHERE s LIKE 'a!%' ESCAPE '!'",
      "SELECT a FROM orders WHERE d > NOW() - INTERVAL 5 DAY",
      "SELECT a FROM orders WHERE d = DATE '2024-01-01'",
      "SELECT a FROM orders WHERE CAST(t AS DECIMAL(10, 2)) = t",
      "SELECT a FROM orders WHERE ROUND(t, 2) = t",
      "SELECT a FROM orders WHERE t = 5 + b",
      "SELECT a FROM orders WHERE t = 5 IS TRUE",
      "SELECT a FROM orders WHERE 5 = t",
      "SELECT a FROM orders WHERE order_id IN (1, b)",
      "SELECT CASE WHEN a = 1 THEN 2 END FROM orders",
      "SELECT GROUP_CONCAT(s ORDER BY s LIMIT 2) FROM orders",
      "SELECT a FROM orders WHERE s = 'x' INTO @v",
      "INSERT INTO orders (order_id) VALUES (1)",
      "EXPLAIN SELECT a FROM orders WHERE order_id = 1",
      "SET autocommit = 0",
      "SELECT a FROM orders WHERE order_id = 1 /*!50000 AND b = 2 */",
      "SELECT a FROM orders WHERE order_id = ?",
  })
  void of_keepsLiteralsThatAParameterWouldChange(String sql) throws SQLException {
    assertNull(StatementShape.of(sql, MySqlTokenizer.tokenize(sql)));
  }

  @Test
  void of_keepsTheLiteralsOfAStatementWithVeryMany() throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT a FROM orders WHERE order_id IN (0");
    for (int i = 1; i < StatementShape.MAX_LITERALS; i++) {
      sql.append(", ").append(i);
    }
    sql.append(')');
    assertEquals(StatementShape.MAX_LITERALS,
        StatementShape.of(sql.toString(), MySqlTokenizer.tokenize(sql.toString())).literals());
    sql.setLength(sql.length() - 1);
    sql.append(", 1000)");
    assertNull(StatementShape.of(sql.toString(), MySqlTokenizer.tokenize(sql.toString())));
  }

  @Test
  void parameters_putTheLiteralsBesideTheGivenOnes() throws SQLException {
    String sql = "SELECT a FROM orders WHERE b = ? AND order_id IN (12345678901234567890, 7) AND s = 'it''s' AND t > 1.50 "
        + "AND c = ? LIMIT 3";
    StatementShape shape = StatementShape.of(sql, MySqlTokenizer.tokenize(sql));
    assertEquals("SELECT a FROM orders WHERE b = ? AND order_id IN (?, ?) AND s = ? AND t > ? AND c = ? LIMIT ?",
        shape.text());
    assertEquals(2, shape.givenParameters());
    assertEquals(5, shape.literals());
    assertEquals(Arrays.asList("b", new BigDecimal("12345678901234567890"), 7L, "it's", new BigDecimal("1.50"), null, 3L),
        shape.parameters(Arrays.asList("b", null)));
    assertEquals(List.of("b", new BigDecimal("12345678901234567890"), 7L, "it's", new BigDecimal("1.50"), "c", 3L),
        shape.parameters(List.of("b", "c")));
  }
}
