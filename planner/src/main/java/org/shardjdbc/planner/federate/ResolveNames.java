package org.shardjdbc.planner.federate;

import java.sql.SQLSyntaxErrorException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
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
 * Resolves the column names of one query block's expressions where MySQL's rules are not Calcite's, before Calcite
 * sees them:
 * <ul>
 *   <li>a name's qualifier is a table alias (or a table's name), which MySQL compares case-sensitively (with
 *       {@code lower_case_table_names = 0}, as on Linux): {@code O.order_id} over {@code orders o} is MySQL's error
 *       1054, where Calcite's validator, which compares case-insensitively, would accept it;</li>
 *   <li>an unqualified name of the common column of a USING or NATURAL join ({@code customer_id} in
 *       {@code orders o JOIN customers c USING (customer_id)}) becomes that column, {@code o.customer_id}, since the
 *       join reaches Calcite as a join on ON, where the bare name would be ambiguous. In ORDER BY and HAVING a name
 *       that is a select item's label means that item, as in MySQL.</li>
 * </ul>
 * Subqueries are left to their own block's pass.
 */
final class ResolveNames {
  /** The names a block sees: its own FROM clause's, then those of the blocks around it. */
  interface Names {
    /** The qualified column an unqualified name means when it is a common column of a USING join, or null. */
    SqlIdentifier coalesced(SqlIdentifier name);

    /** Whether a FROM item of the block or of a block around it has exactly this alias. */
    boolean hasAlias(String alias);
  }

  private final Names names;
  private Set<String> labels = Set.of();

  ResolveNames(Names names) {
    this.names = names;
  }

  /**
   * Rewrites the block's clauses in place; {@code outerOrderList} is the ORDER BY around it, or null.
   *
   * @throws SQLSyntaxErrorException MySQL's error 1054 for a qualifier that is no alias of the query
   */
  void block(SqlSelect select, SqlNodeList outerOrderList) throws SQLSyntaxErrorException {
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

  private void joinConditions(SqlNode from) throws SQLSyntaxErrorException {
    if (from instanceof SqlJoin join) {
      joinConditions(join.getLeft());
      joinConditions(join.getRight());
      if (join.getCondition() != null && !(join.getCondition() instanceof SqlNodeList)) {
        join.setOperand(5, expression(join.getCondition()));
      }
    }
  }

  private SqlNode expression(SqlNode node) throws SQLSyntaxErrorException {
    if (node == null || node instanceof SqlLiteral || node instanceof SqlDataTypeSpec
        || node instanceof SqlIntervalQualifier || node instanceof SqlSelect || node instanceof SqlOrderBy
        || node instanceof SqlWith) {
      return node;
    }
    if (node instanceof SqlIdentifier identifier) {
      if (identifier.names.size() == 2 && !names.hasAlias(identifier.names.get(0))) {
        throw new SQLSyntaxErrorException("Unknown column '" + String.join(".", identifier.names) + "' (table aliases "
            + "compare case-sensitively)", "42S22", 1054);
      }
      if (identifier.names.size() != 1 || identifier.isStar()
          || labels.contains(identifier.getSimple().toLowerCase(Locale.ROOT))) {
        return node;
      }
      SqlIdentifier qualified = names.coalesced(identifier);
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
