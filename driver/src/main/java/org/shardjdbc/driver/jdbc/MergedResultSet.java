package org.shardjdbc.driver.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.shardjdbc.driver.execute.Execution;
import org.shardjdbc.driver.merge.MergePipeline;
import org.shardjdbc.driver.merge.MergeWarnings;
import org.shardjdbc.driver.merge.MysqlTime;

/**
 * The forward-only, read-only result of a query that several shards answered: rows come from the merge operators
 * one at a time, and values are converted as mysql-connector-j converts them.
 */
final class MergedResultSet implements ResultSet {
  private final Statement statement;
  private final MergePipeline.RowSourceHandle rows;
  private final Execution execution;
  private final ResultSetMetaData metadata;
  /** Per column, whether its values are Booleans; made on first need. */
  private boolean[] booleanColumns;
  private final ResultSetMetaData physicalMetadata;
  private Charset[] textCharsets;
  private final MergeWarnings mergeWarnings;
  private final int columnCount;
  /** Per column, the fraction digits of a DATETIME or TIMESTAMP, which its text shows; 0 for other columns. */
  private final int[] fractionDigits;
  private Map<String, Integer> columnsByLabel;
  private Object[] row;
  private int rowNumber;
  private boolean closed;
  private boolean afterLast;
  private boolean wasNull;
  private int fetchSize;

  /**
   * @param execution the physical statements behind the rows, cancelled when reading one of them fails; null for
   *     rows the driver made itself
   */
  MergedResultSet(Statement statement, MergePipeline.Merged merged, Map<String, String> logicalTables, Execution execution) {
    this(statement, merged, LogicalNames.ofTables(logicalTables), execution);
  }

  /**
   * @param names the logical names of the physical results' tables and databases, and the columns' descriptions
   * @param execution as above
   */
  MergedResultSet(Statement statement, MergePipeline.Merged merged, LogicalNames names, Execution execution) {
    this.statement = statement;
    this.execution = execution;
    this.rows = merged.rows();
    this.metadata = new LogicalMetaData(merged.metadata(), merged.visibleColumns(), names);
    this.physicalMetadata = merged.metadata();
    this.columnCount = merged.visibleColumns();
    this.mergeWarnings = merged.warnings();
    this.fractionDigits = fractionDigits(merged.metadata(), columnCount);
  }

  private static int[] fractionDigits(ResultSetMetaData metadata, int columns) {
    int[] digits = new int[columns];
    try {
      if (metadata.isWrapperFor(com.mysql.cj.jdbc.result.ResultSetMetaData.class)) {
        com.mysql.cj.result.Field[] fields =
            metadata.unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields();
        for (int i = 0; i < columns; i++) {
          int decimals = fields[i].getDecimals();
          // 31 means "not fixed": the column has no digits of its own
          digits[i] = metadata.getColumnType(i + 1) == Types.TIMESTAMP && decimals <= 6 ? decimals : 0;
        }
      }
    } catch (SQLException e) {
      // metadata the driver made itself: no fraction digits to keep
    }
    return digits;
  }

  /** The warnings the merge raised so far, which the statement reports. */
  MergeWarnings mergeWarnings() {
    return mergeWarnings;
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (afterLast) {
      return false;
    }
    boolean more;
    try {
      more = rows.next();
    } catch (SQLException | RuntimeException e) {
      // one shard failed: the others' statements are cancelled rather than read to their end
      if (execution != null) {
        execution.cancel();
      }
      close();
      throw e instanceof SQLException sql ? sql : new SQLException("internal error merging the shards' rows: " + e, "HY000", e);
    }
    if (more) {
      row = rows.row();
      rowNumber++;
      return true;
    }
    row = null;
    afterLast = true;
    rows.close();
    return false;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      rows.close();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("Operation not allowed after ResultSet closed", "S1000");
    }
  }

  private Object value(int column) throws SQLException {
    checkOpen();
    if (row == null) {
      throw new SQLException(rowNumber == 0 && !afterLast ? "Before start of result set" : "After end of result set", "S1000");
    }
    if (column < 1 || column > columnCount) {
      throw new SQLException("Column Index out of range, " + column + " > " + columnCount + ".", "S1009");
    }
    Object value = row[column - 1];
    wasNull = value == null;
    return value;
  }

  @Override
  public boolean wasNull() {
    return wasNull;
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    if (columnsByLabel == null) {
      Map<String, Integer> byLabel = new HashMap<>();
      for (int i = columnCount; i >= 1; i--) {
        byLabel.put(metadata.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
        byLabel.putIfAbsent(metadata.getColumnName(i).toLowerCase(Locale.ROOT), i);
      }
      columnsByLabel = byLabel;
    }
    Integer index = columnsByLabel.get(columnLabel.toLowerCase(Locale.ROOT));
    if (index == null) {
      throw new SQLException("Column '" + columnLabel + "' not found.", "S0022");
    }
    return index;
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    int digits = fractionDigits[columnIndex - 1];
    return digits > 0 ? Values.dateTimeText(value, digits) : Values.toText(value);
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    return getString(columnIndex);
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return getString(columnLabel);
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String text = s.trim();
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("y") || text.equalsIgnoreCase("yes")) {
        return true;
      }
      if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("n") || text.equalsIgnoreCase("no")) {
        return false;
      }
    }
    // as mysql-connector-j: positive numbers and -1 (true in ODBC and COM) are true
    BigDecimal number = Values.toDecimal(value, columnIndex);
    return number.signum() > 0 || number.compareTo(BigDecimal.ONE.negate()) == 0;
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return getBoolean(findColumn(columnLabel));
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return (byte) Values.toLong(value(columnIndex), columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE);
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return getByte(findColumn(columnLabel));
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return (short) Values.toLong(value(columnIndex), columnIndex, Short.MIN_VALUE, Short.MAX_VALUE);
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return (int) Values.toLong(value(columnIndex), columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return Values.toLong(value(columnIndex), columnIndex, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return getLong(findColumn(columnLabel));
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    return value == null ? 0 : (float) Values.toDouble(value, columnIndex);
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return getFloat(findColumn(columnLabel));
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    return value == null ? 0 : Values.toDouble(value, columnIndex);
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return getDouble(findColumn(columnLabel));
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    return value == null ? null : Values.toDecimal(value, columnIndex);
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return getBigDecimal(findColumn(columnLabel));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    BigDecimal value = getBigDecimal(columnIndex);
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
    return getBigDecimal(findColumn(columnLabel), scale);
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    if (value == null) {
      return null;
    }
    return value instanceof byte[] bytes ? bytes.clone() : Values.toServerText(value).getBytes(textCharset(columnIndex));
  }

  /**
   * The character set mysql-connector-j encodes a column's text in for {@code getBytes}: the column's own (latin1
   * columns give one byte per character), UTF-8 for values the driver computed.
   */
  private Charset textCharset(int columnIndex) throws SQLException {
    if (textCharsets == null) {
      textCharsets = new Charset[columnCount + 1];
    }
    Charset charset = textCharsets[columnIndex];
    if (charset == null) {
      charset = StandardCharsets.UTF_8;
      if (physicalMetadata.isWrapperFor(com.mysql.cj.jdbc.result.ResultSetMetaData.class)) {
        String encoding = physicalMetadata.unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class)
            .getColumnCharacterEncoding(columnIndex);
        if (encoding != null && Charset.isSupported(encoding)) {
          charset = Charset.forName(encoding);
        }
      }
      textCharsets[columnIndex] = charset;
    }
    return charset;
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    return getBytes(findColumn(columnLabel));
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    LocalDateTime value = Values.toDateTime(value(columnIndex), columnIndex);
    return value == null ? null : Date.valueOf(value.toLocalDate());
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return getDate(findColumn(columnLabel));
  }

  @Override
  public Date getDate(int columnIndex, Calendar calendar) throws SQLException {
    return calendar == null ? getDate(columnIndex) : Values.dateIn(value(columnIndex), columnIndex, calendar);
  }

  @Override
  public Date getDate(String columnLabel, Calendar calendar) throws SQLException {
    return getDate(findColumn(columnLabel), calendar);
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    if (value == null) {
      return null;
    }
    if (value instanceof Time time) {
      return time;
    }
    if (value instanceof MysqlTime time) {
      return time.toTime();
    }
    if (value instanceof LocalTime time) {
      return Time.valueOf(time);
    }
    LocalDateTime dateTime = Values.toDateTime(value, columnIndex);
    return Time.valueOf(dateTime.toLocalTime());
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return getTime(findColumn(columnLabel));
  }

  @Override
  public Time getTime(int columnIndex, Calendar calendar) throws SQLException {
    return calendar == null ? getTime(columnIndex) : Values.timeIn(value(columnIndex), columnIndex, calendar);
  }

  @Override
  public Time getTime(String columnLabel, Calendar calendar) throws SQLException {
    return getTime(findColumn(columnLabel), calendar);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    if (value instanceof Timestamp timestamp) {
      return timestamp;
    }
    LocalDateTime dateTime = Values.toDateTime(value, columnIndex);
    return dateTime == null ? null : Timestamp.valueOf(dateTime);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return getTimestamp(findColumn(columnLabel));
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar calendar) throws SQLException {
    return calendar == null ? getTimestamp(columnIndex) : Values.timestampIn(value(columnIndex), columnIndex, calendar);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar calendar) throws SQLException {
    return getTimestamp(findColumn(columnLabel), calendar);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    Object value = value(columnIndex);
    if (value instanceof MysqlTime time) {
      return time.toTime();
    }
    if (value instanceof Integer number && booleanColumn(columnIndex)) {
      return number != 0;
    }
    return value instanceof byte[] bytes ? bytes.clone() : value;
  }

  /**
   * Whether a column's values are Booleans, as mysql-connector-j gives a {@code TINYINT(1)} column's: the shards of one
   * server combined with UNION ALL give them as Integers, since the union's column is a TINYINT of no table.
   */
  private boolean booleanColumn(int column) throws SQLException {
    if (booleanColumns == null) {
      boolean[] columns = new boolean[columnCount];
      for (int i = 0; i < columnCount; i++) {
        columns[i] = Boolean.class.getName().equals(metadata.getColumnClassName(i + 1));
      }
      booleanColumns = columns;
    }
    return booleanColumns[column - 1];
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return getObject(columnIndex);
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    Object value = value(columnIndex);
    if (value == null) {
      return null;
    }
    Object converted;
    if (type.isInstance(value)) {
      converted = value;
    } else if (type == String.class) {
      converted = getString(columnIndex);
    } else if (type == Integer.class) {
      converted = getInt(columnIndex);
    } else if (type == Long.class) {
      converted = getLong(columnIndex);
    } else if (type == Short.class) {
      converted = getShort(columnIndex);
    } else if (type == Byte.class) {
      converted = getByte(columnIndex);
    } else if (type == Boolean.class) {
      converted = getBoolean(columnIndex);
    } else if (type == Double.class) {
      converted = getDouble(columnIndex);
    } else if (type == Float.class) {
      converted = getFloat(columnIndex);
    } else if (type == BigDecimal.class) {
      converted = getBigDecimal(columnIndex);
    } else if (type == byte[].class) {
      converted = getBytes(columnIndex);
    } else if (type == Timestamp.class) {
      converted = getTimestamp(columnIndex);
    } else if (type == Date.class) {
      converted = getDate(columnIndex);
    } else if (type == Time.class) {
      converted = getTime(columnIndex);
    } else if (type == LocalDateTime.class) {
      converted = Values.toDateTime(value, columnIndex);
    } else if (type == LocalDate.class) {
      converted = Values.toDateTime(value, columnIndex).toLocalDate();
    } else if (type == LocalTime.class) {
      converted = value instanceof MysqlTime time ? time.toLocalTime() : getTime(columnIndex).toLocalTime();
    } else if (type == OffsetDateTime.class) {
      converted = Values.toDateTime(value, columnIndex).atZone(ZoneId.systemDefault()).toOffsetDateTime();
    } else {
      throw new SQLFeatureNotSupportedException("Conversion of column " + columnIndex + " to " + type.getName() + " is not supported", "0A000");
    }
    return type.cast(converted);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return metadata;
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  @Override
  public int getType() {
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() {
    return CONCUR_READ_ONLY;
  }

  @Override
  public int getFetchDirection() {
    return FETCH_FORWARD;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    if (direction != FETCH_FORWARD) {
      throw new SQLFeatureNotSupportedException("a merged result set reads forward only", "0A000");
    }
  }

  @Override
  public int getFetchSize() {
    return fetchSize;
  }

  @Override
  public void setFetchSize(int rows) {
    fetchSize = rows;
  }

  @Override
  public SQLWarning getWarnings() {
    return null;
  }

  @Override
  public void clearWarnings() {
    // the merge collects no warnings
  }

  @Override
  public int getHoldability() {
    return CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public boolean isBeforeFirst() {
    return rowNumber == 0 && !afterLast;
  }

  @Override
  public boolean isAfterLast() {
    return afterLast && rowNumber > 0;
  }

  @Override
  public boolean isFirst() {
    return rowNumber == 1 && row != null;
  }

  @Override
  public int getRow() {
    return row == null ? 0 : rowNumber;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  private static SQLFeatureNotSupportedException unsupported(String method) {
    return new SQLFeatureNotSupportedException("ResultSet." + method + " is not supported on a result merged from several shards", "0A000");
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    throw unsupported("absolute");
  }

  @Override
  public void afterLast() throws SQLException {
    throw unsupported("afterLast");
  }

  @Override
  public void beforeFirst() throws SQLException {
    throw unsupported("beforeFirst");
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    throw unsupported("cancelRowUpdates");
  }

  @Override
  public void deleteRow() throws SQLException {
    throw unsupported("deleteRow");
  }

  @Override
  public boolean first() throws SQLException {
    throw unsupported("first");
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    throw unsupported("getArray");
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    throw unsupported("getArray");
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    throw unsupported("getAsciiStream");
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    throw unsupported("getAsciiStream");
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    throw unsupported("getBinaryStream");
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    throw unsupported("getBinaryStream");
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    throw unsupported("getBlob");
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    throw unsupported("getBlob");
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    throw unsupported("getCharacterStream");
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    throw unsupported("getCharacterStream");
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    throw unsupported("getClob");
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    throw unsupported("getClob");
  }

  @Override
  public String getCursorName() throws SQLException {
    throw unsupported("getCursorName");
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    throw unsupported("getNCharacterStream");
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    throw unsupported("getNCharacterStream");
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    throw unsupported("getNClob");
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    throw unsupported("getNClob");
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    throw unsupported("getRef");
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    throw unsupported("getRef");
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    throw unsupported("getRowId");
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    throw unsupported("getRowId");
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    throw unsupported("getSQLXML");
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    throw unsupported("getSQLXML");
  }

  @Override
  public URL getURL(String columnLabel) throws SQLException {
    throw unsupported("getURL");
  }

  @Override
  public URL getURL(int columnIndex) throws SQLException {
    throw unsupported("getURL");
  }

  @Override
  public InputStream getUnicodeStream(String columnLabel) throws SQLException {
    throw unsupported("getUnicodeStream");
  }

  @Override
  public InputStream getUnicodeStream(int columnIndex) throws SQLException {
    throw unsupported("getUnicodeStream");
  }

  @Override
  public void insertRow() throws SQLException {
    throw unsupported("insertRow");
  }

  @Override
  public boolean isLast() throws SQLException {
    throw unsupported("isLast");
  }

  @Override
  public boolean last() throws SQLException {
    throw unsupported("last");
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    throw unsupported("moveToCurrentRow");
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    throw unsupported("moveToInsertRow");
  }

  @Override
  public boolean previous() throws SQLException {
    throw unsupported("previous");
  }

  @Override
  public void refreshRow() throws SQLException {
    throw unsupported("refreshRow");
  }

  @Override
  public boolean relative(int row) throws SQLException {
    throw unsupported("relative");
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    throw unsupported("rowDeleted");
  }

  @Override
  public boolean rowInserted() throws SQLException {
    throw unsupported("rowInserted");
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    throw unsupported("rowUpdated");
  }

  @Override
  public void updateArray(String columnLabel, Array x) throws SQLException {
    throw unsupported("updateArray");
  }

  @Override
  public void updateArray(int columnIndex, Array x) throws SQLException {
    throw unsupported("updateArray");
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
    throw unsupported("updateBigDecimal");
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
    throw unsupported("updateBigDecimal");
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateBlob(String columnLabel, InputStream x, long length) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(String columnLabel, InputStream x) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(String columnLabel, Blob x) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(int columnIndex, InputStream x, long length) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(int columnIndex, InputStream x) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(int columnIndex, Blob x) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBoolean(String columnLabel, boolean x) throws SQLException {
    throw unsupported("updateBoolean");
  }

  @Override
  public void updateBoolean(int columnIndex, boolean x) throws SQLException {
    throw unsupported("updateBoolean");
  }

  @Override
  public void updateByte(String columnLabel, byte x) throws SQLException {
    throw unsupported("updateByte");
  }

  @Override
  public void updateByte(int columnIndex, byte x) throws SQLException {
    throw unsupported("updateByte");
  }

  @Override
  public void updateBytes(String columnLabel, byte[] x) throws SQLException {
    throw unsupported("updateBytes");
  }

  @Override
  public void updateBytes(int columnIndex, byte[] x) throws SQLException {
    throw unsupported("updateBytes");
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader x, int length) throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(String columnLabel, Reader x) throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateClob(String columnLabel, Reader x, long length) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(String columnLabel, Reader x) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(String columnLabel, Clob x) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(int columnIndex, Reader x, long length) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(int columnIndex, Reader x) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(int columnIndex, Clob x) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateDate(String columnLabel, Date x) throws SQLException {
    throw unsupported("updateDate");
  }

  @Override
  public void updateDate(int columnIndex, Date x) throws SQLException {
    throw unsupported("updateDate");
  }

  @Override
  public void updateDouble(String columnLabel, double x) throws SQLException {
    throw unsupported("updateDouble");
  }

  @Override
  public void updateDouble(int columnIndex, double x) throws SQLException {
    throw unsupported("updateDouble");
  }

  @Override
  public void updateFloat(String columnLabel, float x) throws SQLException {
    throw unsupported("updateFloat");
  }

  @Override
  public void updateFloat(int columnIndex, float x) throws SQLException {
    throw unsupported("updateFloat");
  }

  @Override
  public void updateInt(String columnLabel, int scaleOrLength) throws SQLException {
    throw unsupported("updateInt");
  }

  @Override
  public void updateInt(int columnIndex, int scaleOrLength) throws SQLException {
    throw unsupported("updateInt");
  }

  @Override
  public void updateLong(String columnLabel, long length) throws SQLException {
    throw unsupported("updateLong");
  }

  @Override
  public void updateLong(int columnIndex, long length) throws SQLException {
    throw unsupported("updateLong");
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(String columnLabel, Reader x) throws SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNClob(String columnLabel, Reader x, long length) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(String columnLabel, Reader x) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(String columnLabel, NClob x) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(int columnIndex, Reader x, long length) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(int columnIndex, Reader x) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(int columnIndex, NClob x) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNString(String columnLabel, String x) throws SQLException {
    throw unsupported("updateNString");
  }

  @Override
  public void updateNString(int columnIndex, String x) throws SQLException {
    throw unsupported("updateNString");
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    throw unsupported("updateNull");
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    throw unsupported("updateNull");
  }

  @Override
  public void updateObject(String columnLabel, Object x, int length) throws SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateObject(String columnLabel, Object x) throws SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateObject(int columnIndex, Object x, int length) throws SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateObject(int columnIndex, Object x) throws SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateRef(String columnLabel, Ref x) throws SQLException {
    throw unsupported("updateRef");
  }

  @Override
  public void updateRef(int columnIndex, Ref x) throws SQLException {
    throw unsupported("updateRef");
  }

  @Override
  public void updateRow() throws SQLException {
    throw unsupported("updateRow");
  }

  @Override
  public void updateRowId(String columnLabel, RowId x) throws SQLException {
    throw unsupported("updateRowId");
  }

  @Override
  public void updateRowId(int columnIndex, RowId x) throws SQLException {
    throw unsupported("updateRowId");
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
    throw unsupported("updateSQLXML");
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
    throw unsupported("updateSQLXML");
  }

  @Override
  public void updateShort(String columnLabel, short x) throws SQLException {
    throw unsupported("updateShort");
  }

  @Override
  public void updateShort(int columnIndex, short x) throws SQLException {
    throw unsupported("updateShort");
  }

  @Override
  public void updateString(String columnLabel, String x) throws SQLException {
    throw unsupported("updateString");
  }

  @Override
  public void updateString(int columnIndex, String x) throws SQLException {
    throw unsupported("updateString");
  }

  @Override
  public void updateTime(String columnLabel, Time x) throws SQLException {
    throw unsupported("updateTime");
  }

  @Override
  public void updateTime(int columnIndex, Time x) throws SQLException {
    throw unsupported("updateTime");
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
    throw unsupported("updateTimestamp");
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
    throw unsupported("updateTimestamp");
  }

}
