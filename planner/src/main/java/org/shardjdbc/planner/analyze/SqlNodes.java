package org.shardjdbc.planner.analyze;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;

/** Questions about Calcite syntax trees that the analysis and federation ask in several places. */
public final class SqlNodes {
  /** The aggregates whose partial results the merge can combine exactly. */
  static final Set<String> MERGEABLE_AGGREGATES = Set.of("COUNT", "SUM", "AVG", "MIN", "MAX", "ANY_VALUE", "STD",
      "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "BIT_AND", "BIT_OR", "BIT_XOR",
      "GROUP_CONCAT");
  /** Aggregates MySQL has that the merge cannot combine from per-shard partials. */
  static final Set<String> OTHER_AGGREGATES = Set.of("JSON_ARRAYAGG", "JSON_OBJECTAGG", "LISTAGG", "ARRAY_AGG",
      "COLLECT", "EVERY", "SOME", "BOOL_AND", "BOOL_OR");

  private SqlNodes() {}

  static String functionName(SqlCall call) {
    return call.getOperator().getName().toUpperCase(Locale.ROOT);
  }

  /** The name to show for a call: JSON_ARRAYAGG rather than Calcite's JSON_ARRAYAGG_ABSENT_ON_NULL. */
  static String shownName(SqlCall call) {
    return call.getKind() == SqlKind.JSON_ARRAYAGG || call.getKind() == SqlKind.JSON_OBJECTAGG ? call.getKind().name()
        : functionName(call);
  }

  static boolean isAggregateCall(SqlNode node) {
    if (!(node instanceof SqlCall call) || node instanceof SqlSelect) {
      return false;
    }
    String name = functionName(call);
    return (MERGEABLE_AGGREGATES.contains(name) || OTHER_AGGREGATES.contains(name) || call.getOperator().isAggregator())
        && call.getKind() != SqlKind.OVER;
  }

  static boolean isDistinct(SqlCall call) {
    SqlLiteral quantifier = call.getFunctionQuantifier();
    return quantifier != null && "DISTINCT".equalsIgnoreCase(quantifier.toValue());
  }

  /** Whether an expression has an aggregate call outside of any subquery. */
  static boolean containsAggregate(SqlNode node) {
    if (node == null || node instanceof SqlSelect) {
      return false;
    }
    if (isAggregateCall(node)) {
      return true;
    }
    for (SqlNode child : children(node)) {
      if (containsAggregate(child)) {
        return true;
      }
    }
    return false;
  }

  /** The first node of a kind in an expression, subqueries included, or null. */
  static SqlNode find(SqlNode node, SqlKind kind) {
    if (node == null) {
      return null;
    }
    if (node.getKind() == kind) {
      return node;
    }
    for (SqlNode child : children(node)) {
      SqlNode found = find(child, kind);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  public static List<SqlNode> children(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      return list.getList();
    }
    if (node instanceof SqlCall call) {
      return call.getOperandList();
    }
    return List.of();
  }

  /** Strips an {@code AS alias} from a select item or FROM item. */
  public static SqlNode unalias(SqlNode node) {
    if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
      return call.operand(0);
    }
    return node;
  }

  public static String alias(SqlNode node) {
    if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.AS && call.operandCount() >= 2
        && call.operand(1) instanceof SqlIdentifier alias) {
      return alias.getSimple();
    }
    return null;
  }

  public static boolean isStar(SqlNode node) {
    return node instanceof SqlIdentifier identifier && identifier.isStar();
  }
}
