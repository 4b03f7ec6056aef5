package org.shardjdbc.planner.catalog;

import java.util.List;
import java.util.Objects;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * A statement about the logical database's catalogue: SHOW statements and queries of {@code information_schema},
 * answered with logical tables only (never {@code orders_042}). Recognised from the statement's tokens by
 * {@link CatalogStatements}, turned into physical SQL by {@link CatalogSql} once the servers' database names are
 * known.
 */
public sealed interface CatalogQuery {

  /**
   * A SELECT that reads {@code information_schema} views: it runs on the default data source with each view replaced
   * by a derived table of its logical rows, so that the server evaluates the user's filters, joins and functions.
   *
   * @param sql the user's statement
   * @param references where it names a view, in text order
   * @param selectedColumns the names of the columns the outer select list names without an alias, as written: a
   *     server labels such a column as written when it is a view's, but by its name in the derived table otherwise,
   *     so the derived table's columns take these spellings
   */
  record InformationSchemaSelect(String sql, List<ViewReference> references, List<String> selectedColumns)
      implements CatalogQuery {
    public InformationSchemaSelect {
      Objects.requireNonNull(sql, "sql");
      references = List.copyOf(references);
      selectedColumns = List.copyOf(selectedColumns);
    }
  }

  /**
   * A place where the statement names {@code information_schema.<view>}.
   *
   * @param start offset of {@code information_schema} in the text
   * @param end offset just after the view's name
   * @param view the view's name as written
   * @param fromItem whether it is a table of a FROM clause (else the qualifier of a column,
   *     {@code information_schema.TABLES.TABLE_NAME})
   * @param aliased whether a FROM item has an alias of its own
   */
  record ViewReference(int start, int end, String view, boolean fromItem, boolean aliased) {}

  /** The SHOW statements that MySQL answers from {@code information_schema.TABLES} and {@code SCHEMATA}. */
  enum ShowKind {
    TABLES,
    FULL_TABLES,
    TABLE_STATUS,
    DATABASES
  }

  /**
   * {@code SHOW [FULL] TABLES}, {@code SHOW TABLE STATUS} or {@code SHOW DATABASES}, answered as the equivalent
   * SELECT over the logical {@code information_schema} views.
   *
   * @param database the database after FROM or IN, or null for the logical database
   * @param like the LIKE pattern's literal as written, or null
   * @param where the WHERE condition as written, or null
   */
  record Show(ShowKind kind, String database, String like, String where) implements CatalogQuery {
    public Show {
      Objects.requireNonNull(kind, "kind");
      if (like != null && where != null) {
        throw new IllegalArgumentException("SHOW has LIKE or WHERE, not both");
      }
    }
  }

  /** SHOW statements about one table, answered by its first physical table. */
  enum TableShowKind {
    COLUMNS,
    INDEX,
    CREATE_TABLE
  }

  /**
   * {@code SHOW COLUMNS}, {@code DESCRIBE}, {@code SHOW INDEX} or {@code SHOW CREATE TABLE} of a sharded table: the
   * statement is asked of the table's first physical table, and the physical name in the answer becomes the logical
   * one.
   *
   * @param table the sharded table
   * @param database the database that qualifies the table, or null
   * @param before the statement's text before the table's name (without a database qualifier)
   * @param after the statement's text after the table's name (without {@code FROM <database>})
   * @param original the statement as written, run unchanged when {@code database} is not the logical database
   */
  record TableShow(TableShowKind kind, LogicalTable table, String database, String before, String after, String original)
      implements CatalogQuery {
    public TableShow {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(table, "table");
    }
  }
}
