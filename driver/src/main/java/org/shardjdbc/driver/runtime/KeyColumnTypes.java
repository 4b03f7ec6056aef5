package org.shardjdbc.driver.runtime;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.KeyTypes;
import org.shardjdbc.planner.model.LogicalTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key column types of the sharded tables, read lazily from each table's first physical table and kept for the
 * runtime's life: routing needs them to know which stored keys a value equals ({@code '9abc'} is the key 9 of an
 * integer column, and a string of a string column).
 *
 * <p>A read takes a connection only if its pool has one free at once, so that it never waits for a connection while
 * the statement being routed may hold one of the same pool. When it cannot read (no free connection, no such table
 * yet, a failure), the type is {@link KeyType#OTHER} for this statement, which routes it to every shard its
 * conditions cannot exclude without a type, and it is read again next time.
 */
final class KeyColumnTypes implements KeyTypes {
  private static final Logger LOG = LoggerFactory.getLogger(KeyColumnTypes.class);
  private static final String QUERY = "SELECT DATA_TYPE, COLLATION_NAME FROM information_schema.COLUMNS"
      + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?";

  private final Map<String, DataSourcePool> pools;
  private final Map<String, KeyType> known = new ConcurrentHashMap<>();

  KeyColumnTypes(Map<String, DataSourcePool> pools) {
    this.pools = pools;
  }

  @Override
  public KeyType keyType(LogicalTable table) {
    KeyType type = known.get(table.name());
    if (type != null) {
      return type;
    }
    type = read(table);
    if (type != null) {
      known.put(table.name(), type);
      return type;
    }
    return KeyType.OTHER;
  }

  private KeyType read(LogicalTable table) {
    DataNode node = table.node(0);
    DataSourcePool pool = pools.get(node.dataSource());
    try (DataSourcePool.Lease lease = pool == null ? null : pool.tryAcquire()) {
      if (lease == null) {
        return null;
      }
      try (PreparedStatement statement = lease.connection().prepareStatement(QUERY)) {
        statement.setString(1, node.table());
        statement.setString(2, table.shardKey());
        try (ResultSet rows = statement.executeQuery()) {
          return rows.next() ? KeyType.of(rows.getString(1), rows.getString(2)) : null;
        }
      }
    } catch (SQLException e) {
      LOG.debug("cannot read the type of {}.{} from {}: every shard is asked meanwhile", table.name(), table.shardKey(),
          node, e);
      return null;
    }
  }
}
