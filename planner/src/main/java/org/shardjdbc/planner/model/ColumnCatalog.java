package org.shardjdbc.planner.model;

import java.sql.SQLException;
import java.util.List;

/**
 * The columns of logical tables, in table order, as the servers define them: what an INSERT without a column list
 * needs to find the shard key among its values, what tells an AUTO_INCREMENT shard key, the shard key's type that
 * routing compares values by ({@link KeyTypes}, which the driver answers from the same columns), and which columns a
 * merge must order by their position in the column's definition. The driver reads them lazily from one physical
 * table per logical table and caches them until a DDL statement changes a table.
 */
public interface ColumnCatalog {

  /** A catalog that knows no columns: for tests and for statements that need none. */
  ColumnCatalog NONE = table -> List.of();

  /**
   * @param table a sharded or broadcast table
   * @return its columns in table order; empty when the physical table does not exist (yet)
   * @throws SQLException when the columns cannot be read
   */
  List<TableColumn> columns(LogicalTable table) throws SQLException;

  /**
   * One column of a table.
   *
   * @param type the column's type as far as routing by it needs ({@link KeyType#OTHER} for most non-key types)
   * @param orderedByPosition whether the column is an ENUM or a SET, whose values MySQL orders by their position in
   *     the column's definition (their number) rather than as strings
   */
  record TableColumn(String name, KeyType type, boolean autoIncrement, boolean orderedByPosition) {}
}
