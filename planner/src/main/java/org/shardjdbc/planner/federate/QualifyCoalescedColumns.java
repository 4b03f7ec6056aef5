package org.shardjdbc.planner.federate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
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
import org.shardjdbc.planner.analyze.SqlNodes;

/**
 * Qualifies the unqualified names of one query block that mean the common column of a USING or NATURAL join
 * ({@code customer_id} in {@code orders o JOIN customers c USING (customer_id)} becomes {@code o.customer_id}), once
 * that join reaches Calcite as a join on ON, where the bare name would be ambiguous. Subqueries are left to their own
 * block's pass; in ORDER BY and HAVING a name that is a select item's label means that item, as in MySQL.
 */
final class QualifyCoalescedColumns {
  private final Function<SqlIdentifier, SqlIdentifier> coalesced;
  private Set<String> labels = Set.of();

  /** @param coalesced the qualified column an unqualified name means, or null to leave it */
  QualifyCoalescedColumns(Function<SqlIdentifier, SqlIdentifier> coalesced) {
    this.coalesced = coalesced;
  }

  /** Rewrites the block's clauses in place; {@code outerOrderList} is the ORDER BY around it, or null. */
  void block(SqlSelect select, SqlNodeList outerOrderList) {
    SqlNodeList items = select.getSelectList();
    Set<String> itemLabels = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      String alias = SqlNodes.alias(item);
      SqlNode expression = SqlNodes.unalias(item);
      if (alias != null) {
        itemLabels.add(alias.toLowerCase(Locale.ROOT));
      } else if (expression instanceof SqlIdentifier identifier && !identifier.isStar()) {
        itemLabels.add(identifier.names.get(identifier.names.size() - 1).toLowerCase(Locale.ROOT));
      }
      if (item instanceof SqlCall as && as.getKind() == SqlKind.AS) {
        as.setOperand(0, expression(as.operand(0)));
      } else {
        items.set(i, expression(item));
      }
    }
    if (select.getFrom() != null) {
      joinConditions(select.getFrom());
    }
    select.setWhere(expression(select.getWhere()));
    if (select.getGroup() != null) {
      expression(select.getGroup());
    }
    if (select.getWindowList() != null) {
      expression(select.getWindowList());
    }
    labels = itemLabels;
    select.setHaving(expression(select.getHaving()));
    if (select.getOrderList() != null) {
      expression(select.getOrderList());
    }
    if (outerOrderList != null) {
      expression(outerOrderList);
    }
    labels = Set.of();
  }

  private void joinConditions(SqlNode from) {
    if (from instanceof SqlJoin join) {
      joinConditions(join.getLeft());
      joinConditions(join.getRight());
      if (join.getCondition() != null && !(join.getCondition() instanceof SqlNodeList)) {
        join.setOperand(5, expression(join.getCondition()));
      }
    }
  }

  private SqlNode expression(SqlNode node) {
    if (node == null || node instanceof SqlLiteral || node instanceof SqlDataTypeSpec
        || node instanceof SqlIntervalQualifier || node instanceof SqlSelect || node instanceof SqlOrderBy
        || node instanceof SqlWith) {
      return node;
    }
    if (node instanceof SqlIdentifier identifier) {
      if (identifier.names.size() != 1 || identifier.isStar()
          || labels.contains(identifier.getSimple().toLowerCase(Locale.ROOT))) {
        return node;
      }
      SqlIdentifier qualified = coalesced.apply(identifier);
      return qualified == null ? node : qualified;
    }
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        list.set(i, expression(list.get(i)));
      }
      return node;
    }
    if (node instanceof SqlWindow window) {
      expression(window.getPartitionList());
      expression(window.getOrderList());
      return node;
    }
    if (node instanceof SqlCall call) {
      if (call.getKind() == SqlKind.UNION || call.getKind() == SqlKind.INTERSECT || call.getKind() == SqlKind.EXCEPT) {
        return node;
      }
      // the window of OVER may be a name, and an AS names a value: neither is a column
      int operands = call.getKind() == SqlKind.AS ? 1 : call.operandCount();
      for (int i = 0; i < operands; i++) {
        SqlNode operand = call.operand(i);
        if (call.getKind() == SqlKind.OVER && i == 1 && operand instanceof SqlIdentifier) {
          continue;
        }
        SqlNode rewritten = expression(operand);
        if (rewritten != operand) {
          call.setOperand(i, rewritten);
        }
      }
    }
    return node;
  }
}
