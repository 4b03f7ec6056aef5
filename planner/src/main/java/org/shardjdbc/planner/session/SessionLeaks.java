package org.shardjdbc.planner.session;

import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.shardjdbc.planner.parse.Token;

/**
 * Refuses statements that would leave state behind in the physical connection they run on: that connection goes back
 * to its pool after the statement (or the transaction), and the next logical connection to borrow it would inherit
 * a table lock, a temporary table, a prepared statement or a user variable it never set. Named locks are not
 * refused here: they go to the lock data source, on a connection the driver keeps while they are held. Nor may a
 * statement read what an earlier one left in its physical connection ({@code LAST_INSERT_ID()}, {@code ROW_COUNT()},
 * {@code FOUND_ROWS()}): the earlier one ran on another; the driver answers {@code SELECT LAST_INSERT_ID()} itself.
 */
public final class SessionLeaks {
  /** Functions of what earlier statements left in the connection. */
  private static final Set<String> CONNECTION_HISTORY = Set.of("LAST_INSERT_ID", "ROW_COUNT", "FOUND_ROWS");

  private SessionLeaks() {}

  /**
   * @param tokens a statement that is no {@link SessionCommand}
   * @throws SQLFeatureNotSupportedException naming what would stay behind
   */
  public static void refuse(List<Token> tokens) throws SQLFeatureNotSupportedException {
    if (tokens.isEmpty()) {
      return;
    }
    Token first = tokens.get(0);
    String keyword = first.kind() == Token.Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : "";
    switch (keyword) {
      case "XA":
        throw refused("XA " + words(tokens, 1, 1), "XA transactions are driven by transaction.type: xa, not by SQL text");
      case "LOCK":
      case "UNLOCK":
        throw refused(keyword + " " + words(tokens, 1, 1), "table locks would stay with a pooled connection");
      case "PREPARE":
      case "EXECUTE":
      case "DEALLOCATE":
        throw refused(keyword, "SQL-level prepared statements would stay with a pooled connection; use PreparedStatement");
      case "HANDLER":
        throw refused("HANDLER", "an open handler would stay with a pooled connection");
      case "BACKUP":
        throw refused("BACKUP " + words(tokens, 1, 1), "backup locks would stay with a pooled connection");
      default:
        break;
    }
    if ((first.isWord("CREATE") || first.isWord("DROP")) && temporary(tokens)) {
      throw refused(keyword + " TEMPORARY TABLE", "a temporary table lives in one physical connection, and a logical "
          + "connection uses several");
    }
    if (first.isWord("DROP") && tokens.size() > 1 && tokens.get(1).isWord("PREPARE")) {
      throw refused("DROP PREPARE", "SQL-level prepared statements would stay with a pooled connection");
    }
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      boolean next = i + 1 < tokens.size();
      if (token.kind() == Token.Kind.WORD && CONNECTION_HISTORY.contains(token.text().toUpperCase(Locale.ROOT)) && next
          && tokens.get(i + 1).isSymbol("(") && (i == 0 || !tokens.get(i - 1).isSymbol("."))) {
        throw refused(token.text().toUpperCase(Locale.ROOT) + "() in this statement", "it reads what the previous"
            + " statement left in its physical connection, and a logical connection's statements run on several; read"
            + " the last generated key with SELECT LAST_INSERT_ID() alone or with getGeneratedKeys(), and counts from"
            + " the update count");
      }
      if (token.kind() == Token.Kind.VARIABLE && !token.text().startsWith("@@") && next && tokens.get(i + 1).isSymbol(":=")) {
        throw refused("Assigning the user variable " + token.text(), "it would live in one physical connection");
      }
      if (token.isWord("INTO") && next && tokens.get(i + 1).kind() == Token.Kind.VARIABLE) {
        throw refused("INTO " + tokens.get(i + 1).text(), "a user variable would live in one physical connection");
      }
      if (first.isWord("FLUSH") && token.isWord("LOCK")) {
        throw refused("FLUSH … READ LOCK", "the lock would stay with a pooled connection");
      }
    }
  }

  /** {@code CREATE [OR REPLACE] TEMPORARY …}, {@code DROP TEMPORARY …}. */
  private static boolean temporary(List<Token> tokens) {
    for (int i = 1; i < Math.min(tokens.size(), 4); i++) {
      if (tokens.get(i).isWord("TEMPORARY")) {
        return true;
      }
    }
    return false;
  }

  private static String words(List<Token> tokens, int from, int count) {
    StringBuilder words = new StringBuilder();
    for (int i = from; i < Math.min(tokens.size(), from + count); i++) {
      words.append(i > from ? " " : "").append(tokens.get(i).text().toUpperCase(Locale.ROOT));
    }
    return words.toString();
  }

  private static SQLFeatureNotSupportedException refused(String what, String reason) {
    return new SQLFeatureNotSupportedException(what + " is not supported: " + reason, "0A000");
  }
}
