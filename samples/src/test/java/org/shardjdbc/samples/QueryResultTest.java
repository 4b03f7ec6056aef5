package org.shardjdbc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryResultTest {
  private static QueryResult result(Object... cells) {
    return new QueryResult(List.of("a", "b"), List.of(Arrays.asList(cells)));
  }

  @Test
  void sameRows_comparesNumbersByValue() {
    assertTrue(result(new BigDecimal("2.50"), "x").sameRows(result(new BigDecimal("2.5"), "x")));
    assertFalse(result(new BigDecimal("2.51"), "x").sameRows(result(new BigDecimal("2.5"), "x")));
  }

  @Test
  void sameRows_nullEqualsOnlyNull() {
    assertTrue(result(null, "x").sameRows(result(null, "x")));
    assertFalse(result(null, "x").sameRows(result(BigDecimal.ONE, "x")));
  }

  @Test
  void sameRows_orderMatters() {
    QueryResult ab = new QueryResult(List.of("a"), List.of(List.of("a"), List.of("b")));
    QueryResult ba = new QueryResult(List.of("a"), List.of(List.of("b"), List.of("a")));

    assertFalse(ab.sameRows(ba));
  }

  @Test
  void text_printsNumbersPlainAndNullAsNull() {
    assertEquals(List.of(List.of("1000000", "NULL")), result(new BigDecimal("1E+6"), null).text());
  }
}
