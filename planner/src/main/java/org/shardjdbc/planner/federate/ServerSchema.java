package org.shardjdbc.planner.federate;

import java.sql.SQLException;
import java.util.List;

/**
 * What federation asks the servers while it plans: the columns of a table and the types of expressions over it, as the
 * server that holds the table's first physical table types them, and how many rows a table has. The driver answers
 * from its connections and caches the answers.
 */
public interface ServerSchema {

  /**
   * The columns of a table, in order.
   *
   * @param table a sharded, broadcast or unsharded table of the logical database
   * @throws SQLException when the table does not exist or cannot be read
   */
  List<ServerColumn> columns(String table) throws SQLException;

  /**
   * The types of expressions over one row of a table.
   *
   * @param table the table
   * @param alias the name the expressions qualify its columns by
   * @param expressions MySQL expressions as the user wrote them; a {@code ?} marker may stand for any value
   */
  List<ServerColumn> expressionTypes(String table, String alias, List<String> expressions) throws SQLException;

  /**
   * The columns of a query that reads no sharded table, as the server that answers it types them (without running it:
   * the caller ends it with {@code LIMIT 0}).
   *
   * @param dataSource the data source that answers it
   * @param sql the query; a {@code ?} marker may stand for any value
   */
  List<ServerColumn> queryColumns(String dataSource, String sql) throws SQLException;

  /**
   * Whether the servers are MariaDB, which sends PERCENT_RANK and CUME_DIST rounded to 10 decimals where MySQL sends
   * the whole DOUBLE.
   */
  boolean mariaDb() throws SQLException;

  /** About how many rows the table holds (over all its shards), for choosing which side of a join to hash. */
  double rowCount(String table) throws SQLException;

  /**
   * About how many distinct values a column holds (over all shards), from the servers' index statistics, for guessing
   * how many rows an equality keeps.
   *
   * @param table the table
   * @param column one of its columns, as the query names it (MySQL compares column names case-insensitively)
   * @return the estimate, or 0 when the servers keep none (the column leads no index)
   */
  double distinctValues(String table, String column) throws SQLException;
}
