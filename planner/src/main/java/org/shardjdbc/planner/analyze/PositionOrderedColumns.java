package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.shardjdbc.planner.model.ColumnCatalog;

/**
 * Tells which ORDER BY and GROUP BY keys of a query over several shards are ENUM or SET columns of its tables. MySQL
 * orders such a column's values by their position in the column's definition, not as strings: a merge reproduces
 * that order only from the numbers of the values ({@code key + 0}), never from the strings or their weights. An
 * expression over the column ({@code CONCAT(state)}) is a string and orders as one. Also tells the keys that are
 * columns of a type without a collation (numbers, dates), which need no collation weights.
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
    for (ColumnCatalog.TableColumn defined : columns(expression)) {
      if (defined.orderedByPosition()) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param expression an ORDER BY or GROUP BY key, or the select item it names
   * @return whether it is a column, qualified or not, that every table defining a column of its name defines as an
   *     integer, decimal, floating-point, date or date-time column: values without a collation (whose
   *     {@code CHARSET} is {@code binary}), which the merge compares as values
   * @throws SQLException when a table's columns cannot be read
   */
  boolean withoutCollation(SqlNode expression) throws SQLException {
    if (mayNameUnknownColumn(expression)) {
      return false;
    }
    List<ColumnCatalog.TableColumn> columns = columns(expression);
    for (ColumnCatalog.TableColumn defined : columns) {
      switch (defined.type()) {
        case INTEGER, DECIMAL, FLOATING, DATE_TIME -> { }
        default -> {
          return false;
        }
      }
    }
    return !columns.isEmpty();
  }

  /** Whether an identifier may name a column of a table whose columns the catalog does not know (a derived table). */
  private boolean mayNameUnknownColumn(SqlNode expression) {
    if (!(expression instanceof SqlIdentifier identifier)) {
      return false;
    }
    String qualifier = identifier.names.size() > 1 ? identifier.names.get(identifier.names.size() - 2) : null;
    for (TableRef table : tables) {
      if (table.table() == null && (qualifier == null || qualifier.equalsIgnoreCase(table.alias()))) {
        return true;
      }
    }
    return false;
  }

  /** The columns of the tables that an identifier may name, by its qualifier and name; empty for any other expression. */
  private List<ColumnCatalog.TableColumn> columns(SqlNode expression) throws SQLException {
    if (!(expression instanceof SqlIdentifier identifier) || identifier.isStar()) {
      return List.of();
    }
    int names = identifier.names.size();
    String column = identifier.names.get(names - 1);
    String qualifier = names > 1 ? identifier.names.get(names - 2) : null;
    List<ColumnCatalog.TableColumn> named = new ArrayList<>(1);
    for (TableRef table : tables) {
      if (table.table() == null || (qualifier != null && !qualifier.equalsIgnoreCase(table.alias()))) {
        continue;
      }
      for (ColumnCatalog.TableColumn defined : catalog.columns(table.table())) {
        if (defined.name().equalsIgnoreCase(column)) {
          named.add(defined);
        }
      }
    }
    return named;
  }
}
