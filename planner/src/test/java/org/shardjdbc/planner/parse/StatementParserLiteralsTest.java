package org.shardjdbc.planner.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Literal forms and type names that tools send and Calcite does not read as MySQL writes them: each is one token of
 * the user's text, and Calcite is shown an equivalent.
 */
class StatementParserLiteralsTest {

  @Test
  void hexadecimalBitAndNationalLiterals_areOneTokenEach() throws SQLSyntaxErrorException {
    List<Token> tokens = MySqlTokenizer.tokenize("SELECT X'0a', b'101', 0b11, 0x1F, N'caf\u00e9', 0b12, x FROM t");
    assertEquals(List.of("X'0a'", "b'101'", "0b11", "0x1F", "N'caf\u00e9'", "0b12", "x"),
        tokens.subList(1, 14).stream().filter(token -> !token.isSymbol(",")).map(Token::text).toList());
    assertEquals(List.of(Token.Kind.NUMBER, Token.Kind.NUMBER, Token.Kind.NUMBER, Token.Kind.NUMBER, Token.Kind.STRING,
        Token.Kind.WORD, Token.Kind.WORD),
        tokens.subList(1, 14).stream().filter(token -> !token.isSymbol(",")).map(Token::kind).toList());
    assertEquals("caf\u00e9", tokens.get(9).value());
  }

  @Test
  void literals_reachCalciteAsBinaryStringsAndPlainStrings() throws SQLSyntaxErrorException {
    assertEquals("SELECT X'0A', X'05', X'03', X'01', X'0ABC', 'abc', 'x', X'41'\nFROM `t`\nWHERE `c` = X'41'",
        StatementParser.parse("SELECT X'0A', B'101', 0b11, b'1', 0xABC, N'abc', _latin1 'x', _binary X'41' FROM t"
            + " WHERE c = x'41'").root().toString());
  }

  @Test
  void underscoreWordBeforeSpacedString_isAColumnAndItsAlias() throws SQLSyntaxErrorException {
    assertEquals("SELECT `_note` AS `abc`\nFROM `t`", StatementParser.parse("SELECT _note 'abc' FROM t").root().toString());
  }

  @Test
  void castAsSignedOrUnsignedInteger_parses() throws SQLSyntaxErrorException {
    assertEquals("SELECT CAST(`a` AS `SIGNED`), CAST(`b` AS INTEGER UNSIGNED), CONVERT(`c`, `SIGNED`)\nFROM `t`",
        StatementParser.parse("SELECT CAST(a AS SIGNED INTEGER), CAST(b AS UNSIGNED INT), CONVERT(c, SIGNED INTEGER)"
            + " FROM t").root().toString());
  }

  @Test
  void groupConcatLimit_isHiddenFromCalcite() throws SQLSyntaxErrorException {
    assertEquals("SELECT GROUP_CONCAT(`a` ORDER BY `a` SEPARATOR ';')\nFROM `t`",
        StatementParser.parse("SELECT GROUP_CONCAT(a ORDER BY a SEPARATOR ';' LIMIT 1, 2) FROM t").root().toString());
  }

  @Test
  void badHexadecimalAndBitLiterals_areSyntaxErrorsThatSayWhy() {
    assertEquals("SQL syntax error at line 1, column 8: not a hexadecimal literal: X'0G'", message("SELECT X'0G' FROM t"));
    assertEquals("SQL syntax error at line 1, column 8: a hexadecimal literal needs an even number of digits: X'ABC'",
        message("SELECT X'ABC' FROM t"));
    assertEquals("SQL syntax error at line 1, column 8: not a bit-value literal: B'12'", message("SELECT B'12' FROM t"));
  }

  private static String message(String sql) {
    SQLSyntaxErrorException error = assertThrows(SQLSyntaxErrorException.class, () -> StatementParser.parse(sql));
    assertEquals("42000", error.getSQLState());
    return error.getMessage().replaceAll(" near .*", "");
  }
}
