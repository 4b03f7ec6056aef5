package org.shardjdbc.driver.federate;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** The metadata of a federated query's result: MySQL's labels, and each column's type as MySQL describes it. */
final class FederatedMetadata implements ResultSetMetaData {
  private final List<String> labels;
  private final List<Field> fields;

  FederatedMetadata(List<String> labels, List<Field> fields) {
    if (labels.size() != fields.size()) {
      throw new IllegalArgumentException(labels.size() + " labels for " + fields.size() + " columns");
    }
    this.labels = List.copyOf(labels);
    this.fields = List.copyOf(fields);
  }

  private Field field(int column) throws SQLException {
    if (column < 1 || column > fields.size()) {
      throw new SQLException("Column index out of range: " + column + " (columns: " + fields.size() + ")", "S1002");
    }
    return fields.get(column - 1);
  }

  @Override
  public int getColumnCount() {
    return fields.size();
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    field(column);
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    Field field = field(column);
    return field.isString() && !field.collation().name().contains("CI");
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    field(column);
    return true;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    field(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    return field(column).nullable();
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return field(column).signed();
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    Field field = field(column);
    return field.isDecimal() ? field.precision() + 2 : field.precision();
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    field(column);
    return labels.get(column - 1);
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    Field field = field(column);
    return field.columnName().isEmpty() ? labels.get(column - 1) : field.columnName();
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    field(column);
    return "";
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return field(column).precision();
  }

  @Override
  public int getScale(int column) throws SQLException {
    return field(column).scale();
  }

  @Override
  public String getTableName(int column) throws SQLException {
    return field(column).tableName();
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    field(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return field(column).jdbcType();
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return field(column).typeName();
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    field(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    field(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    field(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    Field field = field(column);
    return field.jdbcType() == Types.NULL ? Object.class.getName() : field.className();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
