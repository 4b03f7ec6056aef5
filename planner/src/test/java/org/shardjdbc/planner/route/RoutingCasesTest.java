package org.shardjdbc.planner.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.KeyTypes;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.rewrite.CombineShardsPerServer;
import org.shardjdbc.planner.rewrite.ServerWeights;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * Table-driven planner tests: SQL and parameters in, physical SQL per shard and the merge plan out, from the
 * text files in {@code src/test/resources/routing/}. A case is a block of lines:
 *
 * <pre>
 * # what the case shows
 * sql: SELECT * FROM orders WHERE order_id IN (?, ?, ?)
 * params: 1, 5, 2
 * h1: SELECT * FROM orders_1 WHERE order_id IN (?, ?) [1, 5]
 * h2: SELECT * FROM orders_2 WHERE order_id IN (?) [2]
 * Merge(concat)
 * </pre>
 *
 * Parameters: {@code 'text'} is a String, {@code 5L} a Long, {@code NULL} null, any other number a BigDecimal.
 * The expected lines are {@link Route#toString()}, or for writes and DDL one line per physical statement (none:
 * {@code no shard}) and the generated keys, or {@code pass-through: <data source>}, {@code session: <command>},
 * {@code named locks on <data source>: <calls>}, or {@code refused: <message>} for a SQLException; a locking read
 * whose shards are read in turn shows {@link ShardsInTurn#toString()}. The layout: orders (shard key
 * order_id, mod) on 4 shards, orders_0 and orders_1 on h1, orders_2 and orders_3 on h2; order_items bound to it;
 * events (shard key event_id, keyGenerator snowflake, here a counter from 1000) and tickets (shard key ticket_id,
 * AUTO_INCREMENT) on the same 4 shards, not bound; countries broadcast; unsharded tables on h1 and named locks on
 * h2; the logical database is named shop. The
 * columns of orders, in order: order_id, customer_id, status, amount; of order_items: item_id, order_id, quantity.
 * On a mismatch the test prints the whole actual block, to copy into the file after review.
 */
class RoutingCasesTest {
  private static final KeyTypes KEY_TYPES = table -> KeyType.INTEGER;
  private static final StatementAnalyzer ANALYZER = new StatementAnalyzer(model(), RoutingCasesTest::columns);

  static ShardingModel model() {
    return new ShardingModel(List.of("h1", "h2"), "h1", "h2", List.of(
        sharded("orders", "order_id", null, null),
        sharded("order_items", "order_id", "orders", null),
        sharded("events", "event_id", null, "snowflake"),
        sharded("tickets", "ticket_id", null, null),
        new LogicalTable("countries", null, null, List.of(new DataNode("h1", "countries"), new DataNode("h2", "countries")),
            null, true, null)), "shop");
  }

  private static LogicalTable sharded(String name, String key, String bindTo, String keyGenerator) {
    List<DataNode> nodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      nodes.add(new DataNode(i < 2 ? "h1" : "h2", name + "_" + i));
    }
    return new LogicalTable(name, key, new ModAlgorithm(), nodes, bindTo, false, keyGenerator);
  }

  private static List<ColumnCatalog.TableColumn> columns(LogicalTable table) {
    switch (table.name()) {
      case "orders":
        return List.of(column("order_id"), column("customer_id"), column("status"), column("amount"),
            new ColumnCatalog.TableColumn("placed_at", KeyType.DATE_TIME, false, false));
      case "order_items":
        return List.of(column("item_id"), column("order_id"), column("quantity"));
      case "tickets":
        return List.of(new ColumnCatalog.TableColumn("ticket_id", KeyType.INTEGER, true, false), column("title"));
      default:
        return List.of();
    }
  }

  private static ColumnCatalog.TableColumn column(String name) {
    return new ColumnCatalog.TableColumn(name, KeyType.OTHER, false, false);
  }

  /**
   * An AVG that the merge computes from SUM and COUNT is computed by the shards for its type only: in a server's UNION
   * ALL by the first branch alone, whose type the union's column takes; the later branches write NULL. Where the
   * driver rewrote its text (here the logical database's name taken out), every branch computes it. (The hidden SUM
   * and COUNT are written from the user's text and keep that name: a limitation of hidden columns, not of this.)
   */
  @Test
  void averageForItsTypeOnly_isComputedByTheFirstBranchOfAServersUnion() throws SQLException {
    assertEquals("(SELECT order_id, AVG(CASE WHEN 0 THEN placed_at END) AS `AVG(placed_at)` , SUM(placed_at) AS `__h0`,"
        + " COUNT(placed_at) AS `__h1`, WEIGHTS(order_id) AS `__h2`, PADDING(order_id) AS `__h3` FROM orders_0 GROUP BY"
        + " order_id ORDER BY 1 ) UNION ALL (SELECT order_id, NULL AS `AVG(placed_at)` , SUM(placed_at) AS `__h0`,"
        + " COUNT(placed_at) AS `__h1`, WEIGHTS(order_id) AS `__h2`, PADDING(order_id) AS `__h3` FROM orders_1 GROUP BY"
        + " order_id ORDER BY 1 ) ORDER BY 1 []",
        combinedOnH1("SELECT order_id, AVG(placed_at) FROM orders GROUP BY order_id", List.of()));
    assertEquals("(SELECT order_id, AVG( CASE WHEN 0 THEN orders.placed_at END ) a , SUM(shop.orders.placed_at) AS"
        + " `__h0`, COUNT(shop.orders.placed_at) AS `__h1`, WEIGHTS(order_id) AS `__h2`, PADDING(order_id) AS `__h3` FROM"
        + " orders_0 orders GROUP BY order_id ORDER BY 1 ) UNION ALL (SELECT order_id, AVG( CASE WHEN 0 THEN"
        + " orders.placed_at END ) a , SUM(shop.orders.placed_at) AS `__h0`, COUNT(shop.orders.placed_at) AS `__h1`,"
        + " WEIGHTS(order_id) AS `__h2`, PADDING(order_id) AS `__h3` FROM orders_1 orders GROUP BY order_id ORDER BY 1 )"
        + " ORDER BY 1 []",
        combinedOnH1("SELECT order_id, AVG(shop.orders.placed_at) a FROM orders GROUP BY order_id", List.of()));
  }

  private static String combinedOnH1(String sql, List<Object> params) throws SQLException {
    Route route = Router.route((Analysis.ShardedSelect) ANALYZER.analyze(sql), params, KEY_TYPES);
    List<ShardSql> onH1 = route.statements().stream().filter(statement -> statement.dataSource().equals("h1")).toList();
    ShardSql combined = CombineShardsPerServer.combine(onH1, route.mergePlan(), route.limit());
    return abbreviateCollationKeys(combined.sql()).replaceAll("\\s+", " ") + " " + combined.parameters();
  }

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : List.of("select.txt", "aggregate.txt", "refused.txt", "pruning.txt", "outer_join.txt",
        "qualified.txt", "insert.txt", "update_delete.txt", "ddl.txt", "locking.txt", "named-locks.txt")) {
      String text;
      try (InputStream in = RoutingCasesTest.class.getResourceAsStream("/routing/" + file)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (String block : text.split("\n\\s*\n")) {
        List<String> lines = new ArrayList<>(block.strip().lines().toList());
        lines.removeIf(line -> line.startsWith("#"));
        if (lines.isEmpty()) {
          continue;
        }
        String sql = lines.remove(0).substring("sql: ".length());
        List<Object> params = new ArrayList<>();
        if (!lines.isEmpty() && lines.get(0).startsWith("params:")) {
          for (String value : lines.remove(0).substring("params:".length()).split(",")) {
            String trimmed = value.trim();
            params.add(trimmed.equals("NULL") ? null : trimmed.startsWith("'") ? trimmed.substring(1, trimmed.length() - 1)
                : trimmed.endsWith("L") ? (Object) Long.valueOf(trimmed.substring(0, trimmed.length() - 1))
                : new BigDecimal(trimmed));
          }
        }
        String expected = normalize(String.join("\n", lines));
        tests.add(DynamicTest.dynamicTest(file + ": " + sql, () -> {
          String actual = normalize(plan(sql, params));
          if (!expected.equals(actual)) {
            System.out.println("sql: " + sql + "\n" + actual + "\n");
          }
          assertEquals(expected, actual, sql);
        }));
      }
    }
    return tests.stream();
  }

  /**
   * Runs of spaces count as one, as white space left by a removed clause carries no meaning; the hidden columns of a
   * collation key show as {@code WEIGHTS(x)} (or {@code TRIMMED_WEIGHTS(x)}) and {@code PADDING(x)}
   * ({@code ServerWeightsTest} shows them in full).
   */
  private static String normalize(String text) {
    return abbreviateCollationKeys(text).lines().map(line -> line.strip().replaceAll(" {2,}", " ")).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  private static String abbreviateCollationKeys(String sql) {
    String start = "IF(CHARSET(";
    for (int at = sql.indexOf(start); at >= 0; at = sql.indexOf(start, at + 1)) {
      int end = sql.indexOf(") = 'binary'", at);
      if (end < 0) {
        break;
      }
      String expression = sql.substring(at + start.length(), end);
      sql = sql.replace(ServerWeights.trimmedWeights(expression), "TRIMMED_WEIGHTS(" + expression + ")")
          .replace(ServerWeights.weights(expression), "WEIGHTS(" + expression + ")")
          .replace(ServerWeights.padding(expression), "PADDING(" + expression + ")");
    }
    return sql;
  }

  private static String plan(String sql, List<Object> params) {
    try {
      return plan(ANALYZER.analyze(sql), params);
    } catch (SQLException e) {
      return "refused: " + e.getMessage();
    }
  }

  private static String plan(Analysis analysis, List<Object> params) throws SQLException {
    if (analysis instanceof Analysis.PassThrough passThrough) {
      return "pass-through: " + passThrough.dataSource();
    }
    if (analysis instanceof Analysis.Session session) {
      return "session: " + session.command().getClass().getSimpleName();
    }
    if (analysis instanceof Analysis.Explain explain) {
      return "explain " + explain.statement() + "\n" + plan(explain.explained(), params);
    }
    if (analysis instanceof Analysis.ShardedSelect select) {
      return Router.route(select, params, KEY_TYPES).toString().strip();
    }
    if (analysis instanceof Analysis.NamedLocks locks) {
      return "named locks on " + locks.dataSource() + ": " + locks.calls();
    }
    if (analysis instanceof Analysis.LockingSelect locking) {
      Route route = Router.route(locking.select(), params, KEY_TYPES);
      ShardsInTurn inTurn = locking.shardsInTurn() && !route.singleShard() ? Router.routeInTurn(locking, params, KEY_TYPES)
          : null;
      return (inTurn != null ? inTurn : route).toString().strip();
    }
    if (analysis instanceof Analysis.ShardedInsert insert) {
      long[] next = {1000};
      InsertRouter.InsertRoute route = InsertRouter.route(insert, params, () -> next[0]++);
      return lines(route.statements()) + (route.generatedKeys().isEmpty() ? "" : "\ngenerated keys: " + route.generatedKeys());
    }
    if (analysis instanceof Analysis.ShardedWrite write) {
      return lines(Router.route(write, params, KEY_TYPES));
    }
    if (analysis instanceof Analysis.BroadcastWrite write) {
      return lines(Router.route(write, params));
    }
    if (analysis instanceof Analysis.Ddl ddl) {
      return lines(Router.route(ddl));
    }
    throw new IllegalStateException("unknown plan " + analysis);
  }

  private static String lines(List<ShardSql> statements) {
    if (statements.isEmpty()) {
      return "no shard";
    }
    StringBuilder text = new StringBuilder();
    for (ShardSql statement : statements) {
      text.append(statement).append('\n');
    }
    return text.toString().strip();
  }
}
