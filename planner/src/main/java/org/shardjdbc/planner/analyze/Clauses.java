package org.shardjdbc.planner.analyze;

import java.util.BitSet;
import java.util.List;
import org.shardjdbc.planner.parse.Token;

/**
 * Where the clauses of the outermost query block start, by token index, found at parenthesis depth 0; -1 where a
 * clause is absent. {@code end} is where the query ends: the locking clause, a final {@code ;}, or the end.
 */
record Clauses(int from, int where, int group, int having, int order, int limit, int end, boolean rollup, boolean window) {

  static Clauses of(List<Token> tokens, BitSet excluded) {
    int from = -1;
    int where = -1;
    int group = -1;
    int having = -1;
    int order = -1;
    int limit = -1;
    boolean rollup = false;
    boolean window = false;
    int end = excluded.isEmpty() ? tokens.size() : excluded.nextSetBit(0);
    int depth = 0;
    for (int i = 0; i < end; i++) {
      Token token = tokens.get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && token.kind() == Token.Kind.WORD) {
        boolean followedByBy = i + 1 < end && tokens.get(i + 1).isWord("BY");
        if (token.isWord("FROM") && from < 0) {
          from = i;
        } else if (token.isWord("WHERE") && where < 0) {
          where = i;
        } else if (token.isWord("GROUP") && followedByBy) {
          group = i;
        } else if (token.isWord("HAVING")) {
          having = i;
        } else if (token.isWord("ORDER") && followedByBy) {
          order = i;
        } else if (token.isWord("LIMIT")) {
          limit = i;
        } else if (token.isWord("ROLLUP")) {
          rollup = true;
        } else if (token.isWord("WINDOW")) {
          window = true;
        }
      }
    }
    return new Clauses(from, where, group, having, order, limit, end, rollup, window);
  }

  /** The first clause start after {@code index} among the given ones, or {@code end}. */
  int nextAfter(int index, int... candidates) {
    int next = end;
    for (int candidate : candidates) {
      if (candidate > index && candidate < next) {
        next = candidate;
      }
    }
    return next;
  }
}
