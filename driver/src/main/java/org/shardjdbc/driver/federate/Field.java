package org.shardjdbc.driver.federate;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.Objects;
import org.shardjdbc.driver.merge.Collation;
import org.shardjdbc.driver.merge.ValueComparator;

/**
 * One column of a federated plan's rows, described as MySQL describes it: a scan's column as its server reports it,
 * or a column the driver computes (an aggregate, a window function, an expression over several tables) with the type
 * MySQL gives that computation. The values of a column are of the class mysql-connector-j returns for its type.
 *
 * @param jdbcType the {@link Types} code
 * @param typeName the server's type name
 * @param precision digits or characters
 * @param scale digits after the point
 * @param signed whether numbers may be negative
 * @param nullable {@link ResultSetMetaData#columnNullable} or {@link ResultSetMetaData#columnNoNulls}
 * @param className the class of the values
 * @param tableName the logical or physical table the column comes from, or ""
 * @param columnName the column's own name, or ""
 * @param collation how strings of the column compare, or null when the driver does not know the column's collation
 *     exactly (it then refuses to compare them)
 * @param literal whether the values are a constant or parameter of the statement (which take a column's collation)
 */
record Field(int jdbcType, String typeName, int precision, int scale, boolean signed, int nullable, String className,
    String tableName, String columnName, Collation collation, boolean literal) {

  Field {
    Objects.requireNonNull(typeName, "typeName");
  }

  /** Column {@code column} (1-based) of a server's result. */
  static Field of(ResultSetMetaData metadata, int column) throws SQLException {
    return new Field(metadata.getColumnType(column), metadata.getColumnTypeName(column), metadata.getPrecision(column),
        metadata.getScale(column), metadata.isSigned(column), metadata.isNullable(column),
        metadata.getColumnClassName(column), metadata.getTableName(column), metadata.getColumnName(column),
        Collation.forColumn(metadata, column), false);
  }

  static Field bigint() {
    return new Field(Types.BIGINT, "BIGINT", 19, 0, true, ResultSetMetaData.columnNullable, Long.class.getName(), "", "",
        Collation.BINARY_NO_PAD, false);
  }

  static Field integer() {
    return new Field(Types.INTEGER, "INT", 10, 0, true, ResultSetMetaData.columnNullable, Integer.class.getName(), "", "",
        Collation.BINARY_NO_PAD, false);
  }

  static Field decimal(int precision, int scale) {
    return new Field(Types.DECIMAL, "DECIMAL", Math.min(65, precision), scale, true, ResultSetMetaData.columnNullable,
        java.math.BigDecimal.class.getName(), "", "", Collation.BINARY_NO_PAD, false);
  }

  static Field doubleField() {
    return new Field(Types.DOUBLE, "DOUBLE", 22, 0, true, ResultSetMetaData.columnNullable, Double.class.getName(), "", "",
        Collation.BINARY_NO_PAD, false);
  }

  static Field booleanField() {
    return new Field(Types.BOOLEAN, "BOOLEAN", 1, 0, true, ResultSetMetaData.columnNullable, Boolean.class.getName(), "", "",
        Collation.BINARY_NO_PAD, false);
  }

  /** A string of the connection's collation (a literal or parameter, which takes the other operand's collation). */
  static Field varchar(int length, Collation collation, boolean literal) {
    return new Field(Types.VARCHAR, "VARCHAR", length, 0, false, ResultSetMetaData.columnNullable, String.class.getName(),
        "", "", collation, literal);
  }

  static Field nullField() {
    return new Field(Types.NULL, "NULL", 0, 0, false, ResultSetMetaData.columnNullable, Object.class.getName(), "", "",
        Collation.BINARY_NO_PAD, true);
  }

  /** The same column, nullable (the side of an outer join that has no match). */
  Field withNulls() {
    return nullable == ResultSetMetaData.columnNullable ? this : new Field(jdbcType, typeName, precision, scale, signed,
        ResultSetMetaData.columnNullable, className, tableName, columnName, collation, literal);
  }

  /**
   * The same column as a column of a table, under its logical name (a shard reports its physical table,
   * {@code orders_017}, and a UNION ALL of several none).
   */
  Field inTable(String logicalTable) {
    return new Field(jdbcType, typeName, precision, scale, signed, nullable, className,
        logicalTable, columnName, collation, literal);
  }

  /** The same column, computed: no table or column of its own. */
  Field computed() {
    return new Field(jdbcType, typeName, precision, scale, signed, nullable, className, "", "", collation, literal);
  }

  boolean isString() {
    switch (jdbcType) {
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
        return true;
      default:
        return false;
    }
  }

  boolean isIntegral() {
    switch (jdbcType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.BIT:
      case Types.BOOLEAN:
        return true;
      default:
        return false;
    }
  }

  boolean isDecimal() {
    return jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC;
  }

  boolean isApproximate() {
    return jdbcType == Types.DOUBLE || jdbcType == Types.FLOAT || jdbcType == Types.REAL;
  }

  boolean isNumeric() {
    return isIntegral() || isDecimal() || isApproximate();
  }

  boolean isUnsigned() {
    return typeName.toUpperCase(java.util.Locale.ROOT).contains("UNSIGNED");
  }

  /**
   * A comparator of this column's values, with MySQL's order.
   *
   * @throws SQLFeatureNotSupportedException for strings of a collation the driver does not know exactly (the servers'
   *     MySQL 8 and UCA collations): the driver would compare, group, sort or join them differently from the server
   */
  ValueComparator comparator() throws SQLFeatureNotSupportedException {
    if (collation == null) {
      throw new SQLFeatureNotSupportedException("comparing, grouping, sorting or joining strings of "
          + (columnName.isEmpty() ? "a column" : "column " + columnName) + (tableName.isEmpty() ? "" : " of " + tableName)
          + " in the driver, in a query that needs rows of several shards at once: the driver does not know its "
          + "collation exactly", "0A000");
    }
    return new ValueComparator(collation);
  }
}
