package org.shardjdbc.driver.runtime;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * How the server describes a column of a logical table in a result that reads it from one physical table: what
 * {@link ResultSetMetaData} answers for it, with the logical table's name. A query's own label and nullability are
 * not part of it: they depend on the query ({@code AS}, outer joins).
 */
public record ColumnDescription(String table, String name, String schema, int type, String typeName,
    String className, int displaySize, int precision, int scale, boolean signed, boolean autoIncrement,
    boolean caseSensitive, boolean currency, boolean searchable, boolean readOnly, boolean writable,
    boolean definitelyWritable) {

  /**
   * An expression's column (an aggregate, a literal): of no table and read-only, whatever a UNION ALL says; the rest
   * of its description is the result's own. Its table is null.
   */
  public static final ColumnDescription EXPRESSION = new ColumnDescription(null, null, null, 0, null, null, 0, 0, 0,
      false, false, false, false, false, true, false, false);

  /** Whether this describes an expression, of which only the flags of {@link #EXPRESSION} are known. */
  public boolean expression() {
    return table == null;
  }

  /** Column {@code column} of a physical table's result, under the logical table's name. */
  static ColumnDescription of(String logicalTable, ResultSetMetaData metadata, int column) throws SQLException {
    return new ColumnDescription(logicalTable, metadata.getColumnName(column), metadata.getSchemaName(column),
        metadata.getColumnType(column), metadata.getColumnTypeName(column), metadata.getColumnClassName(column),
        metadata.getColumnDisplaySize(column), metadata.getPrecision(column), metadata.getScale(column),
        metadata.isSigned(column), metadata.isAutoIncrement(column), metadata.isCaseSensitive(column),
        metadata.isCurrency(column), metadata.isSearchable(column), metadata.isReadOnly(column),
        metadata.isWritable(column), metadata.isDefinitelyWritable(column));
  }
}
