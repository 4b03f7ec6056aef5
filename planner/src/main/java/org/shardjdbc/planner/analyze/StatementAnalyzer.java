package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.shardjdbc.planner.catalog.CatalogQuery;
import org.shardjdbc.planner.catalog.CatalogStatements;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.StatementParser;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.session.SessionCommand;
import org.shardjdbc.planner.session.SessionCommandParser;
import org.shardjdbc.planner.session.SessionLeaks;

/**
 * Turns SQL text into an {@link Analysis}, one plan type per kind of statement: the entry point of the planner. The
 * kind is decided here once, by the statement's first word, comments and white space aside. Thread-safe; each call
 * parses anew, so callers cache the result by text.
 */
public final class StatementAnalyzer {
  /** Words after which a statement other than a SELECT names a table. */
  private static final Set<String> TABLE_NAME_BEFORE = Set.of("FROM", "JOIN", "STRAIGHT_JOIN", "UPDATE", "INTO", "TABLE",
      "TABLES", "TRUNCATE", "DESCRIBE", "DESC");

  private final ShardingModel model;
  private final ColumnCatalog catalog;
  private final TableNames tableNames;

  public StatementAnalyzer(ShardingModel model) {
    this(model, ColumnCatalog.NONE);
  }

  /**
   * @param catalog the columns of logical tables, for INSERTs without a column list, AUTO_INCREMENT keys and merges
   *     that order ENUM and SET columns
   */
  public StatementAnalyzer(ShardingModel model, ColumnCatalog catalog) {
    this.model = model;
    this.catalog = catalog;
    this.tableNames = new TableNames(model);
  }

  public ShardingModel model() {
    return model;
  }

  /**
   * @param sql one MySQL statement
   * @return what the planner needs to route and merge it
   * @throws SQLSyntaxErrorException when it cannot be read
   * @throws SQLFeatureNotSupportedException when it names sharded tables in a way the driver does not support
   */
  public Analysis analyze(String sql) throws SQLException {
    List<Token> tokens = MySqlTokenizer.tokenize(sql);
    if (tokens.isEmpty()) {
      throw new SQLSyntaxErrorException("empty statement", "42000");
    }
    SessionCommand command = SessionCommandParser.parse(sql, tokens);
    if (command != null) {
      return new Analysis.Session(command);
    }
    SessionLeaks.refuse(tokens);
    CatalogQuery catalogQuery = CatalogStatements.recognize(sql, tokens, model);
    if (catalogQuery != null) {
      return new Analysis.Catalog(catalogQuery);
    }
    Token first = tokens.get(0);
    String word = first.kind() == Token.Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : "";
    boolean explain = (word.equals("EXPLAIN") || word.equals("DESCRIBE") || word.equals("DESC")) && tokens.size() > 1
        && explainable(tokens.get(1));
    Analysis namedLocks = explain ? null : NamedLockAnalyzer.analyze(model, sql, tokens);
    if (namedLocks != null) {
      return namedLocks;
    }
    switch (word) {
      case "EXPLAIN":
      case "DESCRIBE":
      case "DESC":
        if (tokens.size() > 1 && explainable(tokens.get(1))) {
          String explained = sql.substring(tokens.get(1).start());
          return new Analysis.Explain(explained, analyze(explained));
        }
        break;
      case "INSERT":
      case "REPLACE":
        if (tokens.size() > 1 && !tokens.get(1).isSymbol("(")) {
          return new InsertAnalyzer(model, catalog, sql, tokens).analyze();
        }
        break;
      case "UPDATE":
      case "DELETE":
        if (tokens.size() > 1 && !tokens.get(1).isSymbol("(")) {
          return new UpdateDeleteAnalyzer(model, sql, tokens).analyze();
        }
        break;
      case "CREATE":
      case "ALTER":
      case "DROP":
      case "TRUNCATE":
      case "RENAME":
        return new DdlAnalyzer(model, sql, tokens).analyze();
      default:
        break;
    }
    boolean select = first.isWord("SELECT") || first.isWord("WITH") || first.isSymbol("(");
    LogicalTable named = firstLogicalTable(tokens, select);
    if (named == null) {
      return new Analysis.PassThrough(model.defaultDataSource());
    }
    if (!select) {
      if (named.broadcast() && first.isWord("SHOW")) {
        return new Analysis.PassThrough(model.defaultDataSource());
      }
      throw new SQLFeatureNotSupportedException(first.text().toUpperCase(Locale.ROOT) + " on "
          + (named.broadcast() ? "broadcast" : "sharded") + " table " + named.name() + " is not supported yet", "0A000");
    }
    Analysis analysis = new SelectAnalyzer(model, catalog, StatementParser.parse(sql, tokens)).analyze();
    if (analysis instanceof Analysis.ShardedSelect sharded && LockingClause.find(tokens) != null) {
      return Analysis.LockingSelect.of(sharded);
    }
    return analysis;
  }

  private static boolean explainable(Token token) {
    return token.isWord("SELECT") || token.isWord("WITH") || token.isSymbol("(") || token.isWord("INSERT")
        || token.isWord("REPLACE") || token.isWord("UPDATE") || token.isWord("DELETE");
  }

  /**
   * The first logical table the statement may name, or null when it names none. A name after another qualifier
   * than the logical database ({@code o.orders}) may be a column: a SELECT is parsed to tell; in any other statement
   * it counts as a table where a table name stands ({@code UPDATE legacy.orders}), which {@link TableNames} refuses.
   */
  private LogicalTable firstLogicalTable(List<Token> tokens, boolean select) throws SQLFeatureNotSupportedException {
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (!token.isIdentifier()) {
        continue;
      }
      boolean qualified = i >= 2 && tokens.get(i - 1).isSymbol(".") && tokens.get(i - 2).isIdentifier();
      if (qualified && !tableNames.isLogicalDatabase(tokens.get(i - 2).value())) {
        if (select && model.table(token.value()) != null) {
          return model.table(token.value());
        }
        if (i >= 3 && TABLE_NAME_BEFORE.contains(tokens.get(i - 3).text().toUpperCase(Locale.ROOT))
            && tokens.get(i - 3).kind() == Token.Kind.WORD) {
          tableNames.resolve(List.of(tokens.get(i - 2).value(), token.value()));
        }
        continue;
      }
      LogicalTable table = model.table(token.value());
      if (table != null) {
        return table;
      }
    }
    return null;
  }
}
