package org.shardjdbc.planner.federate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;
import org.shardjdbc.planner.model.ShardingModel;

/**
 * Table-driven federation tests: SQL in, the federated plan out (labels, operators, and each scan's statement in the
 * user's text), from {@code src/test/resources/federation/plans.txt}. A case is a block of lines:
 *
 * <pre>
 * # what the case shows
 * sql: SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id
 * FederatedPlan(labels=[order_id, name])
 * Project([$0, $3])
 * …
 * </pre>
 *
 * or {@code refused: <message>} for a SQLException. The layout: orders (order_id, customer_id, status, amount) on 2
 * shards, order_items bound to it, customers unsharded; the servers' types come from a fixed schema, expressions are
 * typed VARCHAR; the keys have index statistics (one row per order_id and item_id, ten orders per customer). On a mismatch the test prints the whole actual block, to copy into the file after review.
 */
class FederatedPlannerTest {
  private static final ShardingModel MODEL = new ShardingModel(List.of("h1", "h2"), "h1", List.of(
      new LogicalTable("orders", "order_id", new ModAlgorithm(), List.of(new DataNode("h1", "orders_0"),
          new DataNode("h2", "orders_1")), null, false, null),
      new LogicalTable("order_items", "order_id", new ModAlgorithm(), List.of(new DataNode("h1", "order_items_0"),
          new DataNode("h2", "order_items_1")), "orders", false, null)));
  private static final FederatedPlanner PLANNER = new FederatedPlanner(new StatementAnalyzer(MODEL));

  private static ServerColumn column(String name, int type, String typeName) {
    return new ServerColumn(name, type, typeName, type == Types.DECIMAL ? 12 : 20, type == Types.DECIMAL ? 2 : 0, true);
  }

  /** The servers: fixed columns per table, every expression a VARCHAR, 5000 orders and items, 500 customers. */
  private static final ServerSchema SCHEMA = new ServerSchema() {
    @Override
    public List<ServerColumn> columns(String table) throws SQLException {
      switch (table.toLowerCase(java.util.Locale.ROOT)) {
        case "orders":
          return List.of(column("order_id", Types.BIGINT, "BIGINT"), column("customer_id", Types.INTEGER, "INT"),
              column("status", Types.VARCHAR, "VARCHAR"), column("amount", Types.DECIMAL, "DECIMAL"));
        case "order_items":
          return List.of(column("item_id", Types.BIGINT, "BIGINT"), column("order_id", Types.BIGINT, "BIGINT"),
              column("sku", Types.VARCHAR, "VARCHAR"), column("price", Types.DECIMAL, "DECIMAL"));
        case "customers":
          return List.of(column("customer_id", Types.INTEGER, "INT"), column("name", Types.VARCHAR, "VARCHAR"),
              column("tier", Types.VARCHAR, "VARCHAR"));
        default:
          throw new SQLException("Table '" + table + "' doesn't exist", "42S02", 1146);
      }
    }

    @Override
    public List<ServerColumn> expressionTypes(String table, String alias, List<String> expressions) {
      List<ServerColumn> types = new ArrayList<>();
      for (String expression : expressions) {
        types.add(column(expression, Types.VARCHAR, "VARCHAR"));
      }
      return types;
    }

    @Override
    public List<ServerColumn> queryColumns(String dataSource, String sql) {
      return List.of(column("i", Types.INTEGER, "INT"));
    }

    @Override
    public boolean mariaDb() {
      return true;
    }

    @Override
    public double rowCount(String table) {
      return table.equalsIgnoreCase("customers") ? 500 : 5000;
    }

    @Override
    public double distinctValues(String table, String column) {
      switch ((table + "." + column).toLowerCase(java.util.Locale.ROOT)) {
        case "orders.order_id":
        case "order_items.item_id":
          return 5000;
        case "customers.customer_id":
        case "orders.customer_id":
          return 500;
        default:
          return 0;
      }
    }
  };

  @TestFactory
  Stream<DynamicTest> plans() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    String text;
    try (InputStream in = FederatedPlannerTest.class.getResourceAsStream("/federation/plans.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int line = 0;
    String sql = null;
    int sqlLine = 0;
    List<String> expected = new ArrayList<>();
    for (String row : (text + "\n\n").split("\n", -1)) {
      line++;
      if (row.startsWith("#")) {
        continue;
      }
      if (row.startsWith("sql: ")) {
        sql = row.substring(5);
        sqlLine = line;
      } else if (!row.isBlank()) {
        expected.add(row);
      } else if (sql != null) {
        String query = sql;
        String wanted = String.join("\n", expected);
        tests.add(DynamicTest.dynamicTest("plans.txt:" + sqlLine + " " + query, () -> check(query, wanted)));
        sql = null;
        expected = new ArrayList<>();
      }
    }
    return tests.stream();
  }

  private static void check(String sql, String expected) {
    String actual;
    try {
      actual = PLANNER.plan(sql, SCHEMA).toString().strip();
    } catch (SQLException e) {
      actual = "refused: " + e.getMessage();
    }
    if (!expected.equals(actual)) {
      System.out.println("sql: " + sql + "\n" + actual + "\n");
    }
    assertEquals(expected, actual, sql);
  }
}
