package org.shardjdbc.planner.analyze;

import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.Token;

/**
 * Where a statement may run when a data source has read replicas: read from the statement's text once, cached with
 * its plan. Only {@link #READ} may leave the primary.
 *
 * <p>The comment {@code /* shard:primary *}{@code /} (or {@code -- shard:primary}, {@code # shard:primary}; any case,
 * anywhere in the statement) keeps a read on the primary.
 */
public enum StatementAccess {
  /**
   * A plain read: {@code SELECT}, {@code WITH … SELECT} or a parenthesized query, without a locking clause, an
   * {@code INTO}, an executable comment ({@code /*! … *}{@code /}, whose text the server runs and the driver cannot
   * see), or a function that reads or takes a named lock, reads the connection's own last write
   * ({@code LAST_INSERT_ID()}, {@code ROW_COUNT()}, {@code FOUND_ROWS()}) or moves a sequence. Outside a transaction
   * it may run on a replica.
   */
  READ,
  /**
   * A read that must see the primary: a locking read ({@code FOR UPDATE}, {@code FOR SHARE},
   * {@code LOCK IN SHARE MODE}), a named lock or a function of the connection's own last write, {@code SHOW},
   * {@code DESCRIBE}, {@code EXPLAIN}, an executable comment, or a read with the {@code shard:primary} hint.
   */
  PRIMARY_READ,
  /** Anything else: a statement that may change data or the server's state runs on the primary. */
  WRITE;

  /** The comment that keeps a read on the primary, without its delimiters. */
  public static final String PRIMARY_HINT = "shard:primary";

  private static final Set<String> PRIMARY_FUNCTIONS = Set.of("GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS",
      "IS_FREE_LOCK", "IS_USED_LOCK", "LAST_INSERT_ID", "ROW_COUNT", "FOUND_ROWS");
  private static final Set<String> WRITING_FUNCTIONS = Set.of("NEXTVAL", "SETVAL", "LASTVAL");
  private static final Set<String> READ_ONLY_VERBS = Set.of("SHOW", "DESCRIBE", "DESC", "EXPLAIN", "HELP");
  /** What may follow a WITH clause instead of a SELECT. */
  private static final Set<String> WRITE_VERBS = Set.of("UPDATE", "DELETE");

  /**
   * @param sql one statement
   * @return where it may run
   * @throws SQLSyntaxErrorException when its text cannot be read (an unterminated string or comment)
   */
  public static StatementAccess of(String sql) throws SQLSyntaxErrorException {
    List<Token> tokens = MySqlTokenizer.tokenize(sql);
    if (tokens.isEmpty()) {
      return WRITE;
    }
    StatementAccess access = ofTokens(tokens);
    if (access != READ) {
      return access;
    }
    for (String comment : MySqlTokenizer.comments(sql)) {
      String text = comment.trim();
      if (text.startsWith("!") || text.equalsIgnoreCase(PRIMARY_HINT)) {
        return PRIMARY_READ;
      }
    }
    return READ;
  }

  private static StatementAccess ofTokens(List<Token> tokens) {
    Token first = tokens.get(0);
    if (first.kind() == Token.Kind.WORD && READ_ONLY_VERBS.contains(first.text().toUpperCase(Locale.ROOT))) {
      return PRIMARY_READ;
    }
    if (!(first.isWord("SELECT") || first.isWord("WITH") || first.isSymbol("("))) {
      return WRITE;
    }
    StatementAccess access = READ;
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(")
          && (previous == null || !previous.isSymbol("."));
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (token.isWord("INTO")
          || (call && token.kind() == Token.Kind.WORD && WRITING_FUNCTIONS.contains(upper(token)))
          || ((token.isWord("NEXT") || token.isWord("PREVIOUS")) && followedBy(tokens, i, "VALUE", "FOR"))) {
        return WRITE;
      } else if (depth == 0 && !call && token.kind() == Token.Kind.WORD && WRITE_VERBS.contains(upper(token))
          && !(previous != null && previous.isWord("FOR"))) {
        return WRITE;
      } else if ((token.isWord("FOR") && (followedBy(tokens, i, "UPDATE") || followedBy(tokens, i, "SHARE")))
          || (token.isWord("LOCK") && followedBy(tokens, i, "IN", "SHARE", "MODE"))
          || (call && token.kind() == Token.Kind.WORD && PRIMARY_FUNCTIONS.contains(upper(token)))) {
        access = PRIMARY_READ;
      }
    }
    return access;
  }

  private static String upper(Token token) {
    return token.text().toUpperCase(Locale.ROOT);
  }

  private static boolean followedBy(List<Token> tokens, int index, String... words) {
    if (index + words.length >= tokens.size()) {
      return false;
    }
    for (int i = 0; i < words.length; i++) {
      if (!tokens.get(index + 1 + i).isWord(words[i])) {
        return false;
      }
    }
    return true;
  }
}
