package org.shardjdbc.planner.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code information_schema} view as the default data source's server describes it: its columns, and which of
 * them name a database or a table, which is what the logical view rewrites.
 *
 * @param name the view's name in upper case ({@code TABLES}, {@code COLUMNS}, …)
 * @param columns its columns in order
 */
public record InformationSchemaView(String name, List<Column> columns) {

  /**
   * @param name the column's name
   * @param typeName the server's type name as JDBC reports it ({@code VARCHAR}, {@code BIGINT UNSIGNED}, …)
   */
  public record Column(String name, String typeName) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(typeName, "typeName");
    }

    /** A column holding a database name: {@code TABLE_SCHEMA}, {@code SCHEMA_NAME}, {@code INDEX_SCHEMA}, … */
    boolean namesDatabase() {
      String upper = name.toUpperCase(Locale.ROOT);
      return upper.equals("SCHEMA_NAME") || upper.endsWith("_SCHEMA");
    }

    /** A column holding a table name: {@code TABLE_NAME}, {@code REFERENCED_TABLE_NAME}, {@code EVENT_OBJECT_TABLE}. */
    boolean namesTable() {
      String upper = name.toUpperCase(Locale.ROOT);
      return upper.equals("TABLE_NAME") || upper.endsWith("_TABLE_NAME") || upper.equals("EVENT_OBJECT_TABLE");
    }
  }

  public InformationSchemaView {
    name = name.toUpperCase(Locale.ROOT);
    columns = List.copyOf(columns);
  }

  /**
   * The column that says which database a row belongs to ({@code TABLE_SCHEMA}, else {@code SCHEMA_NAME}, else the
   * first column named {@code *_SCHEMA}), or -1 when rows belong to no database ({@code COLLATIONS}).
   */
  public int databaseColumn() {
    int found = index("TABLE_SCHEMA");
    if (found < 0) {
      found = index("SCHEMA_NAME");
    }
    for (int i = 0; found < 0 && i < columns.size(); i++) {
      if (columns.get(i).namesDatabase()) {
        found = i;
      }
    }
    return found;
  }

  /** The column that says which table a row is about ({@code TABLE_NAME}, else {@code EVENT_OBJECT_TABLE}), or -1. */
  public int tableColumn() {
    int found = index("TABLE_NAME");
    return found >= 0 ? found : index("EVENT_OBJECT_TABLE");
  }

  private int index(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(column)) {
        return i;
      }
    }
    return -1;
  }
}
