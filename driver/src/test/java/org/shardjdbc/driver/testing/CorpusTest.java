package org.shardjdbc.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusTest {

  @Test
  void parse_readsDirectivesForTheNextQueryOnly() {
    List<CorpusEntry> entries = Corpus.parse("t.sql", String.join("\n",
        "-- header comment",
        "-- expect: ordered ci",
        "-- params: 1, -2, 3.50, 1.5e0, 'it''s', NULL, DATE '2024-02-29', TIMESTAMP '2024-02-29 12:00:00'",
        "SELECT *",
        "  FROM orders;",
        "",
        "-- a description",
        "SELECT 1;",
        "-- expect: refused",
        "SELECT 2 UNION SELECT 3;"));
    assertEquals(3, entries.size());
    CorpusEntry first = entries.get(0);
    assertEquals("SELECT *\n  FROM orders", first.sql());
    assertEquals(4, first.line());
    assertTrue(first.ordered() && first.ci() && first.prepared());
    assertEquals(Arrays.asList(1L, -2L, new BigDecimal("3.50"), 1.5, "it's", null, Date.valueOf("2024-02-29"),
        Timestamp.valueOf("2024-02-29 12:00:00")), first.params());
    CorpusEntry second = entries.get(1);
    assertFalse(second.ordered() || second.ci() || second.prepared() || second.refused());
    assertEquals(List.of(), second.params());
    assertEquals(8, second.line());
    assertTrue(entries.get(2).refused());
  }

  @Test
  void parse_emptyParamsMeansPreparedWithoutParameters() {
    CorpusEntry entry = Corpus.parse("t.sql", "-- params:\nSELECT 1;").get(0);
    assertTrue(entry.prepared());
    assertEquals(List.of(), entry.params());
  }

  @Test
  void parse_errorsNameFileAndLine() {
    assertEquals("t.sql:1: unknown expectation 'sorted' (known: ordered, unordered, ci, refused, optional, prepared, "
        + "approx, parts, error)",
        assertThrows(IllegalArgumentException.class, () -> Corpus.parse("t.sql", "-- expect: sorted\nSELECT 1;"))
            .getMessage());
    assertEquals("t.sql:2: query not terminated by ';' at the end of a line",
        assertThrows(IllegalArgumentException.class, () -> Corpus.parse("t.sql", "\nSELECT 1")).getMessage());
    assertEquals("t.sql:2: directive inside the query that starts at line 1 (is its ';' missing?)",
        assertThrows(IllegalArgumentException.class, () -> Corpus.parse("t.sql", "SELECT 1\n-- params: 1\nSELECT 2;"))
            .getMessage());
    assertEquals("t.sql:1: directive not followed by a query",
        assertThrows(IllegalArgumentException.class, () -> Corpus.parse("t.sql", "-- expect: ordered\n")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Corpus.parse("t.sql", "-- params: 1 2\nSELECT 1;"))
        .getMessage().startsWith("t.sql:1: "));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Corpus.parse("t.sql", "-- expect: refused ordered\nSELECT 1;")).getMessage().startsWith("t.sql:2: "));
  }

  /** A hand-written collation for the tests of the comparison itself: case and trailing spaces do not count. */
  private static final StringEquality CASE_INSENSITIVE = new StringEquality() {
    @Override
    public boolean equal(int column, String a, String b) {
      return key(column, a).equals(key(column, b));
    }

    @Override
    public String key(int column, String value) {
      return value.stripTrailing().toLowerCase(java.util.Locale.ROOT);
    }
  };

  @Test
  void firstDifference_comparesTypesScaleAndCollation() throws SQLException {
    QueryResult expected = result(List.of("s", "d"), Arrays.asList("Paid ", new BigDecimal("1.50")));
    assertNull(expected.firstDifference(result(List.of("s", "d"), Arrays.asList("Paid ", new BigDecimal("1.50"))),
        true, StringEquality.EXACT));
    assertEquals("row 1 column 2 (d): expected 1.50 (BigDecimal), actual 1.5 (BigDecimal)",
        expected.firstDifference(result(List.of("s", "d"), Arrays.asList("Paid ", new BigDecimal("1.5"))), true,
            StringEquality.EXACT).lines().findFirst().orElseThrow());
    QueryResult caseVariant = result(List.of("s", "d"), Arrays.asList("paid", new BigDecimal("1.50")));
    assertTrue(expected.firstDifference(caseVariant, false, StringEquality.EXACT).startsWith("rows differ (as multisets)"));
    assertNull(expected.firstDifference(caseVariant, false, CASE_INSENSITIVE));
    assertNull(expected.firstDifference(caseVariant, true, CASE_INSENSITIVE));
    assertTrue(result(List.of("s"), List.of("Côte")).firstDifference(result(List.of("s"), List.of("COTE ")), true,
        CASE_INSENSITIVE).startsWith("row 1 column 1 (s)"));
    assertEquals("column 1 label: expected 's', actual 'S'", expected.firstDifference(
        result(List.of("S", "d"), Arrays.asList("Paid ", new BigDecimal("1.50"))), true, StringEquality.EXACT));
  }

  @Test
  void firstDifference_comparesMultisetsCountingDuplicates() throws SQLException {
    QueryResult twice = new QueryResult(List.of("n"), List.of(java.sql.Types.BIGINT), List.of("BIGINT"),
        List.of(List.of(1L), List.of(1L), List.of(2L)));
    QueryResult once = new QueryResult(List.of("n"), List.of(java.sql.Types.BIGINT), List.of("BIGINT"),
        List.of(List.of(2L), List.of(1L), List.of(2L)));
    assertTrue(twice.firstDifference(once, false, StringEquality.EXACT).contains("1 missing, 1 extra"));
    QueryResult reordered = new QueryResult(List.of("n"), List.of(java.sql.Types.BIGINT), List.of("BIGINT"),
        List.of(List.of(2L), List.of(1L), List.of(1L)));
    assertNull(twice.firstDifference(reordered, false, StringEquality.EXACT));
    assertTrue(twice.firstDifference(reordered, true, StringEquality.EXACT).startsWith("row 1 column 1 (n)"));
  }

  @Test
  void parse_readsApproxAndParts() {
    List<CorpusEntry> entries = Corpus.parse("t.sql", "-- expect: approx parts ci\nSELECT 1;\nSELECT 2;");
    assertTrue(entries.get(0).approximate() && entries.get(0).parts() && entries.get(0).ci());
    assertFalse(entries.get(1).approximate() || entries.get(1).parts());
  }

  @Test
  void firstDifference_approximateComparesOnlyDoublesWithinTheTolerance() throws SQLException {
    QueryResult expected = doubles(List.of(7.8896352746385293E17, 1.0), List.of(2.0, 3.0));
    QueryResult lastDigits = doubles(List.of(2.0, 3.0), List.of(7.8896352746385357E17, 1.0));
    assertTrue(expected.firstDifference(lastDigits, false, StringEquality.EXACT)
        .startsWith("rows differ (as multisets)"));
    assertNull(expected.firstDifference(lastDigits, false, StringEquality.EXACT, true, false));
    QueryResult tooFar = doubles(List.of(7.8896352746285293E17, 1.0), List.of(2.0, 3.0));
    assertTrue(expected.firstDifference(tooFar, false, StringEquality.EXACT, true, false)
        .contains("1 missing, 1 extra"));
    assertTrue(expected.firstDifference(tooFar, true, StringEquality.EXACT, true, false)
        .startsWith("row 1 column 1 (a)"));
    QueryResult decimal = result(List.of("s", "d"), Arrays.asList("x", new BigDecimal("1.000000000000001")));
    assertTrue(decimal.firstDifference(result(List.of("s", "d"), Arrays.asList("x", new BigDecimal("1.000000000000002"))),
        true, StringEquality.EXACT, true, false).startsWith("row 1 column 2 (d)"));
  }

  @Test
  void firstDifference_partsComparesCommaSeparatedPartsAsMultisets() throws SQLException {
    QueryResult expected = result(List.of("s"), List.of("b,a,a,PAID"));
    assertNull(expected.firstDifference(result(List.of("s"), List.of("a,b,a,PAID")), false, StringEquality.EXACT,
        false, true));
    assertNull(expected.firstDifference(result(List.of("s"), List.of("a,paid ,a,b")), true, CASE_INSENSITIVE, false,
        true));
    assertTrue(expected.firstDifference(result(List.of("s"), List.of("a,b,PAID")), false, StringEquality.EXACT, false, true)
        .contains("1 missing, 1 extra"));
    assertTrue(expected.firstDifference(result(List.of("s"), List.of("a,paid,a,b")), true, StringEquality.EXACT, false,
        true).startsWith("row 1 column 1 (s)"));
  }

  private static QueryResult doubles(List<Double> first, List<Double> second) {
    return new QueryResult(List.of("a", "b"), List.of(java.sql.Types.DOUBLE, java.sql.Types.DOUBLE),
        List.of("DOUBLE", "DOUBLE"), List.of(List.copyOf(first), List.copyOf(second)));
  }

  private static QueryResult result(List<String> labels, List<Object> row) {
    List<Integer> types = labels.size() == 2 ? List.of(java.sql.Types.VARCHAR, java.sql.Types.DECIMAL)
        : List.of(java.sql.Types.VARCHAR);
    return new QueryResult(labels, types, labels.size() == 2 ? List.of("VARCHAR", "DECIMAL") : List.of("VARCHAR"),
        List.of(row));
  }
}
