package org.shardjdbc.driver.execute;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.shardjdbc.planner.session.IsolationLevel;
import org.shardjdbc.planner.session.SessionSetting;

/**
 * One physical connection in use by a logical connection, and what the logical session changed on it, so that it
 * goes back to its pool as it came.
 *
 * <p>HikariCP puts back autocommit, the isolation level and read-only mode by itself: it sees the JDBC calls that
 * change them and resets the connection when it is closed. It does not see a {@code SET} sent as SQL text, so each
 * session variable is read before the driver first sets it, and set back to what it was before the connection is
 * closed. Nothing else that leaves state behind ({@code BEGIN} as text, user variables, locks, temporary tables)
 * ever reaches a physical connection.
 */
public final class PhysicalSession {
  private final DataSourcePool.Lease lease;
  private ReleaseHook releaseHook;
  /** Values before the driver changed them, in the order they were first changed; null until a variable is set. */
  private Map<String, Original> originals;
  /** The isolation level and read-only mode the connection was given, null for the pool's. */
  private IsolationLevel isolation;
  private Boolean readOnly;
  private boolean closed;

  /** A variable's value before the driver changed it, and whether it is a number (SET rejects a quoted one). */
  private record Original(Object value, boolean numeric) {}

  private PhysicalSession(DataSourcePool.Lease lease) {
    this.lease = lease;
  }

  /**
   * Takes over a connection just lent by {@code pool} and applies the logical session to it; on failure the
   * connection is discarded.
   *
   * @param isolation the isolation level to use, or null for the pool's
   * @param readOnly the read-only mode to use, or null for the pool's
   * @param settings session variables, set in order
   * @throws SQLException naming the data source
   */
  public static PhysicalSession open(DataSourcePool pool, DataSourcePool.Lease lease, IsolationLevel isolation,
      Boolean readOnly, List<SessionSetting.Replayed> settings) throws SQLException {
    PhysicalSession session = new PhysicalSession(lease);
    session.isolation = isolation;
    session.readOnly = readOnly;
    try {
      Connection connection = lease.connection();
      if (readOnly != null && readOnly != pool.pool().isReadOnly()) {
        connection.setReadOnly(readOnly);
      }
      if (isolation != null && isolation.jdbcLevel() != pool.sessionDefaults(connection).isolation()) {
        connection.setTransactionIsolation(isolation.jdbcLevel());
      }
    } catch (SQLException | RuntimeException e) {
      session.discard();
      throw session.failure("cannot set the isolation level or read-only mode", e);
    }
    try {
      for (SessionSetting.Replayed setting : settings) {
        session.apply(setting);
      }
    } catch (SQLException e) {
      session.discard();
      throw e;
    }
    return session;
  }

  /**
   * Gives a connection the logical session already holds (its named locks' connection) the isolation level and
   * read-only mode of a transaction that starts on it, as {@link #open} gives them to a connection just borrowed.
   *
   * @param isolation the level, or null for the pool's
   * @param readOnly the mode, or null for the pool's
   * @throws SQLException naming the data source
   */
  public void characteristics(DataSourcePool pool, IsolationLevel isolation, Boolean readOnly) throws SQLException {
    if (isolation == this.isolation && Objects.equals(readOnly, this.readOnly)) {
      return;
    }
    Connection connection = connection();
    try {
      boolean mode = readOnly != null ? readOnly : pool.pool().isReadOnly();
      if (connection.isReadOnly() != mode) {
        connection.setReadOnly(mode);
      }
      int level = isolation != null ? isolation.jdbcLevel() : pool.sessionDefaults(connection).isolation();
      if (connection.getTransactionIsolation() != level) {
        connection.setTransactionIsolation(level);
      }
    } catch (SQLException | RuntimeException e) {
      throw failure("cannot set the isolation level or read-only mode", e);
    }
    this.isolation = isolation;
    this.readOnly = readOnly;
  }

  public Connection connection() {
    return lease.connection();
  }

  /** Told when a physical connection leaves its logical session. */
  public interface ReleaseHook {
    /**
     * Before the connection goes back to its pool, with the session's variables still set.
     *
     * @return false when the connection turned out broken: it is then closed instead
     */
    boolean beforeRelease(Connection connection);

    /** The connection was discarded as broken: what it last did is unknown. */
    void discarded();
  }

  /** Sets what is told when this connection goes back to its pool or is discarded. */
  public void onRelease(ReleaseHook hook) {
    releaseHook = hook;
  }

  public String dataSource() {
    return lease.dataSource();
  }

  /** The pool's lease under the connection. */
  public DataSourcePool.Lease lease() {
    return lease;
  }

  /**
   * Sets a session variable, first reading the value it replaces unless an earlier setting already did.
   *
   * @throws SQLException the server's refusal, naming the data source
   */
  public void apply(SessionSetting.Replayed setting) throws SQLException {
    if (originals == null) {
      originals = new LinkedHashMap<>();
    }
    List<String> unread = new ArrayList<>();
    for (String variable : setting.variables()) {
      if (!originals.containsKey(variable)) {
        unread.add(variable);
      }
    }
    try {
      if (!unread.isEmpty()) {
        readOriginals(unread);
      }
      try (Statement statement = connection().createStatement()) {
        statement.execute(setting.sql());
      }
    } catch (SQLException e) {
      throw failure(setting.sql(), e);
    }
  }

  private void readOriginals(List<String> variables) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < variables.size(); i++) {
      select.append(i == 0 ? "" : ", ").append("@@SESSION.").append(variables.get(i));
    }
    try (Statement statement = connection().createStatement(); ResultSet row = statement.executeQuery(select.toString())) {
      row.next();
      ResultSetMetaData metadata = row.getMetaData();
      for (int i = 0; i < variables.size(); i++) {
        boolean numeric = isNumeric(metadata.getColumnType(i + 1));
        Object value = numeric ? row.getBigDecimal(i + 1) : row.getString(i + 1);
        originals.put(variables.get(i), new Original(value, numeric));
      }
    }
  }

  private static boolean isNumeric(int type) {
    switch (type) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.DECIMAL:
      case Types.NUMERIC:
      case Types.FLOAT:
      case Types.REAL:
      case Types.DOUBLE:
        return true;
      default:
        return false;
    }
  }

  /**
   * Sets the variables back and returns the connection to its pool; a connection whose variables cannot be set back
   * is closed instead. Safe to call more than once.
   */
  public void close() {
    if (closed) {
      return;
    }
    if (releaseHook != null && !releaseHook.beforeRelease(connection())) {
      closed = true;
      lease.discard();
      return;
    }
    if (originals != null && !originals.isEmpty()) {
      try {
        restoreOriginals();
      } catch (SQLException | RuntimeException e) {
        discard();
        return;
      }
    }
    closed = true;
    lease.close();
  }

  private void restoreOriginals() throws SQLException {
    StringBuilder set = new StringBuilder("SET SESSION ");
    List<Original> values = new ArrayList<>(originals.values());
    int i = 0;
    for (String variable : originals.keySet()) {
      set.append(i++ == 0 ? "" : ", ").append(variable).append(" = ?");
    }
    try (PreparedStatement statement = connection().prepareStatement(set.toString())) {
      for (i = 0; i < values.size(); i++) {
        Original original = values.get(i);
        if (original.value() == null) {
          statement.setNull(i + 1, Types.VARCHAR);
        } else if (original.numeric()) {
          statement.setBigDecimal(i + 1, (BigDecimal) original.value());
        } else {
          statement.setString(i + 1, (String) original.value());
        }
      }
      statement.execute();
    }
  }

  /** Gives the connection back to be closed by the pool, not lent again. Safe to call more than once. */
  public void discard() {
    if (!closed) {
      closed = true;
      lease.discard();
      if (releaseHook != null) {
        releaseHook.discarded();
      }
    }
  }

  private SQLException failure(String what, Throwable cause) {
    String message = dataSource() + ": " + what + ": " + cause.getMessage();
    return cause instanceof SQLException sql ? new SQLException(message, sql.getSQLState(), sql.getErrorCode(), sql)
        : new SQLException(message, "HY000", cause);
  }
}
