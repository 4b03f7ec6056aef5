package org.shardjdbc.driver.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Locale;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.Token;

/**
 * {@code SET} and {@code USE} on the logical connection. They are never sent to a pooled physical connection, where
 * they would change the session of whichever logical connection borrows it next: autocommit and the isolation level
 * become the logical connection's own settings; character set statements and {@code USE} change nothing (the
 * connections speak utf8mb4, and there is one logical database); any other variable is refused until the driver
 * can carry session variables to every physical connection.
 */
final class SessionStatements {
  private SessionStatements() {}

  /** Applies the statement to the logical connection; the update count is 0. */
  static void apply(ShardConnection connection, String sql) throws SQLException {
    List<Token> tokens = MySqlTokenizer.tokenize(sql);
    if (tokens.get(0).isWord("USE")) {
      return;
    }
    int i = 1;
    if (i < tokens.size() && (tokens.get(i).isWord("SESSION") || tokens.get(i).isWord("LOCAL"))) {
      i++;
    }
    if (i >= tokens.size()) {
      throw new SQLFeatureNotSupportedException("SET without a variable", "0A000");
    }
    Token first = tokens.get(i);
    if (first.isWord("NAMES") || (first.isWord("CHARACTER") && i + 1 < tokens.size() && tokens.get(i + 1).isWord("SET"))
        || first.isWord("CHARSET")) {
      return;
    }
    if (first.isWord("TRANSACTION")) {
      connection.setTransactionIsolation(isolation(tokens, i + 1, sql));
      return;
    }
    String variable = first.value();
    if (first.kind() == Token.Kind.VARIABLE) {
      // @@autocommit, or @@session.autocommit read as @@session . autocommit
      boolean scoped = i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".");
      variable = scoped ? tokens.get(i + 2).value() : first.text().substring(first.text().startsWith("@@") ? 2 : 1);
      i += scoped ? 2 : 0;
    }
    String name = variable.toLowerCase(Locale.ROOT);
    if (tokens.size() == i + 3 && (tokens.get(i + 1).isSymbol("=") || tokens.get(i + 1).isSymbol(":="))) {
      String value = tokens.get(i + 2).value().toUpperCase(Locale.ROOT);
      if (name.equals("autocommit")) {
        connection.setAutoCommit(value.equals("1") || value.equals("ON") || value.equals("TRUE"));
        return;
      }
      if (name.startsWith("character_set_") || name.startsWith("collation_")) {
        return;
      }
      if (name.equals("transaction_isolation") || name.equals("tx_isolation")) {
        connection.setTransactionIsolation(isolation(MySqlTokenizer.tokenize(value.replace('-', ' ')), 0, sql));
        return;
      }
    }
    throw new SQLFeatureNotSupportedException("SET " + variable + " is not supported yet: session variables would "
        + "have to reach every physical connection of the logical one", "0A000");
  }

  private static int isolation(List<Token> tokens, int from, String sql) throws SQLException {
    StringBuilder level = new StringBuilder();
    for (int i = from; i < tokens.size(); i++) {
      if (!tokens.get(i).isWord("ISOLATION") && !tokens.get(i).isWord("LEVEL")) {
        level.append(tokens.get(i).text().toUpperCase(Locale.ROOT)).append(' ');
      }
    }
    switch (level.toString().trim()) {
      case "READ UNCOMMITTED":
        return Connection.TRANSACTION_READ_UNCOMMITTED;
      case "READ COMMITTED":
        return Connection.TRANSACTION_READ_COMMITTED;
      case "REPEATABLE READ":
        return Connection.TRANSACTION_REPEATABLE_READ;
      case "SERIALIZABLE":
        return Connection.TRANSACTION_SERIALIZABLE;
      default:
        throw new SQLFeatureNotSupportedException("not supported yet: " + sql, "0A000");
    }
  }
}
