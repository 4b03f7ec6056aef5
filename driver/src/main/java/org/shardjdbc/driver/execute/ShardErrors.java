package org.shardjdbc.driver.execute;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.shardjdbc.planner.rewrite.ShardSql;

/** Wraps a shard's failure so that its message names the data source and physical tables (SPEC §6). */
public final class ShardErrors {
  private ShardErrors() {}

  /**
   * Whether a failed statement may have left its connection unusable or mid-result, so that the pool must close it:
   * a lost connection (SQLState class 08), a timeout or cancel (70100), or anything that is not an SQLException. A
   * server's refusal of a statement (a duplicate key, a syntax error) leaves the connection as good as before.
   */
  public static boolean breaksConnection(Throwable failure) {
    if (!(failure instanceof SQLException sql) || failure instanceof SQLTimeoutException) {
      return true;
    }
    String state = sql.getSQLState();
    return state == null || state.startsWith("08") || state.equals("70100");
  }

  /**
   * The shard's exception, SQLState and vendor code kept, in one whose message says where it happened; a timeout
   * stays an {@link SQLTimeoutException}, and a data source that cannot be reached an
   * {@link SQLTransientConnectionException}.
   */
  public static SQLException wrap(Throwable cause, ShardSql where) {
    String location = where.location();
    if (cause instanceof SQLException sql) {
      String original = String.valueOf(sql.getMessage());
      if (original.startsWith(location)) {
        return sql;
      }
      // the pool's own errors start with the data source's name: say it once
      String prefix = where.dataSource() + ": ";
      String message = location + ": " + (original.startsWith(prefix) ? original.substring(prefix.length()) : original);
      if (sql instanceof SQLTimeoutException) {
        return new SQLTimeoutException(message, sql.getSQLState(), sql.getErrorCode(), sql);
      }
      if (sql instanceof SQLTransientConnectionException) {
        return new SQLTransientConnectionException(message, sql.getSQLState(), sql.getErrorCode(), sql);
      }
      return new SQLException(message, sql.getSQLState(), sql.getErrorCode(), sql);
    }
    return new SQLException(location + ": " + cause, "HY000", cause);
  }
}
