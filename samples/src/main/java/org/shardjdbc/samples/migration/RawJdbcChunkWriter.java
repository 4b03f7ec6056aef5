package org.shardjdbc.samples.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardjdbc.driver.config.DataSourceConfig;
import org.shardjdbc.driver.config.ShardConfig;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * The same chunk written by hand, for comparison: plain mysql-connector-j connections, one per data source, the rows
 * grouped by physical table ({@code floorMod(order_id, 16)}, as {@code migration.yaml} places them), one multi-row
 * upsert per physical table, and per data source one transaction, committed one data source after another. Only the
 * layout is read from the configuration file.
 */
final class RawJdbcChunkWriter implements ChunkWriter {
  private final LogicalTable orders;
  private final Map<String, Connection> connections;

  private RawJdbcChunkWriter(LogicalTable orders, Map<String, Connection> connections) {
    this.orders = orders;
    this.connections = connections;
  }

  static ChunkWriter.Factory factory(Path config) throws SQLException {
    ShardConfig shardConfig = ShardConfig.load(config.toAbsolutePath().toString());
    LogicalTable orders = shardConfig.model().table("orders");
    return () -> {
      Map<String, Connection> connections = new LinkedHashMap<>();
      try {
        for (DataSourceConfig dataSource : shardConfig.dataSources().values()) {
          Connection connection = DriverManager.getConnection(dataSource.url(), dataSource.username(), dataSource.password());
          connection.setAutoCommit(false);
          connections.put(dataSource.name(), connection);
        }
      } catch (SQLException e) {
        for (Connection connection : connections.values()) {
          connection.close();
        }
        throw e;
      }
      return new RawJdbcChunkWriter(orders, connections);
    };
  }

  @Override
  public void write(List<Object[]> rows) throws SQLException {
    Map<DataNode, List<Object[]>> byTable = new LinkedHashMap<>();
    for (Object[] row : rows) {
      DataNode node = orders.node((int) Math.floorMod((Long) row[0], orders.shardCount()));
      byTable.computeIfAbsent(node, n -> new ArrayList<>()).add(row);
    }
    List<Connection> touched = new ArrayList<>();
    try {
      for (Map.Entry<DataNode, List<Object[]>> table : byTable.entrySet()) {
        Connection connection = connections.get(table.getKey().dataSource());
        if (!touched.contains(connection)) {
          touched.add(connection);
        }
        try (PreparedStatement upsert = connection.prepareStatement(ChunkWriter.upsert(table.getKey().table(),
            table.getValue().size()))) {
          int parameter = 1;
          for (Object[] row : table.getValue()) {
            for (Object value : row) {
              upsert.setObject(parameter++, value);
            }
          }
          upsert.executeUpdate();
        }
      }
      for (Connection connection : touched) {
        connection.commit();
      }
    } catch (SQLException e) {
      for (Connection connection : touched) {
        connection.rollback();
      }
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    for (Connection connection : connections.values()) {
      connection.close();
    }
  }
}
