package org.shardjdbc.driver.runtime;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
 *
 * <p>A table is read by one statement at a time: when many start at once (an application's first burst of threads),
 * one reads and the others wait for its answer, instead of each taking a connection of the same pool for the same
 * query, or, for routing, being sent to every shard because no connection was free.
 */
final class TableColumns implements ColumnCatalog, KeyTypes {
  private static final Logger LOG = LoggerFactory.getLogger(TableColumns.class);
  private static final String QUERY = "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLLATION_NAME, EXTRA"
      + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";

  private final Map<String, DataSourcePool> pools;
  /** By lower-case logical table name; only tables that exist. */
  private final Map<String, List<TableColumn>> known = new ConcurrentHashMap<>();
  /** By lower-case logical table name: the reads under way. */
  private final Map<String, CompletableFuture<List<TableColumn>>> reading = new ConcurrentHashMap<>();

  TableColumns(Map<String, DataSourcePool> pools) {
    this.pools = pools;
  }

  @Override
  public List<TableColumn> columns(LogicalTable table) throws SQLException {
    List<TableColumn> columns = known.get(key(table));
    while (columns == null) { // null: the read this waited for found no free connection; read again
      try {
        columns = readOnce(table, false);
      } catch (SQLException e) {
        throw new SQLException(table.node(0) + ": cannot read the columns: " + e.getMessage(), e.getSQLState(),
            e.getErrorCode(), e);
      }
    }
    return columns;
  }

  @Override
  public KeyType keyType(LogicalTable table) {
    List<TableColumn> columns = known.get(key(table));
    if (columns == null) {
      try {
        columns = readOnce(table, true);
      } catch (SQLException e) {
        LOG.debug("cannot read the type of {}.{} from {}: every shard is asked meanwhile", table.name(),
            table.shardKey(), table.node(0), e);
        return KeyType.OTHER;
      }
      if (columns == null) {
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

  /**
   * Reads a table's columns, or waits for the read another statement has under way. With {@code onlyIfFree}, takes a
   * connection only if one is free at once, and answers null when none is.
   */
  private List<TableColumn> readOnce(LogicalTable table, boolean onlyIfFree) throws SQLException {
    String key = key(table);
    CompletableFuture<List<TableColumn>> mine = new CompletableFuture<>();
    CompletableFuture<List<TableColumn>> running = reading.putIfAbsent(key, mine);
    if (running != null) {
      return await(running);
    }
    try {
      List<TableColumn> columns = known.get(key); // read by another statement since this one looked
      if (columns == null) {
        columns = readWithConnection(table, onlyIfFree);
      }
      mine.complete(columns);
      return columns;
    } catch (SQLException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      reading.remove(key, mine);
    }
  }

  private List<TableColumn> readWithConnection(LogicalTable table, boolean onlyIfFree) throws SQLException {
    DataSourcePool pool = pool(table.node(0));
    try (DataSourcePool.Lease lease = onlyIfFree ? pool.tryAcquire() : pool.acquire()) {
      return lease == null ? null : read(table, lease);
    }
  }

  private static List<TableColumn> await(CompletableFuture<List<TableColumn>> read) throws SQLException {
    try {
      return read.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a table's columns", "HY000", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException failure) {
        throw new SQLException(failure.getMessage(), failure.getSQLState(), failure.getErrorCode(), failure);
      }
      throw new SQLException(String.valueOf(e.getCause()), "HY000", e.getCause());
    }
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
