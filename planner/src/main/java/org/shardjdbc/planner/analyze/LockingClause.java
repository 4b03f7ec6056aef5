package org.shardjdbc.planner.analyze;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.shardjdbc.planner.parse.StatementParser;
import org.shardjdbc.planner.parse.Token;

/**
 * The locking clause that ends a query: {@code FOR UPDATE}, {@code FOR SHARE} (each with {@code OF tables},
 * {@code NOWAIT} or {@code SKIP LOCKED}) or {@code LOCK IN SHARE MODE}. Each shard's statement keeps it as written.
 *
 * @param first the index of its first token
 * @param last the index of its last token
 */
record LockingClause(int first, int last) {

  /** The statement's locking clause, or null when it has none. */
  static LockingClause find(List<Token> tokens) {
    BitSet hidden = StatementParser.lockingClauseAndTerminator(tokens);
    int first = hidden.nextSetBit(0);
    if (first < 0 || tokens.get(first).isSymbol(";")) {
      return null;
    }
    int last = first;
    while (last + 1 < tokens.size() && hidden.get(last + 1) && !tokens.get(last + 1).isSymbol(";")) {
      last++;
    }
    return new LockingClause(first, last);
  }

  /** The tokens of the table names after {@code OF}, which name tables as the query does. */
  List<Integer> ofTables(List<Token> tokens) {
    List<Integer> names = new ArrayList<>();
    for (int i = first + 1; i <= last; i++) {
      Token previous = tokens.get(i - 1);
      boolean listed = previous.isWord("OF") || (previous.isSymbol(",") && names.contains(i - 2));
      if (listed && tokens.get(i).isIdentifier()) {
        names.add(i);
      }
    }
    return names;
  }
}
