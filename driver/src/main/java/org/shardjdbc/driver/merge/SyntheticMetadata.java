package org.shardjdbc.driver.merge;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The metadata of columns the driver computes itself, all of one type: the BIGINT of
 * {@code SELECT count(0) FROM (<query>) t}, as MySQL describes it, and the text columns of EXPLAIN.
 */
final class SyntheticMetadata implements ResultSetMetaData {
  private final List<String> labels;
  private final int type;
  private final String typeName;

  SyntheticMetadata(List<String> labels, int type, String typeName) {
    this.labels = List.copyOf(labels);
    this.type = type;
    this.typeName = typeName;
  }

  @Override
  public int getColumnCount() {
    return labels.size();
  }

  @Override
  public boolean isAutoIncrement(int column) {
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) {
    return false;
  }

  @Override
  public boolean isSearchable(int column) {
    return true;
  }

  @Override
  public boolean isCurrency(int column) {
    return false;
  }

  @Override
  public int isNullable(int column) {
    return columnNoNulls;
  }

  @Override
  public boolean isSigned(int column) {
    return true;
  }

  @Override
  public int getColumnDisplaySize(int column) {
    return 21;
  }

  @Override
  public String getColumnLabel(int column) {
    return labels.get(column - 1);
  }

  @Override
  public String getColumnName(int column) {
    return labels.get(column - 1);
  }

  @Override
  public String getSchemaName(int column) {
    return "";
  }

  @Override
  public int getPrecision(int column) {
    return 21;
  }

  @Override
  public int getScale(int column) {
    return 0;
  }

  @Override
  public String getTableName(int column) {
    return "";
  }

  @Override
  public String getCatalogName(int column) {
    return "";
  }

  @Override
  public int getColumnType(int column) {
    return type;
  }

  @Override
  public String getColumnTypeName(int column) {
    return typeName;
  }

  @Override
  public boolean isReadOnly(int column) {
    return true;
  }

  @Override
  public boolean isWritable(int column) {
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) {
    return false;
  }

  @Override
  public String getColumnClassName(int column) {
    return type == Types.BIGINT ? Long.class.getName() : String.class.getName();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
