package org.shardjdbc.planner.federate;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The columns of a FROM clause as MySQL lists them for {@code SELECT *} and resolves unqualified names against, and
 * {@code JOIN … USING (…)} and {@code NATURAL JOIN} rewritten as joins on ON.
 *
 * <p>MySQL's rules (reference manual, "JOIN Clause"): the columns a USING or NATURAL join has in common appear once,
 * first, in the order of the first table, then the first table's other columns, then the second's; an unqualified
 * name of a common column means the coalesced column, which for an inner or LEFT join is the left operand's column and
 * for a RIGHT join (which MySQL turns into a LEFT join with its operands swapped) the right operand's, so that no
 * COALESCE is needed: its value, type and collation are those of one table's column. Calcite would type a USING
 * column by its own implicit conversions, so the join reaches it as {@code ON l.c = r.c}, and every reference to a
 * common column as that one table's column.
 */
final class JoinColumns {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  /**
   * One column of a FROM item.
   *
   * @param name its name, as the table or derived table spells it
   * @param reference the qualified name that reads it ({@code o.customer_id})
   * @param coalesced whether it is the common column of a USING or NATURAL join, which an unqualified name means
   */
  record FromColumn(String name, SqlIdentifier reference, boolean coalesced) {
    boolean named(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  private JoinColumns() {}

  /** The columns of a table or derived table under its alias. */
  static List<FromColumn> of(String alias, List<String> names) {
    List<FromColumn> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(new FromColumn(name, new SqlIdentifier(List.of(alias, name), POS), false));
    }
    return columns;
  }

  /**
   * The columns of a join of two FROM items; a USING or NATURAL join is rewritten in place into a join on ON.
   *
   * @throws SQLSyntaxErrorException as MySQL's errors 1054 (a USING column missing on one side) and 1052 (a common
   *     column that one side has twice)
   */
  static List<FromColumn> join(SqlJoin join, List<FromColumn> left, List<FromColumn> right) throws SQLException {
    boolean natural = join.isNatural();
    boolean using = join.getConditionType() == JoinConditionType.USING;
    if (!natural && !using) {
      List<FromColumn> columns = new ArrayList<>(left);
      columns.addAll(right);
      return columns;
    }
    boolean swapped = join.getJoinType() == JoinType.RIGHT;
    List<FromColumn> first = swapped ? right : left;
    List<FromColumn> second = swapped ? left : right;
    List<String> common = new ArrayList<>();
    if (natural) {
      for (FromColumn column : left) {
        if (count(right, column.name()) > 0 && !contains(common, column.name())) {
          common.add(column.name());
        }
      }
    } else {
      for (SqlNode item : (SqlNodeList) join.getCondition()) {
        String name = ((SqlIdentifier) item).getSimple();
        if (count(left, name) == 0 || count(right, name) == 0) {
          throw new SQLSyntaxErrorException("Unknown column '" + name + "' in 'from clause'", "42S22", 1054);
        }
        if (contains(common, name)) {
          throw new SQLSyntaxErrorException("Not unique table/alias or duplicate column '" + name + "' in USING",
              "42000", 1066);
        }
        common.add(name);
      }
    }
    for (String name : common) {
      if (count(left, name) > 1 || count(right, name) > 1) {
        throw new SQLSyntaxErrorException("Column '" + name + "' in from clause is ambiguous", "23000", 1052);
      }
    }

    List<FromColumn> columns = new ArrayList<>();
    for (FromColumn column : first) {
      if (contains(common, column.name())) {
        columns.add(new FromColumn(column.name(), column.reference(), true));
      }
    }
    for (List<FromColumn> side : List.of(first, second)) {
      for (FromColumn column : side) {
        if (!contains(common, column.name())) {
          columns.add(column);
        }
      }
    }

    SqlNode condition = null;
    for (String name : common) {
      SqlNode equal = SqlStdOperatorTable.EQUALS.createCall(POS, find(left, name).reference(), find(right, name).reference());
      condition = condition == null ? equal : SqlStdOperatorTable.AND.createCall(POS, condition, equal);
    }
    join.setOperand(1, SqlLiteral.createBoolean(false, POS));
    join.setOperand(4, JoinConditionType.ON.symbol(POS));
    join.setOperand(5, condition == null ? SqlLiteral.createBoolean(true, POS) : condition);
    return columns;
  }

  private static int count(List<FromColumn> columns, String name) {
    int count = 0;
    for (FromColumn column : columns) {
      count += column.named(name) ? 1 : 0;
    }
    return count;
  }

  private static FromColumn find(List<FromColumn> columns, String name) {
    for (FromColumn column : columns) {
      if (column.named(name)) {
        return column;
      }
    }
    throw new IllegalStateException(name);
  }

  private static boolean contains(List<String> names, String name) {
    for (String other : names) {
      if (other.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a FROM clause has a column of that name. */
  static boolean has(List<FromColumn> columns, String name) {
    return count(columns, name) > 0;
  }

  /**
   * The identifier an unqualified name of a query block's expression means when it is the common column of a USING or
   * NATURAL join, or null when it means something else (a column of one table only, which Calcite resolves as MySQL
   * does, or nothing of this FROM clause).
   */
  static SqlIdentifier coalesced(List<FromColumn> columns, SqlIdentifier name) {
    String simple = name.getSimple();
    FromColumn found = null;
    for (FromColumn column : columns) {
      if (column.named(simple)) {
        if (found != null) {
          return null; // ambiguous, as MySQL says too
        }
        found = column;
      }
    }
    if (found == null || !found.coalesced()) {
      return null;
    }
    // the user's spelling, which labels the column, at the user's position, where its text is
    return new SqlIdentifier(List.of(found.reference().names.get(0), name.getSimple()), name.getParserPosition());
  }
}
