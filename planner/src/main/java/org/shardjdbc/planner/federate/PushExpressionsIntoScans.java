package org.shardjdbc.planner.federate;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.SqlNodes;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;

/**
 * Rewrites a parsed SELECT for Calcite so that everything the servers can evaluate stays with them, in the user's own
 * text.
 *
 * <p>Each table named in a FROM clause becomes a {@link TableOccurrence}, that is one scan, and the FROM item is
 * renamed to the occurrence's table in Calcite's schema. Then every expression of the query block is resolved the way
 * MySQL resolves names, and each maximal sub-expression that reads columns of one occurrence only (no aggregate, no
 * window function, no subquery) is taken out of the statement:
 * <ul>
 *   <li>a condition ANDed into WHERE, or into the ON of a join that can filter that table's rows before joining, goes
 *       into the occurrence's scan as a filter ({@code WHERE o.status = 'paid'} is asked of the shards);</li>
 *   <li>any other such expression becomes a column that the scan computes ({@code UPPER(o.status)} as {@code o.$e1});
 *       a condition becomes a boolean column.</li>
 * </ul>
 * The servers evaluate these in MySQL's own way (collations, types, functions, REGEXP, JSON, bit operators …), and
 * Calcite and the driver evaluate only what joins the tables together. A table on the side of an outer join that
 * becomes NULL for rows without a match keeps its expressions in the statement except in that join's ON condition,
 * since {@code COALESCE(c.name, 'none')} computed before the join would be NULL rather than 'none' after it.
 *
 * <p>Along the way: {@code *} is expanded into columns (Calcite's tables have the extra columns), every select item
 * without an alias gets MySQL's label as its alias (a derived table's column is named by it), and GROUP BY … WITH
 * ROLLUP, which Calcite's parser does not read, becomes GROUP BY ROLLUP(…). The tokens taken out are recorded, so that
 * the rest can be checked for constructs whose Calcite reading is not MySQL's meaning.
 *
 * <p>Mutates the statement's tree, which belongs to this planning only.
 */
final class PushExpressionsIntoScans {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  private static final Set<String> AGGREGATE_FUNCTIONS = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "ANY_VALUE",
      "GROUP_CONCAT", "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "BIT_AND", "BIT_OR",
      "BIT_XOR", "JSON_ARRAYAGG", "JSON_OBJECTAGG", "GROUPING", "LISTAGG", "ARRAY_AGG", "COLLECT", "EVERY", "SOME",
      "BOOL_AND", "BOOL_OR");
  private static final Set<SqlKind> BOOLEAN_KINDS = Set.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
      SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_NULL,
      SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE, SqlKind.IS_NOT_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_FALSE, SqlKind.LIKE,
      SqlKind.NOT, SqlKind.AND, SqlKind.OR, SqlKind.IN, SqlKind.NOT_IN, SqlKind.BETWEEN, SqlKind.IS_DISTINCT_FROM,
      SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.SIMILAR, SqlKind.EXISTS);

  /** Calls that are not values of a row: a scan cannot compute them as a column. */
  private static final Set<SqlKind> NOT_COMPUTABLE = Set.of(SqlKind.OVER, SqlKind.DEFAULT, SqlKind.ROW, SqlKind.AS,
      SqlKind.DESCENDING, SqlKind.NULLS_FIRST, SqlKind.NULLS_LAST, SqlKind.WINDOW, SqlKind.ROLLUP, SqlKind.CUBE,
      SqlKind.GROUPING_SETS, SqlKind.WITHIN_GROUP, SqlKind.WITHIN_DISTINCT, SqlKind.FILTER, SqlKind.RESPECT_NULLS,
      SqlKind.IGNORE_NULLS);

  private final ParsedStatement statement;
  private final ServerSchema schema;
  private final StatementAnalyzer analyzer;
  private final int[] parameterOrdinals;
  private final BitSet localized = new BitSet();
  private final List<TableOccurrence> occurrences = new ArrayList<>();
  private final Map<String, List<String>> commonTables = new HashMap<>();
  private final Map<String, RecursiveTable> recursiveTables = new HashMap<>();

  /** @param analyzer routes the statement of a recursive common table expression, which one server computes */
  PushExpressionsIntoScans(ParsedStatement statement, ServerSchema schema, StatementAnalyzer analyzer) {
    this.statement = statement;
    this.schema = schema;
    this.analyzer = analyzer;
    List<Token> tokens = statement.tokens();
    parameterOrdinals = new int[tokens.size()];
    int ordinal = 0;
    for (int i = 0; i < tokens.size(); i++) {
      parameterOrdinals[i] = tokens.get(i).kind() == Token.Kind.PARAMETER ? ordinal++ : -1;
    }
  }

  /** Rewrites the statement's tree in place and returns its root. */
  SqlNode rewrite() throws SQLException {
    SqlNode root = statement.root();
    if (root instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlWith with) {
      root = new SqlOrderBy(orderBy.getParserPosition(), recursiveCommonTables(with), orderBy.orderList, orderBy.offset,
          orderBy.fetch);
    } else if (root instanceof SqlWith with) {
      root = recursiveCommonTables(with);
    }
    query(root, null);
    return root;
  }

  /**
   * Takes the recursive common table expressions out of the statement's WITH clause: each is computed by one server
   * ({@link RecursiveTable}). Returns the query that is left: the WITH clause with its other common tables, or its
   * body when there are none.
   */
  private SqlNode recursiveCommonTables(SqlWith with) throws SQLException {
    List<SqlNode> kept = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (SqlNode item : with.withList) {
      SqlWithItem withItem = (SqlWithItem) item;
      String name = withItem.name.getSimple();
      if (!readsTable(withItem.query, name)) {
        kept.add(item);
        names.add(name);
        continue;
      }
      for (String earlier : names) {
        if (readsTable(withItem.query, earlier)) {
          throw refusal("a recursive common table expression (" + name + ") that reads another one (" + earlier + ")");
        }
      }
      // from the name: the item's own span may begin at RECURSIVE
      TokenSpan span = new TokenSpan(statement.span(withItem.name).first(), statement.span(withItem).last());
      for (int i = span.first(); i <= span.last(); i++) {
        if (parameterOrdinals[i] >= 0) {
          throw refusal("a parameter in a recursive common table expression (" + name + ")");
        }
      }
      localized.set(span.first(), span.last() + 1);
      String definition = "WITH RECURSIVE " + statement.text(span);
      String select = definition + " SELECT * FROM " + RelToPlan.quote(name);
      Analysis analysis = analyzer.analyze(select);
      if (!(analysis instanceof Analysis.PassThrough passThrough)) {
        throw refusal("WITH RECURSIVE over a sharded table (" + name + " reads one)");
      }
      List<ServerColumn> columns = schema.queryColumns(passThrough.dataSource(), select + " LIMIT 0");
      recursiveTables.put(name.toLowerCase(Locale.ROOT), new RecursiveTable(name, definition, passThrough.dataSource(),
          columns));
      names.add(name);
    }
    if (kept.isEmpty()) {
      return with.body;
    }
    with.setOperand(0, new SqlNodeList(kept, with.withList.getParserPosition()));
    return with;
  }

  /** Whether a query names a table (a FROM item, in any of its blocks). */
  private static boolean readsTable(SqlNode node, String name) {
    if (node == null) {
      return false;
    }
    if (node instanceof SqlSelect select && readsInFrom(select.getFrom(), name)) {
      return true;
    }
    for (SqlNode child : SqlNodes.children(node)) {
      if (readsTable(child, name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean readsInFrom(SqlNode from, String name) {
    if (from instanceof SqlJoin join) {
      return readsInFrom(join.getLeft(), name) || readsInFrom(join.getRight(), name);
    }
    SqlNode item = from == null ? null : SqlNodes.unalias(from);
    return item instanceof SqlIdentifier identifier && identifier.names.size() == 1
        && identifier.getSimple().equalsIgnoreCase(name);
  }

  List<TableOccurrence> occurrences() {
    return occurrences;
  }

  /** The tokens whose text went into scans, where the servers read them. */
  BitSet localizedTokens() {
    return localized;
  }

  /** MySQL's labels of a query's result columns: the alias, or the column's name, of the first query block. */
  static List<String> labels(SqlNode query) {
    if (query instanceof SqlOrderBy orderBy) {
      return labels(orderBy.query);
    }
    if (query instanceof SqlWith with) {
      return labels(with.body);
    }
    if (query instanceof SqlSelect select) {
      List<String> labels = new ArrayList<>();
      for (SqlNode item : select.getSelectList()) {
        String alias = SqlNodes.alias(item);
        SqlNode expression = SqlNodes.unalias(item);
        labels.add(alias != null ? alias : expression instanceof SqlIdentifier identifier
            ? identifier.names.get(identifier.names.size() - 1) : expression.toString());
      }
      return labels;
    }
    if (query instanceof SqlCall call && isSetOperation(call)) {
      return labels(call.operand(0));
    }
    return List.of();
  }

  private static boolean isSetOperation(SqlNode node) {
    return node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT || node.getKind() == SqlKind.EXCEPT;
  }

  private void query(SqlNode node, Scope outer) throws SQLException {
    if (node instanceof SqlOrderBy orderBy) {
      if (orderBy.query instanceof SqlSelect select) {
        block(select, outer, orderBy.orderList);
      } else {
        query(orderBy.query, outer);
      }
    } else if (node instanceof SqlWith with) {
      for (SqlNode item : with.withList) {
        SqlWithItem withItem = (SqlWithItem) item;
        if (readsTable(withItem.query, withItem.name.getSimple())) {
          throw refusal("WITH RECURSIVE inside a subquery or a derived table");
        }
        if (withItem.columnList != null) {
          throw refusal("a common table expression with a column list");
        }
        query(withItem.query, outer);
        commonTables.put(withItem.name.getSimple().toLowerCase(Locale.ROOT), labels(withItem.query));
      }
      query(with.body, outer);
    } else if (node instanceof SqlSelect select) {
      block(select, outer, null);
    } else if (node instanceof SqlCall call && isSetOperation(call)) {
      for (SqlNode operand : call.getOperandList()) {
        query(operand, outer);
      }
    } else if (node.getKind() != SqlKind.VALUES) {
      throw refusal("a " + node.getKind() + " query");
    }
  }

  /** One query block: its FROM, then its expressions, clause by clause. */
  private void block(SqlSelect select, Scope outer, SqlNodeList outerOrderList) throws SQLException {
    Scope scope = new Scope(outer);
    if (select.getFrom() != null) {
      FromItem from = from(select.getFrom(), scope);
      select.setFrom(from.node());
      scope.columns = from.columns();
    }
    new ResolveNames(scope).block(select, outerOrderList);
    expandStars(select, scope);
    nameItems(select);
    rollup(select);
    if (select.getWhere() != null) {
      select.setWhere(conditions(select.getWhere(), scope, null));
    }
    for (SqlJoin join : scope.joins) {
      if (join.getConditionType() == JoinConditionType.ON && join.getCondition() != null) {
        join.setOperand(5, conditions(join.getCondition(), scope, join));
      }
    }
    SqlNodeList items = select.getSelectList();
    TableOccurrence constantsScan = aggregated(select) ? null : scope.firstComputable();
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (constantsScan != null && item instanceof SqlBasicCall as && as.getKind() == SqlKind.AS
          && owner(as.operand(0), scope, false) == Owner.NONE && !(as.operand(0) instanceof SqlDynamicParam)) {
        // a constant's type is the server's ('x' is a VARCHAR, 42 an INT, NULL of type NULL): a scan computes it
        TableOccurrence.VirtualColumn column = constantsScan.virtualColumn(text(as.operand(0)), false, false);
        as.setOperand(0, new SqlIdentifier(List.of(constantsScan.alias(), column.name()), POS));
        continue;
      }
      if (item instanceof SqlBasicCall as && as.getKind() == SqlKind.AS) {
        SqlNode rewritten = expression(as.operand(0), scope, null, false, true, false);
        as.setOperand(0, rewritten);
      } else {
        items.set(i, expression(item, scope, null, false, true, false));
      }
    }
    if (select.getGroup() != null) {
      rewriteList(select.getGroup(), scope, true);
    }
    if (select.getHaving() != null) {
      select.setHaving(expression(select.getHaving(), scope, null, true, false, true));
    }
    if (select.getOrderList() != null) {
      rewriteList(select.getOrderList(), scope, true);
    }
    if (outerOrderList != null) {
      rewriteList(outerOrderList, scope, true);
    }
    if (select.getWindowList() != null) {
      rewriteList(select.getWindowList(), scope, true);
    }
  }

  /** Whether a block groups or aggregates (its select list then holds only grouped values and aggregates). */
  private static boolean aggregated(SqlSelect select) {
    if (select.getGroup() != null || select.getHaving() != null || select.isDistinct()) {
      return true;
    }
    for (SqlNode item : select.getSelectList()) {
      if (containsAggregate(item)) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsAggregate(SqlNode node) {
    if (node == null || node instanceof SqlSelect) {
      return false;
    }
    if (node instanceof SqlCall call && isAggregate(call)) {
      return true;
    }
    if (node instanceof SqlCall call && call.getKind() == SqlKind.OVER) {
      return false;
    }
    for (SqlNode child : SqlNodes.children(node)) {
      if (containsAggregate(child)) {
        return true;
      }
    }
    return false;
  }

  private void rewriteList(SqlNodeList list, Scope scope, boolean aliasContext) throws SQLException {
    for (int i = 0; i < list.size(); i++) {
      list.set(i, expression(list.get(i), scope, null, false, true, aliasContext));
    }
  }

  /** A FROM item as rewritten for Calcite, and its columns as MySQL lists them. */
  private record FromItem(SqlNode node, List<JoinColumns.FromColumn> columns) {}

  private FromItem from(SqlNode node, Scope scope) throws SQLException {
    if (node instanceof SqlJoin join) {
      int occurrencesBefore = scope.occurrences.size();
      int joinsBefore = scope.joins.size();
      FromItem left = from(join.getLeft(), scope);
      join.setLeft(left.node());
      int leftEnd = scope.occurrences.size();
      FromItem right = from(join.getRight(), scope);
      join.setRight(right.node());
      List<JoinColumns.FromColumn> columns = JoinColumns.join(join, left.columns(), right.columns());
      scope.addJoin(join, scope.occurrences.subList(occurrencesBefore, leftEnd),
          scope.occurrences.subList(leftEnd, scope.occurrences.size()), scope.joins.subList(joinsBefore, scope.joins.size()));
      return new FromItem(join, columns);
    }
    SqlNode item = SqlNodes.unalias(node);
    String alias = SqlNodes.alias(node);
    if (node instanceof SqlBasicCall as && as.getKind() == SqlKind.AS && as.operandCount() > 2) {
      throw refusal("a derived table with a column list");
    }
    if (item instanceof SqlIdentifier identifier) {
      String name = identifier.names.get(identifier.names.size() - 1);
      if (identifier.names.size() == 1 && commonTables.containsKey(name.toLowerCase(Locale.ROOT))) {
        String derivedAlias = alias != null ? alias : name;
        List<String> columns = commonTables.get(name.toLowerCase(Locale.ROOT));
        scope.addDerived(derivedAlias, columns);
        return new FromItem(node, JoinColumns.of(derivedAlias, columns));
      }
      if (identifier.names.size() > 1) {
        throw refusal("the qualified table name " + String.join(".", identifier.names));
      }
      RecursiveTable recursive = recursiveTables.get(name.toLowerCase(Locale.ROOT));
      TableOccurrence occurrence = recursive != null
          ? new TableOccurrence(occurrences.size() + 1, alias != null ? alias : name, recursive)
          : new TableOccurrence(occurrences.size() + 1, name, alias != null ? alias : name, schema.columns(name));
      occurrences.add(occurrence);
      scope.addOccurrence(occurrence);
      List<String> columns = new ArrayList<>();
      for (ServerColumn column : occurrence.columns()) {
        columns.add(column.name());
      }
      return new FromItem(SqlStdOperatorTable.AS.createCall(POS,
          new SqlIdentifier(occurrence.calciteName(), identifier.getParserPosition()), new SqlIdentifier(occurrence.alias(), POS)),
          JoinColumns.of(occurrence.alias(), columns));
    }
    if (item instanceof SqlSelect || item instanceof SqlOrderBy || item instanceof SqlWith || isSetOperation(item)) {
      if (alias == null) {
        throw refusal("a derived table without an alias");
      }
      query(item, scope.outer);
      List<String> columns = labels(item);
      scope.addDerived(alias, columns);
      return new FromItem(node, JoinColumns.of(alias, columns));
    }
    throw refusal("the FROM item " + item.getKind());
  }

  /** {@code *} and {@code t.*} as the columns they stand for, in MySQL's order. */
  private void expandStars(SqlSelect select, Scope scope) throws SQLException {
    SqlNodeList items = select.getSelectList();
    boolean hasStar = false;
    for (SqlNode item : items) {
      hasStar |= SqlNodes.isStar(item);
    }
    if (!hasStar) {
      return;
    }
    List<SqlNode> expanded = new ArrayList<>();
    for (SqlNode item : items) {
      if (!SqlNodes.isStar(item)) {
        expanded.add(item);
        continue;
      }
      SqlIdentifier star = (SqlIdentifier) item;
      String qualifier = star.names.size() > 1 ? star.names.get(star.names.size() - 2) : null;
      if (qualifier == null) {
        // MySQL's order: the common columns of USING and NATURAL joins once, first
        for (JoinColumns.FromColumn column : scope.columns) {
          expanded.add(column.reference());
        }
        continue;
      }
      boolean found = false;
      for (Map.Entry<String, List<String>> fromItem : scope.fromItems()) {
        if (qualifier.equals(fromItem.getKey())) {
          found = true;
          for (String column : fromItem.getValue()) {
            expanded.add(new SqlIdentifier(List.of(fromItem.getKey(), column), POS));
          }
        }
      }
      if (!found) {
        throw new SQLSyntaxErrorException("Unknown table '" + qualifier + "' (table aliases compare case-sensitively)",
            "42S02", 1051);
      }
    }
    select.setSelectList(new SqlNodeList(expanded, select.getSelectList().getParserPosition()));
  }

  /** Gives each select item that is not a column MySQL's label (its text as written) as its alias. */
  private void nameItems(SqlSelect select) {
    SqlNodeList items = select.getSelectList();
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (SqlNodes.alias(item) == null && !(item instanceof SqlIdentifier)) {
        items.set(i, SqlStdOperatorTable.AS.createCall(POS, item, new SqlIdentifier(statement.text(item), POS)));
      }
    }
  }

  /** GROUP BY … WITH ROLLUP (hidden from Calcite's parser) as GROUP BY ROLLUP(…). */
  private void rollup(SqlSelect select) {
    SqlNodeList group = select.getGroup();
    if (group == null || group.isEmpty()) {
      return;
    }
    int last = statement.span(group.get(group.size() - 1)).last();
    List<Token> tokens = statement.tokens();
    if (last + 2 < tokens.size() && tokens.get(last + 1).isWord("WITH") && tokens.get(last + 2).isWord("ROLLUP")) {
      select.setGroupBy(new SqlNodeList(List.of(SqlStdOperatorTable.ROLLUP.createCall(POS, group.getList())), POS));
    }
  }

  /**
   * A condition (WHERE, or the ON of {@code join}): its ANDed parts that one table's scan can filter by go into that
   * scan; the rest stays, with its single-table parts computed by the scans.
   */
  private SqlNode conditions(SqlNode condition, Scope scope, SqlJoin join) throws SQLException {
    List<SqlNode> conjuncts = new ArrayList<>();
    conjuncts(condition, conjuncts);
    List<SqlNode> kept = new ArrayList<>();
    for (SqlNode conjunct : conjuncts) {
      Owner owner = owner(conjunct, scope, false);
      if (owner.occurrence() != null && scope.canFilter(owner.occurrence(), join)) {
        owner.occurrence().addFilter(text(conjunct), FilterSelectivity.of(conjunct, owner.occurrence(), schema));
      } else {
        kept.add(expression(conjunct, scope, join, true, true, false));
      }
    }
    if (kept.isEmpty()) {
      return join == null ? null : SqlLiteral.createBoolean(true, POS);
    }
    SqlNode result = kept.get(0);
    for (int i = 1; i < kept.size(); i++) {
      result = SqlStdOperatorTable.AND.createCall(POS, result, kept.get(i));
    }
    return result;
  }

  private static void conjuncts(SqlNode node, List<SqlNode> out) {
    if (node.getKind() == SqlKind.AND) {
      for (SqlNode operand : ((SqlCall) node).getOperandList()) {
        conjuncts(operand, out);
      }
    } else {
      out.add(node);
    }
  }

  /**
   * An expression with its single-table parts computed by the scans.
   *
   * @param join the join whose ON condition holds the expression, or null
   * @param condition whether the expression's value is used as a condition
   * @param mayCompute whether the expression itself may become a scan's column (not outside aggregates in HAVING)
   * @param aliasContext whether an unqualified name may be a select item's alias (GROUP BY, HAVING, ORDER BY)
   */
  private SqlNode expression(SqlNode node, Scope scope, SqlJoin join, boolean condition, boolean mayCompute,
      boolean aliasContext) throws SQLException {
    if (node == null) {
      return null;
    }
    if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith || isSetOperation(node)) {
      query(node, scope);
      return node;
    }
    if (node instanceof SqlCall over && over.getKind() == SqlKind.OVER) {
      // the window function itself is not a value of a row; its arguments and its window may be
      SqlCall function = over.operand(0);
      List<SqlNode> arguments = new ArrayList<>(function.getOperandList());
      for (int i = 0; i < arguments.size(); i++) {
        SqlNode argument = arguments.get(i);
        SqlNode rewritten = expression(argument, scope, join, false, true, false);
        if (rewritten != argument) {
          function.setOperand(i, rewritten);
        }
      }
      expression(over.operand(1), scope, join, false, true, false);
      return node;
    }
    Owner owner = owner(node, scope, aliasContext);
    if (mayCompute && owner.occurrence() != null && !(node instanceof SqlIdentifier) && !(node instanceof SqlNodeList)
        && scope.canCompute(owner.occurrence(), join)) {
      TableOccurrence occurrence = owner.occurrence();
      TableOccurrence.VirtualColumn column = occurrence.virtualColumn(text(node), condition,
          BOOLEAN_KINDS.contains(node.getKind()));
      return new SqlIdentifier(List.of(occurrence.alias(), column.name()), POS);
    }
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        list.set(i, expression(list.get(i), scope, join, false, mayCompute, aliasContext));
      }
      return node;
    }
    if (node instanceof SqlWindow window) {
      for (SqlNodeList list : new SqlNodeList[] {window.getPartitionList(), window.getOrderList()}) {
        for (int i = 0; list != null && i < list.size(); i++) {
          list.set(i, expression(list.get(i), scope, join, false, true, false));
        }
      }
      return node;
    }
    if (node instanceof SqlCase sqlCase) {
      sqlCase.setOperand(0, expression(sqlCase.getValueOperand(), scope, join, false, mayCompute, aliasContext));
      SqlNodeList whens = sqlCase.getWhenOperands();
      for (int i = 0; i < whens.size(); i++) {
        whens.set(i, expression(whens.get(i), scope, join, sqlCase.getValueOperand() == null, mayCompute, aliasContext));
      }
      SqlNodeList thens = sqlCase.getThenOperands();
      for (int i = 0; i < thens.size(); i++) {
        thens.set(i, expression(thens.get(i), scope, join, false, mayCompute, aliasContext));
      }
      sqlCase.setOperand(3, expression(sqlCase.getElseOperand(), scope, join, false, mayCompute, aliasContext));
      return node;
    }
    if (node instanceof SqlCall call) {
      boolean aggregate = isAggregate(call);
      boolean logical = call.getKind() == SqlKind.AND || call.getKind() == SqlKind.OR || call.getKind() == SqlKind.NOT;
      List<SqlNode> operands = new ArrayList<>(call.getOperandList());
      for (int i = 0; i < operands.size(); i++) {
        SqlNode operand = operands.get(i);
        if (operand == null || operand instanceof SqlLiteral || operand instanceof SqlIdentifier) {
          continue;
        }
        SqlNode rewritten = expression(operand, scope, join, logical, mayCompute || aggregate, aliasContext && !aggregate);
        if (rewritten != operand) {
          try {
            call.setOperand(i, rewritten);
          } catch (UnsupportedOperationException e) {
            throw refusal("the expression " + statement.text(node) + " over several tables");
          }
        }
      }
    }
    return node;
  }

  private static boolean isAggregate(SqlCall call) {
    return !(call instanceof SqlSelect) && call.getKind() != SqlKind.OVER && (call.getOperator().isAggregator()
        || AGGREGATE_FUNCTIONS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT)));
  }

  /** Which occurrence of this block an expression reads, if only one. */
  private Owner owner(SqlNode node, Scope scope, boolean aliasContext) {
    if (node == null || node instanceof SqlLiteral || node instanceof SqlDynamicParam || node instanceof SqlDataTypeSpec
        || node instanceof SqlIntervalQualifier) {
      return Owner.NONE;
    }
    if (node instanceof SqlIdentifier identifier) {
      return scope.resolve(identifier, aliasContext);
    }
    if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith || isSetOperation(node)) {
      return Owner.BLOCKED;
    }
    List<SqlNode> children;
    if (node instanceof SqlNodeList list) {
      children = list.getList();
    } else if (node instanceof SqlCall call) {
      if (isAggregate(call) || call instanceof SqlWindow || NOT_COMPUTABLE.contains(call.getKind())) {
        return Owner.BLOCKED;
      }
      children = call.getOperandList();
    } else {
      return Owner.BLOCKED;
    }
    Owner owner = Owner.NONE;
    for (SqlNode child : children) {
      owner = owner.and(owner(child, scope, aliasContext));
      if (owner == Owner.BLOCKED) {
        return owner;
      }
    }
    return owner;
  }

  /** The user's text of a node, which a scan evaluates; its tokens are marked as taken out of the statement. */
  private TableOccurrence.SqlText text(SqlNode node) {
    TokenSpan span = statement.span(node);
    localized.set(span.first(), span.last() + 1);
    List<Integer> parameters = new ArrayList<>();
    for (int i = span.first(); i <= span.last(); i++) {
      if (parameterOrdinals[i] >= 0) {
        parameters.add(parameterOrdinals[i]);
      }
    }
    return new TableOccurrence.SqlText(statement.text(span), parameters);
  }

  static SQLFeatureNotSupportedException refusal(String construct) {
    return new SQLFeatureNotSupportedException(construct + " is not supported in a query that needs rows of several "
        + "shards at once", "0A000");
  }

  /** Which occurrence an expression reads: none (a constant), one, or several or some it cannot know (blocked). */
  private record Owner(TableOccurrence occurrence, boolean blocked) {
    static final Owner NONE = new Owner(null, false);
    static final Owner BLOCKED = new Owner(null, true);

    Owner and(Owner other) {
      if (blocked || other.blocked) {
        return BLOCKED;
      }
      if (occurrence == null) {
        return other;
      }
      if (other.occurrence == null || other.occurrence == occurrence) {
        return this;
      }
      return BLOCKED;
    }
  }

  /** The names one query block can see: its FROM items, and the blocks around it. */
  private final class Scope implements ResolveNames.Names {
    final Scope outer;
    final List<TableOccurrence> occurrences = new ArrayList<>();
    final Map<String, List<String>> derived = new HashMap<>();
    final List<SqlJoin> joins = new ArrayList<>();
    /** For each occurrence, the outer joins that may turn its columns to NULL. */
    final Map<TableOccurrence, List<SqlJoin>> nullSupplying = new IdentityHashMap<>();
    /** For each join, the joins nested in its operands. */
    final Map<SqlJoin, List<SqlJoin>> nested = new IdentityHashMap<>();
    /** For each join, the occurrences of its operand that it may turn to NULL (both for FULL), or none. */
    final Map<SqlJoin, List<TableOccurrence>> nullSide = new IdentityHashMap<>();
    /** The FROM items in order, by alias, with their columns, for expanding stars. */
    private final List<Map.Entry<String, List<String>>> fromOrder = new ArrayList<>();
    /** The columns of the FROM clause, as {@code *} lists them. */
    List<JoinColumns.FromColumn> columns = List.of();

    Scope(Scope outer) {
      this.outer = outer;
    }

    void addJoin(SqlJoin join, List<TableOccurrence> left, List<TableOccurrence> right, List<SqlJoin> inside) {
      List<TableOccurrence> nulled = new ArrayList<>();
      JoinType type = join.getJoinType();
      if (type == JoinType.LEFT || type == JoinType.FULL) {
        nulled.addAll(right);
      }
      if (type == JoinType.RIGHT || type == JoinType.FULL) {
        nulled.addAll(left);
      }
      for (TableOccurrence occurrence : nulled) {
        nullSupplying.computeIfAbsent(occurrence, o -> new ArrayList<>()).add(join);
      }
      nested.put(join, List.copyOf(inside));
      nullSide.put(join, nulled);
      joins.add(join);
    }

    /**
     * Whether a condition on one occurrence's columns can filter its rows in its scan: in WHERE when no outer join
     * can turn them to NULL; in the ON of an inner join, or of an outer join that turns them to NULL, when no join
     * inside that one can.
     */
    boolean canFilter(TableOccurrence occurrence, SqlJoin join) {
      if (!occurrences.contains(occurrence)) {
        return false;
      }
      if (join == null) {
        return !nullSupplying.containsKey(occurrence);
      }
      boolean inner = join.getJoinType() == JoinType.INNER || join.getJoinType() == JoinType.COMMA
          || join.getJoinType() == JoinType.CROSS;
      return (inner || nullSide.get(join).contains(occurrence)) && !nulledInside(occurrence, join);
    }

    /** Whether an expression of one occurrence's columns has the same value in its scan as where the query uses it. */
    boolean canCompute(TableOccurrence occurrence, SqlJoin join) {
      if (!occurrences.contains(occurrence)) {
        return false;
      }
      return join == null ? !nullSupplying.containsKey(occurrence) : !nulledInside(occurrence, join);
    }

    private boolean nulledInside(TableOccurrence occurrence, SqlJoin join) {
      for (SqlJoin nulling : nullSupplying.getOrDefault(occurrence, List.of())) {
        if (nested.get(join).contains(nulling)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The column an unqualified name means when it is the common column of a USING or NATURAL join of this block or of
     * a block around it (MySQL looks a name up in the nearest block that has it), or null.
     */
    @Override
    public SqlIdentifier coalesced(SqlIdentifier name) {
      for (Scope scope = this; scope != null; scope = scope.outer) {
        if (JoinColumns.has(scope.columns, name.getSimple())) {
          return JoinColumns.coalesced(scope.columns, name);
        }
      }
      return null;
    }

    @Override
    public boolean hasAlias(String alias) {
      for (Scope scope = this; scope != null; scope = scope.outer) {
        for (Map.Entry<String, List<String>> fromItem : scope.fromOrder) {
          if (fromItem.getKey().equals(alias)) {
            return true;
          }
        }
      }
      return false;
    }

    Owner resolve(SqlIdentifier identifier, boolean aliasContext) {
      if (identifier.isStar()) {
        return Owner.BLOCKED;
      }
      List<String> names = identifier.names;
      if (names.size() == 1) {
        String column = names.get(0);
        if (aliasContext) {
          return Owner.BLOCKED;
        }
        TableOccurrence found = null;
        for (TableOccurrence occurrence : occurrences) {
          if (occurrence.hasColumn(column)) {
            if (found != null) {
              return Owner.BLOCKED;
            }
            found = occurrence;
          }
        }
        for (List<String> derivedColumns : derived.values()) {
          for (String derivedColumn : derivedColumns) {
            if (derivedColumn.equalsIgnoreCase(column)) {
              return Owner.BLOCKED;
            }
          }
        }
        return found == null ? Owner.BLOCKED : new Owner(found, false);
      }
      if (names.size() == 2) {
        TableOccurrence found = null;
        for (TableOccurrence occurrence : occurrences) {
          if (occurrence.alias().equals(names.get(0))) {
            if (found != null) {
              return Owner.BLOCKED;
            }
            found = occurrence;
          }
        }
        return found != null && found.hasColumn(names.get(1)) ? new Owner(found, false) : Owner.BLOCKED;
      }
      return Owner.BLOCKED;
    }

    void addOccurrence(TableOccurrence occurrence) {
      occurrences.add(occurrence);
      List<String> columns = new ArrayList<>();
      for (ServerColumn column : occurrence.columns()) {
        columns.add(column.name());
      }
      fromOrder.add(Map.entry(occurrence.alias(), columns));
    }

    void addDerived(String alias, List<String> columns) {
      derived.put(alias, columns);
      fromOrder.add(Map.entry(alias, columns));
    }

    /** The first occurrence whose rows every row of the block has (no outer join turns it to NULL), or null. */
    TableOccurrence firstComputable() {
      for (TableOccurrence occurrence : occurrences) {
        if (!nullSupplying.containsKey(occurrence)) {
          return occurrence;
        }
      }
      return null;
    }

    /** The FROM items in order with their column names. */
    List<Map.Entry<String, List<String>>> fromItems() {
      return fromOrder;
    }
  }
}
