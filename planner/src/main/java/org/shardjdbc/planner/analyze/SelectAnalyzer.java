package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.shardjdbc.planner.merge.ColumnMerge;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.StatementParser;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;
import org.shardjdbc.planner.rewrite.Segment;
import org.shardjdbc.planner.rewrite.SqlTemplate;
import org.shardjdbc.planner.rewrite.TemplateBuilder;

/**
 * Analyzes one SELECT: which tables it reads, what each query block says about the shard key, whether it can run
 * on several shards and how they are merged.
 *
 * <p>Rules: sharded tables in one statement must be bound to each other (co-located), and within a query block
 * joined on their shard keys; a statement with sharded tables in subqueries, derived tables, CTEs or UNIONs is
 * answered when all of it routes to one shard (it then runs there as written), and is otherwise refused, except
 * for the paging wrapper {@code SELECT count(0) FROM (<query>) t}.
 */
final class SelectAnalyzer {
  /** What may stand between SELECT and the select list. */
  private static final Set<String> MODIFIERS = Set.of("ALL", "DISTINCT", "DISTINCTROW", "HIGH_PRIORITY",
      "STRAIGHT_JOIN", "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT", "SQL_NO_CACHE", "SQL_CACHE",
      "SQL_CALC_FOUND_ROWS");

  private final ShardingModel model;
  private final ColumnCatalog catalog;
  private final ParsedStatement statement;
  private final TableNames tableNames;
  private final List<TableRef> refs = new ArrayList<>();
  private final Set<String> commonTableNames = new HashSet<>();
  private final List<KeyConditionExtractor.SplittableInList> inLists = new ArrayList<>();
  /** Why the statement must run on one shard because of an outer join that keeps rows of no shard, or null. */
  private String outerJoinRefusal;

  SelectAnalyzer(ShardingModel model, ColumnCatalog catalog, ParsedStatement statement) {
    this.model = model;
    this.catalog = catalog;
    this.statement = statement;
    this.tableNames = new TableNames(model);
  }

  Analysis analyze() throws SQLException {
    collect(statement.root());
    List<TableRef> sharded = new ArrayList<>();
    boolean unsharded = false;
    LogicalTable broadcast = null;
    for (TableRef ref : refs) {
      if (ref.sharded()) {
        sharded.add(ref);
      } else if (ref.broadcast()) {
        broadcast = ref.table();
      } else {
        unsharded = true;
      }
    }
    if (sharded.isEmpty()) {
      return new Analysis.PassThrough(broadcastDataSource(broadcast, unsharded));
    }
    LogicalTable root = model.bindingRoot(sharded.get(0).table());
    List<LogicalTable> tables = new ArrayList<>();
    for (TableRef ref : sharded) {
      if (model.bindingRoot(ref.table()) != root) {
        throw new CrossShardQueryException("a join of " + sharded.get(0).table().name() + " and " + ref.table().name()
            + ", which are not bound to each other, needs rows from several shards at once: not supported yet");
      }
      if (!tables.contains(ref.table())) {
        tables.add(ref.table());
      }
    }
    Map<SqlSelect, List<TableRef>> blocks = new IdentityHashMap<>();
    Map<SqlSelect, Integer> blockOrder = new IdentityHashMap<>();
    for (TableRef ref : sharded) {
      blocks.computeIfAbsent(ref.block(), b -> new ArrayList<>()).add(ref);
      blockOrder.putIfAbsent(ref.block(), blockOrder.size());
    }
    SqlSelect top = topBlock();
    List<SqlSelect> semiJoins = new ArrayList<>();
    List<SqlSelect> colocated = top == null || !blocks.containsKey(top) ? List.of() : colocatedSubqueries(top, blocks, semiJoins);
    boolean onlyTop = blocks.size() == 1 + colocated.size() && blocks.containsKey(top);
    List<KeyCondition> conditions = new ArrayList<>();
    for (SqlSelect block : orderedBlocks(blocks, blockOrder)) {
      if (!colocated.contains(block)) {
        conditions.add(blockCondition(block, blocks.get(block), onlyTop ? inLists : null));
      }
    }
    if (onlyTop && !semiJoins.isEmpty()) {
      // rows of the outer block match only keys the subquery returns, so the subquery's key conditions route it too
      List<KeyCondition> all = new ArrayList<>(conditions);
      for (SqlSelect semiJoin : semiJoins) {
        all.add(blockCondition(semiJoin, blocks.get(semiJoin), null));
      }
      conditions = List.of(new KeyCondition.And(all));
    }
    BitSet excluded = StatementParser.lockingClauseAndTerminator(statement.tokens());
    boolean locking = excluded.nextSetBit(0) >= 0 && !statement.tokens().get(excluded.nextSetBit(0)).isSymbol(";");
    String requiredDataSource = unsharded ? model.defaultDataSource() : null;
    SqlTemplate single = tableNames(excluded).build();
    // key conditions that leave no shard leave no sharded row on any shard: the statement as written on the first
    // shard then returns what the unsharded database returns (the rows of a preserved broadcast table included)
    SqlTemplate noShard = single;

    if (outerJoinRefusal != null) {
      return new Analysis.ShardedSelect(root, tables, conditions, single, noShard, null, null, outerJoinRefusal,
          requiredDataSource, false);
    }
    if (!onlyTop) {
      Analysis.ShardedSelect wrapper = countWrapper(top, tables, conditions, single, noShard, requiredDataSource);
      if (wrapper != null) {
        return wrapper;
      }
      String refusal = top == null ? "a UNION over sharded tables across several shards is not supported yet"
          : "a subquery over sharded table " + subqueryTable(blocks, top).name()
              + " that spans several shards is not supported yet";
      return new Analysis.ShardedSelect(root, tables, conditions, single, noShard, null, null, refusal,
          requiredDataSource, false);
    }
    TemplateBuilder multi = tableNames(excluded);
    dropModifiersNotAllowedInUnions(multi);
    for (KeyConditionExtractor.SplittableInList inList : inLists) {
      List<List<Segment>> elements = new ArrayList<>();
      for (var span : inList.elements()) {
        elements.add(multi.segmentsOf(span.first(), span.last()));
      }
      multi.replace(inList.openToken(), inList.closeToken(), List.of(new Segment.Text("("),
          new Segment.KeyInList(inList.id(), elements), new Segment.Text(")")));
    }
    SqlOrderBy orderBy = statement.root() instanceof SqlOrderBy o ? o : null;
    try {
      MergePlan plan = new MultiShardSelectPlanner(statement, top,
          orderBy != null ? orderBy.orderList : top.getOrderList(),
          orderBy != null ? orderBy.offset : top.getOffset(),
          orderBy != null ? orderBy.fetch : top.getFetch(),
          multi, Clauses.of(statement.tokens(), excluded), new PositionOrderedColumns(catalog, topRefs(top))).plan();
      boolean combinable = !locking && !selectsBareNull(top);
      return new Analysis.ShardedSelect(root, tables, conditions, single, noShard, multi.build(), plan, null,
          requiredDataSource, combinable, parametersOnlyInConditions(top, orderBy), ResultColumns.of(top, topRefs(top)));
    } catch (Refusal refusal) {
      return new Analysis.ShardedSelect(root, tables, conditions, single, noShard, null, null, refusal.getMessage(),
          requiredDataSource, false);
    }
  }

  /** The tables the statement's FROM clauses name, after {@link #analyze()}. */
  List<TableRef> tableRefs() {
    return refs;
  }

  /** The key IN lists of the top block that may be split per shard, after {@link #analyze()}. */
  List<KeyConditionExtractor.SplittableInList> splittableInLists() {
    return inLists;
  }

  private static LogicalTable subqueryTable(Map<SqlSelect, List<TableRef>> blocks, SqlSelect top) {
    for (Map.Entry<SqlSelect, List<TableRef>> block : blocks.entrySet()) {
      if (block.getKey() != top) {
        return block.getValue().get(0).table();
      }
    }
    throw new IllegalStateException("no subquery block");
  }

  /**
   * The subqueries each shard can answer on its own, because every row they read for an outer row lives on that
   * row's shard:
   * <ul>
   *   <li>{@code key IN (SELECT key FROM bound_table WHERE …)} among the top block's AND-ed conditions, for a plain
   *       filtering subquery (no grouping, aggregates or LIMIT); its key conditions then route the statement too;</li>
   *   <li>a subquery anywhere in the top block that is correlated on the key:
   *       {@code EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.order_id AND …)}.</li>
   * </ul>
   * Neither may hold sharded subqueries of its own. The first kind is returned in {@code routing}.
   */
  private List<SqlSelect> colocatedSubqueries(SqlSelect top, Map<SqlSelect, List<TableRef>> blocks, List<SqlSelect> routing) {
    List<SqlSelect> found = new ArrayList<>();
    Map<String, TableRef> topKeys = aliases(blocks.get(top));
    List<SqlNode> conjuncts = new ArrayList<>();
    conjuncts(top.getWhere(), conjuncts);
    for (SqlNode conjunct : conjuncts) {
      if (conjunct.getKind() != SqlKind.IN || !(((SqlCall) conjunct).operand(1) instanceof SqlSelect sub)
          || !blocks.containsKey(sub) || nestsShardedBlocks(sub, blocks)) {
        continue;
      }
      KeyConditionExtractor outer = new KeyConditionExtractor(statement, topKeys, null);
      KeyConditionExtractor inner = new KeyConditionExtractor(statement, aliases(blocks.get(sub)), null);
      boolean plain = sub.getSelectList().size() == 1 && sub.getGroup() == null && sub.getHaving() == null
          && sub.getFetch() == null && sub.getOffset() == null && !SqlNodes.containsAggregate(sub.getSelectList());
      if (plain && outer.keyColumn(((SqlCall) conjunct).operand(0)) != null
          && inner.keyColumn(SqlNodes.unalias(sub.getSelectList().get(0))) != null) {
        found.add(sub);
        routing.add(sub);
      }
    }
    for (SqlSelect sub : blocks.keySet()) {
      if (sub != top && !found.contains(sub) && !nestsShardedBlocks(sub, blocks) && correlatedOnKey(sub, blocks.get(sub), topKeys)) {
        found.add(sub);
      }
    }
    return found;
  }

  /** Whether the subquery's WHERE has {@code inner.key = outer.key} among its AND-ed conditions. */
  private boolean correlatedOnKey(SqlSelect sub, List<TableRef> innerRefs, Map<String, TableRef> outerKeys) {
    Map<String, TableRef> scope = aliases(innerRefs);
    outerKeys.forEach(scope::putIfAbsent);
    KeyConditionExtractor extractor = new KeyConditionExtractor(statement, scope, null);
    List<SqlNode> conjuncts = new ArrayList<>();
    conjuncts(sub.getWhere(), conjuncts);
    for (SqlNode conjunct : conjuncts) {
      if (conjunct.getKind() == SqlKind.EQUALS) {
        extractor.extract(conjunct, false);
      }
    }
    for (TableRef[] pair : extractor.keyEqualities()) {
      boolean firstInner = innerRefs.contains(pair[0]);
      boolean secondInner = innerRefs.contains(pair[1]);
      if (firstInner != secondInner) {
        return true;
      }
    }
    return false;
  }

  private static boolean nestsShardedBlocks(SqlSelect sub, Map<SqlSelect, List<TableRef>> blocks) {
    for (SqlNode child : SqlNodes.children(sub)) {
      if (child != null && containsBlock(child, blocks.keySet(), sub)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsBlock(SqlNode node, Set<SqlSelect> blocks, SqlSelect self) {
    if (node instanceof SqlSelect select && select != self && blocks.contains(select)) {
      return true;
    }
    for (SqlNode child : SqlNodes.children(node)) {
      if (child != null && containsBlock(child, blocks, self)) {
        return true;
      }
    }
    return false;
  }

  private static void conjuncts(SqlNode node, List<SqlNode> out) {
    if (node == null) {
      return;
    }
    if (node.getKind() == SqlKind.AND) {
      for (SqlNode operand : ((SqlCall) node).getOperandList()) {
        conjuncts(operand, out);
      }
    } else {
      out.add(node);
    }
  }

  private static Map<String, TableRef> aliases(List<TableRef> shardedRefs) {
    Map<String, TableRef> byAlias = new LinkedHashMap<>();
    for (TableRef ref : shardedRefs) {
      byAlias.put(ref.alias().toLowerCase(Locale.ROOT), ref);
    }
    return byAlias;
  }

  /** The tables of the FROM clause of {@code block} itself, not of its subqueries. */
  private List<TableRef> topRefs(SqlSelect block) {
    List<TableRef> own = new ArrayList<>();
    for (TableRef ref : refs) {
      if (ref.block() == block) {
        own.add(ref);
      }
    }
    return own;
  }

  /**
   * Whether every {@code ?} of the statement stands in a condition of the top block (WHERE, HAVING, a join's ON) or in
   * its LIMIT ({@link Analysis.ShardedSelect#parametersOnlyInConditions()}).
   */
  private boolean parametersOnlyInConditions(SqlSelect top, SqlOrderBy orderBy) {
    int parameters = 0;
    for (Token token : statement.tokens()) {
      if (token.kind() == Token.Kind.PARAMETER) {
        parameters++;
      }
    }
    if (parameters == 0) {
      return true;
    }
    int inConditions = parametersIn(top.getWhere()) + parametersIn(top.getHaving()) + parametersInJoinConditions(
        top.getFrom()) + parametersIn(orderBy != null ? orderBy.offset : top.getOffset())
        + parametersIn(orderBy != null ? orderBy.fetch : top.getFetch());
    return inConditions == parameters;
  }

  private static int parametersInJoinConditions(SqlNode from) {
    if (!(from instanceof SqlJoin join)) {
      return 0;
    }
    return parametersIn(join.getCondition()) + parametersInJoinConditions(join.getLeft())
        + parametersInJoinConditions(join.getRight());
  }

  /** The {@code ?} markers of an expression, its subqueries included. */
  private static int parametersIn(SqlNode node) {
    if (node == null) {
      return 0;
    }
    if (node instanceof SqlDynamicParam) {
      return 1;
    }
    int parameters = 0;
    for (SqlNode child : SqlNodes.children(node)) {
      parameters += parametersIn(child);
    }
    return parameters;
  }

  /** A select item that is NULL itself has the type NULL alone, which a UNION ALL would turn into BINARY. */
  private static boolean selectsBareNull(SqlSelect select) {
    for (SqlNode item : select.getSelectList()) {
      if (SqlNodes.unalias(item) instanceof SqlLiteral literal && literal.getValue() == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code HIGH_PRIORITY}, {@code SQL_NO_CACHE}, {@code SQL_CACHE} (hints) and {@code SQL_CALC_FOUND_ROWS} (whose
   * FOUND_ROWS() no single shard can answer) are not allowed in a UNION member; several shards' statements leave
   * them out.
   */
  private void dropModifiersNotAllowedInUnions(TemplateBuilder template) {
    List<Token> tokens = statement.tokens();
    for (int i = 1; i < tokens.size() && (tokens.get(i).kind() == Token.Kind.WORD); i++) {
      if (tokens.get(i).isWord("HIGH_PRIORITY") || tokens.get(i).isWord("SQL_CALC_FOUND_ROWS")
          || tokens.get(i).isWord("SQL_NO_CACHE") || tokens.get(i).isWord("SQL_CACHE")) {
        template.remove(i, i);
      } else if (!MODIFIERS.contains(tokens.get(i).text().toUpperCase(Locale.ROOT))) {
        break;
      }
    }
  }


  private String broadcastDataSource(LogicalTable broadcast, boolean unsharded) {
    if (broadcast == null || unsharded) {
      return model.defaultDataSource();
    }
    for (var node : broadcast.nodes()) {
      if (node.dataSource().equals(model.defaultDataSource())) {
        return node.dataSource();
      }
    }
    return broadcast.node(0).dataSource();
  }

  private static List<SqlSelect> orderedBlocks(Map<SqlSelect, List<TableRef>> blocks, Map<SqlSelect, Integer> order) {
    List<SqlSelect> result = new ArrayList<>(blocks.keySet());
    result.sort((a, b) -> Integer.compare(order.get(a), order.get(b)));
    return result;
  }

  /**
   * The statement with physical table names: a sharded table's name (and its logical database qualifier) becomes the
   * shard's table; a broadcast table loses the logical database qualifier, since each data source has its own
   * database; {@code shop.orders.order_id} loses {@code shop.} as its table does.
   */
  private TemplateBuilder tableNames(BitSet excluded) {
    TemplateBuilder builder = new TemplateBuilder(statement.sql(), statement.tokens());
    for (TableRef ref : refs) {
      Token name = statement.tokens().get(ref.nameToken());
      if (ref.sharded()) {
        Segment physical = new Segment.TableName(ref.table(), name.kind() == Token.Kind.QUOTED_IDENTIFIER);
        // a statement that qualifies columns by the table's name, or names it in FOR UPDATE OF, gets the name as
        // an alias, so that `orders.order_id` still means the shard's column
        builder.replace(ref.firstToken(), ref.nameToken(), ref.aliased() || !refersToTableByName(name.value())
            ? List.of(physical) : List.of(physical, new Segment.Text(" " + name.text())));
      } else if (ref.broadcast() && ref.firstToken() < ref.nameToken()) {
        builder.remove(ref.firstToken(), ref.nameToken() - 1);
      }
    }
    removeDatabaseFromColumnNames(builder);
    for (int i = excluded.nextSetBit(0); i >= 0; i = excluded.nextSetBit(i + 1)) {
      if (statement.tokens().get(i).isSymbol(";")) {
        builder.remove(i, i);
      }
    }
    return builder;
  }

  /** {@code shop.orders.order_id}: the logical database qualifier of a column of a sharded or broadcast table. */
  private void removeDatabaseFromColumnNames(TemplateBuilder builder) {
    List<Token> tokens = statement.tokens();
    for (int i = 0; i + 4 < tokens.size(); i++) {
      if (tokens.get(i).isIdentifier() && tableNames.isLogicalDatabase(tokens.get(i).value())
          && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isIdentifier() && tokens.get(i + 3).isSymbol(".")
          && (i == 0 || !tokens.get(i - 1).isSymbol(".")) && model.table(tokens.get(i + 2).value()) != null) {
        builder.remove(i, i + 1);
      }
    }
  }

  private boolean refersToTableByName(String name) {
    List<Token> tokens = statement.tokens();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).isIdentifier() && tokens.get(i).value().equalsIgnoreCase(name) && tokens.get(i + 1).isSymbol(".")) {
        return true;
      }
    }
    LockingClause locking = LockingClause.find(tokens);
    for (int of : locking == null ? List.<Integer>of() : locking.ofTables(tokens)) {
      if (tokens.get(of).value().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private SqlSelect topBlock() {
    SqlNode root = statement.root();
    if (root instanceof SqlOrderBy orderBy) {
      root = orderBy.query;
    }
    return root instanceof SqlSelect select && statement.tokens().get(0).isWord("SELECT") ? select : null;
  }

  /** {@code SELECT count(0) FROM (<query>) t}: counts the merged rows of the inner query, or sums shard counts. */
  private Analysis.ShardedSelect countWrapper(SqlSelect top, List<LogicalTable> tables, List<KeyCondition> conditions,
      SqlTemplate single, SqlTemplate noShard, String requiredDataSource) throws SQLException {
    if (top == null || statement.root() instanceof SqlOrderBy || top.isDistinct() || top.getWhere() != null
        || top.getGroup() != null || top.getHaving() != null || top.getSelectList().size() != 1
        || top.getOrderList() != null || top.getFetch() != null || top.getOffset() != null) {
      return null;
    }
    SqlNode item = top.getSelectList().get(0);
    SqlNode count = SqlNodes.unalias(item);
    if (!(count instanceof SqlCall call) || !SqlNodes.functionName(call).equals("COUNT") || SqlNodes.isDistinct(call)
        || call.operandCount() != 1 || !(SqlNodes.isStar(call.operand(0)) || call.operand(0) instanceof SqlLiteral)) {
      return null;
    }
    SqlNode from = SqlNodes.unalias(top.getFrom());
    if (!(from instanceof SqlSelect || from instanceof SqlOrderBy) || statement.tokens().get(statement.span(from).first()).kind() != Token.Kind.WORD) {
      return null;
    }
    Analysis inner = new SelectAnalyzer(model, catalog, StatementParser.parse(statement.text(from))).analyze();
    if (!(inner instanceof Analysis.ShardedSelect innerSelect)) {
      return null;
    }
    String label = SqlNodes.alias(item) != null ? SqlNodes.alias(item) : statement.text(count);
    if (innerSelect.multiShard() == null) {
      return new Analysis.ShardedSelect(innerSelect.routingTable(), tables, innerSelect.conditions(), single, noShard,
          null, null, innerSelect.multiShardRefusal(), requiredDataSource, false);
    }
    MergePlan innerPlan = innerSelect.mergePlan();
    if (!innerPlan.aggregates() && !innerPlan.distinct() && innerPlan.limit() == null && innerPlan.hiddenColumns() == 0) {
      MergePlan sumCounts = new MergePlan(0, List.of(), List.of(new ColumnMerge.Sum()), List.of(), null, List.of(), false,
          null, false, null, List.of());
      return new Analysis.ShardedSelect(innerSelect.routingTable(), tables, innerSelect.conditions(), single, noShard,
          single, sumCounts, null, requiredDataSource, innerSelect.combinable());
    }
    MergePlan countRows = new MergePlan(innerPlan.hiddenColumns(), innerPlan.shardOrder(), innerPlan.columnMerges(),
        innerPlan.groupKeys(), innerPlan.having(), innerPlan.finalOrder(), innerPlan.distinct(), innerPlan.limit(), true, label,
        innerPlan.collationKeys());
    return new Analysis.ShardedSelect(innerSelect.routingTable(), tables, innerSelect.conditions(), single, noShard,
        innerSelect.multiShard(), countRows, null, requiredDataSource, innerSelect.combinable());
  }

  private KeyCondition blockCondition(SqlSelect block, List<TableRef> shardedRefs,
      List<KeyConditionExtractor.SplittableInList> inLists) throws SQLException {
    KeyConditionExtractor extractor = new KeyConditionExtractor(statement, aliases(shardedRefs), inLists);
    List<KeyCondition> parts = new ArrayList<>();
    parts.add(extractor.extractTopLevel(block.getWhere()));
    joinConditions(block.getFrom(), extractor, parts, shardedRefs);
    if (shardedRefs.size() > 1) {
      checkJoinedOnKeys(shardedRefs, extractor.keyEqualities());
    }
    return parts.size() == 1 ? parts.get(0) : new KeyCondition.And(parts);
  }

  private void joinConditions(SqlNode from, KeyConditionExtractor extractor, List<KeyCondition> parts, List<TableRef> shardedRefs) {
    if (!(from instanceof SqlJoin join)) {
      return;
    }
    joinConditions(join.getLeft(), extractor, parts, shardedRefs);
    joinConditions(join.getRight(), extractor, parts, shardedRefs);
    SqlNode condition = join.getCondition();
    if (condition == null) {
      return;
    }
    if (join.getConditionType() == JoinConditionType.USING) {
      usingKeys(join, (SqlNodeList) condition, extractor, shardedRefs);
      return;
    }
    KeyCondition onCondition = extractor.extract(condition, false);
    if (join.getJoinType() == JoinType.INNER || join.getJoinType() == JoinType.COMMA) {
      parts.add(onCondition);
      return;
    }
    OuterJoin outer = new OuterJoin(join.getJoinType(), refsUnder(join.getLeft(), shardedRefs),
        refsUnder(join.getRight(), shardedRefs));
    if (outer.keepsRowsOfNoShard()) {
      if (outerJoinRefusal == null) {
        outerJoinRefusal = outer.refusal(unshardedName(join, outer));
      }
      if (outer.nullSupplyingSideHolds(shardedRefs)) {
        // on one shard this is exact: the only sharded rows the join can match are those the ON condition keeps
        parts.add(onCondition);
      }
    }
  }

  /** The name of a table that is not sharded on the preserved side of an outer join, for messages. */
  private String unshardedName(SqlJoin join, OuterJoin outer) {
    SqlNode preserved = outer.leftPreserved() ? join.getLeft() : join.getRight();
    TokenSpan span = statement.span(preserved);
    for (TableRef ref : refs) {
      if (!ref.sharded() && ref.nameToken() >= span.first() && ref.nameToken() <= span.last()) {
        return (ref.broadcast() ? "broadcast table " : "unsharded table ") + ref.name();
      }
    }
    return "a derived table";
  }

  private void usingKeys(SqlJoin join, SqlNodeList columns, KeyConditionExtractor extractor, List<TableRef> shardedRefs) {
    List<TableRef> right = refsUnder(join.getRight(), shardedRefs);
    List<TableRef> left = refsUnder(join.getLeft(), shardedRefs);
    for (SqlNode column : columns) {
      String name = ((SqlIdentifier) column).getSimple();
      for (TableRef r : right) {
        for (TableRef l : left) {
          if (r.table().shardKey().equalsIgnoreCase(name) && l.table().shardKey().equalsIgnoreCase(name)) {
            extractor.keyEqualities().add(new TableRef[] {l, r});
          }
        }
      }
    }
  }

  private List<TableRef> refsUnder(SqlNode from, List<TableRef> candidates) {
    List<TableRef> found = new ArrayList<>();
    var span = statement.span(from);
    for (TableRef ref : candidates) {
      if (ref.nameToken() >= span.first() && ref.nameToken() <= span.last()) {
        found.add(ref);
      }
    }
    return found;
  }

  private static void checkJoinedOnKeys(List<TableRef> refs, List<TableRef[]> equalities) throws SQLFeatureNotSupportedException {
    int[] parent = new int[refs.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (TableRef[] pair : equalities) {
      int a = find(parent, refs.indexOf(pair[0]));
      int b = find(parent, refs.indexOf(pair[1]));
      if (a >= 0 && b >= 0) {
        parent[a] = b;
      }
    }
    for (int i = 1; i < refs.size(); i++) {
      if (find(parent, i) != find(parent, 0)) {
        throw new CrossShardQueryException("a join of " + refs.get(0).table().name() + " and " + refs.get(i).table().name()
            + " that is not on their shard keys (" + refs.get(0).table().shardKey() + " = " + refs.get(i).table().shardKey()
            + ") needs rows from several shards at once: not supported yet");
      }
    }
  }

  private static int find(int[] parent, int i) {
    if (i < 0) {
      return -1;
    }
    while (parent[i] != i) {
      i = parent[i];
    }
    return i;
  }

  private void collect(SqlNode node) throws SQLFeatureNotSupportedException {
    if (node == null) {
      return;
    }
    if (node instanceof SqlWith with) {
      for (SqlNode item : with.withList) {
        commonTableNames.add(((SqlWithItem) item).name.getSimple().toLowerCase(Locale.ROOT));
      }
    }
    if (node instanceof SqlSelect select) {
      fromItems(select, select.getFrom());
    }
    for (SqlNode child : SqlNodes.children(node)) {
      collect(child);
    }
  }

  private void fromItems(SqlSelect block, SqlNode from) throws SQLFeatureNotSupportedException {
    if (from instanceof SqlJoin join) {
      fromItems(block, join.getLeft());
      fromItems(block, join.getRight());
    } else if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
      if (call.operand(0) instanceof SqlIdentifier table) {
        tableRef(block, table, SqlNodes.alias(call));
      }
    } else if (from instanceof SqlIdentifier table) {
      tableRef(block, table, null);
    }
  }

  private void tableRef(SqlSelect block, SqlIdentifier identifier, String alias) throws SQLFeatureNotSupportedException {
    String name = identifier.names.get(identifier.names.size() - 1);
    if (identifier.names.size() == 1 && commonTableNames.contains(name.toLowerCase(Locale.ROOT))) {
      return;
    }
    LogicalTable table = tableNames.resolve(identifier.names);
    TokenSpan span = statement.span(identifier);
    refs.add(new TableRef(table, name, alias != null ? alias : name, alias != null, span.first(), span.last(), block));
  }
}
