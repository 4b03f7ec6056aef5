package org.shardjdbc.driver.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Map;

/**
 * A shard's result metadata as the logical database shows it: without the hidden columns the driver appended to the
 * select list, and with logical table names where the server reports physical ones ({@code orders}, not
 * {@code orders_017}).
 */
final class LogicalMetaData implements ResultSetMetaData {
  private final ResultSetMetaData delegate;
  private final int columnCount;
  private final Map<String, String> logicalTables;

  /**
   * @param columnCount how many of the delegate's columns the user sees
   * @param logicalTables physical table name to logical name
   */
  LogicalMetaData(ResultSetMetaData delegate, int columnCount, Map<String, String> logicalTables) {
    this.delegate = delegate;
    this.columnCount = columnCount;
    this.logicalTables = logicalTables;
  }

  @Override
  public int getColumnCount() {
    return columnCount;
  }

  private int check(int column) throws SQLException {
    if (column < 1 || column > columnCount) {
      throw new SQLException("Column index out of range: " + column + " (columns: " + columnCount + ")", "S1002");
    }
    return column;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }

  @Override
  public String getCatalogName(int columnIndex) throws SQLException {
    return delegate.getCatalogName(check(columnIndex));
  }

  @Override
  public String getColumnClassName(int columnIndex) throws SQLException {
    return delegate.getColumnClassName(check(columnIndex));
  }

  @Override
  public int getColumnDisplaySize(int columnIndex) throws SQLException {
    return delegate.getColumnDisplaySize(check(columnIndex));
  }

  @Override
  public String getColumnLabel(int columnIndex) throws SQLException {
    return delegate.getColumnLabel(check(columnIndex));
  }

  @Override
  public String getColumnName(int columnIndex) throws SQLException {
    return delegate.getColumnName(check(columnIndex));
  }

  @Override
  public int getColumnType(int columnIndex) throws SQLException {
    return delegate.getColumnType(check(columnIndex));
  }

  @Override
  public String getColumnTypeName(int columnIndex) throws SQLException {
    return delegate.getColumnTypeName(check(columnIndex));
  }

  @Override
  public int getPrecision(int columnIndex) throws SQLException {
    return delegate.getPrecision(check(columnIndex));
  }

  @Override
  public int getScale(int columnIndex) throws SQLException {
    return delegate.getScale(check(columnIndex));
  }

  @Override
  public String getSchemaName(int columnIndex) throws SQLException {
    return delegate.getSchemaName(check(columnIndex));
  }

  @Override
  public String getTableName(int columnIndex) throws SQLException {
    String table = delegate.getTableName(check(columnIndex));
    return logicalTables.getOrDefault(table, table);
  }

  @Override
  public boolean isAutoIncrement(int columnIndex) throws SQLException {
    return delegate.isAutoIncrement(check(columnIndex));
  }

  @Override
  public boolean isCaseSensitive(int columnIndex) throws SQLException {
    return delegate.isCaseSensitive(check(columnIndex));
  }

  @Override
  public boolean isCurrency(int columnIndex) throws SQLException {
    return delegate.isCurrency(check(columnIndex));
  }

  @Override
  public boolean isDefinitelyWritable(int columnIndex) throws SQLException {
    return delegate.isDefinitelyWritable(check(columnIndex));
  }

  @Override
  public int isNullable(int columnIndex) throws SQLException {
    return delegate.isNullable(check(columnIndex));
  }

  @Override
  public boolean isReadOnly(int columnIndex) throws SQLException {
    return delegate.isReadOnly(check(columnIndex));
  }

  @Override
  public boolean isSearchable(int columnIndex) throws SQLException {
    return delegate.isSearchable(check(columnIndex));
  }

  @Override
  public boolean isSigned(int columnIndex) throws SQLException {
    return delegate.isSigned(check(columnIndex));
  }

  @Override
  public boolean isWritable(int columnIndex) throws SQLException {
    return delegate.isWritable(check(columnIndex));
  }

}
