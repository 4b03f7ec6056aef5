package org.shardjdbc.planner.analyze;

import java.util.List;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * Where a select item of a query over sharded tables comes from, for the result's metadata: results combined from
 * several shards of one server come back from a {@code UNION ALL}, for which the server names no table and drops the
 * column's flags (AUTO_INCREMENT, ENUM and SET, {@code TINYINT(1)}); the driver describes a table's column as the
 * table itself does instead.
 */
public sealed interface ResultColumn {

  /**
   * A column of a table, as written: {@code o.status}, {@code status}.
   *
   * @param tables the table the qualifier names, or, for an unqualified name, every table of the FROM clause (the one
   *     among them that has the column is its table)
   * @param name the column's name as written
   */
  record Column(List<LogicalTable> tables, String name) implements ResultColumn {
    public Column {
      tables = List.copyOf(tables);
    }
  }

  /** {@code *} or {@code t.*}: every column of each table, in FROM order and table order. */
  record AllColumns(List<LogicalTable> tables) implements ResultColumn {
    public AllColumns {
      tables = List.copyOf(tables);
    }
  }

  /** An expression, an aggregate or a literal: the server describes it as no table's column, and read-only. */
  record Expression() implements ResultColumn {}

  /** A column the statement alone does not place: of an unsharded or a derived table, or of a table not known. */
  record Unknown() implements ResultColumn {}
}
