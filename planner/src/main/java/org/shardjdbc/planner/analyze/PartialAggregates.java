package org.shardjdbc.planner.analyze;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.shardjdbc.planner.merge.BitwiseMerge;
import org.shardjdbc.planner.merge.ColumnMerge;
import org.shardjdbc.planner.merge.ColumnRef;
import org.shardjdbc.planner.merge.GroupConcatMerge;
import org.shardjdbc.planner.merge.SortKey;
import org.shardjdbc.planner.merge.VarianceMerge;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;

/**
 * Plans the aggregates whose merge needs partial results other than the aggregate itself: the variance family,
 * the bit operations and GROUP_CONCAT (see {@link VarianceMerge}, {@link BitwiseMerge}, {@link GroupConcatMerge}).
 */
final class PartialAggregates {
  static final Set<String> VARIANCES = Set.of("STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP",
      "VAR_SAMP");
  static final Set<String> BIT_OPERATIONS = Set.of("BIT_AND", "BIT_OR", "BIT_XOR");
  static final String GROUP_CONCAT = "GROUP_CONCAT";

  /** Adds a column to every shard's select list (or finds the one already added) for the merge to read. */
  @FunctionalInterface
  interface HiddenColumns {
    ColumnRef add(String text, ColumnMerge merge) throws Refusal;
  }

  private final ParsedStatement statement;
  private final HiddenColumns hidden;
  private final PositionOrderedColumns positionOrdered;

  PartialAggregates(ParsedStatement statement, HiddenColumns hidden, PositionOrderedColumns positionOrdered) {
    this.statement = statement;
    this.hidden = hidden;
    this.positionOrdered = positionOrdered;
  }

  /** {@code STDDEV(x)} and its kin: each shard adds {@code COUNT(x)}, {@code SUM(x)} and its own variance of x. */
  ColumnMerge variance(SqlCall call) throws Refusal {
    String name = SqlNodes.functionName(call);
    String argument = singleArgument(call);
    boolean sample = name.endsWith("_SAMP");
    boolean root = name.startsWith("STD");
    ColumnRef count = hidden.add("COUNT(" + argument + ")", new ColumnMerge.Count());
    ColumnRef sum = hidden.add("SUM(" + argument + ")", new ColumnMerge.Sum());
    ColumnRef variance = hidden.add((sample ? "VAR_SAMP(" : "VAR_POP(") + argument + ") + 0e0", new ColumnMerge.First());
    return new VarianceMerge(count, sum, variance, sample, root);
  }

  /** {@code BIT_AND(x)}, {@code BIT_OR(x)}, {@code BIT_XOR(x)}: the shards' results combined. */
  BitwiseMerge bitwise(SqlCall call) throws Refusal {
    singleArgument(call);
    return new BitwiseMerge(BitwiseMerge.Operation.valueOf(SqlNodes.functionName(call).substring(4)));
  }

  /**
   * {@code GROUP_CONCAT}: the texts the shards must group by as well are added to {@code subgroupKeys}.
   *
   * @throws Refusal for a separator that is not a string literal, or NULLS FIRST / LAST in its ORDER BY
   * @throws SQLException when the columns of a table it orders by cannot be read
   */
  GroupConcatMerge groupConcat(SqlCall call, List<String> subgroupKeys) throws Refusal, SQLException {
    if (hasLimit(call)) {
      throw new Refusal("GROUP_CONCAT(… LIMIT n) over several shards");
    }
    boolean distinct = SqlNodes.isDistinct(call);
    List<SqlNode> argumentNodes = new ArrayList<>();
    List<String> arguments = new ArrayList<>();
    List<SqlNode> orderNodes = List.of();
    String separator = ",";
    for (SqlNode operand : call.getOperandList()) {
      if (operand instanceof SqlNodeList list) {
        orderNodes = list.getList();
      } else if (operand.getKind() == SqlKind.SEPARATOR) {
        separator = separator(((SqlCall) operand).operand(0));
      } else {
        argumentNodes.add(operand);
        arguments.add(statement.text(operand));
      }
    }
    List<String> orderTexts = new ArrayList<>();
    List<Boolean> descending = new ArrayList<>();
    for (SqlNode node : orderNodes) {
      SqlNode key = node;
      if (key.getKind() == SqlKind.DESCENDING) {
        descending.add(true);
        key = ((SqlCall) key).operand(0);
      } else {
        descending.add(false);
      }
      if (key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST) {
        throw new Refusal("NULLS FIRST / NULLS LAST in GROUP_CONCAT");
      }
      orderTexts.add(orderKeyText(key, argumentNodes));
    }
    String concatenated = "CONCAT(" + String.join(", ", arguments) + ")";
    List<String> keys = new ArrayList<>(distinct ? arguments : List.of("CAST(" + concatenated + " AS BINARY)"));
    keys.addAll(orderTexts);
    for (String key : keys) {
      if (!subgroupKeys.contains(key)) {
        subgroupKeys.add(key);
      }
    }
    ColumnRef text = hidden.add("MIN(" + concatenated + ")", new ColumnMerge.First());
    ColumnRef rows = distinct ? null : hidden.add("COUNT(*)", new ColumnMerge.First());
    List<ColumnRef> argumentColumns = new ArrayList<>();
    if (distinct) {
      for (String argument : arguments) {
        argumentColumns.add(hidden.add(argument, new ColumnMerge.First()));
      }
    }
    List<SortKey> order = new ArrayList<>();
    for (int i = 0; i < orderTexts.size(); i++) {
      order.add(new SortKey(hidden.add(orderTexts.get(i), new ColumnMerge.First()), descending.get(i)));
    }
    ColumnRef maxLength = hidden.add("@@group_concat_max_len", new ColumnMerge.First());
    return new GroupConcatMerge(distinct, text, rows, argumentColumns, order, separator, maxLength);
  }

  /** Whether a GROUP_CONCAT call has a LIMIT of its own (hidden from Calcite, so read from the tokens). */
  private boolean hasLimit(SqlCall call) {
    TokenSpan span = statement.span(call);
    int depth = 0;
    for (int i = span.first(); i <= span.last(); i++) {
      Token token = statement.tokens().get(i);
      if (token.isSymbol("(")) {
        depth++;
      } else if (token.isSymbol(")")) {
        depth--;
      } else if (depth == 1 && token.isWord("LIMIT")) {
        return true;
      }
    }
    return false;
  }

  /**
   * An ORDER BY key of GROUP_CONCAT: a number names one of its arguments, as MySQL reads it; an ENUM or SET column
   * orders by the numbers of its values.
   */
  private String orderKeyText(SqlNode key, List<SqlNode> arguments) throws Refusal, SQLException {
    SqlNode expression = key;
    if (key instanceof SqlLiteral literal && literal.getValue() instanceof BigDecimal position) {
      int index = position.intValue();
      if (index < 1 || index > arguments.size()) {
        throw new Refusal("ORDER BY " + index + " in GROUP_CONCAT of " + arguments.size() + " arguments");
      }
      expression = arguments.get(index - 1);
    }
    String text = statement.text(expression);
    return positionOrdered.orderedByPosition(expression) ? "(" + text + ") + 0" : text;
  }

  private String separator(SqlNode node) throws Refusal {
    ValueSource value = node instanceof SqlLiteral literal ? KeyConditionExtractor.literal(statement, literal) : null;
    if (!(value instanceof ValueSource.Literal constant) || !(constant.value() instanceof String text)) {
      throw new Refusal("the SEPARATOR " + statement.text(node) + " of GROUP_CONCAT over several shards (a string literal is)");
    }
    return text;
  }

  private String singleArgument(SqlCall call) throws Refusal {
    String name = SqlNodes.functionName(call);
    if (SqlNodes.isDistinct(call)) {
      throw new Refusal(name + "(DISTINCT …)");
    }
    if (call.getOperandList().size() != 1) {
      throw new Refusal(name + " with " + call.getOperandList().size() + " arguments");
    }
    return statement.text(call.operand(0));
  }
}
