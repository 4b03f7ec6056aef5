package org.shardjdbc.planner.analyze;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * Finds the {@link ResultColumn} of each select item of a query block from its syntax alone: the tables a column's
 * qualifier may name are those of the block's own FROM clause. When a {@code *} covers a table that is not a sharded
 * or broadcast one (an unsharded table, a derived table), or a join whose {@code USING} or {@code NATURAL} merges
 * columns, the columns cannot be counted: there is no answer.
 */
final class ResultColumns {
  private ResultColumns() {}

  /**
   * @param block the query block whose rows are the result
   * @param refs the tables of the block's own FROM clause
   * @return one entry per select item, or null when the select list's columns cannot be counted
   */
  static List<ResultColumn> of(SqlSelect block, List<TableRef> refs) {
    List<LogicalTable> fromTables = new ArrayList<>();
    boolean countable = fromItems(block.getFrom(), refs, fromTables);
    List<ResultColumn> columns = new ArrayList<>();
    for (SqlNode item : block.getSelectList()) {
      SqlNode expression = SqlNodes.unalias(item);
      if (!(expression instanceof SqlIdentifier identifier)) {
        columns.add(new ResultColumn.Expression());
        continue;
      }
      int names = identifier.names.size();
      LogicalTable qualified = null;
      if (names > 1) {
        TableRef ref = byAlias(refs, identifier.names.get(names - 2));
        qualified = ref == null ? null : ref.table();
      }
      if (identifier.isStar()) {
        if (names == 1 && countable && !fromTables.contains(null)) {
          columns.add(new ResultColumn.AllColumns(fromTables));
        } else if (names > 1 && qualified != null) {
          columns.add(new ResultColumn.AllColumns(List.of(qualified)));
        } else {
          return null;
        }
      } else if (names > 1) {
        columns.add(qualified == null ? new ResultColumn.Unknown()
            : new ResultColumn.Column(List.of(qualified), identifier.names.get(names - 1)));
      } else {
        columns.add(!countable || fromTables.contains(null) ? new ResultColumn.Unknown()
            : new ResultColumn.Column(fromTables, identifier.getSimple()));
      }
    }
    return columns;
  }

  /**
   * Adds the tables of a FROM clause in order (null for one that is not sharded or broadcast) and tells whether
   * {@code *} gives exactly their columns one after another.
   */
  private static boolean fromItems(SqlNode from, List<TableRef> refs, List<LogicalTable> tables) {
    if (from instanceof SqlJoin join) {
      boolean merged = join.isNatural() || join.getConditionType() == JoinConditionType.USING;
      return fromItems(join.getLeft(), refs, tables) & fromItems(join.getRight(), refs, tables) && !merged;
    }
    SqlNode table = from;
    String alias = null;
    if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
      table = call.operand(0);
      alias = SqlNodes.alias(call);
    }
    if (!(table instanceof SqlIdentifier identifier)) {
      tables.add(null);
      return false;
    }
    TableRef ref = byAlias(refs, alias != null ? alias : identifier.names.get(identifier.names.size() - 1));
    tables.add(ref == null ? null : ref.table());
    return ref != null;
  }

  /** The table the block refers to by {@code alias} (its alias, else its name), as MySQL matches aliases. */
  private static TableRef byAlias(List<TableRef> refs, String alias) {
    for (TableRef ref : refs) {
      if (ref.alias().equalsIgnoreCase(alias)) {
        return ref;
      }
    }
    return null;
  }
}
