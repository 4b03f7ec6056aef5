package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.shardjdbc.planner.model.ColumnCatalog;

/**
 * Tells which ORDER BY and GROUP BY keys of a query over several shards are ENUM or SET columns of its tables. MySQL
 * orders such a column's values by their position in the column's definition, not as strings: a merge reproduces
 * that order only from the numbers of the values ({@code key + 0}), never from the strings or their weights. An
 * expression over the column ({@code CONCAT(state)}) is a string and orders as one.
 */
final class PositionOrderedColumns {
  private final ColumnCatalog catalog;
  private final List<TableRef> tables;

  /** @param tables the tables of the query's own FROM clause */
  PositionOrderedColumns(ColumnCatalog catalog, List<TableRef> tables) {
    this.catalog = catalog;
    this.tables = tables;
  }

  /**
   * @param expression an ORDER BY or GROUP BY key, or the select item it names
   * @return whether it is a column, qualified or not, that one of the tables defines as an ENUM or a SET
   * @throws SQLException when a table's columns cannot be read
   */
  boolean orderedByPosition(SqlNode expression) throws SQLException {
    if (!(expression instanceof SqlIdentifier identifier) || identifier.isStar()) {
      return false;
    }
    int names = identifier.names.size();
    String column = identifier.names.get(names - 1);
    String qualifier = names > 1 ? identifier.names.get(names - 2) : null;
    for (TableRef table : tables) {
      if (table.table() == null || (qualifier != null && !qualifier.equalsIgnoreCase(table.alias()))) {
        continue;
      }
      for (ColumnCatalog.TableColumn defined : catalog.columns(table.table())) {
        if (defined.orderedByPosition() && defined.name().equalsIgnoreCase(column)) {
          return true;
        }
      }
    }
    return false;
  }
}
