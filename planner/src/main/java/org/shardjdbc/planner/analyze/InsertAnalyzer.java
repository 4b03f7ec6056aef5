package org.shardjdbc.planner.analyze;

import java.math.BigDecimal;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;
import org.shardjdbc.planner.rewrite.Segment;
import org.shardjdbc.planner.rewrite.SqlTemplate;
import org.shardjdbc.planner.rewrite.TemplateBuilder;

/**
 * Plans INSERT and REPLACE as MySQL writes them, read by tokens (Calcite's parsers read none of IGNORE, REPLACE,
 * ON DUPLICATE KEY UPDATE or row aliases):
 *
 * <pre>
 * {INSERT [LOW_PRIORITY | DELAYED | HIGH_PRIORITY] [IGNORE] | REPLACE [LOW_PRIORITY | DELAYED]} [INTO] table
 *     { [(columns)] {VALUES | VALUE} (row), (row)… | SET column = value, … | [(columns)] SELECT … }
 *     [AS row_alias [(columns)]] [ON DUPLICATE KEY UPDATE assignments]
 * </pre>
 *
 * Into a sharded table, each row's shard key must be a literal or a {@code ?}, found by the column list or, without
 * one, by the table's column order ({@link ColumnCatalog}); a row without it gets a key from the table's key
 * generator when it has one. An ON DUPLICATE KEY UPDATE must not assign the key. INSERT … SELECT runs on each shard
 * when the SELECT reads tables co-located with the target and gives each row's key from their shard key column, so
 * every row it makes on a shard belongs there; anything else that needs rows of several shards is refused.
 */
final class InsertAnalyzer {
  private final ShardingModel model;
  private final ColumnCatalog catalog;
  private final String sql;
  private final TopLevelTokens tokens;
  private final String verb;

  InsertAnalyzer(ShardingModel model, ColumnCatalog catalog, String sql, List<Token> tokens) {
    this.model = model;
    this.catalog = catalog;
    this.sql = sql;
    this.tokens = new TopLevelTokens(sql, tokens);
    this.verb = tokens.get(0).text().toUpperCase(Locale.ROOT);
  }

  /** Where the parts of the statement are, by token. */
  private static final class Shape {
    int nameFirst;
    int nameLast;
    int columnsOpen = -1;
    int columnsClose = -1;
    /** The VALUES or SET word, or the first token of the SELECT. */
    int body;
    List<TokenSpan> rows = new ArrayList<>();
    TokenSpan assignments;
    TokenSpan select;
    /** The first token after the rows, assignments or SELECT: a row alias or ON DUPLICATE KEY UPDATE. */
    int tail;
    int onDuplicate = -1;
    boolean plain;
  }

  Analysis analyze() throws SQLException {
    Shape shape = shape();
    List<String> names = shape.nameFirst == shape.nameLast ? List.of(tokens.get(shape.nameLast).value())
        : List.of(tokens.get(shape.nameFirst).value(), tokens.get(shape.nameLast).value());
    LogicalTable table = new TableNames(model).resolve(names);
    if (table == null) {
      return unsharded(shape);
    }
    if (table.broadcast()) {
      return broadcast(shape, table);
    }
    if (tokens.isWord(shape.nameLast + 1, "PARTITION")) {
      throw new SQLFeatureNotSupportedException(verb + " … PARTITION into sharded table " + table.name()
          + " is not supported", "0A000");
    }
    checkKeyNotAutoIncrement(table);
    checkOnDuplicateKeepsKey(shape, table);
    if (shape.select != null) {
      return insertSelect(shape, table);
    }
    return shape.assignments != null ? insertSet(shape, table) : insertValues(shape, table);
  }

  private Shape shape() throws SQLException {
    Shape shape = new Shape();
    int i = 1;
    boolean ignore = false;
    while (tokens.isWord(i, "LOW_PRIORITY") || tokens.isWord(i, "DELAYED") || tokens.isWord(i, "HIGH_PRIORITY")
        || tokens.isWord(i, "IGNORE")) {
      ignore |= tokens.isWord(i, "IGNORE");
      i++;
    }
    if (tokens.isWord(i, "INTO")) {
      i++;
    }
    if (i >= tokens.end() || !tokens.get(i).isIdentifier()) {
      throw tokens.error(i, verb + " needs a table");
    }
    shape.nameFirst = i;
    if (i + 2 < tokens.end() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isIdentifier()) {
      i += 2;
    }
    shape.nameLast = i++;
    if (tokens.isWord(i, "PARTITION") && i + 1 < tokens.end() && tokens.get(i + 1).isSymbol("(")) {
      i = tokens.closing(i + 1) + 1;
    }
    if (i < tokens.end() && tokens.get(i).isSymbol("(") && !startsQuery(i + 1)) {
      shape.columnsOpen = i;
      shape.columnsClose = tokens.closing(i);
      i = shape.columnsClose + 1;
    }
    shape.body = i;
    shape.onDuplicate = tokens.find(i, "ON", "DUPLICATE");
    int bodyEnd = tokens.firstOf(shape.onDuplicate) - 1;
    if (tokens.isWord(i, "VALUES") || tokens.isWord(i, "VALUE")) {
      i = rows(shape, i + 1, bodyEnd);
      shape.plain = verb.equals("INSERT") && !ignore && shape.onDuplicate < 0;
    } else if (tokens.isWord(i, "SET")) {
      int end = tokens.firstOf(tokens.find(i + 1, "AS"), shape.onDuplicate);
      shape.assignments = new TokenSpan(i + 1, Math.max(i + 1, end - 1));
      i = end;
    } else if (startsQuery(i)) {
      shape.select = new TokenSpan(i, bodyEnd);
      i = bodyEnd + 1;
    } else {
      throw tokens.error(i, "expected VALUES, SET or SELECT");
    }
    shape.tail = i;
    if (tokens.isWord(i, "AS")) {
      i += 2;
      if (i < tokens.end() && tokens.get(i).isSymbol("(")) {
        i = tokens.closing(i) + 1;
      }
    }
    if (i != tokens.firstOf(shape.onDuplicate)) {
      throw tokens.error(i, "unexpected '" + (i < tokens.end() ? tokens.get(i).text() : "") + "'");
    }
    if (shape.onDuplicate >= 0) {
      if (!tokens.isWord(shape.onDuplicate + 2, "KEY") || !tokens.isWord(shape.onDuplicate + 3, "UPDATE")) {
        throw tokens.error(shape.onDuplicate, "expected ON DUPLICATE KEY UPDATE");
      }
    }
    return shape;
  }

  private boolean startsQuery(int i) {
    return tokens.isWord(i, "SELECT") || tokens.isWord(i, "WITH") || tokens.isWord(i, "TABLE")
        || (i < tokens.end() && tokens.get(i).isSymbol("(") && startsQuery(i + 1));
  }

  /** Reads {@code (row), (row)…} from {@code i}; returns the index after the last row. */
  private int rows(Shape shape, int i, int end) throws SQLException {
    while (true) {
      if (i > end || !tokens.get(i).isSymbol("(")) {
        throw tokens.error(i, tokens.isWord(i, "ROW") ? "VALUES ROW(…) is not supported; write VALUES (…)"
            : "expected '(' of a row");
      }
      int close = tokens.closing(i);
      shape.rows.add(new TokenSpan(i, close));
      i = close + 1;
      if (i > end || !tokens.get(i).isSymbol(",")) {
        return i;
      }
      i++;
    }
  }

  /** An INSERT into a table that is not sharded or broadcast: as written, on the default data source. */
  private Analysis unsharded(Shape shape) throws SQLException {
    String refusal = verb + " into unsharded table " + tokens.get(shape.nameLast).value() + " from sharded table ";
    if (shape.select != null) {
      EmbeddedSelect select = new EmbeddedSelect(sql, tokens.tokens()).user(shape.select);
      if (select.analyze(model, catalog) instanceof Analysis.ShardedSelect sharded) {
        throw new SQLFeatureNotSupportedException(refusal + sharded.tables().get(0).name()
            + " needs rows from several shards at once: not supported yet", "0A000");
      }
    }
    for (int i = shape.body; i + 1 < tokens.end(); i++) {
      LogicalTable named = tokens.get(i + 1).isIdentifier() ? model.table(tokens.get(i + 1).value()) : null;
      if (named != null && named.sharded() && (tokens.isWord(i, "FROM") || tokens.isWord(i, "JOIN"))) {
        throw new SQLFeatureNotSupportedException(refusal + named.name() + " needs rows from several shards at "
            + "once: not supported yet", "0A000");
      }
    }
    return new Analysis.PassThrough(model.defaultDataSource());
  }

  /** An INSERT into a broadcast table: the same statement on every copy. */
  private Analysis broadcast(Shape shape, LogicalTable table) throws SQLException {
    if (shape.select != null) {
      EmbeddedSelect select = new EmbeddedSelect(sql, tokens.tokens()).user(shape.select);
      select.analyze(model, catalog);
      for (TableRef ref : select.tableRefs()) {
        if (!ref.broadcast()) {
          throw new SQLFeatureNotSupportedException(verb + " into broadcast table " + table.name() + " from "
              + (ref.sharded() ? "sharded" : "unsharded") + " table " + ref.name() + ": the copies would differ; "
              + "not supported", "0A000");
        }
      }
    }
    TemplateBuilder template = new TemplateBuilder(sql, tokens.tokens());
    removeTerminator(template);
    return new Analysis.BroadcastWrite(verb, table, template.build());
  }

  private void checkKeyNotAutoIncrement(LogicalTable table) throws SQLException {
    for (ColumnCatalog.TableColumn column : catalog.columns(table)) {
      if (column.autoIncrement() && column.name().equalsIgnoreCase(table.shardKey())) {
        throw new SQLFeatureNotSupportedException("the shard key " + table.name() + "." + table.shardKey()
            + " is AUTO_INCREMENT: each physical table would number its rows on its own and make the same key on "
            + "several shards, and a row given NULL or 0 would get a key of another shard; remove AUTO_INCREMENT and "
            + "give the keys, or configure keyGenerator: snowflake for " + table.name(), "0A000");
      }
    }
  }

  private void checkOnDuplicateKeepsKey(Shape shape, LogicalTable table) throws SQLException {
    if (shape.onDuplicate < 0) {
      return;
    }
    int first = shape.onDuplicate + 4;
    for (TokenSpan assignment : tokens.split(first, tokens.end() - 1)) {
      int column = assignment.first();
      while (column + 2 <= assignment.last() && tokens.get(column + 1).isSymbol(".")) {
        column += 2;
      }
      if (tokens.get(column).isIdentifier() && tokens.get(column).value().equalsIgnoreCase(table.shardKey())) {
        throw new SQLFeatureNotSupportedException(verb + " … ON DUPLICATE KEY UPDATE sets the shard key "
            + table.name() + "." + table.shardKey() + ": the row would belong on another shard, so changing the "
            + "shard key is not supported", "0A000");
      }
    }
  }

  /** {@code INSERT INTO orders (…) VALUES (…), (…)}: each row to its key's shard. */
  private Analysis insertValues(Shape shape, LogicalTable table) throws SQLException {
    List<String> columns = columns(shape, table);
    int key = indexOf(columns, table.shardKey());
    boolean generated = key < 0;
    if (generated) {
      requireGenerator(table, shape.columnsOpen >= 0 ? "its column list" : "the statement");
    }
    TemplateBuilder builder = template(shape, table);
    if (generated) {
      String separator = shape.columnsClose == shape.columnsOpen + 1 ? "" : ", ";
      builder.replace(shape.columnsClose, shape.columnsClose,
          List.of(new Segment.Text(separator + quoted(table.shardKey()) + ")")));
    }
    int firstRow = shape.rows.get(0).first();
    List<Segment> head = new ArrayList<>(builder.build(0, firstRow).segments());
    head.add(new Segment.Text(gap(firstRow)));
    List<InsertRow> rows = new ArrayList<>();
    for (int r = 0; r < shape.rows.size(); r++) {
      TokenSpan row = shape.rows.get(r);
      List<TokenSpan> values = tokens.split(row.first() + 1, row.last() - 1);
      if (values.size() != columns.size()) {
        throw new SQLDataException("Column count doesn't match value count at row " + (r + 1), "21S01", 1136);
      }
      List<Segment> segments = new ArrayList<>(builder.build(row.first(), row.last()).segments());
      if (generated) {
        segments.add(new Segment.Text(values.isEmpty() ? "" : ", "));
        segments.add(new Segment.GeneratedKey());
      }
      segments.add(new Segment.Text(gap(row.last()) + ")"));
      rows.add(new InsertRow(new SqlTemplate(segments), generated ? null : keyValue(table, values.get(key), r)));
    }
    int afterRows = shape.rows.get(shape.rows.size() - 1).last() + 1;
    SqlTemplate tail = tail(builder, afterRows);
    boolean rowsCountOne = shape.plain && withoutParameters(head) && withoutParameters(tail.segments());
    return new Analysis.ShardedInsert(verb, table, new SqlTemplate(head), rows, tail, generated, rowsCountOne);
  }

  /** Whether text around the rows has no {@code ?}, so that the rows of several executions can share it. */
  private static boolean withoutParameters(List<Segment> segments) {
    for (Segment segment : segments) {
      if (!(segment instanceof Segment.Text || segment instanceof Segment.TableName)) {
        return false;
      }
    }
    return true;
  }

  /** {@code INSERT INTO orders SET order_id = ?, status = ?}: one row. */
  private Analysis insertSet(Shape shape, LogicalTable table) throws SQLException {
    List<TokenSpan> assignments = tokens.split(shape.assignments.first(), shape.assignments.last());
    ValueSource key = null;
    for (TokenSpan assignment : assignments) {
      Token column = tokens.get(assignment.first());
      if (column.isIdentifier() && column.value().equalsIgnoreCase(table.shardKey())) {
        if (assignment.last() < assignment.first() + 2 || !tokens.get(assignment.first() + 1).isSymbol("=")) {
          throw tokens.error(assignment.first(), "expected column = value");
        }
        key = keyValue(table, new TokenSpan(assignment.first() + 2, assignment.last()), 0);
      }
    }
    if (key == null) {
      requireGenerator(table, "its SET list");
    }
    TemplateBuilder builder = template(shape, table);
    int first = shape.assignments.first();
    List<Segment> head = new ArrayList<>(builder.build(0, first).segments());
    head.add(new Segment.Text(gap(first)));
    List<Segment> segments = new ArrayList<>(builder.build(first, shape.assignments.last() + 1).segments());
    if (key == null) {
      segments.add(new Segment.Text(", " + quoted(table.shardKey()) + " = "));
      segments.add(new Segment.GeneratedKey());
    }
    InsertRow row = new InsertRow(new SqlTemplate(segments), key);
    return new Analysis.ShardedInsert(verb, table, new SqlTemplate(head), List.of(row),
        tail(builder, shape.assignments.last() + 1), key == null, false);
  }

  /**
   * {@code INSERT INTO order_items (order_id, …) SELECT o.order_id, … FROM orders o WHERE …}: the SELECT runs on each
   * shard it routes to, and inserts there, when every row it gives belongs on the shard that gives it.
   */
  private Analysis insertSelect(Shape shape, LogicalTable table) throws SQLException {
    List<String> columns = columns(shape, table);
    int key = indexOf(columns, table.shardKey());
    if (key < 0) {
      throw new SQLFeatureNotSupportedException(verb + " … SELECT into sharded table " + table.name()
          + " without its shard key " + table.shardKey() + " is not supported: name it and select it", "0A000");
    }
    EmbeddedSelect select = new EmbeddedSelect(sql, tokens.tokens()).user(shape.select);
    Analysis analysis = select.analyze(model, catalog);
    String refusal = verb + " … SELECT into sharded table " + table.name();
    if (!(analysis instanceof Analysis.ShardedSelect sharded)) {
      throw new SQLFeatureNotSupportedException(refusal + " from tables that are not sharded: every row would have "
          + "to go to its own shard; not supported yet", "0A000");
    }
    if (sharded.routingTable() != model.bindingRoot(table)) {
      throw new SQLFeatureNotSupportedException(refusal + " from " + sharded.tables().get(0).name()
          + ", which is not bound to it: its rows are not on the shards where they belong; not supported yet", "0A000");
    }
    checkSelectsKey(select, key, refusal);
    String multiShardRefusal = sharded.multiShard() == null ? sharded.multiShardRefusal() : mergeRefusal(sharded, refusal);
    TemplateBuilder builder = template(shape, table);
    select.replaceTableNames(builder);
    select.splitInLists(builder);
    List<LogicalTable> tables = new ArrayList<>(sharded.tables());
    if (!tables.contains(table)) {
      tables.add(0, table);
    }
    return new Analysis.ShardedWrite(verb, sharded.routingTable(), tables, select.userConditions(sharded.conditions()),
        builder.build(), multiShardRefusal, sharded.requiredDataSource());
  }

  /** Why several shards cannot each run the SELECT on their own rows, or null when they can. */
  private static String mergeRefusal(Analysis.ShardedSelect select, String refusal) {
    MergePlan plan = select.mergePlan();
    if (plan.aggregates() || plan.distinct() || plan.limit() != null) {
      return refusal + " with " + (plan.limit() != null ? "LIMIT" : plan.distinct() ? "DISTINCT" : "aggregates")
          + " over several shards is not supported: each shard would give its own rows";
    }
    return null;
  }

  /** The select item at the key's position must be the shard key of the SELECT's own (co-located) tables. */
  private void checkSelectsKey(EmbeddedSelect select, int key, String refusal) throws SQLException {
    List<TableRef> refs = select.tableRefs();
    SqlNode root = select.root();
    if (root instanceof SqlOrderBy orderBy) {
      root = orderBy.query;
    }
    if (root instanceof SqlSelect block && key < block.getSelectList().size()
        && SqlNodes.unalias(block.getSelectList().get(key)) instanceof SqlIdentifier identifier && !identifier.isStar()) {
      String column = identifier.names.get(identifier.names.size() - 1);
      String qualifier = identifier.names.size() > 1 ? identifier.names.get(identifier.names.size() - 2) : null;
      for (TableRef ref : refs) {
        if (ref.block() == block && ref.sharded() && ref.table().shardKey().equalsIgnoreCase(column)
            && (qualifier == null || ref.alias().equalsIgnoreCase(qualifier))) {
          return;
        }
      }
    }
    throw new SQLFeatureNotSupportedException(refusal + ": the SELECT must give the shard key as the shard key "
        + "column of the table it reads (item " + (key + 1) + " of its select list), so that each row stays on its "
        + "shard", "0A000");
  }

  /** The columns the rows give values for: the column list, or without one, the table's columns in order. */
  private List<String> columns(Shape shape, LogicalTable table) throws SQLException {
    List<String> columns = new ArrayList<>();
    if (shape.columnsOpen >= 0) {
      for (TokenSpan column : tokens.split(shape.columnsOpen + 1, shape.columnsClose - 1)) {
        Token name = tokens.get(column.last());
        if (!name.isIdentifier()) {
          throw tokens.error(column.last(), "expected a column name");
        }
        columns.add(name.value());
      }
      return columns;
    }
    for (ColumnCatalog.TableColumn column : catalog.columns(table)) {
      columns.add(column.name());
    }
    if (columns.isEmpty()) {
      throw new SQLException(verb + " into " + table.name() + " without a column list: the columns of "
          + table.node(0) + " cannot be read (does the table exist?), so the shard key " + table.shardKey()
          + " cannot be found among the values; name the columns", "42S02");
    }
    return columns;
  }

  private static int indexOf(List<String> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private void requireGenerator(LogicalTable table, String where) throws SQLException {
    if (table.keyGenerator() == null) {
      throw new SQLException(verb + " into sharded table " + table.name() + " without its shard key "
          + table.shardKey() + " in " + where + ": give the key, or configure keyGenerator for " + table.name(),
          "HY000");
    }
  }

  /** A row's shard key: a literal or a {@code ?}, never an expression, whose value routing can compute. */
  private ValueSource keyValue(LogicalTable table, TokenSpan span, int row) throws SQLException {
    List<Token> all = tokens.tokens();
    ValueSource value = null;
    if (span.first() == span.last()) {
      Token token = all.get(span.first());
      value = token.kind() == Token.Kind.PARAMETER
          ? new ValueSource.Parameter(KeyConditionExtractor.parameterIndex(all, span.first()))
          : KeyConditionExtractor.literal(token);
    } else if (span.last() == span.first() + 1 && all.get(span.last()).kind() == Token.Kind.NUMBER
        && (all.get(span.first()).isSymbol("-") || all.get(span.first()).isSymbol("+"))) {
      ValueSource number = KeyConditionExtractor.literal(all.get(span.last()));
      if (number instanceof ValueSource.Literal literal && literal.value() instanceof BigDecimal decimal) {
        value = new ValueSource.Literal(all.get(span.first()).isSymbol("-") ? decimal.negate() : decimal);
      }
    }
    if (value == null) {
      throw new SQLFeatureNotSupportedException(verb + " into sharded table " + table.name() + ": the shard key "
          + table.shardKey() + " of row " + (row + 1) + " is " + tokens.text(span.first(), span.last())
          + ", not a literal or a ?: the driver must know its value to choose the shard", "0A000");
    }
    return value;
  }

  /** The user's statement with the physical table name, from its first token to the first row's. */
  private TemplateBuilder template(Shape shape, LogicalTable table) {
    TemplateBuilder builder = new TemplateBuilder(sql, tokens.tokens());
    builder.replace(shape.nameFirst, shape.nameLast, List.of(EmbeddedSelect.tableName(table,
        tokens.get(shape.nameLast))));
    List<String> names = List.of(tokens.get(shape.nameLast).value().toLowerCase(Locale.ROOT));
    for (int i = shape.nameLast + 1; i + 1 < tokens.end(); i++) {
      Token token = tokens.get(i);
      if (token.isIdentifier() && tokens.get(i + 1).isSymbol(".") && !tokens.get(i - 1).isSymbol(".")
          && names.contains(token.value().toLowerCase(Locale.ROOT)) && !insideSelect(shape, i)
          && !builder.replaced(i, i)) {
        builder.replace(i, i, List.of(EmbeddedSelect.tableName(table, token)));
      }
    }
    removeTerminator(builder);
    return builder;
  }

  private static boolean insideSelect(Shape shape, int i) {
    return shape.select != null && i >= shape.select.first() && i <= shape.select.last();
  }

  /** The statement from token {@code first} to its end, with the white space before it. */
  private SqlTemplate tail(TemplateBuilder builder, int first) {
    if (first >= tokens.end()) {
      return new SqlTemplate(List.of());
    }
    List<Segment> segments = new ArrayList<>(builder.build(first, tokens.end()).segments());
    segments.add(0, new Segment.Text(gap(first)));
    return new SqlTemplate(segments);
  }

  /** The user's text between token {@code index} and the one before it: white space and comments. */
  private String gap(int index) {
    return sql.substring(tokens.get(index - 1).end(), tokens.get(index).start());
  }

  private static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private void removeTerminator(TemplateBuilder template) {
    for (int i = tokens.end(); i < tokens.tokens().size(); i++) {
      template.remove(i, i);
    }
  }
}
