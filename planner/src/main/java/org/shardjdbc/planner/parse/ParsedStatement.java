package org.shardjdbc.planner.parse;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A statement as parsed: the user's text, its tokens, and Calcite's syntax tree of the same statement, with the
 * means to find the user's text behind any node of the tree.
 *
 * <p>The tree is mutable Calcite state: a ParsedStatement belongs to one analysis and is never cached.
 */
public final class ParsedStatement {
  private final String sql;
  private final List<Token> tokens;
  private final int[] calciteColumns;
  private final SqlNode root;

  ParsedStatement(String sql, List<Token> tokens, int[] calciteColumns, SqlNode root) {
    this.sql = sql;
    this.tokens = tokens;
    this.calciteColumns = calciteColumns;
    this.root = root;
  }

  public String sql() {
    return sql;
  }

  public List<Token> tokens() {
    return tokens;
  }

  public SqlNode root() {
    return root;
  }

  /** The index of the token at a Calcite column (1-based, in the single line that Calcite was given). */
  public int tokenAt(int calciteColumn) {
    int offset = calciteColumn - 1;
    int low = 0;
    int high = calciteColumns.length - 1;
    int found = 0;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (calciteColumns[middle] <= offset) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /**
   * The tokens that a node covers, first and last inclusive, with the parentheses that enclose a sub-expression
   * taken in whole: Calcite's positions of a call can leave out its parentheses or its operands.
   */
  public TokenSpan span(SqlNode node) {
    SqlParserPos pos = union(node, node.getParserPosition());
    int first = tokenAt(pos.getColumnNum());
    int last = tokenAt(pos.getEndColumnNum());
    return balance(first, last);
  }

  private static SqlParserPos union(SqlNode node, SqlParserPos pos) {
    SqlParserPos result = pos;
    if (node instanceof SqlNodeList) {
      for (SqlNode child : (SqlNodeList) node) {
        if (child != null) {
          result = merge(result, union(child, child.getParserPosition()));
        }
      }
    } else if (node instanceof SqlCall) {
      for (SqlNode child : ((SqlCall) node).getOperandList()) {
        if (child != null) {
          result = merge(result, union(child, child.getParserPosition()));
        }
      }
    }
    return result;
  }

  private static SqlParserPos merge(SqlParserPos a, SqlParserPos b) {
    if (a == SqlParserPos.ZERO || a.getColumnNum() <= 0) {
      return b;
    }
    if (b == SqlParserPos.ZERO || b.getColumnNum() <= 0) {
      return a;
    }
    int start = Math.min(a.getColumnNum(), b.getColumnNum());
    int end = Math.max(a.getEndColumnNum(), b.getEndColumnNum());
    return new SqlParserPos(1, start, 1, end);
  }

  /** Widens a token range until its parentheses balance. */
  public TokenSpan balance(int first, int last) {
    int depth = 0;
    int lowest = 0;
    for (int i = first; i <= last; i++) {
      Token token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
        lowest = Math.min(lowest, depth);
      }
    }
    int start = first;
    for (int open = -lowest; open > 0 && start > 0; ) {
      start--;
      if (tokens.get(start).isSymbol("(")) {
        open--;
      } else if (tokens.get(start).isSymbol(")")) {
        open++;
      }
    }
    int end = last;
    for (int close = depth - lowest; close > 0 && end < tokens.size() - 1; ) {
      end++;
      if (tokens.get(end).isSymbol(")")) {
        close--;
      } else if (tokens.get(end).isSymbol("(")) {
        close++;
      }
    }
    return new TokenSpan(start, end);
  }

  /** The user's text from the first token of a span to the last, as written. */
  public String text(TokenSpan span) {
    return sql.substring(tokens.get(span.first()).start(), tokens.get(span.last()).end());
  }

  public String text(SqlNode node) {
    return text(span(node));
  }
}
