package org.shardjdbc.planner.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A statement with its literals taken out as parameters, as query digests do: {@code SELECT … WHERE order_id = 42}
 * has the shape {@code SELECT … WHERE order_id = ?} with the value 42, so that statements that differ only in such
 * literals share one plan.
 *
 * <p>A literal becomes a {@code ?} only where a bound parameter means exactly what the literal means, in MySQL and in
 * the driver, whatever its value: a plain decimal number (no sign, exponent or hexadecimal) or a plain single-quoted
 * string (no introducer, no backslash, not followed by another string or {@code COLLATE}) that is
 * <ul>
 *   <li>the right operand of a comparison ({@code = <> != < <= > >= <=> LIKE}) or an element of an {@code IN} list
 *       of such literals, or a bound of {@code BETWEEN … AND …}, in a {@code WHERE}, {@code ON} or {@code HAVING}
 *       clause, or of {@code SET} in an UPDATE; and followed by the end of that condition ({@code AND}, {@code OR},
 *       {@code )}, the next clause);</li>
 *   <li>or a row count or offset of a query block's {@code LIMIT}.</li>
 * </ul>
 * Everything else stays in the text: the select list (its literals name and type result columns), {@code ORDER BY} and
 * {@code GROUP BY} (a number there is a column position), function arguments, {@code CAST} and type lengths,
 * {@code INTERVAL}, {@code ESCAPE}, {@code "…"} strings (identifiers under {@code ANSI_QUOTES}), statements with an
 * executable comment ({@code /*! … *}{@code /}), and statements other than SELECT, UPDATE and DELETE. Parameters bind with client-side prepared statements as the literal's own text
 * ({@code 1.50} stays {@code 1.50}, a string keeps the connection's character set and collation), so the servers
 * run the same statement.
 */
public final class StatementShape {
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=", "<=>");
  /** Clauses whose conditions may take parameters. */
  private static final Set<String> CONDITION_CLAUSES = Set.of("WHERE", "ON", "HAVING");
  /** Words that start a clause, or a join, which is part of FROM. */
  private static final Set<String> CLAUSE_WORDS = Set.of("SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT",
      "ON", "USING", "SET", "WINDOW", "JOIN", "STRAIGHT_JOIN", "UNION", "VALUES", "INTO", "PARTITION", "OVER");
  /** Words that may follow a condition's literal: the next condition, or the next clause. */
  private static final Set<String> CONDITION_ENDS = Set.of("AND", "OR", "XOR", "GROUP", "HAVING", "ORDER", "LIMIT", "FOR",
      "LOCK", "UNION", "WINDOW", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "STRAIGHT_JOIN", "NATURAL", "WHERE");
  private static final Set<String> LIMIT_ENDS = Set.of("OFFSET", "FOR", "LOCK", "UNION", "INTO");
  /**
   * The most literals a shape takes out. The analyzer finds each {@code ?} by counting those before it, so a plan of
   * many thousands of parameters costs far more than the statement written with literals (an IN list of 100,000
   * values: minutes against seconds); a statement with more is planned as written.
   */
  static final int MAX_LITERALS = 1000;

  private final String text;
  /** Per {@code ?} of the shape, in order: the literal's value, or {@link #GIVEN} for a parameter of the statement. */
  private final Object[] values;
  private final int givenParameters;

  private static final Object GIVEN = new Object();

  private StatementShape(String text, Object[] values, int givenParameters) {
    this.text = text;
    this.values = values;
    this.givenParameters = givenParameters;
  }

  /** The text with {@code ?} in place of the literals taken out. */
  public String text() {
    return text;
  }

  /** How many {@code ?} the statement itself has. */
  public int givenParameters() {
    return givenParameters;
  }

  /** How many literals were taken out. */
  public int literals() {
    return values.length - givenParameters;
  }

  /**
   * The shape's parameters for one execution: the literals' values with the statement's own parameters in their
   * places.
   *
   * @param given the statement's own parameters, exactly {@link #givenParameters()} of them
   */
  public List<Object> parameters(List<Object> given) {
    if (given.size() != givenParameters) {
      throw new IllegalArgumentException(given.size() + " parameters given for " + givenParameters + " markers");
    }
    List<Object> parameters = new ArrayList<>(values.length);
    int next = 0;
    for (Object value : values) {
      parameters.add(value == GIVEN ? given.get(next++) : value);
    }
    return parameters;
  }

  /**
   * The shape of a statement, or null when no literal of it can be a parameter.
   *
   * @param sql the statement
   * @param tokens its tokens ({@link MySqlTokenizer#tokenize})
   */
  public static StatementShape of(String sql, List<Token> tokens) {
    if (tokens.isEmpty()) {
      return null;
    }
    Token first = tokens.get(0);
    boolean update = first.isWord("UPDATE");
    if (!first.isWord("SELECT") && !update && !first.isWord("DELETE") || sql.contains("/*!") || sql.contains("/*M!")) {
      // an executable comment's code is tokens too, but a ? inside it would be a marker to the server only
      return null;
    }
    boolean[] literal = parameterizable(tokens, update);
    StringBuilder text = null;
    List<Object> values = new ArrayList<>();
    int given = 0;
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.kind() == Token.Kind.PARAMETER) {
        values.add(GIVEN);
        given++;
      } else if (literal[i]) {
        if (text == null) {
          text = new StringBuilder(sql.length());
        }
        text.append(sql, copied, token.start()).append('?');
        copied = token.end();
        values.add(value(token));
      }
    }
    if (text == null || values.size() - given > MAX_LITERALS) {
      return null;
    }
    text.append(sql, copied, sql.length());
    return new StatementShape(text.toString(), values.toArray(), given);
  }

  /** Which tokens are literals that may be parameters, by the rules of the class comment. */
  private static boolean[] parameterizable(List<Token> tokens, boolean update) {
    boolean[] result = new boolean[tokens.size()];
    // the clause word in force at each depth of parentheses; a depth without one is inside the enclosing clause
    String[] clauses = new String[8];
    // whether the parentheses at each depth hold a query block (a SELECT), whose LIMIT takes parameters; a LIMIT
    // elsewhere (MariaDB's GROUP_CONCAT(… LIMIT 2)) keeps its literal
    boolean[] blocks = new boolean[8];
    blocks[0] = true;
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
        if (depth == clauses.length) {
          clauses = Arrays.copyOf(clauses, depth * 2);
          blocks = Arrays.copyOf(blocks, depth * 2);
        }
        clauses[depth] = null;
        blocks[depth] = false;
        if (i > 0 && tokens.get(i - 1).isWord("IN") && inCondition(clauses, depth - 1, update)) {
          int close = markInList(tokens, i, result);
          if (close > i) {
            i = close;
            depth--;
          }
        }
        continue;
      }
      if (token.isSymbol(")")) {
        depth = Math.max(0, depth - 1);
        continue;
      }
      if (token.kind() == Token.Kind.WORD) {
        String word = token.text().toUpperCase(Locale.ROOT);
        if (CLAUSE_WORDS.contains(word)) {
          clauses[depth] = word.endsWith("JOIN") ? "FROM" : word;
          blocks[depth] |= word.equals("SELECT");
        }
        continue;
      }
      if (!plainLiteral(token) || i == 0) {
        continue;
      }
      Token before = tokens.get(i - 1);
      Token after = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      if ("LIMIT".equals(clause(clauses, depth))) {
        result[i] = blocks[depth] && "LIMIT".equals(clauses[depth]) && token.kind() == Token.Kind.NUMBER
            && limitOperand(before, after);
      } else if (inCondition(clauses, depth, update)) {
        boolean assignment = "SET".equals(clause(clauses, depth));
        result[i] = conditionOperand(tokens, i, before, after, assignment);
      }
    }
    return result;
  }

  private static String clause(String[] clauses, int depth) {
    for (int d = depth; d >= 0; d--) {
      if (clauses[d] != null) {
        return clauses[d];
      }
    }
    return null;
  }

  private static boolean inCondition(String[] clauses, int depth, boolean update) {
    String clause = clause(clauses, depth);
    return clause != null && (CONDITION_CLAUSES.contains(clause) || update && depth == 0 && clause.equals("SET"));
  }

  /**
   * Marks the elements of {@code IN (…)} when every one of them is a plain literal; returns the index of its
   * closing parenthesis, or of the opening one when the list is anything else.
   */
  private static int markInList(List<Token> tokens, int open, boolean[] result) {
    int i = open + 1;
    while (i + 1 < tokens.size() && plainLiteral(tokens.get(i))) {
      Token next = tokens.get(i + 1);
      if (next.isSymbol(")")) {
        for (int element = open + 1; element <= i; element += 2) {
          result[element] = true;
        }
        return i + 1;
      }
      if (!next.isSymbol(",")) {
        break;
      }
      i += 2;
    }
    // not a list of literals (a subquery, expressions): read it token by token
    return open;
  }

  private static boolean conditionOperand(List<Token> tokens, int i, Token before, Token after, boolean assignment) {
    if (assignment) {
      // UPDATE … SET column = literal, followed by the next assignment or clause
      return before.isSymbol("=") && (conditionEnds(after) || after.isSymbol(","));
    }
    boolean comparison = before.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(before.text()) || before.isWord("LIKE");
    boolean between = before.isWord("BETWEEN") && after != null && after.isWord("AND");
    boolean betweenEnd = before.isWord("AND") && i >= 3 && tokens.get(i - 3).isWord("BETWEEN")
        && plainLiteral(tokens.get(i - 2));
    if (between) {
      return true;
    }
    return (comparison || betweenEnd) && conditionEnds(after);
  }

  private static boolean conditionEnds(Token after) {
    return after == null || after.isSymbol(")") || after.isSymbol(";")
        || after.kind() == Token.Kind.WORD && CONDITION_ENDS.contains(after.text().toUpperCase(Locale.ROOT));
  }

  private static boolean limitOperand(Token before, Token after) {
    boolean operand = before.isWord("LIMIT") || before.isWord("OFFSET") || before.isSymbol(",");
    boolean ends = after == null || after.isSymbol(",") || after.isSymbol(")") || after.isSymbol(";")
        || after.kind() == Token.Kind.WORD && LIMIT_ENDS.contains(after.text().toUpperCase(Locale.ROOT));
    return operand && ends;
  }

  /** A number of digits with an optional fraction, or a single-quoted string without backslashes. */
  private static boolean plainLiteral(Token token) {
    if (token.kind() == Token.Kind.NUMBER) {
      String text = token.text();
      boolean point = false;
      boolean digit = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '.' && !point) {
          point = true;
        } else if (c >= '0' && c <= '9') {
          digit = true;
        } else {
          return false;
        }
      }
      return digit;
    }
    return token.kind() == Token.Kind.STRING && token.text().charAt(0) == '\'' && token.text().indexOf('\\') < 0;
  }

  /** An integer that fits a long as Long (as JDBC applications bind keys), any other number as BigDecimal. */
  private static Object value(Token token) {
    if (token.kind() == Token.Kind.STRING) {
      return token.value();
    }
    String text = token.text();
    if (text.indexOf('.') < 0 && text.length() <= 18) {
      return Long.parseLong(text);
    }
    return new BigDecimal(text);
  }
}
