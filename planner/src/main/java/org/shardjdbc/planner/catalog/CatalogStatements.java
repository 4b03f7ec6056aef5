package org.shardjdbc.planner.catalog;

import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.StatementParser;
import org.shardjdbc.planner.parse.Token;

/**
 * Recognises the statements that read the catalogue from their tokens: SHOW TABLES, SHOW FULL TABLES, SHOW TABLE
 * STATUS, SHOW DATABASES, SHOW COLUMNS, DESCRIBE, SHOW INDEX and SHOW CREATE TABLE of a sharded table, and SELECTs of
 * {@code information_schema} views. Everything else (other SHOW statements, SHOW COLUMNS of an unsharded table) is
 * not a catalogue query: it runs on the default data source as written.
 */
public final class CatalogStatements {
  /** Words that may follow a table of a FROM clause without being its alias. */
  private static final Set<String> AFTER_TABLE = Set.of("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS", "NATURAL",
      "STRAIGHT_JOIN", "FULL", "ON", "USING", "GROUP", "ORDER", "LIMIT", "HAVING", "UNION", "INTERSECT", "EXCEPT",
      "WINDOW", "FOR", "LOCK", "INTO", "USE", "FORCE", "IGNORE", "PARTITION", "PROCEDURE", "OFFSET");

  private CatalogStatements() {}

  /**
   * @param sql the statement
   * @param tokens its tokens
   * @param model the logical database
   * @return the catalogue query, or null when the statement is not one
   * @throws SQLFeatureNotSupportedException for a query that reads information_schema and sharded tables together
   */
  public static CatalogQuery recognize(String sql, List<Token> tokens, ShardingModel model) throws SQLFeatureNotSupportedException {
    Token first = tokens.get(0);
    if (first.isWord("SHOW")) {
      return show(sql, tokens, model);
    }
    if (first.isWord("DESCRIBE") || first.isWord("DESC") || first.isWord("EXPLAIN")) {
      return describe(sql, tokens, model);
    }
    if (first.isWord("SELECT") || first.isWord("WITH") || first.isSymbol("(")) {
      return informationSchemaSelect(sql, tokens, model);
    }
    return null;
  }

  private static CatalogQuery show(String sql, List<Token> tokens, ShardingModel model) {
    int end = endWithoutTerminator(tokens);
    int i = 1;
    boolean full = false;
    while (i < end && (tokens.get(i).isWord("FULL") || tokens.get(i).isWord("EXTENDED"))) {
      full |= tokens.get(i).isWord("FULL");
      i++;
    }
    if (i >= end) {
      return null;
    }
    Token word = tokens.get(i);
    if (word.isWord("TABLES")) {
      return showFromInformationSchema(sql, tokens, i + 1, end, full ? CatalogQuery.ShowKind.FULL_TABLES : CatalogQuery.ShowKind.TABLES, true);
    }
    if (word.isWord("TABLE") && i + 1 < end && tokens.get(i + 1).isWord("STATUS") && !full) {
      return showFromInformationSchema(sql, tokens, i + 2, end, CatalogQuery.ShowKind.TABLE_STATUS, true);
    }
    if ((word.isWord("DATABASES") || word.isWord("SCHEMAS")) && !full) {
      return showFromInformationSchema(sql, tokens, i + 1, end, CatalogQuery.ShowKind.DATABASES, false);
    }
    if (word.isWord("COLUMNS") || word.isWord("FIELDS")) {
      return tableShow(sql, tokens, i + 1, end, CatalogQuery.TableShowKind.COLUMNS, model, true);
    }
    if ((word.isWord("INDEX") || word.isWord("INDEXES") || word.isWord("KEYS")) && !full) {
      return tableShow(sql, tokens, i + 1, end, CatalogQuery.TableShowKind.INDEX, model, true);
    }
    if (word.isWord("CREATE") && i + 1 < end && tokens.get(i + 1).isWord("TABLE") && i == 1) {
      return tableShow(sql, tokens, i + 2, end, CatalogQuery.TableShowKind.CREATE_TABLE, model, false);
    }
    return null;
  }

  /** {@code [FROM|IN db] [LIKE 'pattern' | WHERE condition]} after the SHOW words. */
  private static CatalogQuery showFromInformationSchema(String sql, List<Token> tokens, int i, int end,
      CatalogQuery.ShowKind kind, boolean fromAllowed) {
    String database = null;
    if (fromAllowed && i + 1 < end && (tokens.get(i).isWord("FROM") || tokens.get(i).isWord("IN"))
        && tokens.get(i + 1).isIdentifier()) {
      database = tokens.get(i + 1).value();
      i += 2;
    }
    if (i == end) {
      return new CatalogQuery.Show(kind, database, null, null);
    }
    if (tokens.get(i).isWord("LIKE") && i + 2 == end && tokens.get(i + 1).kind() == Token.Kind.STRING) {
      return new CatalogQuery.Show(kind, database, tokens.get(i + 1).text(), null);
    }
    if (tokens.get(i).isWord("WHERE") && i + 1 < end) {
      return new CatalogQuery.Show(kind, database, null, sql.substring(tokens.get(i + 1).start(), tokens.get(end - 1).end()));
    }
    return null;
  }

  /** {@code {FROM|IN} [db.]table [{FROM|IN} db] …} after SHOW COLUMNS or SHOW INDEX; {@code [db.]table} after SHOW CREATE TABLE. */
  private static CatalogQuery tableShow(String sql, List<Token> tokens, int i, int end, CatalogQuery.TableShowKind kind,
      ShardingModel model, boolean fromKeyword) {
    if (fromKeyword) {
      if (i >= end || !(tokens.get(i).isWord("FROM") || tokens.get(i).isWord("IN"))) {
        return null;
      }
      i++;
    }
    int nameStart = i;
    if (i >= end || !tokens.get(i).isIdentifier()) {
      return null;
    }
    String database = null;
    if (i + 2 < end && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isIdentifier()) {
      database = tokens.get(i).value();
      i += 2;
    }
    int name = i;
    LogicalTable table = model.table(tokens.get(name).value());
    if (table == null || !table.sharded()) {
      return null;
    }
    String before = sql.substring(0, tokens.get(nameStart).start());
    String after = sql.substring(tokens.get(name).end());
    int next = name + 1;
    if (fromKeyword && next + 1 < end && (tokens.get(next).isWord("FROM") || tokens.get(next).isWord("IN"))
        && tokens.get(next + 1).isIdentifier()) {
      if (database != null) {
        return null;
      }
      database = tokens.get(next + 1).value();
      after = sql.substring(tokens.get(next + 1).end());
    }
    return new CatalogQuery.TableShow(kind, table, database, before, after, sql);
  }

  /** {@code DESCRIBE [db.]table [column | 'pattern']}, also spelled DESC and EXPLAIN. */
  private static CatalogQuery describe(String sql, List<Token> tokens, ShardingModel model) {
    int end = endWithoutTerminator(tokens);
    if (end < 2 || !tokens.get(1).isIdentifier()) {
      return null;
    }
    int i = 1;
    String database = null;
    if (i + 2 < end && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isIdentifier()) {
      database = tokens.get(i).value();
      i += 2;
    }
    boolean pattern = i + 2 == end && (tokens.get(i + 1).isIdentifier() || tokens.get(i + 1).kind() == Token.Kind.STRING);
    if (i + 1 != end && !pattern) {
      return null;
    }
    LogicalTable table = model.table(tokens.get(i).value());
    if (table == null || !table.sharded()) {
      return null;
    }
    return new CatalogQuery.TableShow(CatalogQuery.TableShowKind.COLUMNS, table, database,
        sql.substring(0, tokens.get(1).start()), sql.substring(tokens.get(i).end()), sql);
  }

  private static CatalogQuery informationSchemaSelect(String sql, List<Token> tokens, ShardingModel model)
      throws SQLFeatureNotSupportedException {
    List<CatalogQuery.ViewReference> references = new ArrayList<>();
    LogicalTable sharded = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      boolean qualified = i > 0 && tokens.get(i - 1).isSymbol(".");
      if (!token.isIdentifier() || qualified) {
        continue;
      }
      if (token.value().equalsIgnoreCase("information_schema") && i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".")
          && tokens.get(i + 2).isIdentifier()) {
        Token view = tokens.get(i + 2);
        boolean fromItem = i + 3 >= tokens.size() || !tokens.get(i + 3).isSymbol(".");
        boolean aliased = fromItem && i + 3 < tokens.size() && isAlias(tokens.get(i + 3));
        references.add(new CatalogQuery.ViewReference(token.start(), view.end(), view.value(), fromItem, aliased));
        i += 2;
      } else if (sharded == null && model.table(token.value()) != null && model.table(token.value()).sharded()) {
        sharded = model.table(token.value());
      }
    }
    if (references.isEmpty()) {
      return null;
    }
    if (sharded != null) {
      throw new SQLFeatureNotSupportedException("a query of information_schema that also reads sharded table "
          + sharded.name() + " is not supported", "0A000");
    }
    return new CatalogQuery.InformationSchemaSelect(sql, references, selectedColumns(sql, tokens));
  }

  /** The columns that the outer select lists name without an alias, as written ({@code SELECT table_name, …}). */
  private static List<String> selectedColumns(String sql, List<Token> tokens) {
    SqlNode root;
    try {
      root = StatementParser.parse(sql, tokens).root();
    } catch (SQLSyntaxErrorException e) {
      return List.of(); // the server reports the error; labels of a statement that fails do not matter
    }
    List<String> names = new ArrayList<>();
    selectedColumns(root, names);
    return names;
  }

  private static void selectedColumns(SqlNode node, List<String> names) {
    if (node instanceof SqlOrderBy orderBy) {
      selectedColumns(orderBy.query, names);
    } else if (node instanceof SqlWith with) {
      selectedColumns(with.body, names);
    } else if (node instanceof SqlSelect select) {
      for (SqlNode item : select.getSelectList()) {
        if (item instanceof SqlIdentifier identifier && !identifier.isStar()) {
          names.add(identifier.names.get(identifier.names.size() - 1));
        }
      }
    } else if (node instanceof SqlCall call && (node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
        || node.getKind() == SqlKind.EXCEPT)) {
      selectedColumns(call.operand(0), names);
    }
  }

  private static boolean isAlias(Token token) {
    if (token.kind() == Token.Kind.QUOTED_IDENTIFIER || token.isWord("AS")) {
      return true;
    }
    return token.kind() == Token.Kind.WORD && !AFTER_TABLE.contains(token.text().toUpperCase(Locale.ROOT));
  }

  /** The number of tokens without the final semicolons. */
  private static int endWithoutTerminator(List<Token> tokens) {
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).isSymbol(";")) {
      end--;
    }
    return end;
  }
}
