package org.shardjdbc.planner.federate;

import java.sql.SQLException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * The share of a table's rows that one condition of its scan keeps, guessed from the condition's form, so that the
 * planner reads the smaller input of a join first (and passes its keys to the other). An equality or IN list of
 * constants on a column keeps one row per value and distinct value of the column (the servers' index statistics: one
 * row for a unique key); without statistics, and for other conditions, the guesses are Calcite's
 * ({@code RelMdUtil.guessSelectivity}). Only the order of the estimates matters; none changes a result.
 */
final class FilterSelectivity {
  private static final double EQUALS = 0.15;
  private static final double COMPARISON = 0.5;
  private static final double IS_NOT_NULL = 0.9;
  private static final double OTHER = 0.25;

  private FilterSelectivity() {}

  /**
   * @param condition a condition over the occurrence's columns alone
   * @return a share of the rows, above 0 and at most 1
   */
  static double of(SqlNode condition, TableOccurrence occurrence, ServerSchema schema) throws SQLException {
    switch (condition.getKind()) {
      case EQUALS: {
        SqlCall call = (SqlCall) condition;
        SqlNode column = constant(call.operand(1)) ? call.operand(0) : constant(call.operand(0)) ? call.operand(1) : null;
        return column == null ? EQUALS : valuesOf(column, 1, occurrence, schema);
      }
      case IN: {
        SqlCall call = (SqlCall) condition;
        if (call.operand(1) instanceof SqlNodeList list && list.stream().allMatch(FilterSelectivity::constant)) {
          return valuesOf(call.operand(0), list.size(), occurrence, schema);
        }
        return OTHER;
      }
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
      case BETWEEN:
        return COMPARISON;
      case IS_NOT_NULL:
        return IS_NOT_NULL;
      default:
        return OTHER;
    }
  }

  /** The share of rows whose column is one of {@code values} constants. */
  private static double valuesOf(SqlNode column, int values, TableOccurrence occurrence, ServerSchema schema)
      throws SQLException {
    if (!(column instanceof SqlIdentifier identifier)) {
      return EQUALS;
    }
    String name = identifier.names.get(identifier.names.size() - 1);
    double distinct = occurrence.hasColumn(name) ? schema.distinctValues(occurrence.table(), name) : 0;
    return distinct >= 1 ? Math.min(1, values / distinct) : Math.min(1, values * EQUALS);
  }

  private static boolean constant(SqlNode node) {
    return node instanceof SqlLiteral || node instanceof SqlDynamicParam;
  }
}
