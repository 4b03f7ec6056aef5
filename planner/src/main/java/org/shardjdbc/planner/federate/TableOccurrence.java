package org.shardjdbc.planner.federate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One table named in a FROM clause of a federated query: it becomes one scan. The conditions and expressions of the
 * query that read this table alone are evaluated by the servers in that scan, in the user's own text, so that they
 * keep their MySQL meaning; Calcite sees their results as columns ({@link VirtualColumn}).
 */
final class TableOccurrence {
  /** A piece of the user's statement: its text, and the user's parameters its {@code ?} markers stand for. */
  record SqlText(String text, List<Integer> parameters) {
    SqlText {
      Objects.requireNonNull(text, "text");
      parameters = List.copyOf(parameters);
    }
  }

  /**
   * An expression over this table that the scan computes.
   *
   * @param name its column name for Calcite ({@code $e1}, …)
   * @param text the user's text
   * @param condition whether it is used as a condition: the server's 0, 1 or NULL becomes a boolean
   * @param booleanValued whether MySQL's value is already 0, 1 or NULL (a comparison): else the scan asks
   *     {@code (expression) <> 0}, which is MySQL's truth of any value
   */
  record VirtualColumn(String name, SqlText text, boolean condition, boolean booleanValued) {}

  private final int id;
  private final String table;
  private final String alias;
  private final List<ServerColumn> columns;
  private final RecursiveTable recursive;
  private final List<SqlText> filters = new ArrayList<>();
  private final List<VirtualColumn> virtualColumns = new ArrayList<>();
  private List<ServerColumn> virtualTypes = List.of();
  private double selectivity = 1;

  TableOccurrence(int id, String table, String alias, List<ServerColumn> columns) {
    this(id, table, alias, columns, null);
  }

  /** An occurrence of a recursive common table expression, which one server computes. */
  TableOccurrence(int id, String alias, RecursiveTable recursive) {
    this(id, recursive.name(), alias, recursive.columns(), recursive);
  }

  private TableOccurrence(int id, String table, String alias, List<ServerColumn> columns, RecursiveTable recursive) {
    this.id = id;
    this.table = table;
    this.alias = alias;
    this.columns = List.copyOf(columns);
    this.recursive = recursive;
  }

  /** The recursive common table expression this occurrence reads, or null for a table. */
  RecursiveTable recursive() {
    return recursive;
  }

  /** The name of this occurrence's table in Calcite's schema. */
  String calciteName() {
    return "$t" + id;
  }

  String table() {
    return table;
  }

  String alias() {
    return alias;
  }

  List<ServerColumn> columns() {
    return columns;
  }

  /** Whether the table has a column of that name (MySQL compares column names case-insensitively). */
  boolean hasColumn(String name) {
    for (ServerColumn column : columns) {
      if (column.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  List<SqlText> filters() {
    return filters;
  }

  /**
   * Adds a condition of the scan.
   *
   * @param selectivity the share of the rows it keeps, guessed ({@link FilterSelectivity})
   */
  void addFilter(SqlText filter, double selectivity) {
    filters.add(filter);
    this.selectivity *= selectivity;
  }

  /** The share of the table's rows that the scan's conditions keep, guessed: for choosing which input to read first. */
  double selectivity() {
    return selectivity;
  }

  List<VirtualColumn> virtualColumns() {
    return virtualColumns;
  }

  /** The virtual column computing this text (the same text gives the same column), added when new. */
  VirtualColumn virtualColumn(SqlText text, boolean condition, boolean booleanValued) {
    for (VirtualColumn column : virtualColumns) {
      if (column.text().equals(text) && column.condition() == condition) {
        return column;
      }
    }
    VirtualColumn column = new VirtualColumn("$e" + (virtualColumns.size() + 1), text, condition, booleanValued);
    virtualColumns.add(column);
    return column;
  }

  /** The server's types of the value (not condition) virtual columns, in order. */
  List<ServerColumn> virtualTypes() {
    return virtualTypes;
  }

  void virtualTypes(List<ServerColumn> types) {
    this.virtualTypes = List.copyOf(types);
  }
}
