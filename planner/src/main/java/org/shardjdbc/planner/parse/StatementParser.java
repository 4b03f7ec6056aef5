package org.shardjdbc.planner.parse;

import java.math.BigInteger;
import java.sql.SQLSyntaxErrorException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * SQL is always the user's own text (unparsing a tree would change MySQL meaning). When Calcite rejects a word that MySQL takes as a name ({@code date},
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
  /** The character sets whose names, after {@code _}, introduce a literal. */
  private static final Set<String> CHARACTER_SETS = Set.of("armscii8", "ascii", "big5", "binary", "cp1250", "cp1251",
      "cp1256", "cp1257", "cp850", "cp852", "cp866", "cp932", "dec8", "eucjpms", "euckr", "gb18030", "gb2312", "gbk",
      "geostd8", "greek", "hebrew", "hp8", "keybcs2", "koi8r", "koi8u", "latin1", "latin2", "latin5", "latin7", "macce",
      "macroman", "sjis", "swe7", "tis620", "ucs2", "ujis", "utf16", "utf16le", "utf32", "utf8", "utf8mb3", "utf8mb4");
  static final int MAX_SPECIAL_OPERATORS_PER_EXPRESSION = 100;
  private static final Set<String> SPECIAL_OPERATORS = Set.of("BETWEEN", "LIKE", "RLIKE", "REGEXP", "SIMILAR", "ESCAPE");
  /** MySQL functions whose names are also statement words: {@code INSERT(s, 1, 2, 'x')}, {@code REPLACE(s, a, b)}. */
  private static final Set<String> FUNCTIONS_NAMED_LIKE_KEYWORDS = Set.of("INSERT", "REPLACE", "LEFT", "RIGHT", "SET",
      "DELETE", "UPDATE");
  private static final Set<String> SELECT_MODIFIERS = Set.of("HIGH_PRIORITY", "STRAIGHT_JOIN", "SQL_SMALL_RESULT",
      "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS");
  /** Words that shape a statement: never taken for names, however Calcite complains about them. */
  private static final Set<String> STRUCTURAL_WORDS = Set.of("SELECT", "FROM", "WHERE", "GROUP", "BY",
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
    checkSpecialOperatorChains(sql, tokens);
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
        int name = nameToQuote(tokens, tokenIndex, quoted);
        if (name < 0) {
          throw first;
        }
        quoted.set(name);
      } catch (RuntimeException e) {
        throw SyntaxErrors.at(sql, 0, "cannot parse the statement (" + e + ")");
      }
    }
    throw first;
  }

  /**
   * Refuses more than {@value #MAX_SPECIAL_OPERATORS_PER_EXPRESSION} of the operators Calcite's parser reduces one by
   * one ({@code BETWEEN}, {@code LIKE}, {@code REGEXP}, {@code SIMILAR TO}, {@code ESCAPE}, and {@code .} after a
   * parameter or a parenthesis) in one expression (one level of parentheses, up to a comma): the time it needs grows
   * with the square or cube of their number. Measured here: 400 BETWEEN took 5.7 s and 1,000 took 89 s, while 1,000 each
   * in its own parentheses took 2.3 s; 300 LIKE took 0.5 s.
   */
  private static void checkSpecialOperatorChains(String sql, List<Token> tokens) throws SQLSyntaxErrorException {
    int[] counts = new int[16];
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
        if (depth == counts.length) {
          counts = Arrays.copyOf(counts, counts.length * 2);
        }
        counts[depth] = 0;
      } else if (token.isSymbol(")")) {
        depth = Math.max(0, depth - 1);
      } else if (token.isSymbol(",")) {
        counts[depth] = 0;
      } else if (isReducedOneByOne(tokens, i) && ++counts[depth] > MAX_SPECIAL_OPERATORS_PER_EXPRESSION) {
        throw SyntaxErrors.at(sql, token.start(), "more than " + MAX_SPECIAL_OPERATORS_PER_EXPRESSION + " BETWEEN, "
            + "LIKE, REGEXP or similar operators in one expression, which the SQL parser reads too slowly; put each in "
            + "parentheses");
      }
    }
  }

  private static boolean isReducedOneByOne(List<Token> tokens, int index) {
    Token token = tokens.get(index);
    if (token.kind() == Token.Kind.WORD) {
      return SPECIAL_OPERATORS.contains(token.text().toUpperCase(Locale.ROOT));
    }
    if (token.isSymbol(".") && index > 0) {
      Token before = tokens.get(index - 1);
      return before.kind() == Token.Kind.PARAMETER || before.isSymbol(")");
    }
    return false;
  }

  /**
   * The word to read as a name in the next attempt, near where Calcite stopped: the word itself ({@code date}), a
   * function name Calcite reserves that follows it ({@code , INSERT(}), or the function name before a {@code (}
   * that Calcite gives a syntax of its own ({@code DATEDIFF(}); -1 when there is none.
   */
  private static int nameToQuote(List<Token> tokens, int index, BitSet quoted) {
    if (index < 0) {
      return -1;
    }
    int[] candidates = {index, index + 1, index - 1, callBefore(tokens, index), enclosingCall(tokens, index)};
    for (int candidate : candidates) {
      if (candidate < 0 || candidate >= tokens.size() || quoted.get(candidate)) {
        continue;
      }
      Token token = tokens.get(candidate);
      boolean call = candidate + 1 < tokens.size() && tokens.get(candidate + 1).isSymbol("(");
      String word = token.text().toUpperCase(Locale.ROOT);
      boolean structural = STRUCTURAL_WORDS.contains(word) && !(call && FUNCTIONS_NAMED_LIKE_KEYWORDS.contains(word));
      if (token.kind() != Token.Kind.WORD || structural || (candidate != index && !call)) {
        continue;
      }
      return candidate;
    }
    return -1;
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
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StackOverflowError) {
        // Calcite's parser recurses about 20 frames per nested parenthesis: a few hundred levels fill a thread's stack
        SQLSyntaxErrorException error = new SQLSyntaxErrorException(
            "the statement is nested too deeply for the SQL parser (" + tokens.size() + " tokens)", "42000");
        error.initCause(e);
        return error;
      }
    }
    if (tokenIndex < 0) {
      SQLSyntaxErrorException error = SyntaxErrors.at(sql, sql.length(), "unexpected end of statement");
      error.initCause(e);
      return error;
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
   * The tokens Calcite is not shown: a trailing {@code ;}, MySQL's locking clauses at the end of a query, and what
   * Calcite does not read: {@code WITH ROLLUP} and the LIMIT of {@code GROUP_CONCAT} (the analysis finds them among the
   * tokens), select modifiers, index hints, character set introducers, and the INTEGER of
   * {@code CAST(x AS SIGNED INTEGER)}.
   */
  static BitSet hiddenFromCalcite(List<Token> tokens) {
    BitSet excluded = lockingClauseAndTerminator(tokens);
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      if (token.isWord("WITH") && next != null && next.isWord("ROLLUP")) {
        excluded.set(i, i + 2);
      } else if (isSelectModifier(tokens, i)) {
        excluded.set(i);
      } else if ((token.isWord("USE") || token.isWord("FORCE") || token.isWord("IGNORE")) && next != null
          && (next.isWord("INDEX") || next.isWord("KEY"))) {
        excluded.set(i, indexHintEnd(tokens, i + 2) + 1);
      } else if (isIntroducer(token, next)) {
        excluded.set(i); // a character set introducer: _utf8mb4'text', _binary X'0A'
      } else if ((token.isWord("INTEGER") || token.isWord("INT")) && i >= 2
          && (tokens.get(i - 1).isWord("SIGNED") || tokens.get(i - 1).isWord("UNSIGNED"))
          && (tokens.get(i - 2).isWord("AS") || tokens.get(i - 2).isSymbol(","))) {
        excluded.set(i); // CAST(x AS SIGNED INTEGER) is CAST(x AS SIGNED)
      } else if (token.isWord("LIMIT") && enclosingCall(tokens, i) >= 0
          && tokens.get(enclosingCall(tokens, i)).isWord("GROUP_CONCAT")) {
        // GROUP_CONCAT(… LIMIT n): the analysis finds the LIMIT among the tokens
        excluded.set(i, closingParenthesis(tokens, i));
      }
    }
    return excluded;
  }

  /**
   * Whether a word is a character set introducer of the literal after it: {@code _utf8mb4'text'}, {@code _latin1 'text'},
   * {@code _binary 0x0A}. With white space between them, only a character set's name is one ({@code _note 'x'} is a
   * column and its alias).
   */
  private static boolean isIntroducer(Token token, Token next) {
    if (token.kind() != Token.Kind.WORD || !token.text().startsWith("_") || next == null
        || !(next.kind() == Token.Kind.STRING || next.kind() == Token.Kind.NUMBER && isHexadecimalOrBits(next.text()))) {
      return false;
    }
    return next.start() == token.end() || CHARACTER_SETS.contains(token.text().substring(1).toLowerCase(Locale.ROOT));
  }

  /** Whether a number is a hexadecimal or bit-value literal: {@code X'0A'}, {@code 0x0A}, {@code B'1'}, {@code 0b1}. */
  private static boolean isHexadecimalOrBits(String number) {
    return Character.isLetter(number.charAt(0)) || number.startsWith("0x") || number.startsWith("0X")
        || number.startsWith("0b");
  }

  /** The index of the {@code )} that closes the parentheses {@code index} is inside. */
  private static int closingParenthesis(List<Token> tokens, int index) {
    int depth = 0;
    for (int i = index; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(")) {
        depth++;
      } else if (tokens.get(i).isSymbol(")") && depth-- == 0) {
        return i;
      }
    }
    return tokens.size();
  }

  /** The function name of a call that ends just before {@code index} ({@code REPLACE(a, b, c)} then {@code ,}). */
  private static int callBefore(List<Token> tokens, int index) {
    if (index < 1 || !tokens.get(index - 1).isSymbol(")")) {
      return -1;
    }
    int depth = 0;
    for (int i = index - 1; i >= 0; i--) {
      if (tokens.get(i).isSymbol(")")) {
        depth++;
      } else if (tokens.get(i).isSymbol("(") && --depth == 0) {
        return i - 1;
      }
    }
    return -1;
  }

  /** The function name of the innermost call {@code index} is inside ({@code DATEDIFF(NOW(), …)}). */
  private static int enclosingCall(List<Token> tokens, int index) {
    int depth = 0;
    for (int i = Math.min(index, tokens.size()) - 1; i >= 0; i--) {
      if (tokens.get(i).isSymbol(")")) {
        depth++;
      } else if (tokens.get(i).isSymbol("(") && depth-- == 0) {
        return i - 1;
      }
    }
    return -1;
  }

  /** {@code HIGH_PRIORITY}, {@code SQL_NO_CACHE}, … right after SELECT: hints that do not change the rows. */
  private static boolean isSelectModifier(List<Token> tokens, int i) {
    if (!SELECT_MODIFIERS.contains(tokens.get(i).text().toUpperCase(Locale.ROOT)) || tokens.get(i).kind() != Token.Kind.WORD) {
      return false;
    }
    int previous = i - 1;
    while (previous >= 0 && (SELECT_MODIFIERS.contains(tokens.get(previous).text().toUpperCase(Locale.ROOT))
        || tokens.get(previous).isWord("DISTINCT") || tokens.get(previous).isWord("ALL"))) {
      previous--;
    }
    return previous >= 0 && tokens.get(previous).isWord("SELECT");
  }

  /** The last token of an index hint's {@code [FOR JOIN|ORDER BY|GROUP BY] (names)}, from the token after INDEX. */
  private static int indexHintEnd(List<Token> tokens, int from) {
    int i = from;
    while (i < tokens.size() && !tokens.get(i).isSymbol("(")) {
      i++;
    }
    int depth = 0;
    for (; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(")) {
        depth++;
      } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
        return i;
      }
    }
    return tokens.size() - 1;
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
      case NUMBER:
        return calciteNumber(token.text());
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
          case "->":
          case "->>":
            return "||"; // JSON paths: an operator on two operands, as far as the analysis cares
          case "~":
            return "-";
          case "^":
          case "|":
          case "&":
          case "<<":
          case ">>":
            return "+"; // bit operators: read as arithmetic, never as a key condition
          case ":=":
            return "=";
          default:
            return token.text();
        }
      case WORD:
        return calciteWord(tokens, i);
      case VARIABLE:
        return "`" + token.text().replace("`", "``") + "`";
      default:
        return token.text();
    }
  }

  /**
   * A hexadecimal or bit-value literal ({@code 0x0A}, {@code B'101'}, {@code 0b101}) as the binary string Calcite reads,
   * {@code X'0A'}; any other number as is.
   */
  private static String calciteNumber(String number) {
    if (!isHexadecimalOrBits(number) || number.startsWith("x'") || number.startsWith("X'")) {
      return number;
    }
    boolean quoted = number.endsWith("'");
    String digits = quoted ? number.substring(2, number.length() - 1) : number.substring(2);
    boolean bits = number.charAt(0) == 'b' || number.charAt(0) == 'B' || number.startsWith("0b");
    String hexadecimal = digits.isEmpty() ? "" : new BigInteger(digits, bits ? 2 : 16).toString(16);
    int width = bits ? (digits.length() + 7) / 8 * 2 : digits.length() + digits.length() % 2;
    return "X'" + "0".repeat(Math.max(0, width - hexadecimal.length())) + hexadecimal + "'";
  }

  private static String calciteWord(List<Token> tokens, int i) {
    Token token = tokens.get(i);
    boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
    boolean qualified = i > 0 && tokens.get(i - 1).isSymbol(".");
    if (qualified) {
      return token.text();
    }
    switch (token.text().toUpperCase(Locale.ROOT)) {
      case "DIV":
        return "/";
      case "MOD":
        return call ? token.text() : "%";
      case "REGEXP":
      case "RLIKE":
        return "LIKE";
      case "XOR":
        return "OR";
      case "DISTINCTROW":
        return "DISTINCT";
      case "STRAIGHT_JOIN":
        return "JOIN";
      case "COLLATE":
        // a collation binds to the value before it; as an operator it keeps that value and the collation together
        return "||";
      case "BINARY":
        // MySQL's BINARY operator binds like a unary sign; as a type (CAST(x AS BINARY), BINARY(16)) it stays
        return call || (i > 0 && tokens.get(i - 1).isWord("AS")) || i + 1 == tokens.size() ? token.text() : "+";
      default:
        return token.text();
    }
  }
}
