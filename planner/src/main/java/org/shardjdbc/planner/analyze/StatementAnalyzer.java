package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import java.util.Locale;
import org.shardjdbc.planner.catalog.CatalogQuery;
import org.shardjdbc.planner.catalog.CatalogStatements;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.StatementParser;
import org.shardjdbc.planner.parse.Token;

/**
 * Turns SQL text into an {@link Analysis}: the entry point of the planner. Thread-safe; each call parses anew, so
 * callers cache the result by text.
 */
public final class StatementAnalyzer {
  private final ShardingModel model;

  public StatementAnalyzer(ShardingModel model) {
    this.model = model;
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
    CatalogQuery catalog = CatalogStatements.recognize(sql, tokens, model);
    if (catalog != null) {
      return new Analysis.Catalog(catalog);
    }
    LogicalTable named = firstLogicalTable(tokens);
    if (named == null) {
      return new Analysis.PassThrough(model.defaultDataSource());
    }
    Token first = tokens.get(0);
    if (!(first.isWord("SELECT") || first.isWord("WITH") || first.isSymbol("("))) {
      if (named.broadcast() && first.isWord("SHOW")) {
        return new Analysis.PassThrough(model.defaultDataSource());
      }
      throw new SQLFeatureNotSupportedException(first.text().toUpperCase(Locale.ROOT) + " on "
          + (named.broadcast() ? "broadcast" : "sharded") + " table " + named.name() + " is not supported yet", "0A000");
    }
    return new SelectAnalyzer(model, StatementParser.parse(sql, tokens)).analyze();
  }

  private LogicalTable firstLogicalTable(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.isIdentifier() && (i == 0 || !tokens.get(i - 1).isSymbol("."))) {
        LogicalTable table = model.table(token.value());
        if (table != null) {
          return table;
        }
      }
    }
    return null;
  }
}
