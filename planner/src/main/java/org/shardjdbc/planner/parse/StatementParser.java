package org.shardjdbc.planner.parse;

import java.sql.SQLSyntaxErrorException;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses a MySQL statement with Calcite's (Babel) parser.
 *
 * <p>Calcite does not read several MySQL forms, so it is handed an equivalent text built token by token, all on one
 * line: "…" strings become '…', backslash escapes are resolved, {@code ||} and {@code &&} become OR and AND (MySQL's
 * default meaning), {@code DIV}, {@code MOD}, {@code REGEXP} and {@code XOR} become operators of the same precedence
 * that Calcite knows, and locking clauses ({@code FOR UPDATE}, {@code LOCK IN SHARE MODE}) and a final {@code ;} are
 * left out. The tree is for understanding the statement only: values are read from the user's tokens, and physical
 * SQL is always the user's own text (DESIGN.md). When Calcite rejects a word that MySQL takes as a name ({@code date},
 * {@code value}), the word is quoted and the parse tried again.
 *
 * <p>Not thread-safe state is created per call; the class itself is stateless.
 */
public final class StatementParser {
  private static final SqlParser.Config CONFIG = SqlParser.config()
      .withLex(Lex.MYSQL)
      .withConformance(SqlConformanceEnum.MYSQL_5)
      .withParserFactory(SqlBabelParserImpl.FACTORY)
      .withIdentifierMaxLength(256);
  private static final int MAX_QUOTING_RETRIES = 16;
  /** Words that shape a statement: never taken for names, however Calcite complains about them. */
  private static final java.util.Set<String> STRUCTURAL_WORDS = java.util.Set.of("SELECT", "FROM", "WHERE", "GROUP", "BY",
      "HAVING", "ORDER", "LIMIT", "OFFSET", "JOIN", "ON", "AND", "OR", "NOT", "IN", "AS", "UNION", "INTERSECT", "EXCEPT",
      "INNER", "LEFT", "RIGHT", "OUTER", "CROSS", "NATURAL", "USING", "BETWEEN", "LIKE", "IS", "NULL", "CASE", "WHEN",
      "THEN", "ELSE", "END", "DISTINCT", "ALL", "EXISTS", "INTO", "VALUES", "SET", "UPDATE", "DELETE", "INSERT", "WITH",
      "FOR", "ASC", "DESC", "WINDOW", "OVER", "PARTITION", "ROLLUP", "ANY", "SOME", "ESCAPE");

  private StatementParser() {}

  /**
   * @param sql a MySQL statement
   * @return its tokens and syntax tree
   * @throws SQLSyntaxErrorException with the line and column of the user's text where the statement cannot be read
   */
  public static ParsedStatement parse(String sql) throws SQLSyntaxErrorException {
    return parse(sql, MySqlTokenizer.tokenize(sql));
  }

  public static ParsedStatement parse(String sql, List<Token> tokens) throws SQLSyntaxErrorException {
    BitSet excluded = hiddenFromCalcite(tokens);
    BitSet quoted = new BitSet();
    SQLSyntaxErrorException first = null;
    for (int attempt = 0; attempt <= MAX_QUOTING_RETRIES; attempt++) {
      int[] columns = new int[tokens.size()];
      String text = calciteText(tokens, excluded, quoted, columns);
      try {
        SqlNode root = SqlParser.create(text, CONFIG).parseStmt();
        return new ParsedStatement(sql, tokens, columns, root);
      } catch (SqlParseException e) {
        SqlParserPos pos = e.getPos();
        int tokenIndex = pos == null ? -1 : tokenAtColumn(columns, pos.getColumnNum(), excluded);
        if (first == null) {
          first = error(sql, tokens, tokenIndex, e);
        }
        if (tokenIndex < 0 || quoted.get(tokenIndex) || tokens.get(tokenIndex).kind() != Token.Kind.WORD
            || STRUCTURAL_WORDS.contains(tokens.get(tokenIndex).text().toUpperCase(java.util.Locale.ROOT))) {
          throw first;
        }
        quoted.set(tokenIndex);
      } catch (RuntimeException e) {
        throw SyntaxErrors.at(sql, 0, "cannot parse the statement (" + e + ")");
      }
    }
    throw first;
  }

  private static int tokenAtColumn(int[] columns, int column, BitSet excluded) {
    for (int i = 0; i < columns.length; i++) {
      if (!excluded.get(i) && columns[i] == column - 1) {
        return i;
      }
    }
    return -1;
  }

  private static SQLSyntaxErrorException error(String sql, List<Token> tokens, int tokenIndex, SqlParseException e) {
    if (tokenIndex < 0) {
      return SyntaxErrors.at(sql, sql.length(), "unexpected end of statement");
    }
    Token token = tokens.get(tokenIndex);
    SQLSyntaxErrorException error = SyntaxErrors.at(sql, token.start(), "unexpected '" + token.text() + "'");
    error.initCause(e);
    return error;
  }

  /** The tokens Calcite is not shown: a trailing {@code ;} and MySQL's locking clauses at the end of a query. */
  public static BitSet lockingClauseAndTerminator(List<Token> tokens) {
    BitSet excluded = new BitSet();
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).isSymbol(";")) {
      end--;
      excluded.set(end);
    }
    int depth = 0;
    for (int i = 0; i < end; i++) {
      Token token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && isLockingClauseStart(tokens, i)) {
        excluded.set(i, end);
        break;
      }
    }
    return excluded;
  }

  /**
   * The tokens Calcite is not shown: a trailing {@code ;}, MySQL's locking clauses at the end of a query, and
   * {@code WITH ROLLUP}, which Calcite does not read (the analysis finds it among the tokens).
   */
  static BitSet hiddenFromCalcite(List<Token> tokens) {
    BitSet excluded = lockingClauseAndTerminator(tokens);
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).isWord("WITH") && tokens.get(i + 1).isWord("ROLLUP")) {
        excluded.set(i, i + 2);
      }
    }
    return excluded;
  }

  private static boolean isLockingClauseStart(List<Token> tokens, int i) {
    Token token = tokens.get(i);
    if (token.isWord("FOR") && i + 1 < tokens.size()) {
      Token next = tokens.get(i + 1);
      return next.isWord("UPDATE") || next.isWord("SHARE");
    }
    return token.isWord("LOCK") && i + 2 < tokens.size() && tokens.get(i + 1).isWord("IN") && tokens.get(i + 2).isWord("SHARE");
  }

  private static String calciteText(List<Token> tokens, BitSet excluded, BitSet quoted, int[] columns) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (excluded.get(i)) {
        columns[i] = text.length();
        continue;
      }
      if (text.length() > 0) {
        text.append(' ');
      }
      columns[i] = text.length();
      Token token = tokens.get(i);
      text.append(quoted.get(i) ? "`" + token.text() + "`" : calciteForm(tokens, i));
    }
    return text.toString();
  }

  private static String calciteForm(List<Token> tokens, int i) {
    Token token = tokens.get(i);
    switch (token.kind()) {
      case STRING:
        return "'" + token.value().replace("'", "''").replace('\n', ' ').replace('\r', ' ') + "'";
      case SYMBOL:
        switch (token.text()) {
          case "||":
            return "OR";
          case "&&":
            return "AND";
          case "!":
            return "NOT";
          default:
            return token.text();
        }
      case WORD:
        return calciteWord(tokens, i);
      default:
        return token.text();
    }
  }

  private static String calciteWord(List<Token> tokens, int i) {
    Token token = tokens.get(i);
    boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
    boolean qualified = i > 0 && tokens.get(i - 1).isSymbol(".");
    if (qualified) {
      return token.text();
    }
    switch (token.text().toUpperCase(java.util.Locale.ROOT)) {
      case "DIV":
        return "/";
      case "MOD":
        return call ? token.text() : "%";
      case "REGEXP":
      case "RLIKE":
        return "LIKE";
      case "XOR":
        return "OR";
      case "BINARY":
        // MySQL's BINARY operator binds like a unary sign; as a type (CAST(x AS BINARY), BINARY(16)) it stays
        return call || (i > 0 && tokens.get(i - 1).isWord("AS")) || i + 1 == tokens.size() ? token.text() : "+";
      default:
        return token.text();
    }
  }
}
