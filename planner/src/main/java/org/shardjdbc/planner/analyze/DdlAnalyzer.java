package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.rewrite.Segment;
import org.shardjdbc.planner.rewrite.TemplateBuilder;

/**
 * Plans DDL: CREATE, ALTER, DROP, TRUNCATE and RENAME. A statement on a sharded table applies to every physical table
 * of it (the table's name replaced by each one's), on a broadcast table to every copy, on any other table to the
 * default data source as written. Read by tokens:
 *
 * <pre>
 * CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] t (… REFERENCES u (…) …) | LIKE u
 * ALTER [ONLINE] [IGNORE] TABLE t …
 * DROP [TEMPORARY] TABLE[S] [IF EXISTS] t [, t …]
 * TRUNCATE [TABLE] t
 * CREATE [OR REPLACE] [UNIQUE | FULLTEXT | SPATIAL] INDEX [IF NOT EXISTS] i … ON t …
 * DROP INDEX [IF EXISTS] i ON t
 * </pre>
 *
 * The tables a statement changes must be sharded tables bound to each other (one statement per shard names each
 * one's physical table), or broadcast tables on the same data sources, or unsharded ones; the tables it refers to
 * ({@code REFERENCES}, {@code LIKE}) must be bound to them or broadcast. Renaming a sharded or broadcast table, and
 * other DDL naming one (views, triggers), is refused: the configuration would no longer describe the tables.
 *
 * <p>Names of foreign keys and CHECK constraints are unique per database in MySQL, and a database holds several
 * physical tables of a sharded table, so on a sharded table each such name gets its physical table's name appended
 * ({@code CONSTRAINT fk_order FOREIGN KEY …} becomes {@code CONSTRAINT `fk_order__order_items_3` FOREIGN KEY …} on
 * {@code order_items_3}), and {@code DROP FOREIGN KEY fk_order} and {@code DROP CHECK} name it the same way.
 * {@code DROP CONSTRAINT}, which may name a unique key as well, is refused on a sharded table.
 */
final class DdlAnalyzer {
  private final ShardingModel model;
  private final String sql;
  private final TopLevelTokens tokens;
  private final List<TableName> changed = new ArrayList<>();
  private final List<TableName> referenced = new ArrayList<>();
  /** Tokens that name a foreign key or CHECK constraint of the changed table. */
  private final List<Integer> constraintNames = new ArrayList<>();
  private String verb;

  /** A table named at tokens {@code first..last} ({@code db.t} or {@code t}); {@code table} null when unsharded. */
  private record TableName(int first, int last, LogicalTable table) {}

  DdlAnalyzer(ShardingModel model, String sql, List<Token> tokens) {
    this.model = model;
    this.sql = sql;
    this.tokens = new TopLevelTokens(sql, tokens);
  }

  Analysis analyze() throws SQLException {
    String first = tokens.get(0).text().toUpperCase(Locale.ROOT);
    switch (first) {
      case "CREATE":
        create();
        break;
      case "ALTER":
        alter();
        break;
      case "DROP":
        drop();
        break;
      case "TRUNCATE":
        int table = tokens.isWord(1, "TABLE") ? 2 : 1;
        verb = "TRUNCATE TABLE";
        changed.add(name(table));
        break;
      default:
        verb = first;
        break;
    }
    if (changed.isEmpty()) {
      refuseNamedLogicalTables();
      return new Analysis.Ddl(verb, null, withoutTerminator().build(), model.defaultDataSource());
    }
    return plan();
  }

  private void create() throws SQLException {
    int i = 1;
    if (tokens.isWord(i, "OR") && tokens.isWord(i + 1, "REPLACE")) {
      i += 2;
    }
    if (tokens.isWord(i, "TEMPORARY")) {
      i++;
    }
    if (tokens.isWord(i, "TABLE")) {
      verb = "CREATE TABLE";
      i = skipIf(i + 1, "IF", "NOT", "EXISTS");
      TableName table = name(i);
      changed.add(table);
      int like = tokens.find(table.last() + 1, "LIKE");
      int paren = table.last() + 1 < tokens.end() && tokens.get(table.last() + 1).isSymbol("(") ? table.last() + 2 : -1;
      if (like == table.last() + 1 || (paren >= 0 && tokens.isWord(paren, "LIKE"))) {
        referenced.add(name((like >= 0 ? like : paren) + 1));
      }
      if (table.table() != null && (tokens.find(table.last() + 1, "SELECT") >= 0 || tokens.find(table.last() + 1, "AS") >= 0)) {
        throw new SQLFeatureNotSupportedException("CREATE TABLE … SELECT for " + tableKind(table.table()) + " table "
            + table.table().name() + " is not supported: create it, then INSERT … SELECT", "0A000");
      }
      references(table.last() + 1);
      constraints(table);
      return;
    }
    while (tokens.isWord(i, "UNIQUE") || tokens.isWord(i, "FULLTEXT") || tokens.isWord(i, "SPATIAL")
        || tokens.isWord(i, "ONLINE") || tokens.isWord(i, "OFFLINE")) {
      i++;
    }
    if (tokens.isWord(i, "INDEX")) {
      verb = "CREATE INDEX";
      indexTable(i + 1);
      return;
    }
    verb = "CREATE " + word(i);
  }

  private void alter() throws SQLException {
    int i = 1;
    while (tokens.isWord(i, "ONLINE") || tokens.isWord(i, "IGNORE")) {
      i++;
    }
    if (!tokens.isWord(i, "TABLE")) {
      verb = "ALTER " + word(i);
      return;
    }
    verb = "ALTER TABLE";
    i = skipIf(i + 1, "IF", "EXISTS");
    TableName table = name(i);
    changed.add(table);
    if (table.table() != null) {
      for (int rename = tokens.find(table.last() + 1, "RENAME"); rename >= 0; rename = tokens.find(rename + 1, "RENAME")) {
        if (!tokens.isWord(rename + 1, "COLUMN") && !tokens.isWord(rename + 1, "INDEX") && !tokens.isWord(rename + 1, "KEY")) {
          throw renameRefusal(table.table());
        }
      }
    }
    references(table.last() + 1);
    constraints(table);
  }

  private void drop() throws SQLException {
    int i = 1;
    if (tokens.isWord(i, "TEMPORARY")) {
      i++;
    }
    if (tokens.isWord(i, "TABLE") || tokens.isWord(i, "TABLES")) {
      verb = "DROP TABLE";
      i = skipIf(i + 1, "IF", "EXISTS");
      while (true) {
        TableName table = name(i);
        changed.add(table);
        i = table.last() + 1;
        if (i >= tokens.end() || !tokens.get(i).isSymbol(",")) {
          return;
        }
        i++;
      }
    }
    if (tokens.isWord(i, "INDEX")) {
      verb = "DROP INDEX";
      indexTable(i + 1);
      return;
    }
    verb = "DROP " + word(i);
  }

  /** {@code [IF [NOT] EXISTS] index_name … ON table}. */
  private void indexTable(int from) throws SQLException {
    int on = tokens.find(from, "ON");
    if (on < 0) {
      throw tokens.error(from, verb + " needs ON table");
    }
    changed.add(name(on + 1));
  }

  /** Every {@code REFERENCES table} from {@code from} on, at any depth. */
  private void references(int from) throws SQLException {
    for (int i = from; i + 1 < tokens.end(); i++) {
      if (tokens.get(i).isWord("REFERENCES")) {
        referenced.add(name(i + 1));
      }
    }
  }

  /**
   * Notes the names of foreign keys and CHECK constraints of a sharded table ({@code CONSTRAINT name FOREIGN KEY},
   * {@code CONSTRAINT name CHECK}, {@code DROP FOREIGN KEY name}, {@code DROP CHECK name}), at any depth.
   */
  private void constraints(TableName table) throws SQLException {
    if (table.table() == null || !table.table().sharded()) {
      return;
    }
    for (int i = table.last() + 1; i + 2 < tokens.end(); i++) {
      if (tokens.get(i).isWord("CONSTRAINT") && isName(i + 1)
          && (tokens.isWord(i + 2, "FOREIGN") || tokens.isWord(i + 2, "CHECK"))) {
        constraintNames.add(i + 1);
      } else if (tokens.get(i).isWord("DROP") && tokens.isWord(i + 1, "FOREIGN") && tokens.isWord(i + 2, "KEY")
          && i + 3 < tokens.end()) {
        constraintNames.add(i + 3);
      } else if (tokens.get(i).isWord("DROP") && tokens.isWord(i + 1, "CHECK") && isName(i + 2)) {
        constraintNames.add(i + 2);
      } else if (tokens.get(i).isWord("DROP") && tokens.isWord(i + 1, "CONSTRAINT")) {
        throw new SQLFeatureNotSupportedException("ALTER TABLE … DROP CONSTRAINT on sharded table "
            + table.table().name() + " is not supported: the driver names each physical table's foreign keys and"
            + " CHECK constraints apart; write DROP FOREIGN KEY, DROP CHECK or DROP INDEX", "0A000");
      }
    }
  }

  /** Whether token {@code i} is an identifier, not a keyword that follows CONSTRAINT when no name is given. */
  private boolean isName(int i) {
    if (i >= tokens.end()) {
      return false;
    }
    Token token = tokens.get(i);
    return token.kind() == Token.Kind.QUOTED_IDENTIFIER || token.kind() == Token.Kind.WORD
        && !token.isWord("FOREIGN") && !token.isWord("CHECK") && !token.isWord("PRIMARY") && !token.isWord("UNIQUE");
  }

  private int skipIf(int i, String... words) {
    for (int j = 0; j < words.length; j++) {
      if (!tokens.isWord(i + j, words[j])) {
        return i;
      }
    }
    return i + words.length;
  }

  private String word(int i) {
    return i < tokens.end() ? tokens.get(i).text().toUpperCase(Locale.ROOT) : "";
  }

  private TableName name(int i) throws SQLException {
    if (i >= tokens.end() || !tokens.get(i).isIdentifier()) {
      throw tokens.error(i, verb + " needs a table name");
    }
    int last = i;
    if (i + 2 < tokens.end() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isIdentifier()) {
      last = i + 2;
    }
    List<String> names = last == i ? List.of(tokens.get(i).value())
        : List.of(tokens.get(i).value(), tokens.get(last).value());
    return new TableName(i, last, new TableNames(model).resolve(names));
  }

  private Analysis plan() throws SQLException {
    LogicalTable routing = changed.get(0).table();
    for (TableName table : changed) {
      if (routing == null ? table.table() != null : !together(routing, table.table())) {
        throw new SQLFeatureNotSupportedException(verb + " of " + describe(changed.get(0)) + " and " + describe(table)
            + " in one statement is not supported: write one statement per table", "0A000");
      }
    }
    if (routing == null) {
      for (TableName table : referenced) {
        if (table.table() != null && table.table().sharded()) {
          throw new SQLFeatureNotSupportedException(verb + " of unsharded table " + text(changed.get(0))
              + " referring to sharded table " + table.table().name() + " is not supported", "0A000");
        }
      }
      return new Analysis.Ddl(verb, null, withoutTerminator().build(), model.defaultDataSource());
    }
    for (TableName table : referenced) {
      boolean fits = table.table() != null
          && (table.table().broadcast() || routing.sharded() && together(routing, table.table()));
      if (!fits) {
        throw new SQLFeatureNotSupportedException(verb + " of " + describe(changed.get(0)) + " referring to "
            + describe(table) + ", which is not on the same shards: not supported", "0A000");
      }
    }
    TemplateBuilder template = withoutTerminator();
    if (routing.sharded()) {
      List<TableName> names = new ArrayList<>(changed);
      names.addAll(referenced);
      for (TableName name : names) {
        if (name.table().sharded()) {
          template.replace(name.first(), name.last(), List.of(EmbeddedSelect.tableName(name.table(),
              tokens.get(name.last()))));
        }
      }
      for (int name : constraintNames) {
        template.replace(name, name, List.of(new Segment.Text("`" + tokens.get(name).value().replace("`", "``") + "__"),
            new Segment.TableName(routing, false), new Segment.Text("`")));
      }
    }
    return new Analysis.Ddl(verb, routing, template.build(), null);
  }

  /** Whether a statement may change both tables at once: co-located sharded tables, or broadcast tables on the same data sources. */
  private boolean together(LogicalTable first, LogicalTable other) {
    if (other == null || first.broadcast() != other.broadcast()) {
      return false;
    }
    if (first.sharded()) {
      return model.bindingRoot(first) == model.bindingRoot(other);
    }
    List<String> firstSources = new ArrayList<>();
    first.nodes().forEach(node -> firstSources.add(node.dataSource()));
    List<String> otherSources = new ArrayList<>();
    for (DataNode node : other.nodes()) {
      otherSources.add(node.dataSource());
    }
    return firstSources.equals(otherSources);
  }

  /** Refuses DDL such as CREATE VIEW or RENAME TABLE that names a sharded or broadcast table. */
  private void refuseNamedLogicalTables() throws SQLException {
    for (int i = 1; i < tokens.end(); i++) {
      Token token = tokens.get(i);
      LogicalTable table = token.isIdentifier() ? model.table(token.value()) : null;
      if (table != null && (i + 1 >= tokens.end() || !tokens.get(i + 1).isSymbol("."))) {
        if (verb.equals("RENAME")) {
          throw renameRefusal(table);
        }
        throw new SQLFeatureNotSupportedException(verb + " naming " + tableKind(table) + " table " + table.name()
            + " is not supported", "0A000");
      }
    }
  }

  private static SQLFeatureNotSupportedException renameRefusal(LogicalTable table) {
    return new SQLFeatureNotSupportedException("renaming " + tableKind(table) + " table " + table.name()
        + " is not supported: rename its physical tables and the configuration instead", "0A000");
  }

  private TemplateBuilder withoutTerminator() {
    TemplateBuilder template = new TemplateBuilder(sql, tokens.tokens());
    for (int i = tokens.end(); i < tokens.tokens().size(); i++) {
      template.remove(i, i);
    }
    return template;
  }

  private String describe(TableName name) {
    return name.table() == null ? "unsharded table " + text(name) : tableKind(name.table()) + " table " + name.table().name();
  }

  private String text(TableName name) {
    return tokens.text(name.first(), name.last());
  }

  private static String tableKind(LogicalTable table) {
    return table.broadcast() ? "broadcast" : "sharded";
  }
}
