package org.shardjdbc.planner.analyze;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.shardjdbc.planner.merge.CollationKey;
import org.shardjdbc.planner.merge.ColumnMerge;
import org.shardjdbc.planner.merge.ColumnRef;
import org.shardjdbc.planner.merge.LimitSpec;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.merge.RowExpression;
import org.shardjdbc.planner.merge.SortKey;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;
import org.shardjdbc.planner.rewrite.Segment;
import org.shardjdbc.planner.rewrite.ServerWeights;
import org.shardjdbc.planner.rewrite.TemplateBuilder;

/**
 * Plans the outermost query block for several shards: the rewrite of each shard's SQL and the {@link MergePlan}.
 *
 * <p>Each shard runs the user's select list as written, so column labels and types are the server's own; what the
 * merge needs besides is appended as hidden columns ({@code , SUM(x) AS `__h0`}). A query without aggregation keeps
 * its ORDER BY and gets {@code LIMIT offset + count}. A query with aggregation has each shard group (extended by the
 * arguments of DISTINCT aggregates), sorted by the group keys, without HAVING or LIMIT; the merge combines the
 * partial rows of each group, then applies HAVING, the user's ORDER BY and LIMIT.
 *
 * <p>Every column whose strings the merge compares (sort and group keys, MIN and MAX, DISTINCT columns, arguments of
 * DISTINCT aggregates) gets a {@link CollationKey}: two more hidden columns with the server's weights of its
 * expression ({@link ServerWeights}), so that strings compare as the server compares them in any collation.
 */
final class MultiShardSelectPlanner {
  static final String HIDDEN_PREFIX = "__h";
  /** The longest name a server generates for a select item from its text (MySQL's identifier limit). */
  private static final int MAX_GENERATED_NAME = 64;

  private final ParsedStatement statement;
  private final SqlSelect select;
  private final SqlNodeList orderList;
  private final SqlNode offset;
  private final SqlNode fetch;
  private final TemplateBuilder template;
  private final Clauses clauses;
  private final List<SqlNode> items;
  private final List<String> hiddenTexts = new ArrayList<>();
  private final List<ColumnMerge> hiddenMerges = new ArrayList<>();
  private final List<CollationKey> collationKeys = new ArrayList<>();
  /** What the shards group by besides the query's GROUP BY: arguments of DISTINCT aggregates and GROUP_CONCAT. */
  private final List<String> subgroupKeys = new ArrayList<>();
  private final PartialAggregates partialAggregates;
  private final PositionOrderedColumns positionOrdered;
  /** The number of each ENUM or SET key's values ({@code key + 0}), a hidden column, by the key's column. */
  private final Map<ColumnRef, ColumnRef> positionKeys = new HashMap<>();

  MultiShardSelectPlanner(ParsedStatement statement, SqlSelect select, SqlNodeList orderList, SqlNode offset,
      SqlNode fetch, TemplateBuilder template, Clauses clauses, PositionOrderedColumns positionOrdered) {
    this.statement = statement;
    this.select = select;
    this.orderList = orderList;
    this.offset = offset;
    this.fetch = fetch;
    this.template = template;
    this.clauses = clauses;
    this.items = select.getSelectList().getList();
    this.partialAggregates = new PartialAggregates(statement, this::hidden, positionOrdered);
    this.positionOrdered = positionOrdered;
  }

  MergePlan plan() throws Refusal, SQLException {
    if (clauses.window() || SqlNodes.find(select, SqlKind.OVER) != null) {
      throw new Refusal("window functions over several shards are not supported yet");
    }
    if (clauses.from() < 0) {
      throw new Refusal("a query without FROM over several shards");
    }
    boolean aggregation = (select.getGroup() != null && select.getGroup().size() > 0) || select.getHaving() != null
        || anyItemAggregates() || orderByAggregates();
    MergePlan plan = aggregation ? planAggregation() : planPlain();
    insertHiddenColumns();
    return plan;
  }

  private boolean anyItemAggregates() {
    for (SqlNode item : items) {
      if (SqlNodes.containsAggregate(SqlNodes.unalias(item))) {
        return true;
      }
    }
    return false;
  }

  private boolean orderByAggregates() {
    if (orderList != null) {
      for (SqlNode key : orderList) {
        if (SqlNodes.containsAggregate(key)) {
          return true;
        }
      }
    }
    return false;
  }

  private MergePlan planPlain() throws Refusal, SQLException {
    List<SortKey> order = resolveOrder(false);
    if (select.isDistinct()) {
      for (SortKey key : order) {
        if (key.column().hidden()) {
          throw new Refusal("ORDER BY an expression that is not in the select list of a SELECT DISTINCT over several shards");
        }
      }
    }
    order = byPosition(order);
    LimitSpec limit = limit();
    if (limit != null) {
      template.replace(clauses.limit(), clauses.end() - 1, List.of(new Segment.ShardLimit(limit.offset(), limit.count())));
    }
    for (SortKey key : order) {
      addCollationKey(key.column(), null);
    }
    if (select.isDistinct()) {
      addCollationKeysOfItems(null);
    }
    return new MergePlan(hiddenTexts.size(), order, null, List.of(), null, List.of(), select.isDistinct(), limit, false, null,
        collationKeys);
  }

  private MergePlan planAggregation() throws Refusal, SQLException {
    for (SqlNode item : items) {
      if (SqlNodes.isStar(SqlNodes.unalias(item))) {
        throw new Refusal("SELECT * with GROUP BY or aggregates over several shards");
      }
    }
    if (clauses.rollup()) {
      throw new Refusal("GROUP BY ... WITH ROLLUP over several shards is not supported yet");
    }
    List<ColumnMerge> merges = new ArrayList<>();
    for (SqlNode item : items) {
      SqlNode expression = SqlNodes.unalias(item);
      if (SqlNodes.isAggregateCall(expression)) {
        ColumnMerge merge = aggregateMerge((SqlCall) expression);
        if (merge instanceof ColumnMerge.Average) {
          leaveAverageToTheMerge(item, (SqlCall) expression);
        }
        merges.add(merge);
      } else if (SqlNodes.containsAggregate(expression)) {
        merges.add(new ColumnMerge.Computed(rowExpression(expression)));
      } else {
        merges.add(new ColumnMerge.First());
      }
    }
    List<ColumnRef> groupKeys = new ArrayList<>();
    if (select.getGroup() != null) {
      for (SqlNode key : select.getGroup()) {
        if (key.getKind() == SqlKind.ROLLUP || key.getKind() == SqlKind.CUBE || key.getKind() == SqlKind.GROUPING_SETS) {
          throw new Refusal("GROUP BY " + key.getKind() + " over several shards is not supported yet");
        }
        ColumnRef ref = itemFor(key);
        ColumnRef column = ref != null ? ref : hidden(statement.text(key), new ColumnMerge.First());
        notePositionKey(column, key);
        groupKeys.add(column);
      }
    }
    RowExpression having = null;
    if (select.getHaving() != null) {
      having = rowExpression(select.getHaving());
      template.remove(clauses.having(), clauses.nextAfter(clauses.having(), clauses.order(), clauses.limit()) - 1);
    }
    List<SortKey> userOrder = resolveOrder(true);
    extendGroupBy();
    List<SortKey> shardOrder;
    List<SortKey> finalOrder;
    if (groupKeys.isEmpty()) {
      shardOrder = List.of();
      finalOrder = userOrder;
    } else if (allGroupKeys(userOrder, groupKeys)) {
      shardOrder = new ArrayList<>(userOrder);
      for (ColumnRef key : groupKeys) {
        if (userOrder.stream().noneMatch(sortKey -> sortKey.column().equals(key))) {
          shardOrder.add(new SortKey(key, false));
        }
      }
      finalOrder = List.of();
    } else {
      shardOrder = groupKeys.stream().map(key -> new SortKey(key, false)).toList();
      finalOrder = userOrder;
    }
    shardOrder = byPosition(shardOrder);
    finalOrder = byPosition(finalOrder);
    groupKeys.replaceAll(key -> positionKeys.getOrDefault(key, key));
    rewriteShardOrder(shardOrder);
    LimitSpec limit = limit();
    if (limit != null) {
      template.remove(clauses.limit(), clauses.end() - 1);
    }
    addCollationKeys(merges, groupKeys, shardOrder, finalOrder);
    merges.addAll(hiddenMerges);
    return new MergePlan(hiddenTexts.size(), shardOrder, merges, groupKeys, having, finalOrder, select.isDistinct(), limit,
        false, null, collationKeys);
  }

  /** Collation keys for every column of an aggregation whose strings the merge compares. */
  private void addCollationKeys(List<ColumnMerge> itemMerges, List<ColumnRef> groupKeys, List<SortKey> shardOrder,
      List<SortKey> finalOrder) throws Refusal, SQLException {
    for (ColumnRef key : groupKeys) {
      addCollationKey(key, itemMerges);
    }
    for (SortKey key : shardOrder) {
      addCollationKey(key.column(), itemMerges);
    }
    for (SortKey key : finalOrder) {
      addCollationKey(key.column(), itemMerges);
    }
    List<ColumnMerge> all = new ArrayList<>(itemMerges);
    all.addAll(hiddenMerges);
    for (int i = 0; i < all.size(); i++) {
      ColumnRef column = i < itemMerges.size() ? ColumnRef.visible(i) : ColumnRef.hidden(i - itemMerges.size());
      if (all.get(i) instanceof ColumnMerge.Min || all.get(i) instanceof ColumnMerge.Max) {
        addCollationKey(column, itemMerges);
      } else if (all.get(i) instanceof ColumnMerge.Distinct distinct) {
        for (ColumnRef argument : distinct.arguments()) {
          addCollationKey(argument, itemMerges);
        }
      }
    }
    if (select.isDistinct()) {
      addCollationKeysOfItems(itemMerges);
    }
  }

  /** Collation keys for the select items a DISTINCT compares: those before the first {@code *}. */
  private void addCollationKeysOfItems(List<ColumnMerge> itemMerges) throws Refusal, SQLException {
    for (int i = 0; i < items.size() && !SqlNodes.isStar(SqlNodes.unalias(items.get(i))); i++) {
      addCollationKey(ColumnRef.visible(i), itemMerges);
    }
  }

  /**
   * Adds the hidden weights of a column's expression, unless it has them, its value is one the merge computes
   * (a SUM, an AVG, an expression over aggregates: numbers), or its expression holds a parameter or a subquery
   * (whose tables the rewrite renames only where the statement names them): the merge then compares its values,
   * where the driver knows the collation, or refuses. A column the catalog defines as a number or a date gets none:
   * the server's weights of its values would be NULL, and the merge compares the values.
   *
   * @param itemMerges the merges of the select items in an aggregation, null in a plain query
   */
  private void addCollationKey(ColumnRef column, List<ColumnMerge> itemMerges) throws Refusal, SQLException {
    if (positionKeys.containsValue(column)) {
      return;
    }
    for (CollationKey key : collationKeys) {
      if (key.column().equals(column)) {
        return;
      }
    }
    if (itemMerges != null) {
      ColumnMerge merge = column.hidden() ? hiddenMerges.get(column.index()) : itemMerges.get(column.index());
      if (!(merge instanceof ColumnMerge.First || merge instanceof ColumnMerge.Min || merge instanceof ColumnMerge.Max)) {
        return;
      }
    }
    String text = column.hidden() ? hiddenTexts.get(column.index()) : statement.text(SqlNodes.unalias(items.get(column.index())));
    if (MySqlTokenizer.hasParameter(text) || MySqlTokenizer.hasSubquery(text)) {
      return;
    }
    // a number or date column has no collation: its weights would be NULL on every row
    if (!column.hidden() && positionOrdered.withoutCollation(SqlNodes.unalias(items.get(column.index())))) {
      return;
    }
    ColumnMerge sameRow = new ColumnMerge.SameRowAs(column);
    // in a plain SELECT DISTINCT the weights are part of the rows the shards make distinct
    String weights = itemMerges == null && select.isDistinct() ? ServerWeights.trimmedWeights(text)
        : ServerWeights.weights(text);
    collationKeys.add(new CollationKey(column, hidden(weights, sameRow),
        hidden(ServerWeights.padding(text), sameRow)));
  }

  private static boolean allGroupKeys(List<SortKey> order, List<ColumnRef> groupKeys) {
    for (SortKey key : order) {
      if (!groupKeys.contains(key.column())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Adds what DISTINCT aggregates and GROUP_CONCAT need to the shards' GROUP BY, so that each shard returns each
   * group's distinct values as partial rows of their own.
   */
  private void extendGroupBy() {
    if (subgroupKeys.isEmpty()) {
      return;
    }
    String arguments = String.join(", ", subgroupKeys);
    if (clauses.group() >= 0) {
      template.insertBefore(clauses.nextAfter(clauses.group(), clauses.having(), clauses.order(), clauses.limit()), ", " + arguments);
    } else {
      template.insertBefore(clauses.nextAfter(clauses.from(), clauses.having(), clauses.order(), clauses.limit()), "GROUP BY " + arguments);
    }
  }

  private void rewriteShardOrder(List<SortKey> shardOrder) {
    String text = shardOrder.isEmpty() ? "" : "ORDER BY " + orderByPositions(shardOrder);
    if (clauses.order() >= 0) {
      int last = clauses.nextAfter(clauses.order(), clauses.limit()) - 1;
      template.replace(clauses.order(), last, text.isEmpty() ? List.of() : List.of(new Segment.Text(text)));
    } else if (!text.isEmpty()) {
      template.insertBefore(clauses.nextAfter(clauses.from(), clauses.limit()), text);
    }
  }

  private String orderByPositions(List<SortKey> order) {
    List<String> keys = new ArrayList<>();
    for (SortKey key : order) {
      int position = key.column().hidden() ? items.size() + key.column().index() + 1 : key.column().index() + 1;
      keys.add(position + (key.descending() ? " DESC" : ""));
    }
    return String.join(", ", keys);
  }

  private ColumnMerge aggregateMerge(SqlCall call) throws Refusal, SQLException {
    String name = SqlNodes.functionName(call);
    if (!SqlNodes.MERGEABLE_AGGREGATES.contains(name)) {
      throw new Refusal(SqlNodes.shownName(call) + " over several shards is not supported yet");
    }
    boolean distinct = SqlNodes.isDistinct(call);
    if (PartialAggregates.VARIANCES.contains(name)) {
      return partialAggregates.variance(call);
    }
    if (PartialAggregates.BIT_OPERATIONS.contains(name)) {
      return partialAggregates.bitwise(call);
    }
    switch (name) {
      case "ANY_VALUE":
        return new ColumnMerge.First();
      case "MIN":
        return new ColumnMerge.Min();
      case "MAX":
        return new ColumnMerge.Max();
      case "COUNT":
        if (!distinct) {
          return new ColumnMerge.Count();
        }
        break;
      case "SUM":
        if (!distinct) {
          return new ColumnMerge.Sum();
        }
        break;
      case "AVG":
        if (!distinct) {
          String argument = argumentsText(call);
          return new ColumnMerge.Average(hidden("SUM(" + argument + ")", new ColumnMerge.Sum()),
              hidden("COUNT(" + argument + ")", new ColumnMerge.Count()));
        }
        break;
      case PartialAggregates.GROUP_CONCAT:
        return partialAggregates.groupConcat(call, subgroupKeys);
      default:
        throw new IllegalStateException(name);
    }
    List<ColumnRef> arguments = new ArrayList<>();
    for (SqlNode operand : call.getOperandList()) {
      String text = statement.text(operand);
      arguments.add(hidden(text, new ColumnMerge.First()));
      if (!subgroupKeys.contains(text)) {
        subgroupKeys.add(text);
      }
    }
    return new ColumnMerge.Distinct(name, arguments);
  }

  /**
   * The merge computes a visible {@code AVG(x)} from the hidden {@code SUM(x)} and {@code COUNT(x)}; the shards need
   * only report the column's type (the AVG's precision and scale, which the merge shows its value with). Computing
   * the AVG too would cost the servers a second sum of every row (a fifth of a GROUP BY's time over a DECIMAL), so
   * where the argument is a column whose type an AVG keeps the same through {@code CASE} (numbers and dates; an ENUM
   * or a SET would turn into a string), the shards compute {@code AVG(CASE WHEN 0 THEN x END)}: same type, no sum.
   * An item without an alias gets its own text as alias, the name the server would give it; one whose text is
   * longer than a generated name may be keeps the AVG. Where the call is the user's text alone (no parameter, no
   * table name rewritten in it), it becomes a {@link Segment.TypeOnly}, which a server's UNION ALL computes in its
   * first branch only: measured on one server's 16 tables of 7,800 rows, its UNION ALL of a GROUP BY with an AVG
   * took 53.1 to 54.2 ms with the item in every branch and 50.7 to 51.3 ms without it.
   */
  private void leaveAverageToTheMerge(SqlNode item, SqlCall call) throws SQLException {
    if (call.getOperandList().size() != 1 || !positionOrdered.withoutCollation(call.operand(0))) {
      return;
    }
    String alias = null;
    if (item == call) {
      String name = statement.text(call);
      if (name.length() > MAX_GENERATED_NAME) {
        return;
      }
      alias = "AS `" + name.replace("`", "``") + "`";
    }
    TokenSpan whole = statement.span(call);
    TokenSpan argument = statement.span(call.operand(0));
    if (template.replaced(whole.first(), whole.last()) || hasParameter(whole)) {
      template.insertBefore(argument.first(), "CASE WHEN 0 THEN");
      template.insertBefore(argument.last() + 1, "END");
    } else {
      String sql = statement.sql();
      int start = statement.tokens().get(whole.first()).start();
      int argumentStart = statement.tokens().get(argument.first()).start();
      int argumentEnd = statement.tokens().get(argument.last()).end();
      int end = statement.tokens().get(whole.last()).end();
      String typed = sql.substring(start, argumentStart) + "CASE WHEN 0 THEN " + sql.substring(argumentStart, argumentEnd)
          + " END" + sql.substring(argumentEnd, end);
      template.replace(whole.first(), whole.last(), List.of(new Segment.TypeOnly(typed)));
    }
    if (alias != null) {
      template.insertBefore(whole.last() + 1, alias);
    }
  }

  private boolean hasParameter(TokenSpan span) {
    for (int i = span.first(); i <= span.last(); i++) {
      if (statement.tokens().get(i).kind() == Token.Kind.PARAMETER) {
        return true;
      }
    }
    return false;
  }

  private String argumentsText(SqlCall call) throws Refusal {
    if (call.getOperandList().size() != 1) {
      throw new Refusal(SqlNodes.functionName(call) + " with " + call.getOperandList().size() + " arguments");
    }
    return statement.text(call.operand(0));
  }

  /** The column that holds an aggregate's merged value: a select item that is the same call, or a hidden one. */
  private ColumnRef aggregateColumn(SqlCall call) throws Refusal, SQLException {
    String text = normalized(statement.text(call));
    for (int i = 0; i < items.size(); i++) {
      if (normalized(statement.text(SqlNodes.unalias(items.get(i)))).equals(text)) {
        return ColumnRef.visible(i);
      }
    }
    for (int i = 0; i < hiddenTexts.size(); i++) {
      if (normalized(hiddenTexts.get(i)).equals(text)) {
        return ColumnRef.hidden(i);
      }
    }
    ColumnMerge merge = aggregateMerge(call);
    return hidden(statement.text(call), merge);
  }

  private RowExpression rowExpression(SqlNode node) throws Refusal, SQLException {
    if (SqlNodes.isAggregateCall(node)) {
      return new RowExpression.Column(aggregateColumn((SqlCall) node));
    }
    if (node instanceof SqlDynamicParam) {
      return new RowExpression.Parameter(KeyConditionExtractor.parameterIndex(statement, statement.span(node).first()));
    }
    if (node instanceof SqlLiteral literal) {
      ValueSource value = KeyConditionExtractor.literal(statement, literal);
      if (value == null) {
        throw new Refusal("the literal " + statement.text(node) + " in an expression merged over several shards");
      }
      return new RowExpression.Literal(((ValueSource.Literal) value).value());
    }
    if (node instanceof SqlIdentifier) {
      ColumnRef item = itemFor(node);
      return new RowExpression.Column(item != null ? item : hidden(statement.text(node), new ColumnMerge.First()));
    }
    if (node instanceof SqlBasicCall call && SqlNodes.containsAggregate(call)) {
      RowExpression function = function(call);
      if (function != null) {
        return function;
      }
    }
    if (node instanceof SqlBasicCall call) {
      String operator = operator(call);
      if (operator != null) {
        List<RowExpression> operands = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
          if (operand instanceof SqlNodeList list) {
            for (SqlNode element : list) {
              operands.add(rowExpression(element));
            }
          } else {
            operands.add(rowExpression(operand));
          }
        }
        return new RowExpression.Call(operator, operands);
      }
    }
    if (!SqlNodes.containsAggregate(node)) {
      ColumnRef item = itemFor(node);
      return new RowExpression.Column(item != null ? item : hidden(statement.text(node), new ColumnMerge.First()));
    }
    throw new Refusal("the expression " + statement.text(node) + " over aggregates of several shards is not supported yet");
  }

  /**
   * ROUND, TRUNCATE, COALESCE, IFNULL, ABS, FLOOR, CEIL(ING) and CAST (to DECIMAL, SIGNED, DOUBLE, CHAR) over
   * aggregates, evaluated by the merge; null for another call.
   */
  private RowExpression function(SqlBasicCall call) throws Refusal, SQLException {
    if (call.getKind() == SqlKind.CAST) {
      return cast(call);
    }
    List<SqlNode> operands = call.getOperandList();
    String name = SqlNodes.functionName(call);
    int count = operands.size();
    switch (name) {
      case "ROUND":
        if (count == 1) {
          return new RowExpression.Call(name, List.of(rowExpression(operands.get(0)),
              new RowExpression.Literal(BigDecimal.ZERO)));
        }
        return count == 2 ? functionCall(name, operands) : null;
      case "TRUNCATE":
        return count == 2 ? functionCall(name, operands) : null;
      case "COALESCE":
        return count >= 1 ? functionCall(name, operands) : null;
      case "IFNULL":
        return count == 2 ? functionCall("COALESCE", operands) : null;
      case "ABS":
      case "FLOOR":
        return count == 1 ? functionCall(name, operands) : null;
      case "CEIL":
      case "CEILING":
        return count == 1 ? functionCall("CEIL", operands) : null;
      default:
        return null;
    }
  }

  private RowExpression functionCall(String operator, List<SqlNode> operands) throws Refusal, SQLException {
    List<RowExpression> expressions = new ArrayList<>(operands.size());
    for (SqlNode operand : operands) {
      expressions.add(rowExpression(operand));
    }
    return new RowExpression.Call(operator, expressions);
  }

  private RowExpression cast(SqlBasicCall call) throws Refusal, SQLException {
    SqlDataTypeSpec spec = (SqlDataTypeSpec) call.operand(1);
    SqlTypeNameSpec type = spec.getTypeNameSpec();
    String name = type.getTypeName().getSimple().toUpperCase(Locale.ROOT);
    if (type instanceof SqlBasicTypeNameSpec basic) {
      switch (name) {
        case "DECIMAL": {
          int precision = basic.getPrecision() < 0 ? 10 : basic.getPrecision();
          int scale = basic.getScale() < 0 ? 0 : basic.getScale();
          return new RowExpression.Call("CAST_DECIMAL", List.of(rowExpression(call.operand(0)),
              new RowExpression.Literal(BigDecimal.valueOf(precision)), new RowExpression.Literal(BigDecimal.valueOf(scale))));
        }
        case "DOUBLE":
          return new RowExpression.Call("CAST_DOUBLE", List.of(rowExpression(call.operand(0))));
        case "CHAR":
          if (basic.getPrecision() < 0 && basic.getCharSetName() == null) {
            // the text of a DOUBLE depends on its decimals, which the shards report for a column of its own
            RowExpression operand = rowExpression(call.operand(0));
            if (!(operand instanceof RowExpression.Column)) {
              operand = new RowExpression.Column(hidden(statement.text(call.operand(0)), new ColumnMerge.Computed(operand)));
            }
            return new RowExpression.Call("CAST_CHAR", List.of(operand));
          }
          break;
        default:
          break;
      }
    } else if (name.equals("SIGNED")) {
      return new RowExpression.Call("CAST_SIGNED", List.of(rowExpression(call.operand(0))));
    }
    throw new Refusal("CAST(… AS " + statement.text(spec) + ") over aggregates of several shards is not supported yet");
  }

  private static String operator(SqlBasicCall call) {
    switch (call.getKind()) {
      case EQUALS:
        return "=";
      case NOT_EQUALS:
        return "<>";
      case LESS_THAN:
        return "<";
      case LESS_THAN_OR_EQUAL:
        return "<=";
      case GREATER_THAN:
        return ">";
      case GREATER_THAN_OR_EQUAL:
        return ">=";
      case AND:
        return "AND";
      case OR:
        return "OR";
      case NOT:
        return "NOT";
      case PLUS:
        return "+";
      case MINUS:
        return "-";
      case TIMES:
        return "*";
      case DIVIDE:
        return "/";
      case MINUS_PREFIX:
        return "NEGATE";
      case IS_NULL:
        return "IS_NULL";
      case IS_NOT_NULL:
        return "IS_NOT_NULL";
      case BETWEEN:
        return call.getOperator().getName().toUpperCase(Locale.ROOT).equals("BETWEEN SYMMETRIC") ? null : "BETWEEN";
      case IN:
        return call.operand(1) instanceof SqlNodeList ? "IN" : null;
      case NOT_IN:
        return call.operand(1) instanceof SqlNodeList ? "NOT_IN" : null;
      default:
        return null;
    }
  }

  /**
   * Notes a hidden column with the numbers of an ORDER BY or GROUP BY key's values when the key is an ENUM or a SET
   * column: the shards order it by those numbers, and so must the merge.
   *
   * @param key the key as written: a position, an alias, or an expression
   */
  private void notePositionKey(ColumnRef column, SqlNode key) throws Refusal, SQLException {
    SqlNode expression = key;
    if (key instanceof SqlLiteral literal && literal.getValue() instanceof BigDecimal position) {
      expression = SqlNodes.unalias(items.get(position.intValue() - 1));
    } else if (!column.hidden()) {
      expression = SqlNodes.unalias(items.get(column.index()));
    }
    if (!positionKeys.containsKey(column) && positionOrdered.orderedByPosition(expression)) {
      positionKeys.put(column, hidden("(" + statement.text(expression) + ") + 0", new ColumnMerge.First()));
    }
  }

  /** The keys, each ENUM or SET key replaced by the numbers of its values. */
  private List<SortKey> byPosition(List<SortKey> keys) {
    List<SortKey> ordered = new ArrayList<>(keys.size());
    for (SortKey key : keys) {
      ordered.add(new SortKey(positionKeys.getOrDefault(key.column(), key.column()), key.descending()));
    }
    return ordered;
  }

  private List<SortKey> resolveOrder(boolean aggregation) throws Refusal, SQLException {
    List<SortKey> keys = new ArrayList<>();
    if (orderList == null) {
      return keys;
    }
    for (SqlNode node : orderList) {
      boolean descending = false;
      SqlNode key = node;
      if (key.getKind() == SqlKind.DESCENDING) {
        descending = true;
        key = ((SqlCall) key).operand(0);
      }
      if (key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST) {
        throw new Refusal("NULLS FIRST / NULLS LAST");
      }
      ColumnRef column;
      if (aggregation && SqlNodes.isAggregateCall(key)) {
        column = aggregateColumn((SqlCall) key);
      } else if (aggregation && SqlNodes.containsAggregate(key)) {
        ColumnRef item = itemFor(key);
        column = item != null ? item : hidden(statement.text(key), new ColumnMerge.Computed(rowExpression(key)));
      } else {
        ColumnRef item = itemFor(key);
        column = item != null ? item : hidden(statement.text(key), new ColumnMerge.First());
        notePositionKey(column, key);
      }
      keys.add(new SortKey(column, descending));
    }
    return keys;
  }

  /** The select item an ORDER BY or GROUP BY key refers to (by position, alias or same expression), or null. */
  private ColumnRef itemFor(SqlNode key) throws Refusal {
    if (key instanceof SqlLiteral literal && literal.getValue() instanceof BigDecimal) {
      int position = ((BigDecimal) literal.getValue()).intValue();
      if (position < 1 || position > items.size()) {
        throw new Refusal("position " + position + " is not in the select list");
      }
      return visibleItem(position - 1);
    }
    String keyText = normalized(statement.text(key));
    if (key instanceof SqlIdentifier identifier && identifier.isSimple()) {
      for (int i = 0; i < items.size(); i++) {
        String alias = SqlNodes.alias(items.get(i));
        if (alias != null && alias.equalsIgnoreCase(identifier.getSimple())) {
          return visibleItem(i);
        }
      }
    }
    for (int i = 0; i < items.size(); i++) {
      SqlNode expression = SqlNodes.unalias(items.get(i));
      if (normalized(statement.text(expression)).equals(keyText)) {
        return visibleItem(i);
      }
    }
    if (key instanceof SqlIdentifier identifier) {
      String column = identifier.names.get(identifier.names.size() - 1);
      ColumnRef match = null;
      for (int i = 0; i < items.size(); i++) {
        SqlNode expression = SqlNodes.unalias(items.get(i));
        if (SqlNodes.alias(items.get(i)) == null && expression instanceof SqlIdentifier itemIdentifier && !itemIdentifier.isStar()
            && itemIdentifier.names.get(itemIdentifier.names.size() - 1).equalsIgnoreCase(column)
            && (identifier.isSimple() || itemIdentifier.isSimple())) {
          if (match != null) {
            return null;
          }
          match = visibleItem(i);
        }
      }
      return match;
    }
    return null;
  }

  /** A select item's column, or, when a {@code *} before it makes its position unknown, a hidden copy of it. */
  private ColumnRef visibleItem(int index) throws Refusal {
    for (int i = 0; i < index; i++) {
      if (SqlNodes.isStar(SqlNodes.unalias(items.get(i)))) {
        SqlNode item = SqlNodes.unalias(items.get(index));
        if (SqlNodes.isStar(item)) {
          throw new Refusal("ORDER BY the position of a * column");
        }
        return hidden(statement.text(item), new ColumnMerge.First());
      }
    }
    if (SqlNodes.isStar(SqlNodes.unalias(items.get(index)))) {
      throw new Refusal("ORDER BY the position of a * column");
    }
    return ColumnRef.visible(index);
  }

  private ColumnRef hidden(String text, ColumnMerge merge) throws Refusal {
    if (MySqlTokenizer.hasParameter(text)) {
      throw new Refusal("a parameter in " + text + ", which the merge needs from every shard");
    }
    for (int i = 0; i < hiddenTexts.size(); i++) {
      if (hiddenTexts.get(i).equals(text) && hiddenMerges.get(i).equals(merge)) {
        return ColumnRef.hidden(i);
      }
    }
    hiddenTexts.add(text);
    hiddenMerges.add(merge);
    return ColumnRef.hidden(hiddenTexts.size() - 1);
  }

  private void insertHiddenColumns() {
    if (hiddenTexts.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < hiddenTexts.size(); i++) {
      text.append(", ").append(hiddenTexts.get(i)).append(" AS `").append(HIDDEN_PREFIX).append(i).append('`');
    }
    template.insertBefore(clauses.from(), text.toString());
  }

  private LimitSpec limit() throws Refusal {
    if (fetch == null && offset == null) {
      return null;
    }
    if (clauses.limit() < 0) {
      throw new Refusal("FETCH / OFFSET without LIMIT");
    }
    KeyConditionExtractor values = new KeyConditionExtractor(statement, Map.of(), null);
    ValueSource offsetValue = offset == null ? new ValueSource.Literal(BigDecimal.ZERO) : values.value(offset);
    ValueSource countValue = fetch == null ? new ValueSource.Literal(new BigDecimal(Long.MAX_VALUE)) : values.value(fetch);
    if (offsetValue == null || countValue == null) {
      throw new Refusal("a LIMIT that is not a number or a parameter");
    }
    return new LimitSpec(offsetValue, countValue);
  }

  /** Expression text compared loosely: case, white space and back quotes do not count. */
  static String normalized(String text) {
    StringBuilder result = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '`') {
        result.append(Character.toLowerCase(c));
      }
    }
    return result.toString();
  }
}
