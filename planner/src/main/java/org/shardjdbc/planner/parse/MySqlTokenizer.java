package org.shardjdbc.planner.parse;

import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits MySQL text into {@link Token}s with their positions, the way the MySQL server reads it: {@code #},
 * {@code -- } and {@code /* *}{@code /} comments, back-quoted identifiers, '…' and "…" strings with backslash escapes,
 * {@code ?} markers and multi-character operators. Calcite's parser does not read several of these forms; the tokens
 * let {@link StatementParser} hand Calcite an equivalent text and map Calcite's positions back to the user's text.
 *
 * <p>The text of an executable comment ({@code /*! … *}{@code /}, {@code /*!50110 … *}{@code /}) is code, as every
 * supported server (MySQL 8, MariaDB 10 and later) runs it: its tokens are the statement's, only the delimiters and
 * the version are left out. One whose version only some of those servers reach ({@code /*!80023 … *}{@code /}) is
 * refused, as is MariaDB's {@code /*M! … *}{@code /}, which MySQL skips; one with a version no server reaches
 * ({@code /*M!999999 … *}{@code /}, as mariadb-dump writes) is a comment.
 */
public final class MySqlTokenizer {
  private static final String[] SYMBOLS = {
    "<=>", "<<", ">>", "<=", ">=", "<>", "!=", "||", "&&", ":=", "->>", "->",
    "(", ")", ",", ".", ";", "=", "<", ">", "+", "-", "*", "/", "%", "!", "~", "^", "|", "&", "{", "}", ":"
  };

  private MySqlTokenizer() {}

  /**
   * @param sql the statement
   * @return its tokens in order
   * @throws SQLSyntaxErrorException on an unterminated string, identifier or comment, or a character MySQL rejects
   */
  public static List<Token> tokenize(String sql) throws SQLSyntaxErrorException {
    return scan(sql, null);
  }

  /**
   * The comments of a statement, in order, for the hints they may carry ({@code /* shard:primary *}{@code /}):
   * each as its text between the delimiters ({@code " shard:primary "} for that one; {@code "!50000 SQL_NO_CACHE"}
   * for an executable comment), whatever the comment's kind ({@code /* *}{@code /}, {@code #}, {@code -- }).
   *
   * @throws SQLSyntaxErrorException as {@link #tokenize} does
   */
  public static List<String> comments(String sql) throws SQLSyntaxErrorException {
    List<String> comments = new ArrayList<>();
    scan(sql, comments);
    return comments;
  }

  private static List<Token> scan(String sql, List<String> comments) throws SQLSyntaxErrorException {
    List<Token> tokens = new ArrayList<>();
    int length = sql.length();
    int i = 0;
    int executableComment = -1;
    while (i < length) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (executableComment >= 0 && sql.startsWith("*/", i)) {
        executableComment = -1;
        i += 2;
      } else if (c == '#' || (c == '-' && sql.startsWith("--", i) && (i + 2 == length || Character.isWhitespace(sql.charAt(i + 2))))) {
        int start = i + (c == '#' ? 1 : 2);
        while (i < length && sql.charAt(i) != '\n') {
          i++;
        }
        if (comments != null) {
          comments.add(sql.substring(start, i));
        }
      } else if (c == '/' && sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        if (close < 0 || executableComment >= 0) {
          throw error(sql, i, close < 0 ? "unterminated comment" : "a comment inside an executable comment");
        }
        if (comments != null) {
          comments.add(sql.substring(i + 2, close));
        }
        int code = executableCode(sql, i, close);
        if (code >= 0) {
          executableComment = i;
          i = code;
        } else {
          i = close + 2;
        }
      } else if (c == '\'' || c == '"') {
        i = readString(sql, i, c, tokens);
      } else if (c == '`') {
        i = readQuotedIdentifier(sql, i, tokens);
      } else if (c == '?') {
        tokens.add(new Token(Token.Kind.PARAMETER, i, i + 1, "?", "?"));
        i++;
      } else if (isDigit(c) || (c == '.' && i + 1 < length && isDigit(sql.charAt(i + 1)) && !previousIsName(tokens, sql, i))) {
        i = readNumber(sql, i, tokens);
      } else if (c == '@') {
        int end = i + 1;
        if (end < length && sql.charAt(end) == '@') {
          end++;
        }
        while (end < length && isWordPart(sql.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Token.Kind.VARIABLE, i, end, sql.substring(i, end), sql.substring(i, end)));
        i = end;
      } else if (i + 1 < length && sql.charAt(i + 1) == '\'' && "xXbB".indexOf(c) >= 0) {
        i = readBitsOrHexadecimal(sql, i, tokens);
      } else if (i + 1 < length && sql.charAt(i + 1) == '\'' && (c == 'n' || c == 'N')) {
        // a national string, N'text': utf8mb4 text, the same value as 'text'
        i = readString(sql, i + 1, '\'', tokens);
        Token string = tokens.remove(tokens.size() - 1);
        tokens.add(new Token(Token.Kind.STRING, string.start() - 1, string.end(), sql.substring(string.start() - 1,
            string.end()), string.value()));
      } else if (isWordStart(c)) {
        int end = i + 1;
        while (end < length && isWordPart(sql.charAt(end))) {
          end++;
        }
        String word = sql.substring(i, end);
        tokens.add(new Token(Token.Kind.WORD, i, end, word, word));
        i = end;
      } else {
        String symbol = symbolAt(sql, i);
        if (symbol == null) {
          throw error(sql, i, "unexpected character '" + c + "'");
        }
        tokens.add(new Token(Token.Kind.SYMBOL, i, i + symbol.length(), symbol, symbol));
        i += symbol.length();
      }
    }
    if (executableComment >= 0) {
      throw error(sql, executableComment, "unterminated comment");
    }
    return tokens;
  }

  /**
   * Where the code of an executable comment starts, after {@code /*!} and its version, or -1 for a comment that no
   * server runs, or that is not executable.
   *
   * @param start the position of {@code /*}
   * @param close the position of the comment's {@code *}{@code /}
   * @throws SQLSyntaxErrorException for a comment that some supported servers run and others skip
   */
  private static int executableCode(String sql, int start, int close) throws SQLSyntaxErrorException {
    boolean mariaDbOnly = sql.startsWith("/*M!", start);
    if (!mariaDbOnly && !sql.startsWith("/*!", start)) {
      return -1;
    }
    int code = start + (mariaDbOnly ? 4 : 3);
    int digits = 0;
    while (code + digits < close && digits < 6 && isDigit(sql.charAt(code + digits))) {
      digits++;
    }
    // MySQL reads 5 digits (50110 is 5.1.10); MariaDB 6 as well (100301 is 10.3.1)
    int version = digits >= 5 ? Integer.parseInt(sql.substring(code, code + digits)) : 0;
    if (version >= 990000) {
      return -1;
    }
    boolean everyServerRunsIt = !mariaDbOnly && (digits < 5 || (digits == 5 ? version <= 80000 : version <= 100000));
    if (!everyServerRunsIt) {
      throw error(sql, start, "an executable comment that some servers run and others skip ("
          + sql.substring(start, Math.min(close, code + digits)) + " … */) is not supported: write its text without the"
          + " comment, or leave it out");
    }
    return code + (digits >= 5 ? digits : 0);
  }

  /** Whether text holds a subquery: the word SELECT outside strings and comments (or cannot be read, to be safe). */
  public static boolean hasSubquery(String text) {
    try {
      for (Token token : tokenize(text)) {
        if (token.isWord("SELECT")) {
          return true;
        }
      }
      return false;
    } catch (SQLSyntaxErrorException e) {
      return true;
    }
  }

  /** Whether text holds a {@code ?} marker outside strings and comments (or cannot be read, to be safe). */
  public static boolean hasParameter(String text) {
    if (text.indexOf('?') < 0) {
      return false;
    }
    try {
      for (Token token : tokenize(text)) {
        if (token.kind() == Token.Kind.PARAMETER) {
          return true;
        }
      }
      return false;
    } catch (SQLSyntaxErrorException e) {
      return true;
    }
  }

  private static boolean previousIsName(List<Token> tokens, String sql, int i) {
    if (tokens.isEmpty()) {
      return false;
    }
    Token last = tokens.get(tokens.size() - 1);
    return last.end() == i && (last.isIdentifier());
  }

  /** ASCII digits only: MySQL reads {@code ٥} as a letter of a name, not as the digit 5. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$' || c > 0x7f;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
  }

  private static String symbolAt(String sql, int i) {
    for (String symbol : SYMBOLS) {
      if (sql.startsWith(symbol, i)) {
        return symbol;
      }
    }
    return null;
  }

  /**
   * A hexadecimal literal {@code X'0A'} or a bit-value literal {@code B'101'}: a NUMBER token as written, like
   * {@code 0x0A} and {@code 0b101}, which MySQL reads alike (a binary string, a number in a numeric context).
   */
  private static int readBitsOrHexadecimal(String sql, int start, List<Token> tokens) throws SQLSyntaxErrorException {
    boolean hexadecimal = sql.charAt(start) == 'x' || sql.charAt(start) == 'X';
    int close = sql.indexOf('\'', start + 2);
    if (close < 0) {
      throw error(sql, start, "unterminated string");
    }
    for (int i = start + 2; i < close; i++) {
      char c = sql.charAt(i);
      if (hexadecimal ? Character.digit(c, 16) < 0 : c != '0' && c != '1') {
        throw error(sql, start, "not a " + (hexadecimal ? "hexadecimal" : "bit-value") + " literal: "
            + sql.substring(start, close + 1));
      }
    }
    if (hexadecimal && (close - start - 2) % 2 != 0) {
      throw error(sql, start, "a hexadecimal literal needs an even number of digits: " + sql.substring(start, close + 1));
    }
    String text = sql.substring(start, close + 1);
    tokens.add(new Token(Token.Kind.NUMBER, start, close + 1, text, text));
    return close + 1;
  }

  private static int readNumber(String sql, int start, List<Token> tokens) {
    int length = sql.length();
    int i = start;
    int bits = sql.startsWith("0b", i) ? i + 2 : -1;
    while (bits >= 0 && bits < length && (sql.charAt(bits) == '0' || sql.charAt(bits) == '1')) {
      bits++;
    }
    if (bits > i + 2 && (bits == length || !isWordPart(sql.charAt(bits)))) {
      // a bit-value literal, 0b101 (0B101 is a name)
      tokens.add(new Token(Token.Kind.NUMBER, start, bits, sql.substring(start, bits), sql.substring(start, bits)));
      return bits;
    }
    if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
      i += 2;
      while (i < length && Character.digit(sql.charAt(i), 16) >= 0) {
        i++;
      }
    } else {
      while (i < length && isDigit(sql.charAt(i))) {
        i++;
      }
      if (i < length && sql.charAt(i) == '.') {
        i++;
        while (i < length && isDigit(sql.charAt(i))) {
          i++;
        }
      }
      if (i < length && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
        int exponent = i + 1;
        if (exponent < length && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
          exponent++;
        }
        if (exponent < length && isDigit(sql.charAt(exponent))) {
          i = exponent;
          while (i < length && isDigit(sql.charAt(i))) {
            i++;
          }
        }
      }
    }
    if (i < length && isWordStart(sql.charAt(i))) {
      // MySQL reads 1abc as an identifier
      while (i < length && isWordPart(sql.charAt(i))) {
        i++;
      }
      String word = sql.substring(start, i);
      tokens.add(new Token(Token.Kind.WORD, start, i, word, word));
      return i;
    }
    String text = sql.substring(start, i);
    tokens.add(new Token(Token.Kind.NUMBER, start, i, text, text));
    return i;
  }

  private static int readString(String sql, int start, char quote, List<Token> tokens) throws SQLSyntaxErrorException {
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    int length = sql.length();
    while (true) {
      if (i >= length) {
        throw error(sql, start, "unterminated string");
      }
      char c = sql.charAt(i);
      if (c == '\\' && i + 1 < length) {
        value.append(unescape(sql.charAt(i + 1)));
        i += 2;
      } else if (c == quote) {
        if (i + 1 < length && sql.charAt(i + 1) == quote) {
          value.append(quote);
          i += 2;
        } else {
          i++;
          break;
        }
      } else {
        value.append(c);
        i++;
      }
    }
    tokens.add(new Token(Token.Kind.STRING, start, i, sql.substring(start, i), value.toString()));
    return i;
  }

  private static char unescape(char c) {
    switch (c) {
      case '0':
        return '\0';
      case 'b':
        return '\b';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'Z':
        return '\u001a';
      default:
        return c; // \\ \' \" and, as MySQL does, any other character stands for itself
    }
  }

  private static int readQuotedIdentifier(String sql, int start, List<Token> tokens) throws SQLSyntaxErrorException {
    StringBuilder name = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= sql.length()) {
        throw error(sql, start, "unterminated quoted identifier");
      }
      char c = sql.charAt(i);
      if (c == '`') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
          name.append('`');
          i += 2;
          continue;
        }
        i++;
        break;
      }
      name.append(c);
      i++;
    }
    tokens.add(new Token(Token.Kind.QUOTED_IDENTIFIER, start, i, sql.substring(start, i), name.toString()));
    return i;
  }

  static SQLSyntaxErrorException error(String sql, int offset, String problem) {
    return SyntaxErrors.at(sql, offset, problem);
  }
}
