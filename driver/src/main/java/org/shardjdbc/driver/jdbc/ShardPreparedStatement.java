package org.shardjdbc.driver.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;

/**
 * A logical prepared statement: keeps the parameter values and sends them on to the physical statements as
 * parameters, never spliced into SQL text. Its analysis comes from the plan cache, so executing it again costs a
 * route and an execute.
 */
final class ShardPreparedStatement extends ShardStatement implements PreparedStatement {
  /** MySQL's limit on the placeholders of one statement. */
  static final int MAX_PARAMETERS = 65_535;
  /** What a parameter before the highest one set holds until it is set: executing reports it (SQLState 07001). */
  private static final Object UNSET = new Object() {
    @Override
    public String toString() {
      return "(not set)";
    }
  };

  private final String sql;
  private final boolean returnKeys;
  private final List<Object> parameters = new ArrayList<>();

  /**
   * @param returnKeys whether executions read the keys they generate (prepared with RETURN_GENERATED_KEYS, or with
   *     key columns)
   */
  ShardPreparedStatement(ShardConnection connection, String sql, boolean returnKeys) {
    super(connection);
    this.sql = sql;
    this.returnKeys = returnKeys;
  }

  private void set(int index, Object value) throws SQLException {
    checkOpen();
    if (index < 1) {
      throw new SQLException("Parameter index out of range (" + index + " < 1).", "S1009");
    }
    if (index > MAX_PARAMETERS) {
      throw new SQLException("Parameter index out of range (" + index + " > " + MAX_PARAMETERS
          + ", the most placeholders a MySQL statement can have).", "S1009");
    }
    while (parameters.size() < index) {
      parameters.add(UNSET);
    }
    parameters.set(index - 1, value);
  }

  /**
   * The parameter values of one execution: a copy, so that setting a parameter while its result is still open (the
   * merge evaluates HAVING and computed columns as the rows are read) changes nothing in that result.
   *
   * @throws SQLException SQLState 07001 when a parameter before the highest one set was never set; one beyond the
   *     highest is reported with the same state where the statement uses it
   */
  private List<Object> boundParameters() throws SQLException {
    checkOpen();
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i) == UNSET) {
        throw new SQLException("No value specified for parameter " + (i + 1), "07001");
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(parameters)); // may hold SQL NULLs: no List.copyOf
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return runQuery(sql, boundParameters());
  }

  @Override
  public boolean execute() throws SQLException {
    return run(sql, boundParameters(), returnKeys);
  }

  @Override
  public int executeUpdate() throws SQLException {
    return toInt(runUpdate(sql, boundParameters(), returnKeys));
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return runUpdate(sql, boundParameters(), returnKeys);
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    set(parameterIndex, null);
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    set(parameterIndex, null);
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setNString(int parameterIndex, String x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    set(parameterIndex, x == null ? null : x.clone());
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar calendar) throws SQLException {
    set(parameterIndex, x == null || calendar == null ? x
        : LocalDate.ofInstant(Instant.ofEpochMilli(x.getTime()), zone(calendar)));
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar calendar) throws SQLException {
    set(parameterIndex, x == null || calendar == null ? x
        : LocalTime.ofInstant(Instant.ofEpochMilli(x.getTime()), zone(calendar)));
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar calendar) throws SQLException {
    set(parameterIndex, x == null || calendar == null ? x : LocalDateTime.ofInstant(x.toInstant(), zone(calendar)));
  }

  /**
   * The zone a Calendar argument names. As mysql-connector-j does, a date, time or timestamp given with a Calendar is
   * sent as the date and time its instant has in that zone (a java.sql.Time at its instant on 1970-01-01); the
   * parameter keeps that date and time, so that every shard and the routing see the same value.
   */
  private static ZoneId zone(Calendar calendar) {
    return calendar.getTimeZone().toZoneId();
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    set(parameterIndex, x);
  }

  @Override
  public void clearParameters() {
    parameters.clear();
  }

  /** Adds the statement with its current parameter values to the batch. */
  @Override
  public void addBatch() throws SQLException {
    addToBatch(sql, boundParameters());
  }

  @Override
  public int[] executeBatch() throws SQLException {
    long[] counts = runBatch(returnKeys);
    int[] small = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      small[i] = toInt(counts[i]);
    }
    return small;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return runBatch(returnKeys);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    ResultSet current = getResultSet();
    return current == null ? null : current.getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    throw unsupported("PreparedStatement.getParameterMetaData");
  }

  @Override
  public void setArray(int columnIndex, Array x) throws SQLException {
    throw unsupported("setArray");
  }

  @Override
  public void setAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setAsciiStream(int columnIndex, InputStream x) throws SQLException {
    throw unsupported("setAsciiStream");
  }

  @Override
  public void setBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBinaryStream(int columnIndex, InputStream x) throws SQLException {
    throw unsupported("setBinaryStream");
  }

  @Override
  public void setBlob(int columnIndex, InputStream x, long length) throws SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setBlob(int columnIndex, InputStream x) throws SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setBlob(int columnIndex, Blob x) throws SQLException {
    throw unsupported("setBlob");
  }

  @Override
  public void setCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setCharacterStream(int columnIndex, Reader x) throws SQLException {
    throw unsupported("setCharacterStream");
  }

  @Override
  public void setClob(int columnIndex, Reader x, long length) throws SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setClob(int columnIndex, Reader x) throws SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setClob(int columnIndex, Clob x) throws SQLException {
    throw unsupported("setClob");
  }

  @Override
  public void setNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    throw unsupported("setNCharacterStream");
  }

  @Override
  public void setNCharacterStream(int columnIndex, Reader x) throws SQLException {
    throw unsupported("setNCharacterStream");
  }

  @Override
  public void setNClob(int columnIndex, Reader x, long length) throws SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public void setNClob(int columnIndex, Reader x) throws SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public void setNClob(int columnIndex, NClob x) throws SQLException {
    throw unsupported("setNClob");
  }

  @Override
  public void setRef(int columnIndex, Ref x) throws SQLException {
    throw unsupported("setRef");
  }

  @Override
  public void setRowId(int columnIndex, RowId x) throws SQLException {
    throw unsupported("setRowId");
  }

  @Override
  public void setSQLXML(int columnIndex, SQLXML x) throws SQLException {
    throw unsupported("setSQLXML");
  }

  @Override
  public void setURL(int columnIndex, URL x) throws SQLException {
    throw unsupported("setURL");
  }

  @Override
  public void setUnicodeStream(int columnIndex, InputStream x, int length) throws SQLException {
    throw unsupported("setUnicodeStream");
  }

}
