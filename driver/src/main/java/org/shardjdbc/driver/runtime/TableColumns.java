package org.shardjdbc.driver.runtime;

import java.sql.PreparedStatement;
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
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.KeyTypes;
import org.shardjdbc.planner.model.LogicalTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The columns of the logical tables as their first physical table defines them (name, type, AUTO_INCREMENT, ENUM or
 * SET, in table order): one query of {@code information_schema.COLUMNS} per logical table on first use, never all
 * tables up front, kept until {@link #invalidate()} (DDL through the driver). A table that does not exist yet is read
 * again next time.
 *
 * <p>Two uses, one read:
 * <ul>
 *   <li>{@link ColumnCatalog}, for the analysis of an INSERT without a column list or into a table whose key may be
 *       AUTO_INCREMENT: waits for a connection like a statement, and a failure to read is the statement's failure.
 *   <li>{@link KeyTypes}, for routing, which compares values by the shard key's type ({@code '9abc'} is the key 9 of
 *       an integer column, and a string of a string column): the statement being routed may already hold a
 *       connection of the same pool, so the read takes one only if it is free at once. When it cannot read (no free
 *       connection, no such table yet, a failure), the type is {@link KeyType#OTHER} for this statement, which routes
 *       it to every shard its conditions cannot exclude without a type.
 * </ul>
 */
final class TableColumns implements ColumnCatalog, KeyTypes {
  private static final Logger LOG = LoggerFactory.getLogger(TableColumns.class);
  private static final String QUERY = "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLLATION_NAME, EXTRA"
      + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

  private final Map<String, DataSourcePool> pools;
  /** By lower-case logical table name; only tables that exist. */
  private final Map<String, List<TableColumn>> known = new ConcurrentHashMap<>();

  TableColumns(Map<String, DataSourcePool> pools) {
    this.pools = pools;
  }

  @Override
  public List<TableColumn> columns(LogicalTable table) throws SQLException {
    List<TableColumn> columns = known.get(key(table));
    if (columns != null) {
      return columns;
    }
    DataNode node = table.node(0);
    try (DataSourcePool.Lease lease = pool(node).acquire()) {
      return read(table, lease);
    } catch (SQLException e) {
      throw new SQLException(node + ": cannot read the columns: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
    }
  }

  @Override
  public KeyType keyType(LogicalTable table) {
    List<TableColumn> columns = known.get(key(table));
    if (columns == null) {
      DataNode node = table.node(0);
      try (DataSourcePool.Lease lease = pool(node).tryAcquire()) {
        if (lease == null) {
          return KeyType.OTHER;
        }
        columns = read(table, lease);
      } catch (SQLException e) {
        LOG.debug("cannot read the type of {}.{} from {}: every shard is asked meanwhile", table.name(),
            table.shardKey(), node, e);
        return KeyType.OTHER;
      }
    }
    for (TableColumn column : columns) {
      if (column.name().equalsIgnoreCase(table.shardKey())) {
        return column.type();
      }
    }
    return KeyType.OTHER;
  }

  /** Forgets every table's columns: the next statement that needs them reads them again. */
  void invalidate() {
    known.clear();
  }

  private DataSourcePool pool(DataNode node) throws SQLException {
    DataSourcePool pool = pools.get(node.dataSource());
    if (pool == null) {
      throw new SQLException("unknown data source '" + node.dataSource() + "'", "HY000");
    }
    return pool;
  }

  /** Reads a table's columns and keeps them if the table exists. */
  private List<TableColumn> read(LogicalTable table, DataSourcePool.Lease lease) throws SQLException {
    DataNode node = table.node(0);
    List<TableColumn> columns = new ArrayList<>();
    try (PreparedStatement statement = lease.connection().prepareStatement(QUERY)) {
      statement.setString(1, node.table());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          // exact name: information_schema compares names without regard to case, the server's tables may not
          if (rows.getString(1).equals(node.table())) {
            String dataType = rows.getString(3);
            String extra = rows.getString(5);
            columns.add(new TableColumn(rows.getString(2), KeyType.of(dataType, rows.getString(4)),
                extra != null && extra.toLowerCase(Locale.ROOT).contains("auto_increment"),
                "enum".equalsIgnoreCase(dataType) || "set".equalsIgnoreCase(dataType)));
          }
        }
      }
    }
    if (!columns.isEmpty()) {
      known.put(key(table), List.copyOf(columns));
    }
    return columns;
  }

  private static String key(LogicalTable table) {
    return table.name().toLowerCase(Locale.ROOT);
  }
}
