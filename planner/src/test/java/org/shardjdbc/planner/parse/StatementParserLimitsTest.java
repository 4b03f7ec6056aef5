package org.shardjdbc.planner.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;

/** Statements that would make Calcite's parser run out of stack or take minutes are refused with a clear message. */
class StatementParserLimitsTest {

  @Test
  void betweenChain_upToTheLimit_parses() throws SQLSyntaxErrorException {
    assertNotNull(StatementParser.parse(ranges(StatementParser.MAX_SPECIAL_OPERATORS_PER_EXPRESSION, false)).root());
  }

  @Test
  void betweenChain_overTheLimit_isRefusedWhereItGoesOver() {
    String sql = ranges(StatementParser.MAX_SPECIAL_OPERATORS_PER_EXPRESSION + 1, false);
    SQLSyntaxErrorException error = assertThrows(SQLSyntaxErrorException.class, () -> StatementParser.parse(sql));
    assertEquals("42000", error.getSQLState());
    int column = sql.lastIndexOf("BETWEEN") + 1;
    assertEquals("SQL syntax error at line 1, column " + column + ": more than 100 BETWEEN, LIKE, REGEXP or similar "
        + "operators in one expression, which the SQL parser reads too slowly; put each in parentheses",
        error.getMessage().replaceAll(" near .*", ""));
  }

  @Test
  void likeChainsAndMemberAccessOnParameters_countToo() {
    StringBuilder likes = new StringBuilder("SELECT * FROM orders WHERE status LIKE 'a%'");
    StringBuilder members = new StringBuilder("SELECT ? FROM orders t0 WHERE t0.order_id = ?.order_id");
    for (int i = 0; i < StatementParser.MAX_SPECIAL_OPERATORS_PER_EXPRESSION; i++) {
      likes.append(i % 2 == 0 ? " OR status NOT LIKE 'b%'" : " OR status REGEXP 'c'");
      members.append(" = ?.order_id");
    }
    for (String sql : new String[] {likes.toString(), members.toString()}) {
      SQLSyntaxErrorException error = assertThrows(SQLSyntaxErrorException.class, () -> StatementParser.parse(sql));
      assertTrue(error.getMessage().contains("more than 100 BETWEEN, LIKE, REGEXP or similar operators"), error.getMessage());
    }
  }

  @Test
  void qualifiedColumns_areNotMemberAccess() throws SQLSyntaxErrorException {
    StringBuilder sql = new StringBuilder("SELECT * FROM orders t WHERE t.order_id = 0");
    for (int i = 1; i < 500; i++) {
      sql.append(" OR t.order_id = ").append(i);
    }
    assertNotNull(StatementParser.parse(sql.toString()).root());
  }

  @Test
  void betweenChain_eachInParentheses_parses() throws SQLSyntaxErrorException {
    assertNotNull(StatementParser.parse(ranges(1_000, true)).root());
  }

  @Test
  void betweenInSeparateSelectItems_countApart() throws SQLSyntaxErrorException {
    StringBuilder sql = new StringBuilder("SELECT 1 BETWEEN 0 AND 2");
    for (int i = 0; i < 300; i++) {
      sql.append(", ").append(i).append(" BETWEEN 0 AND 2");
    }
    assertNotNull(StatementParser.parse(sql.toString()).root());
  }

  @Test
  void nestedTooDeeply_saysSo() {
    String sql = "SELECT order_id FROM orders WHERE order_id = " + "(".repeat(5_000) + "1" + ")".repeat(5_000);
    SQLSyntaxErrorException error = assertThrows(SQLSyntaxErrorException.class, () -> StatementParser.parse(sql));
    assertEquals("42000", error.getSQLState());
    assertTrue(error.getMessage().startsWith("the statement is nested too deeply for the SQL parser"), error.getMessage());
  }

  private static String ranges(int count, boolean parenthesized) {
    StringBuilder sql = new StringBuilder("SELECT * FROM orders WHERE ");
    for (int i = 0; i < count; i++) {
      String range = "order_id BETWEEN " + (10 * i) + " AND " + (10 * i + 5);
      sql.append(i == 0 ? "" : " OR ").append(parenthesized ? "(" + range + ")" : range);
    }
    return sql.toString();
  }
}
