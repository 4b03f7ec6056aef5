package org.shardjdbc.driver.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.shardjdbc.driver.runtime.ColumnDescription;

/**
 * A shard's result metadata as the logical database shows it: without the hidden columns the driver appended to the
 * select list, with logical table names where the server reports physical ones ({@code orders}, not
 * {@code orders_017}), and the logical database where the server reports a data source's own. A column that
 * {@link LogicalNames#columns()} describes (a plain column of a logical table in a result combined per server, which
 * the server describes as a column of a {@code UNION ALL}) is answered from that description, except for its label and
 * nullability, which the query decides.
 */
final class LogicalMetaData implements ResultSetMetaData {
  private final ResultSetMetaData delegate;
  private final int columnCount;
  private final LogicalNames names;
  private ColumnDescription[] described;
  private boolean describedRead;

  /** @param columnCount how many of the delegate's columns the user sees */
  LogicalMetaData(ResultSetMetaData delegate, int columnCount, LogicalNames names) {
    this.delegate = delegate;
    this.columnCount = columnCount;
    this.names = names;
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

  /** The description of a table's column, or null when the column is not one or has none. */
  private ColumnDescription described(int column) throws SQLException {
    ColumnDescription description = describedOrExpression(column);
    return description == null || description.expression() ? null : description;
  }

  /** The description of a column, {@link ColumnDescription#EXPRESSION} for an expression, or null. */
  private ColumnDescription describedOrExpression(int column) throws SQLException {
    check(column);
    if (!describedRead) {
      described = names.columns() == null ? null : names.columns().apply(columnCount);
      describedRead = true;
    }
    return described == null || described.length != columnCount ? null : described[column - 1];
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
    ColumnDescription description = described(columnIndex);
    return description != null ? names.database() : names.database(delegate.getCatalogName(columnIndex));
  }

  @Override
  public String getColumnClassName(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.className() : delegate.getColumnClassName(columnIndex);
  }

  @Override
  public int getColumnDisplaySize(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.displaySize() : delegate.getColumnDisplaySize(columnIndex);
  }

  @Override
  public String getColumnLabel(int columnIndex) throws SQLException {
    return delegate.getColumnLabel(check(columnIndex));
  }

  @Override
  public String getColumnName(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.name() : delegate.getColumnName(columnIndex);
  }

  @Override
  public int getColumnType(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.type() : delegate.getColumnType(columnIndex);
  }

  @Override
  public String getColumnTypeName(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.typeName() : delegate.getColumnTypeName(columnIndex);
  }

  @Override
  public int getPrecision(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.precision() : delegate.getPrecision(columnIndex);
  }

  @Override
  public int getScale(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.scale() : delegate.getScale(columnIndex);
  }

  @Override
  public String getSchemaName(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.schema() : delegate.getSchemaName(columnIndex);
  }

  @Override
  public String getTableName(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.table() : logical(delegate.getTableName(columnIndex));
  }

  @Override
  public boolean isAutoIncrement(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.autoIncrement() : delegate.isAutoIncrement(columnIndex);
  }

  @Override
  public boolean isCaseSensitive(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.caseSensitive() : delegate.isCaseSensitive(columnIndex);
  }

  @Override
  public boolean isCurrency(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.currency() : delegate.isCurrency(columnIndex);
  }

  @Override
  public boolean isDefinitelyWritable(int columnIndex) throws SQLException {
    ColumnDescription description = describedOrExpression(columnIndex);
    return description != null ? description.definitelyWritable() : delegate.isDefinitelyWritable(columnIndex);
  }

  @Override
  public int isNullable(int columnIndex) throws SQLException {
    return delegate.isNullable(check(columnIndex));
  }

  @Override
  public boolean isReadOnly(int columnIndex) throws SQLException {
    ColumnDescription description = describedOrExpression(columnIndex);
    return description != null ? description.readOnly() : delegate.isReadOnly(columnIndex);
  }

  @Override
  public boolean isSearchable(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.searchable() : delegate.isSearchable(columnIndex);
  }

  @Override
  public boolean isSigned(int columnIndex) throws SQLException {
    ColumnDescription description = described(columnIndex);
    return description != null ? description.signed() : delegate.isSigned(columnIndex);
  }

  private String logical(String table) {
    return names.table(table);
  }

  @Override
  public boolean isWritable(int columnIndex) throws SQLException {
    ColumnDescription description = describedOrExpression(columnIndex);
    return description != null ? description.writable() : delegate.isWritable(columnIndex);
  }

}
