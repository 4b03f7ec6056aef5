package org.shardjdbc.planner.session;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shardjdbc.planner.parse.SyntaxErrors;
import org.shardjdbc.planner.parse.Token;

/**
 * Reads transaction control, {@code SET} and {@code USE} from a statement's tokens, whatever comments and white
 * space surround the words (the tokenizer has dropped them), in every spelling MySQL accepts:
 * <pre>
 * BEGIN [WORK]
 * START TRANSACTION [READ ONLY | READ WRITE] [, WITH CONSISTENT SNAPSHOT]
 * COMMIT [WORK] [AND [NO] CHAIN] [NO RELEASE]            ROLLBACK … likewise
 * SAVEPOINT s      ROLLBACK [WORK] TO [SAVEPOINT] s      RELEASE SAVEPOINT s
 * SET [SESSION | LOCAL] name = value, @@name = value, @@session.name = value, …
 * SET SESSION TRANSACTION ISOLATION LEVEL …, READ ONLY | READ WRITE
 * SET NAMES utf8mb4 [COLLATE c]      SET CHARACTER SET utf8mb4
 * USE db
 * SELECT LAST_INSERT_ID() [[AS] label]
 * </pre>
 * What would change a server for every client ({@code SET GLOBAL}), live in one physical session only (user
 * variables, {@code SET TRANSACTION} for the next transaction) or change how the driver reads statements is refused
 * with a {@link SQLFeatureNotSupportedException} that names it.
 */
public final class SessionCommandParser {
  private final String sql;
  private final List<Token> tokens;
  private final int end;
  private int position = 1;

  private SessionCommandParser(String sql, List<Token> tokens) {
    this.sql = sql;
    this.tokens = tokens;
    // a trailing semicolon ends the statement
    this.end = !tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";") ? tokens.size() - 1 : tokens.size();
  }

  /**
   * @param sql the statement
   * @param tokens its tokens
   * @return the session command the statement is, or null when it is none
   * @throws SQLSyntaxErrorException when it starts like one but does not read as one
   * @throws SQLFeatureNotSupportedException when it is one the driver does not support
   */
  public static SessionCommand parse(String sql, List<Token> tokens) throws SQLException {
    if (tokens.isEmpty() || tokens.get(0).kind() != Token.Kind.WORD) {
      return null;
    }
    SessionCommandParser parser = new SessionCommandParser(sql, tokens);
    switch (tokens.get(0).text().toUpperCase(Locale.ROOT)) {
      case "SET":
        return parser.set();
      case "USE":
        return parser.use();
      case "BEGIN":
        return parser.begin();
      case "START":
        return tokens.size() > 1 && tokens.get(1).isWord("TRANSACTION") ? parser.startTransaction() : null;
      case "COMMIT":
        return parser.commit();
      case "ROLLBACK":
        return parser.rollback();
      case "SAVEPOINT":
        return parser.savepoint();
      case "RELEASE":
        return tokens.size() > 1 && tokens.get(1).isWord("SAVEPOINT") ? parser.releaseSavepoint() : null;
      case "SELECT":
        return parser.lastInsertId();
      default:
        return null;
    }
  }

  /** {@code SELECT LAST_INSERT_ID() [[AS] label]}, or null for any other SELECT. */
  private SessionCommand lastInsertId() throws SQLException {
    if (end < 4 || !tokens.get(1).isWord("LAST_INSERT_ID") || !tokens.get(2).isSymbol("(")
        || !tokens.get(3).isSymbol(")")) {
      return null;
    }
    position = 4;
    String label = sql.substring(tokens.get(1).start(), tokens.get(3).end());
    boolean as = acceptWord("AS");
    if (!atEnd() && (as || tokens.get(position).isIdentifier() || tokens.get(position).kind() == Token.Kind.STRING)) {
      label = tokens.get(position++).value();
    }
    return atEnd() ? new SessionCommand.LastInsertId(label) : null;
  }

  private SessionCommand begin() throws SQLException {
    acceptWord("WORK");
    if (!atEnd()) {
      throw unsupported("The compound statement BEGIN " + rest());
    }
    return new SessionCommand.Begin(SessionCommand.AccessMode.SESSION_DEFAULT, false);
  }

  private SessionCommand startTransaction() throws SQLException {
    position = 2;
    SessionCommand.AccessMode mode = SessionCommand.AccessMode.SESSION_DEFAULT;
    boolean snapshot = false;
    while (!atEnd()) {
      int start = position;
      if (acceptWord("WITH")) {
        expectWord("CONSISTENT");
        expectWord("SNAPSHOT");
        snapshot = true;
      } else if (acceptWord("READ")) {
        if (mode != SessionCommand.AccessMode.SESSION_DEFAULT) {
          throw syntax(start, "the access mode is given twice");
        }
        if (acceptWord("ONLY")) {
          mode = SessionCommand.AccessMode.READ_ONLY;
        } else {
          expectWord("WRITE");
          mode = SessionCommand.AccessMode.READ_WRITE;
        }
      } else {
        throw syntax(position, "expected READ ONLY, READ WRITE or WITH CONSISTENT SNAPSHOT");
      }
      if (!atEnd()) {
        expectSymbol(",");
      }
    }
    return new SessionCommand.Begin(mode, snapshot);
  }

  private SessionCommand commit() throws SQLException {
    acceptWord("WORK");
    boolean chain = chain();
    expectEnd();
    return new SessionCommand.Commit(chain);
  }

  private SessionCommand rollback() throws SQLException {
    acceptWord("WORK");
    if (acceptWord("TO")) {
      acceptWord("SAVEPOINT");
      String name = name("a savepoint name");
      expectEnd();
      return new SessionCommand.RollbackToSavepoint(name);
    }
    boolean chain = chain();
    expectEnd();
    return new SessionCommand.Rollback(chain);
  }

  /** {@code [AND [NO] CHAIN] [[NO] RELEASE]}: whether a new transaction follows; RELEASE is refused. */
  private boolean chain() throws SQLException {
    boolean chain = false;
    if (acceptWord("AND")) {
      chain = !acceptWord("NO");
      expectWord("CHAIN");
    }
    if (acceptWord("NO")) {
      expectWord("RELEASE");
    } else if (peekWord("RELEASE")) {
      throw unsupported(tokens.get(0).text().toUpperCase(Locale.ROOT) + " RELEASE",
          "it would close the connection; call Connection.close()");
    }
    return chain;
  }

  private SessionCommand savepoint() throws SQLException {
    String name = name("a savepoint name");
    expectEnd();
    return new SessionCommand.Savepoint(name);
  }

  private SessionCommand releaseSavepoint() throws SQLException {
    position = 2;
    String name = name("a savepoint name");
    expectEnd();
    return new SessionCommand.ReleaseSavepoint(name);
  }

  private SessionCommand use() throws SQLException {
    String database = name("a database name");
    expectEnd();
    return new SessionCommand.Use(database);
  }

  private SessionCommand set() throws SQLException {
    if (atEnd()) {
      throw syntax(position, "SET without a variable");
    }
    Token first = tokens.get(position);
    Token second = position + 1 < end ? tokens.get(position + 1) : null;
    if (first.isWord("TRANSACTION")) {
      throw unsupported("SET TRANSACTION without SESSION", "it applies to the next transaction only; use SET SESSION "
          + "TRANSACTION, Connection.setTransactionIsolation or START TRANSACTION READ ONLY");
    }
    if (second != null && second.isWord("TRANSACTION")) {
      if (isGlobalScope(first)) {
        throw global(first.text() + " TRANSACTION");
      }
      if (first.isWord("SESSION") || first.isWord("LOCAL")) {
        position += 2;
        return new SessionCommand.SetVariables(transactionCharacteristics());
      }
    }
    for (String statement : new String[] {"PASSWORD", "ROLE", "DEFAULT", "STATEMENT", "RESOURCE"}) {
      if (first.isWord(statement)) {
        throw unsupported("SET " + statement);
      }
    }
    List<SessionSetting> settings = new ArrayList<>();
    do {
      settings.add(assignment());
    } while (acceptSymbol(","));
    expectEnd();
    return new SessionCommand.SetVariables(settings);
  }

  private List<SessionSetting> transactionCharacteristics() throws SQLException {
    List<SessionSetting> settings = new ArrayList<>();
    do {
      if (acceptWord("ISOLATION")) {
        expectWord("LEVEL");
        int start = position;
        StringBuilder level = new StringBuilder();
        while (!atEnd() && !tokens.get(position).isSymbol(",")) {
          level.append(tokens.get(position++).text()).append(' ');
        }
        IsolationLevel isolation = IsolationLevel.ofName(level.toString());
        if (isolation == null) {
          throw syntax(start, "expected READ UNCOMMITTED, READ COMMITTED, REPEATABLE READ or SERIALIZABLE");
        }
        settings.add(new SessionSetting.Isolation(isolation));
      } else {
        expectWord("READ");
        boolean readOnly = acceptWord("ONLY");
        if (!readOnly) {
          expectWord("WRITE");
        }
        settings.add(new SessionSetting.ReadOnly(readOnly));
      }
    } while (acceptSymbol(","));
    expectEnd();
    return settings;
  }

  private SessionSetting assignment() throws SQLException {
    if (atEnd()) {
      throw syntax(position, "expected a variable");
    }
    Token token = tokens.get(position);
    if (isGlobalScope(token)) {
      throw global(token.text() + " " + (position + 1 < end ? tokens.get(position + 1).text() : ""));
    }
    if (token.isWord("SESSION") || token.isWord("LOCAL")) {
      position++;
    } else if (token.kind() == Token.Kind.VARIABLE) {
      return systemVariableAssignment(token);
    }
    if (acceptWord("NAMES")) {
      return names();
    }
    if (acceptWord("CHARSET")) {
      return characterSet();
    }
    if (peekWord("CHARACTER") && position + 1 < end && tokens.get(position + 1).isWord("SET")) {
      position += 2;
      return characterSet();
    }
    return variable(name("a variable name"));
  }

  /** {@code @@name}, {@code @@session.name}, {@code @@local.name}; {@code @@global.name} and {@code @user} refused. */
  private SessionSetting systemVariableAssignment(Token token) throws SQLException {
    position++;
    if (!token.text().startsWith("@@")) {
      throw unsupported("SET " + token.text(), "a user variable lives in one physical connection, and a logical "
          + "connection uses several");
    }
    String name = token.text().substring(2);
    if (acceptSymbol(".")) {
      String scope = name.toLowerCase(Locale.ROOT);
      if (!scope.equals("session") && !scope.equals("local")) {
        if (scope.equals("global") || scope.startsWith("persist")) {
          throw global(token.text() + "." + (atEnd() ? "" : tokens.get(position).text()));
        }
        throw syntax(token.start(), "unknown variable scope " + token.text());
      }
      name = name("a variable name");
    }
    if (name.isEmpty()) {
      throw syntax(token.start(), "expected a variable name after @@");
    }
    return variable(name);
  }

  private SessionSetting variable(String written) throws SQLException {
    String name = written.toLowerCase(Locale.ROOT);
    if (!acceptSymbol("=") && !acceptSymbol(":=")) {
      throw syntax(position, "expected = after " + written);
    }
    int valueStart = position;
    Token value = value(name);
    String text = sql.substring(tokens.get(valueStart).start(), tokens.get(position - 1).end());
    switch (name) {
      case "autocommit":
        return new SessionSetting.Autocommit(bool(name, value));
      case "transaction_read_only":
      case "tx_read_only":
        return new SessionSetting.ReadOnly(bool(name, value));
      case "transaction_isolation":
      case "tx_isolation":
        IsolationLevel level = value.kind() == Token.Kind.STRING ? IsolationLevel.ofName(value.value()) : null;
        if (level == null) {
          throw unsupported("SET " + name + " = " + text, "expected 'READ-UNCOMMITTED', 'READ-COMMITTED', "
              + "'REPEATABLE-READ' or 'SERIALIZABLE'");
        }
        return new SessionSetting.Isolation(level);
      default:
        break;
    }
    if (name.startsWith("character_set_") || name.startsWith("collation_")) {
      throw unsupported("SET " + name, "the driver decodes what its physical connections send; SET NAMES utf8mb4 "
          + "[COLLATE …] is supported");
    }
    if (!ReplayableVariables.contains(name)) {
      throw unsupported("SET " + name, "the driver replays only the session variables that cannot change how it "
          + "routes and merges: " + ReplayableVariables.names());
    }
    if (name.equals("sql_mode") && !value.isWord("DEFAULT")) {
      if (value.kind() != Token.Kind.STRING) {
        throw unsupported("SET sql_mode = " + text, "give the modes as a string");
      }
      ReplayableVariables.checkSqlModes(value.value());
    }
    return new SessionSetting.Replayed(name, "SET SESSION " + name + " = " + text, List.of(name));
  }

  /**
   * A literal value: a number (with its sign), a string, or a word such as ON, OFF or DEFAULT; the position moves past
   * it. Expressions are refused, since the driver would have to evaluate them on each physical connection.
   */
  private Token value(String name) throws SQLException {
    if (atEnd()) {
      throw syntax(position, "expected a value for " + name);
    }
    Token token = tokens.get(position++);
    if ((token.isSymbol("-") || token.isSymbol("+")) && !atEnd() && tokens.get(position).kind() == Token.Kind.NUMBER) {
      position++;
    } else if (token.kind() != Token.Kind.NUMBER && token.kind() != Token.Kind.STRING && token.kind() != Token.Kind.WORD) {
      throw unsupported("SET " + name + " = " + token.text() + "…", "the value must be a literal");
    }
    if (!atEnd() && !tokens.get(position).isSymbol(",")) {
      throw unsupported("SET " + name + " = " + sql.substring(token.start(), tokens.get(end - 1).end()),
          "the value must be a literal");
    }
    return token;
  }

  private SessionSetting names() throws SQLException {
    String charset = utf8mb4("SET NAMES");
    String text = "SET NAMES " + charset;
    if (acceptWord("COLLATE")) {
      if (atEnd() || tokens.get(position).isWord("DEFAULT")) {
        throw unsupported("SET NAMES … COLLATE DEFAULT");
      }
      text += " COLLATE " + tokens.get(position++).text();
    }
    return new SessionSetting.Replayed("names", text, List.of("character_set_client", "character_set_results",
        "character_set_connection", "collation_connection"));
  }

  private SessionSetting characterSet() throws SQLException {
    String charset = utf8mb4("SET CHARACTER SET");
    return new SessionSetting.Replayed("names", "SET CHARACTER SET " + charset, List.of("character_set_client",
        "character_set_results", "character_set_connection", "collation_connection"));
  }

  /** The character set of SET NAMES or SET CHARACTER SET, which must be utf8mb4: what the driver decodes. */
  private String utf8mb4(String statement) throws SQLException {
    if (atEnd()) {
      throw syntax(position, "expected a character set");
    }
    Token charset = tokens.get(position++);
    if (!charset.value().equalsIgnoreCase("utf8mb4") || charset.kind() == Token.Kind.NUMBER) {
      throw unsupported(statement + " " + charset.text(), "the driver's physical connections speak utf8mb4; "
          + statement + " utf8mb4 is supported");
    }
    return "utf8mb4";
  }

  private boolean bool(String name, Token value) throws SQLException {
    String text = value.kind() == Token.Kind.STRING || value.kind() == Token.Kind.WORD || value.kind() == Token.Kind.NUMBER
        ? value.value().toUpperCase(Locale.ROOT) : "";
    switch (text) {
      case "1":
      case "ON":
      case "TRUE":
        return true;
      case "0":
      case "OFF":
      case "FALSE":
        return false;
      default:
        throw unsupported("SET " + name + " = " + value.text(), "expected 0, 1, ON or OFF");
    }
  }

  private static boolean isGlobalScope(Token token) {
    return token.isWord("GLOBAL") || token.isWord("PERSIST") || token.isWord("PERSIST_ONLY");
  }

  private static SQLFeatureNotSupportedException global(String what) {
    return new SQLFeatureNotSupportedException("SET " + what.trim() + " is not supported: it changes one server for "
        + "every client; change the servers' configuration instead", "0A000");
  }

  private String name(String expected) throws SQLException {
    if (atEnd() || !tokens.get(position).isIdentifier()) {
      throw syntax(position, "expected " + expected);
    }
    return tokens.get(position++).value();
  }

  private boolean atEnd() {
    return position >= end;
  }

  private boolean peekWord(String word) {
    return !atEnd() && tokens.get(position).isWord(word);
  }

  private boolean acceptWord(String word) {
    if (peekWord(word)) {
      position++;
      return true;
    }
    return false;
  }

  private boolean acceptSymbol(String symbol) {
    if (!atEnd() && tokens.get(position).isSymbol(symbol)) {
      position++;
      return true;
    }
    return false;
  }

  private void expectWord(String word) throws SQLException {
    if (!acceptWord(word)) {
      throw syntax(position, "expected " + word);
    }
  }

  private void expectSymbol(String symbol) throws SQLException {
    if (!acceptSymbol(symbol)) {
      throw syntax(position, "expected " + symbol);
    }
  }

  private void expectEnd() throws SQLException {
    if (!atEnd()) {
      throw syntax(position, "unexpected " + tokens.get(position).text());
    }
  }

  private String rest() {
    return atEnd() ? "" : sql.substring(tokens.get(position).start(), tokens.get(end - 1).end());
  }

  private SQLSyntaxErrorException syntax(int tokenIndex, String problem) {
    int offset = tokenIndex < tokens.size() ? tokens.get(tokenIndex).start() : sql.length();
    return SyntaxErrors.at(sql, offset, problem);
  }

  private static SQLFeatureNotSupportedException unsupported(String what) {
    return new SQLFeatureNotSupportedException(what + " is not supported", "0A000");
  }

  private static SQLFeatureNotSupportedException unsupported(String what, String reason) {
    return new SQLFeatureNotSupportedException(what + " is not supported: " + reason, "0A000");
  }
}
