package org.shardjdbc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardjdbc.samples.RouteSummary.ExplainRow;

class RouteSummaryTest {
  @Test
  void describe_oneStatement() {
    List<ExplainRow> rows = List.of(new ExplainRow("h1", "SELECT * FROM orders_007 WHERE order_id = ?", "[135]"));

    assertEquals("""
          route: 1 physical statement on h1
            h1: SELECT * FROM orders_007 WHERE order_id = ?  [135]
        """, RouteSummary.describe(rows, "  "));
  }

  @Test
  void describe_scatter_countsPerDataSourceAndShowsTheFirstFew() {
    List<ExplainRow> rows = new ArrayList<>();
    for (int shard = 0; shard < 128; shard++) {
      rows.add(new ExplainRow("h" + (1 + shard / 16), String.format("SELECT COUNT(*) FROM orders_%03d", shard), "[]"));
    }
    rows.add(new ExplainRow("", "sum the 128 counts", ""));

    assertEquals("""
        route: 128 physical statements on h1 (16), h2 (16), h3 (16), h4 (16), h5 (16), h6 (16), h7 (16), h8 (16)
          h1: SELECT COUNT(*) FROM orders_000
          h1: SELECT COUNT(*) FROM orders_001
          h1: SELECT COUNT(*) FROM orders_002
          … 125 more
          merge: sum the 128 counts
        """, RouteSummary.describe(rows, ""));
  }

  @Test
  void rows_readsTheColumnsByPosition() {
    QueryResult explain = new QueryResult(List.of("data_source", "physical_sql", "params"),
        List.of(List.of("h2", "SELECT 1", "[1, 2]"), java.util.Arrays.asList(null, "merge", null)));

    assertEquals(List.of(new ExplainRow("h2", "SELECT 1", "[1, 2]"), new ExplainRow("", "merge", "NULL")),
        RouteSummary.rows(explain));
  }
}
