package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;
import org.shardjdbc.planner.rewrite.TemplateBuilder;

/**
 * Plans UPDATE and DELETE, single- and multi-table, as MySQL writes them:
 *
 * <pre>
 * UPDATE [LOW_PRIORITY] [IGNORE] table_references SET assignments [WHERE …] [ORDER BY …] [LIMIT …]
 * DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM table [[AS] alias] [WHERE …] [ORDER BY …] [LIMIT …]
 * DELETE … targets FROM table_references [WHERE …]
 * DELETE … FROM targets USING table_references [WHERE …]
 * </pre>
 *
 * The tables and key conditions are those of {@code SELECT 1 FROM table_references WHERE …} ({@link EmbeddedSelect}),
 * so a write routes and joins as that SELECT does: pruned by the shard key, joined tables bound to each other on
 * their keys. What only writes need is checked here: no assignment to a shard key (the row would have to move to
 * another shard); written tables are the sharded ones of the statement (a broadcast copy or an unsharded table
 * written from one shard's rows would differ from the others); ORDER BY and LIMIT only on one shard.
 */
final class UpdateDeleteAnalyzer {
  private final ShardingModel model;
  private final String sql;
  private final TopLevelTokens tokens;
  private final String verb;

  UpdateDeleteAnalyzer(ShardingModel model, String sql, List<Token> tokens) {
    this.model = model;
    this.sql = sql;
    this.tokens = new TopLevelTokens(sql, tokens);
    this.verb = tokens.get(0).text().toUpperCase(Locale.ROOT);
  }

  /** The parts of the statement, by token. */
  private record Shape(TokenSpan targets, TokenSpan references, TokenSpan assignments, TokenSpan where, boolean ordered,
      boolean limited) {}

  Analysis analyze() throws SQLException {
    Shape shape = verb.equals("UPDATE") ? updateShape() : deleteShape();
    EmbeddedSelect select = new EmbeddedSelect(sql, tokens.tokens()).text("SELECT 1 FROM ").user(shape.references());
    if (shape.where() != null) {
      select.text(" WHERE ").user(shape.where());
    }
    Analysis analysis = select.analyze(model, ColumnCatalog.NONE);
    List<TableRef> refs = topLevel(select.tableRefs());
    Set<TableRef> written = writtenTables(shape, refs);
    if (analysis instanceof Analysis.PassThrough passThrough) {
      return unsharded(passThrough, select.tableRefs(), written);
    }
    Analysis.ShardedSelect sharded = (Analysis.ShardedSelect) analysis;
    for (TableRef ref : written) {
      if (!ref.sharded()) {
        throw new SQLFeatureNotSupportedException(verb + " of " + (ref.broadcast() ? "broadcast" : "unsharded")
            + " table " + ref.name() + " in a statement with sharded table " + sharded.tables().get(0).name()
            + ": each shard would write it from its own rows; not supported", "0A000");
      }
    }
    if (shape.assignments() != null) {
      checkNoKeyAssignment(shape.assignments(), refs);
    }
    TemplateBuilder template = new TemplateBuilder(sql, tokens.tokens());
    select.replaceTableNames(template);
    replaceTargetNames(shape, select, template);
    select.splitInLists(template);
    removeTerminator(template);
    String refusal = sharded.multiShard() == null ? sharded.multiShardRefusal()
        : shape.ordered() || shape.limited() ? verb + " with " + (shape.ordered() ? "ORDER BY" : "LIMIT") + " on "
            + sharded.routingTable().name() + " over several shards is not supported: each shard would order and "
            + "limit only its own rows; give the shard key in the WHERE clause so that it runs on one shard" : null;
    return new Analysis.ShardedWrite(verb, sharded.routingTable(), sharded.tables(),
        select.userConditions(sharded.conditions()), template.build(), refusal, sharded.requiredDataSource());
  }

  /** A write that names no sharded table: to the default data source as written, or to every copy of a broadcast table. */
  private Analysis unsharded(Analysis.PassThrough passThrough, List<TableRef> refs, Set<TableRef> written)
      throws SQLException {
    TableRef broadcast = null;
    for (TableRef ref : written) {
      if (ref.broadcast()) {
        broadcast = ref;
      }
    }
    if (broadcast == null) {
      return passThrough;
    }
    for (TableRef ref : refs) {
      if (!ref.broadcast()) {
        throw new SQLFeatureNotSupportedException(verb + " of broadcast table " + broadcast.name()
            + " in a statement with unsharded table " + ref.name() + ", which only " + model.defaultDataSource()
            + " has: the copies of " + broadcast.name() + " would differ; not supported", "0A000");
      }
    }
    TemplateBuilder template = new TemplateBuilder(sql, tokens.tokens());
    removeTerminator(template);
    return new Analysis.BroadcastWrite(verb, broadcast.table(), template.build());
  }

  private Shape updateShape() throws SQLException {
    int i = 1;
    while (tokens.isWord(i, "LOW_PRIORITY") || tokens.isWord(i, "IGNORE")) {
      i++;
    }
    int set = tokens.find(i, "SET");
    if (set <= i) {
      throw tokens.error(set < 0 ? i : set, "UPDATE needs a table and SET");
    }
    int where = tokens.find(set + 1, "WHERE");
    int order = tokens.find(set + 1, "ORDER", "BY");
    int limit = tokens.find(set + 1, "LIMIT");
    checkNoReturning(set + 1);
    int assignmentsEnd = tokens.firstOf(where, order, limit);
    if (assignmentsEnd <= set + 1) {
      throw tokens.error(set + 1, "SET needs assignments");
    }
    return new Shape(null, new TokenSpan(i, set - 1), new TokenSpan(set + 1, assignmentsEnd - 1),
        whereSpan(where, order, limit), order >= 0, limit >= 0);
  }

  private Shape deleteShape() throws SQLException {
    int i = 1;
    while (tokens.isWord(i, "LOW_PRIORITY") || tokens.isWord(i, "QUICK") || tokens.isWord(i, "IGNORE")) {
      i++;
    }
    TokenSpan targets = null;
    int referencesStart;
    if (tokens.isWord(i, "FROM")) {
      int using = tokens.find(i + 1, "USING");
      if (using > i + 1) {
        targets = new TokenSpan(i + 1, using - 1);
        referencesStart = using + 1;
      } else {
        referencesStart = i + 1;
      }
    } else {
      int from = tokens.find(i, "FROM");
      if (from <= i) {
        throw tokens.error(i, "DELETE needs FROM");
      }
      targets = new TokenSpan(i, from - 1);
      referencesStart = from + 1;
    }
    int where = tokens.find(referencesStart, "WHERE");
    int order = tokens.find(referencesStart, "ORDER", "BY");
    int limit = tokens.find(referencesStart, "LIMIT");
    checkNoReturning(referencesStart);
    int referencesEnd = tokens.firstOf(where, order, limit);
    if (referencesEnd <= referencesStart) {
      throw tokens.error(referencesStart, "DELETE needs a table");
    }
    return new Shape(targets, new TokenSpan(referencesStart, referencesEnd - 1), null, whereSpan(where, order, limit),
        order >= 0, limit >= 0);
  }

  private void checkNoReturning(int from) throws SQLFeatureNotSupportedException {
    if (tokens.find(from, "RETURNING") >= 0) {
      throw new SQLFeatureNotSupportedException(verb + " … RETURNING is not supported yet", "0A000");
    }
  }

  private TokenSpan whereSpan(int where, int order, int limit) throws SQLException {
    if (where < 0) {
      return null;
    }
    int end = tokens.firstOf(order > where ? order : -1, limit > where ? limit : -1);
    if (end <= where + 1) {
      throw tokens.error(where + 1, "WHERE needs a condition");
    }
    return new TokenSpan(where + 1, end - 1);
  }

  /**
   * The tables the statement writes: a DELETE's targets, the tables whose columns an UPDATE assigns (a column
   * without qualifier in a multi-table UPDATE may be any table's, so all of them), or the one table named.
   */
  private Set<TableRef> writtenTables(Shape shape, List<TableRef> refs) throws SQLException {
    Set<TableRef> written = new LinkedHashSet<>();
    if (shape.targets() != null) {
      for (TokenSpan target : tokens.split(shape.targets().first(), shape.targets().last())) {
        int name = target.last();
        if (tokens.get(name).isSymbol("*") && name - 2 >= target.first()) {
          name -= 2;
        }
        written.addAll(named(tokens.get(name).value(), refs));
      }
    } else if (shape.assignments() != null && refs.size() > 1) {
      for (TokenSpan assignment : tokens.split(shape.assignments().first(), shape.assignments().last())) {
        int column = assignedColumn(assignment);
        boolean qualified = column >= 2 && tokens.get(column - 1).isSymbol(".");
        written.addAll(qualified ? named(tokens.get(column - 2).value(), refs) : refs);
      }
    } else {
      written.add(refs.get(0));
    }
    return written;
  }

  /** The tables of the statement's own table references, without those of subqueries. */
  private static List<TableRef> topLevel(List<TableRef> refs) {
    List<TableRef> top = new ArrayList<>();
    for (TableRef ref : refs) {
      if (ref.block() == refs.get(0).block()) {
        top.add(ref);
      }
    }
    return top;
  }

  /** The tables a name refers to: the one with that alias (or name, when it has none), or all when none does. */
  private static List<TableRef> named(String name, List<TableRef> refs) {
    for (TableRef ref : refs) {
      if (ref.alias().equalsIgnoreCase(name)) {
        return List.of(ref);
      }
    }
    return refs;
  }

  /** The token of the column an assignment {@code [table.]column = value} assigns. */
  private int assignedColumn(TokenSpan assignment) throws SQLException {
    for (int i = assignment.first(); i <= assignment.last(); i++) {
      if (tokens.get(i).isSymbol("=")) {
        if (i == assignment.first() || !tokens.get(i - 1).isIdentifier()) {
          break;
        }
        return i - 1;
      }
    }
    throw tokens.error(assignment.first(), "expected column = value");
  }

  /** Refuses {@code SET order_id = …}: the row would belong on another shard. */
  private void checkNoKeyAssignment(TokenSpan assignments, List<TableRef> refs) throws SQLException {
    for (TokenSpan assignment : tokens.split(assignments.first(), assignments.last())) {
      int column = assignedColumn(assignment);
      String name = tokens.get(column).value();
      boolean qualified = column >= 2 && tokens.get(column - 1).isSymbol(".");
      for (TableRef ref : qualified ? named(tokens.get(column - 2).value(), refs) : refs) {
        if (ref.sharded() && ref.table().shardKey().equalsIgnoreCase(name)) {
          throw new SQLFeatureNotSupportedException(verb + " of " + ref.table().name() + " sets its shard key "
              + ref.table().shardKey() + ": the row would belong on another shard, so changing the shard key is not "
              + "supported (delete the row and insert it with the new key)", "0A000");
        }
      }
    }
  }

  /** {@code DELETE orders FROM orders JOIN …}: a target named by an unaliased sharded table's name. */
  private void replaceTargetNames(Shape shape, EmbeddedSelect select, TemplateBuilder template) throws SQLException {
    if (shape.targets() == null) {
      return;
    }
    for (TokenSpan target : tokens.split(shape.targets().first(), shape.targets().last())) {
      Token name = tokens.get(target.last());
      if (target.first() == target.last() && name.isIdentifier()) {
        for (TableRef ref : select.tableRefs()) {
          if (ref.sharded() && !ref.aliased() && ref.name().equalsIgnoreCase(name.value())) {
            template.replace(target.last(), target.last(), List.of(EmbeddedSelect.tableName(ref.table(), name)));
            break;
          }
        }
      }
    }
  }

  private void removeTerminator(TemplateBuilder template) {
    for (int i = tokens.end(); i < tokens.tokens().size(); i++) {
      template.remove(i, i);
    }
  }
}
