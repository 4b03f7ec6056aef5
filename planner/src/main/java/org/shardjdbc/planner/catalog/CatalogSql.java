package org.shardjdbc.planner.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;

/**
 * The physical SQL of catalogue queries, once the servers' database names are known.
 *
 * <p>The logical database's {@code information_schema} is the default data source's, seen through one derived table
 * per view: rows of the other data sources' databases are left out (they hold only physical tables), so are the
 * physical tables of sharded tables, except the first one of each, which is renamed to the logical table; when that
 * first table lives on another data source, its rows are read there and added as literal rows. The user's query
 * then runs on the default data source's server, which evaluates its filters, joins and functions as it always does:
 *
 * <pre>
 * SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()
 * →
 * SELECT table_name FROM (SELECT `TABLE_CATALOG`, `TABLE_SCHEMA`,
 *     CASE WHEN `TABLE_SCHEMA` = 'shop' AND `TABLE_NAME` = 'orders_000' THEN 'orders' ELSE `TABLE_NAME` END AS `TABLE_NAME`, …
 *   FROM information_schema.`TABLES`
 *   WHERE `TABLE_SCHEMA` NOT IN ('shop_2') AND NOT (`TABLE_SCHEMA` = 'shop' AND `TABLE_NAME` IN ('orders_001', …))) AS tables
 * WHERE table_schema = DATABASE()
 * </pre>
 *
 * <p>SHOW TABLES, SHOW FULL TABLES, SHOW TABLE STATUS and SHOW DATABASES become the SELECTs of those views that
 * MySQL itself answers them with; SHOW COLUMNS, SHOW INDEX and SHOW CREATE TABLE of a sharded table go to its first
 * physical table.
 */
public final class CatalogSql {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
  /** SHOW TABLE STATUS's columns and the columns of information_schema.TABLES they show. */
  private static final String[][] TABLE_STATUS = {
      {"Name", "TABLE_NAME"}, {"Engine", "ENGINE"}, {"Version", "VERSION"}, {"Row_format", "ROW_FORMAT"},
      {"Rows", "TABLE_ROWS"}, {"Avg_row_length", "AVG_ROW_LENGTH"}, {"Data_length", "DATA_LENGTH"},
      {"Max_data_length", "MAX_DATA_LENGTH"}, {"Index_length", "INDEX_LENGTH"}, {"Data_free", "DATA_FREE"},
      {"Auto_increment", "AUTO_INCREMENT"}, {"Create_time", "CREATE_TIME"}, {"Update_time", "UPDATE_TIME"},
      {"Check_time", "CHECK_TIME"}, {"Collation", "TABLE_COLLATION"}, {"Checksum", "CHECKSUM"},
      {"Create_options", "CREATE_OPTIONS"}, {"Comment", "TABLE_COMMENT"}, {"Max_index_length", "MAX_INDEX_LENGTH"},
      {"Temporary", "TEMPORARY"},
  };

  private final CatalogNames names;
  /** The first physical tables on the default data source, by physical name: the logical name. */
  private final Map<String, String> renamed = new LinkedHashMap<>();
  /** Per other data source, its first physical tables by physical name: the logical name. */
  private final Map<String, Map<String, String>> remote = new LinkedHashMap<>();
  /** The physical tables in the logical database that its views leave out. */
  private final Set<String> excluded = new LinkedHashSet<>();

  /** A statement for one data source. */
  public record PhysicalStatement(String dataSource, String sql) {}

  /** A query of another data source's information_schema, with its parameters. */
  public record RemoteRead(String sql, List<Object> parameters) {}

  public CatalogSql(ShardingModel model, CatalogNames names) {
    this.names = names;
    for (LogicalTable table : model.tables()) {
      if (!table.sharded()) {
        continue;
      }
      DataNode first = table.node(0);
      if (first.dataSource().equals(names.defaultDataSource())) {
        renamed.put(first.table(), table.name());
      } else {
        remote.computeIfAbsent(first.dataSource(), d -> new LinkedHashMap<>()).put(first.table(), table.name());
      }
      for (DataNode node : table.nodes()) {
        if (names.isLogical(names.database(node.dataSource())) && node != first) {
          excluded.add(node.table());
        }
      }
      if (!first.dataSource().equals(names.defaultDataSource()) && names.isLogical(names.database(first.dataSource()))) {
        excluded.add(first.table());
      }
    }
    excluded.removeAll(renamed.keySet());
  }

  /** SHOW COLUMNS, SHOW INDEX or SHOW CREATE TABLE of a sharded table: asked of its first physical table. */
  public PhysicalStatement tableShow(CatalogQuery.TableShow show) {
    if (show.database() != null && !names.isLogical(show.database())) {
      return new PhysicalStatement(names.defaultDataSource(), show.original());
    }
    DataNode first = show.table().node(0);
    return new PhysicalStatement(first.dataSource(), show.before() + quote(first.table()) + show.after());
  }

  /**
   * SHOW TABLES, SHOW FULL TABLES, SHOW TABLE STATUS or SHOW DATABASES as the SELECT of information_schema views
   * that answers it.
   *
   * @param tables the TABLES view, whose columns SHOW TABLE STATUS shows
   * @throws SQLSyntaxErrorException for a database the logical database hides (MySQL: unknown database)
   */
  public String show(CatalogQuery.Show show, InformationSchemaView tables) throws SQLException {
    String database = show.database() == null ? names.logicalDatabase() : show.database();
    if (show.database() != null && !names.isLogical(database) && contains(names.hiddenDatabases(), database)) {
      throw new SQLSyntaxErrorException("Unknown database '" + database + "'", "42000", 1049);
    }
    String pattern = show.like() == null ? null : show.like().substring(1, show.like().length() - 1);
    String like = show.like() == null ? "" : " LIKE " + (names.caseSensitiveNames() ? "BINARY " : "") + show.like();
    String select;
    switch (show.kind()) {
      case TABLES:
      case FULL_TABLES: {
        String label = "Tables_in_" + database + (pattern == null ? "" : " (" + pattern + ")");
        select = "SELECT `TABLE_NAME` AS " + quote(label)
            + (show.kind() == CatalogQuery.ShowKind.FULL_TABLES ? ", `TABLE_TYPE` AS `Table_type`" : "")
            + " FROM information_schema.`TABLES` WHERE `TABLE_SCHEMA` = " + literal(database)
            + (like.isEmpty() ? "" : " AND `TABLE_NAME`" + like);
        break;
      }
      case TABLE_STATUS: {
        StringJoiner columns = new StringJoiner(", ");
        for (String[] column : TABLE_STATUS) {
          if (tables.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(column[1]))) {
            columns.add(quote(column[1]) + " AS " + quote(column[0]));
          }
        }
        select = "SELECT " + columns + " FROM information_schema.`TABLES` WHERE `TABLE_SCHEMA` = " + literal(database)
            + (like.isEmpty() ? "" : " AND `TABLE_NAME`" + like);
        break;
      }
      case DATABASES: {
        String label = "Database" + (pattern == null ? "" : " (" + pattern + ")");
        select = "SELECT `SCHEMA_NAME` AS " + quote(label) + " FROM information_schema.`SCHEMATA`"
            + (like.isEmpty() ? "" : " WHERE `SCHEMA_NAME`" + like);
        break;
      }
      default:
        throw new IllegalStateException("SHOW " + show.kind());
    }
    if (show.where() != null) {
      select = "SELECT * FROM (" + select + ") AS `show_rows` WHERE " + show.where();
    }
    return select + " ORDER BY 1";
  }

  private boolean contains(Set<String> databases, String database) {
    for (String candidate : databases) {
      if (names.caseSensitiveNames() ? candidate.equals(database) : candidate.equalsIgnoreCase(database)) {
        return true;
      }
    }
    return false;
  }

  /** The views a query reads (as FROM items), in upper case. */
  public static Set<String> views(CatalogQuery.InformationSchemaSelect query) {
    Set<String> views = new LinkedHashSet<>();
    for (CatalogQuery.ViewReference reference : query.references()) {
      if (reference.fromItem()) {
        views.add(reference.view().toUpperCase(Locale.ROOT));
      }
    }
    return views;
  }

  /** The other data sources that hold the first physical table of a sharded table. */
  public Set<String> remoteDataSources() {
    return remote.keySet();
  }

  /**
   * The query that reads a view's rows about the first physical tables on another data source, or null when the view
   * has no rows about tables.
   */
  public RemoteRead remoteRead(InformationSchemaView view, String dataSource) {
    int databaseColumn = view.databaseColumn();
    int tableColumn = view.tableColumn();
    Map<String, String> tables = remote.get(dataSource);
    if (databaseColumn < 0 || tableColumn < 0 || tables == null) {
      return null;
    }
    List<Object> parameters = new ArrayList<>();
    parameters.add(names.database(dataSource));
    StringJoiner markers = new StringJoiner(", ", "(", ")");
    for (String table : tables.keySet()) {
      markers.add("?");
      parameters.add(table);
    }
    return new RemoteRead("SELECT * FROM information_schema." + quote(view.name()) + " WHERE "
        + quote(view.columns().get(databaseColumn).name()) + " = ? AND " + quote(view.columns().get(tableColumn).name())
        + " IN " + markers, parameters);
  }

  /** A row another data source's view gave, under the logical database's and logical tables' names. */
  public Object[] logicalRow(InformationSchemaView view, String dataSource, Object[] row) {
    Object[] logical = row.clone();
    String database = names.database(dataSource);
    Map<String, String> tables = remote.getOrDefault(dataSource, Map.of());
    for (int i = 0; i < logical.length && i < view.columns().size(); i++) {
      InformationSchemaView.Column column = view.columns().get(i);
      if (column.namesDatabase() && database.equals(logical[i])) {
        logical[i] = names.logicalDatabase();
      } else if (column.namesTable() && logical[i] instanceof String name && tables.containsKey(name)) {
        logical[i] = tables.get(name);
      }
    }
    return logical;
  }

  /**
   * The user's query with each view it reads replaced by the view's logical rows.
   *
   * @param views the views the query reads, by upper-case name ({@link #views})
   * @param remoteRows per view, the logical rows read on other data sources ({@link #logicalRow})
   */
  public String render(CatalogQuery.InformationSchemaSelect query, Map<String, InformationSchemaView> views,
      Map<String, List<Object[]>> remoteRows) {
    StringBuilder sql = new StringBuilder();
    int position = 0;
    for (CatalogQuery.ViewReference reference : query.references()) {
      InformationSchemaView view = views.get(reference.view().toUpperCase(Locale.ROOT));
      if (view == null || view.databaseColumn() < 0) {
        continue;
      }
      sql.append(query.sql(), position, reference.start());
      if (reference.fromItem()) {
        sql.append(derivedTable(view, remoteRows.getOrDefault(view.name(), List.of()), query.selectedColumns()));
        if (!reference.aliased()) {
          sql.append(" AS ").append(quote(reference.view()));
        }
      } else {
        sql.append(quote(reference.view()));
      }
      position = reference.end();
    }
    return sql.append(query.sql(), position, query.sql().length()).toString();
  }

  /**
   * A view's logical rows as a derived table, in parentheses.
   *
   * @param spellings how the user's select list writes column names, which the derived table's columns take
   */
  public String derivedTable(InformationSchemaView view, List<Object[]> remoteRows, List<String> spellings) {
    int databaseColumn = view.databaseColumn();
    String database = quote(view.columns().get(databaseColumn).name());
    StringJoiner columns = new StringJoiner(", ");
    for (InformationSchemaView.Column column : view.columns()) {
      String label = quote(spelling(column.name(), spellings));
      columns.add((column.namesTable() && !renamed.isEmpty() ? renaming(column, database) : quote(column.name())) + " AS " + label);
    }
    StringBuilder sql = new StringBuilder("(SELECT ").append(columns).append(" FROM information_schema.")
        .append(quote(view.name()));
    List<String> conditions = new ArrayList<>();
    if (!names.hiddenDatabases().isEmpty()) {
      conditions.add(database + " NOT IN " + literals(names.hiddenDatabases()));
    }
    int tableColumn = view.tableColumn();
    if (tableColumn >= 0 && !excluded.isEmpty()) {
      conditions.add("NOT (" + database + " = " + literal(names.logicalDatabase()) + " AND "
          + quote(view.columns().get(tableColumn).name()) + " IN " + literals(excluded) + ")");
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    for (Object[] row : remoteRows) {
      StringJoiner values = new StringJoiner(", ", " UNION ALL SELECT ", "");
      for (int i = 0; i < view.columns().size(); i++) {
        values.add(typedLiteral(row[i], view.columns().get(i).typeName()));
      }
      sql.append(values);
    }
    return sql.append(')').toString();
  }

  private String renaming(InformationSchemaView.Column column, String database) {
    String name = quote(column.name());
    StringBuilder sql = new StringBuilder("CASE");
    for (Map.Entry<String, String> table : renamed.entrySet()) {
      sql.append(" WHEN ").append(database).append(" = ").append(literal(names.logicalDatabase())).append(" AND ")
          .append(name).append(" = ").append(literal(table.getKey())).append(" THEN ").append(literal(table.getValue()));
    }
    return sql.append(" ELSE ").append(name).append(" END").toString();
  }

  private static String spelling(String column, List<String> spellings) {
    for (String spelling : spellings) {
      if (spelling.equalsIgnoreCase(column)) {
        return spelling;
      }
    }
    return column;
  }

  /**
   * A value as a literal of the column's type, so that a UNION with the server's own rows keeps the column's type:
   * unsigned and signed BIGINTs and date-times are cast, since a bare number or string would widen the column.
   */
  static String typedLiteral(Object value, String typeName) {
    String type = typeName.toUpperCase(Locale.ROOT);
    String cast = type.contains("UNSIGNED") ? "UNSIGNED" : type.startsWith("BIGINT") ? "SIGNED"
        : type.startsWith("DATETIME") || type.startsWith("TIMESTAMP") ? "DATETIME(6)" : type.equals("DATE") ? "DATE" : null;
    String text;
    if (value == null) {
      text = "NULL";
    } else if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Long || value instanceof Integer
        || value instanceof Short || value instanceof Byte) {
      text = value.toString();
    } else if (value instanceof Boolean bool) {
      text = bool ? "1" : "0";
    } else if (value instanceof LocalDateTime dateTime) {
      text = literal(DATE_TIME.format(dateTime));
    } else if (value instanceof java.sql.Timestamp timestamp) {
      text = literal(DATE_TIME.format(timestamp.toLocalDateTime()));
    } else if (value instanceof LocalDate || value instanceof java.sql.Date) {
      text = literal(value.toString());
    } else {
      text = literal(value.toString());
    }
    return cast == null ? text : "CAST(" + text + " AS " + cast + ")";
  }

  private static String literals(Set<String> values) {
    StringJoiner list = new StringJoiner(", ", "(", ")");
    for (String value : values) {
      list.add(literal(value));
    }
    return list.toString();
  }

  /** A string literal: quotes and backslashes escaped as MySQL reads them by default. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
