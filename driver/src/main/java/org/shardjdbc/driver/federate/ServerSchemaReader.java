package org.shardjdbc.driver.federate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.planner.federate.ServerColumn;
import org.shardjdbc.planner.federate.ServerSchema;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.Token;

/**
 * Answers federation's questions about tables from the servers: a sharded or broadcast table as its first physical
 * table has it, an unsharded table on the default data source. Columns, row counts and index statistics are read once
 * per table (or column) and kept; expression types are asked with {@code SELECT … WHERE 1 = 0}, which reads no row.
 */
public final class ServerSchemaReader implements ServerSchema {
  private final ShardingModel model;
  private final Map<String, DataSourcePool> pools;
  private final Map<String, List<ServerColumn>> columns = new ConcurrentHashMap<>();
  private final Map<String, Double> rowCounts = new ConcurrentHashMap<>();
  private final Map<String, Double> distinctValues = new ConcurrentHashMap<>();
  private volatile Boolean mariaDb;

  public ServerSchemaReader(ShardingModel model, Map<String, DataSourcePool> pools) {
    this.model = model;
    this.pools = pools;
  }

  /** Forgets what was read, after DDL changed the tables. */
  public void invalidate() {
    columns.clear();
    rowCounts.clear();
    distinctValues.clear();
  }

  /** Where a table's first physical table lives. */
  private DataNode firstNode(String table) {
    LogicalTable logical = model.table(table);
    return logical == null ? new DataNode(model.defaultDataSource(), table) : logical.node(0);
  }

  private DataSourcePool.Lease lease(String dataSource) throws SQLException {
    DataSourcePool pool = pools.get(dataSource);
    if (pool == null) {
      throw new SQLException("unknown data source '" + dataSource + "'", "HY000");
    }
    return pool.acquire();
  }

  @Override
  public List<ServerColumn> columns(String table) throws SQLException {
    String key = table.toLowerCase(Locale.ROOT);
    List<ServerColumn> known = columns.get(key);
    if (known == null) {
      DataNode node = firstNode(table);
      known = describe(node.dataSource(), "SELECT * FROM " + quote(node.table()) + " WHERE 1 = 0",
          "table " + table + ", asked of " + node);
      columns.put(key, known);
    }
    return known;
  }

  @Override
  public List<ServerColumn> expressionTypes(String table, String alias, List<String> expressions) throws SQLException {
    DataNode node = firstNode(table);
    StringJoiner items = new StringJoiner(", ");
    for (String expression : expressions) {
      items.add("(" + withoutParameters(expression) + ")");
    }
    return describe(node.dataSource(), "SELECT " + items + " FROM " + quote(node.table()) + " AS " + quote(alias)
        + " WHERE 1 = 0", "table " + table + ", asked of " + node);
  }

  @Override
  public List<ServerColumn> queryColumns(String dataSource, String sql) throws SQLException {
    return describe(dataSource, withoutParameters(sql), "asked of " + dataSource);
  }

  /** The expression with each {@code ?} marker as NULL, which the server types without a value. */
  private static String withoutParameters(String expression) throws SQLException {
    StringBuilder text = new StringBuilder();
    int position = 0;
    for (Token token : MySqlTokenizer.tokenize(expression)) {
      if (token.kind() == Token.Kind.PARAMETER) {
        text.append(expression, position, token.start()).append("NULL");
        position = token.end();
      }
    }
    return text.append(expression.substring(position)).toString();
  }

  /** @param where what was asked of which server, for messages */
  private List<ServerColumn> describe(String dataSource, String sql, String where) throws SQLException {
    try (DataSourcePool.Lease lease = lease(dataSource);
        Statement statement = lease.connection().createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData metadata = result.getMetaData();
      List<ServerColumn> described = new ArrayList<>();
      for (int i = 1; i <= metadata.getColumnCount(); i++) {
        described.add(new ServerColumn(metadata.getColumnLabel(i), metadata.getColumnType(i), metadata.getColumnTypeName(i),
            metadata.getPrecision(i), metadata.getScale(i), metadata.isNullable(i) != ResultSetMetaData.columnNoNulls));
      }
      return described;
    } catch (SQLException e) {
      SQLException wrapped = e instanceof SQLSyntaxErrorException
          ? new SQLSyntaxErrorException(e.getMessage() + " (" + where + ")", e.getSQLState(), e.getErrorCode(), e)
          : new SQLException(e.getMessage() + " (" + where + ")", e.getSQLState(), e.getErrorCode(), e);
      throw wrapped;
    }
  }

  @Override
  public boolean mariaDb() throws SQLException {
    Boolean known = mariaDb;
    if (known == null) {
      try (DataSourcePool.Lease lease = lease(model.defaultDataSource())) {
        known = lease.connection().getMetaData().getDatabaseProductVersion().contains("MariaDB");
      }
      mariaDb = known;
    }
    return known;
  }

  @Override
  public double rowCount(String table) throws SQLException {
    String key = table.toLowerCase(Locale.ROOT);
    Double known = rowCounts.get(key);
    if (known == null) {
      DataNode node = firstNode(table);
      LogicalTable logical = model.table(table);
      int copies = logical == null || logical.broadcast() ? 1 : logical.shardCount();
      double rows = 1000;
      try (DataSourcePool.Lease lease = lease(node.dataSource());
          PreparedStatement statement = lease.connection().prepareStatement(
              "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
        statement.setString(1, node.table());
        try (ResultSet result = statement.executeQuery()) {
          if (result.next() && result.getObject(1) != null) {
            rows = Math.max(1, result.getLong(1)) * (double) copies;
          }
        }
      }
      known = rows;
      rowCounts.put(key, known);
    }
    return known;
  }

  /**
   * From the first physical table's index statistics: a column that alone is a unique key has as many values as the
   * table has rows; else the cardinality of the indexes it leads, times the shards for the shard key (whose values no
   * two shards share), once for another column (whose values every shard may hold).
   */
  @Override
  public double distinctValues(String table, String column) throws SQLException {
    String key = table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
    Double known = distinctValues.get(key);
    if (known == null) {
      DataNode node = firstNode(table);
      LogicalTable logical = model.table(table);
      boolean shardKey = logical != null && !logical.broadcast() && column.equalsIgnoreCase(logical.shardKey());
      boolean unique = false;
      double cardinality = 0;
      try (DataSourcePool.Lease lease = lease(node.dataSource());
          PreparedStatement statement = lease.connection().prepareStatement("SELECT s.NON_UNIQUE, s.CARDINALITY,"
              + " (SELECT COUNT(*) FROM information_schema.STATISTICS c WHERE c.TABLE_SCHEMA = s.TABLE_SCHEMA"
              + " AND c.TABLE_NAME = s.TABLE_NAME AND c.INDEX_NAME = s.INDEX_NAME) FROM information_schema.STATISTICS s"
              + " WHERE s.TABLE_SCHEMA = DATABASE() AND s.TABLE_NAME = ? AND s.COLUMN_NAME = ? AND s.SEQ_IN_INDEX = 1")) {
        statement.setString(1, node.table());
        statement.setString(2, column);
        try (ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            unique |= result.getInt(1) == 0 && result.getInt(3) == 1;
            cardinality = Math.max(cardinality, result.getDouble(2));
          }
        }
      }
      known = unique ? rowCount(table) : shardKey ? cardinality * logical.shardCount() : cardinality;
      distinctValues.put(key, known);
    }
    return known;
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
