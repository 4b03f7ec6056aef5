package org.shardjdbc.driver.runtime;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * The columns of logical tables as their first physical table has them, read on first use (one metadata query per
 * logical table, never all tables up front) and kept until {@link #invalidate()}: DDL through the driver invalidates
 * them. A table that does not exist yet is read again next time.
 */
final class PhysicalColumns implements ColumnCatalog {
  private final Map<String, DataSourcePool> pools;
  private final Map<String, List<TableColumn>> columns = new ConcurrentHashMap<>();

  PhysicalColumns(Map<String, DataSourcePool> pools) {
    this.pools = pools;
  }

  @Override
  public List<TableColumn> columns(LogicalTable table) throws SQLException {
    String key = table.name().toLowerCase(Locale.ROOT);
    List<TableColumn> known = columns.get(key);
    if (known != null) {
      return known;
    }
    List<TableColumn> read = read(table.node(0));
    if (!read.isEmpty()) {
      columns.put(key, read);
    }
    return read;
  }

  private List<TableColumn> read(DataNode node) throws SQLException {
    List<TableColumn> read = new ArrayList<>();
    try (DataSourcePool.Lease lease = pools.get(node.dataSource()).acquire()) {
      DatabaseMetaData metadata = lease.connection().getMetaData();
      try (ResultSet rows = metadata.getColumns(lease.connection().getCatalog(), null, node.table(), "%")) {
        while (rows.next()) {
          // exact name: the pattern's _ matches any character, and other tables may match it too
          if (rows.getString("TABLE_NAME").equals(node.table())) {
            String type = rows.getString("TYPE_NAME");
            read.add(new TableColumn(rows.getString("COLUMN_NAME"), "YES".equals(rows.getString("IS_AUTOINCREMENT")),
                "ENUM".equalsIgnoreCase(type) || "SET".equalsIgnoreCase(type)));
          }
        }
      }
    } catch (SQLException e) {
      throw new SQLException(node + ": cannot read the columns: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
    }
    return read;
  }

  /** Forgets every table's columns: the next statement that needs them reads them again. */
  void invalidate() {
    columns.clear();
  }
}
