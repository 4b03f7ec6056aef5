package org.shardjdbc.planner.analyze;

import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.planner.parse.SyntaxErrors;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;

/**
 * Finds the parts of a statement that Calcite does not read (INSERT, UPDATE and DELETE as MySQL writes them, DDL) by
 * its tokens: words outside parentheses, lists split at their top-level commas, matching parentheses.
 */
final class TopLevelTokens {
  private final String sql;
  private final List<Token> tokens;
  /** The tokens before a final {@code ;}. */
  private final int end;

  TopLevelTokens(String sql, List<Token> tokens) {
    this.sql = sql;
    this.tokens = tokens;
    int last = tokens.size();
    while (last > 0 && tokens.get(last - 1).isSymbol(";")) {
      last--;
    }
    this.end = last;
  }

  List<Token> tokens() {
    return tokens;
  }

  /** The number of tokens before a final {@code ;}: the end of the statement. */
  int end() {
    return end;
  }

  Token get(int index) {
    return tokens.get(index);
  }

  /** Whether token {@code index} exists (before the end) and is the word. */
  boolean isWord(int index, String word) {
    return index < end && tokens.get(index).isWord(word);
  }

  /** The first {@code word} at parenthesis depth 0 from {@code from} on, or -1. */
  int find(int from, String word) {
    int depth = 0;
    for (int i = from; i < end; i++) {
      Token token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && token.isWord(word)) {
        return i;
      }
    }
    return -1;
  }

  /** The first of two words in a row ({@code ORDER BY}) at depth 0 from {@code from} on, or -1. */
  int find(int from, String first, String second) {
    for (int i = find(from, first); i >= 0; i = find(i + 1, first)) {
      if (isWord(i + 1, second)) {
        return i;
      }
    }
    return -1;
  }

  /** The smallest of the indexes that are not negative, or the end. */
  int firstOf(int... indexes) {
    int first = end;
    for (int index : indexes) {
      if (index >= 0 && index < first) {
        first = index;
      }
    }
    return first;
  }

  /** The index of the {@code )} that closes the {@code (} at {@code open}. */
  int closing(int open) throws SQLSyntaxErrorException {
    int depth = 0;
    for (int i = open; i < end; i++) {
      if (tokens.get(i).isSymbol("(")) {
        depth++;
      } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
        return i;
      }
    }
    throw error(open, "unclosed parenthesis");
  }

  /** Tokens {@code first..last} split at their commas of depth 0; an empty range gives no parts. */
  List<TokenSpan> split(int first, int last) throws SQLSyntaxErrorException {
    List<TokenSpan> parts = new ArrayList<>();
    if (last < first) {
      return parts;
    }
    int depth = 0;
    int start = first;
    for (int i = first; i <= last; i++) {
      Token token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && token.isSymbol(",")) {
        if (i == start) {
          throw error(i, "unexpected ','");
        }
        parts.add(new TokenSpan(start, i - 1));
        start = i + 1;
      }
    }
    if (start > last) {
      throw error(last, "unexpected ','");
    }
    parts.add(new TokenSpan(start, last));
    return parts;
  }

  /** An SQLSyntaxErrorException at token {@code index}, with its line and column. */
  SQLSyntaxErrorException error(int index, String problem) {
    if (index >= tokens.size()) {
      return SyntaxErrors.at(sql, sql.length(), problem);
    }
    return SyntaxErrors.at(sql, tokens.get(index).start(), problem);
  }

  /** The user's text of tokens {@code first..last}. */
  String text(int first, int last) {
    return sql.substring(tokens.get(first).start(), tokens.get(last).end());
  }
}
