package org.shardjdbc.driver.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.planner.catalog.CatalogNames;
import org.shardjdbc.planner.catalog.CatalogQuery;
import org.shardjdbc.planner.catalog.CatalogSql;
import org.shardjdbc.planner.catalog.CatalogStatements;
import org.shardjdbc.planner.catalog.InformationSchemaView;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.MySqlTokenizer;

/**
 * The logical database's catalogue for one runtime: its name (the default data source's database), and the physical
 * statement that answers each {@link CatalogQuery}. What it learns from the servers (the data sources' database
 * names, the columns of information_schema views) is read once, on first use, and kept.
 */
public final class LogicalCatalog {
  private final ShardingModel model;
  private final Map<String, DataSourcePool> pools;
  private final Map<String, InformationSchemaView> views = new ConcurrentHashMap<>();
  /** Views whose derived table with rows of other data sources was checked to keep the view's column types. */
  private final Set<String> checkedViews = ConcurrentHashMap.newKeySet();
  private volatile CatalogSql sql;
  private volatile CatalogNames names;

  public LogicalCatalog(ShardingModel model, Map<String, DataSourcePool> pools) {
    this.model = model;
    this.pools = pools;
  }

  /** The logical database's name, as {@code SELECT DATABASE()} and {@code Connection.getCatalog()} give it. */
  public String logicalDatabase() throws SQLException {
    return names().logicalDatabase();
  }

  /** The database names of the data sources, read once. */
  public CatalogNames names() throws SQLException {
    CatalogNames known = names;
    if (known == null) {
      synchronized (this) {
        if (names == null) {
          names = readNames();
        }
        known = names;
      }
    }
    return known;
  }

  private CatalogNames readNames() throws SQLException {
    Map<String, String> databases = new LinkedHashMap<>();
    boolean caseSensitive = true;
    for (String dataSource : model.dataSources()) {
      try (DataSourcePool.Lease lease = pool(dataSource).acquire();
          Statement statement = lease.connection().createStatement();
          ResultSet result = statement.executeQuery("SELECT DATABASE(), @@lower_case_table_names")) {
        result.next();
        String database = result.getString(1);
        if (database == null) {
          throw new SQLException("data source " + dataSource + " has no database: name one in its url", "HY000");
        }
        databases.put(dataSource, database);
        if (dataSource.equals(model.defaultDataSource())) {
          caseSensitive = result.getInt(2) == 0;
        }
      }
    }
    return new CatalogNames(model.defaultDataSource(), databases, caseSensitive);
  }

  private CatalogSql sql() throws SQLException {
    CatalogSql known = sql;
    if (known == null) {
      known = new CatalogSql(model, names());
      sql = known;
    }
    return known;
  }

  private DataSourcePool pool(String dataSource) throws SQLException {
    DataSourcePool pool = pools.get(dataSource);
    if (pool == null) {
      throw new SQLException("unknown data source '" + dataSource + "'", "HY000");
    }
    return pool;
  }

  /**
   * The statement that answers a catalogue query, and the data source it runs on.
   *
   * @throws SQLException when the servers cannot be read, or a SHOW names a database the logical one hides
   */
  public CatalogSql.PhysicalStatement physicalStatement(CatalogQuery query) throws SQLException {
    if (query instanceof CatalogQuery.TableShow show) {
      return sql().tableShow(show);
    }
    CatalogQuery.InformationSchemaSelect select;
    if (query instanceof CatalogQuery.Show show) {
      String text = sql().show(show, view("TABLES"));
      select = (CatalogQuery.InformationSchemaSelect) CatalogStatements.recognize(text, MySqlTokenizer.tokenize(text), model);
    } else if (query instanceof CatalogQuery.InformationSchemaSelect informationSchema) {
      select = informationSchema;
    } else {
      throw new IllegalStateException("catalogue query " + query);
    }
    return new CatalogSql.PhysicalStatement(model.defaultDataSource(), render(select));
  }

  private String render(CatalogQuery.InformationSchemaSelect select) throws SQLException {
    CatalogSql catalogSql = sql();
    Map<String, InformationSchemaView> described = new LinkedHashMap<>();
    Map<String, List<Object[]>> remoteRows = new LinkedHashMap<>();
    for (String name : CatalogSql.views(select)) {
      InformationSchemaView view = view(name);
      if (view == null) {
        continue; // not a view of this server: the server reports it
      }
      described.put(name, view);
      List<Object[]> rows = remoteRows(catalogSql, view);
      if (!rows.isEmpty()) {
        remoteRows.put(name, rows);
        checkTypes(catalogSql, view, rows);
      }
    }
    return catalogSql.render(select, described, remoteRows);
  }

  /** The rows a view has on other data sources about the first physical tables there, under logical names. */
  private List<Object[]> remoteRows(CatalogSql catalogSql, InformationSchemaView view) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (String dataSource : catalogSql.remoteDataSources()) {
      CatalogSql.RemoteRead read = catalogSql.remoteRead(view, dataSource);
      if (read == null) {
        continue;
      }
      try (DataSourcePool.Lease lease = pool(dataSource).acquire();
          PreparedStatement statement = lease.connection().prepareStatement(read.sql())) {
        for (int i = 0; i < read.parameters().size(); i++) {
          statement.setObject(i + 1, read.parameters().get(i));
        }
        try (ResultSet result = statement.executeQuery()) {
          int width = result.getMetaData().getColumnCount();
          if (width != view.columns().size()) {
            throw new SQLException("information_schema." + view.name() + " has " + width + " columns on data source "
                + dataSource + " but " + view.columns().size() + " on " + model.defaultDataSource(), "HY000");
          }
          while (result.next()) {
            Object[] row = new Object[width];
            for (int i = 0; i < width; i++) {
              row[i] = result.getObject(i + 1);
            }
            rows.add(catalogSql.logicalRow(view, dataSource, row));
          }
        }
      }
    }
    return rows;
  }

  /**
   * Checks once per view that adding literal rows keeps every column's JDBC type and Java class, so that the logical
   * view describes its columns as the server's view does; refuses the query otherwise.
   */
  private void checkTypes(CatalogSql catalogSql, InformationSchemaView view, List<Object[]> rows) throws SQLException {
    if (checkedViews.contains(view.name())) {
      return;
    }
    try (DataSourcePool.Lease lease = pool(model.defaultDataSource()).acquire();
        Statement statement = lease.connection().createStatement();
        ResultSet plain = statement.executeQuery("SELECT * FROM information_schema." + quote(view.name()) + " WHERE 1 = 0");
        ResultSet derived = lease.connection().createStatement().executeQuery("SELECT * FROM "
            + catalogSql.derivedTable(view, rows.subList(0, 1), List.of()) + " AS `checked` WHERE 1 = 0")) {
      ResultSetMetaData expected = plain.getMetaData();
      ResultSetMetaData actual = derived.getMetaData();
      for (int i = 1; i <= expected.getColumnCount(); i++) {
        if (expected.getColumnType(i) != actual.getColumnType(i)
            || !expected.getColumnClassName(i).equals(actual.getColumnClassName(i))) {
          throw new SQLFeatureNotSupportedException("information_schema." + view.name() + ": the rows of sharded tables "
              + "whose first physical table is not on " + model.defaultDataSource() + " would turn column "
              + expected.getColumnLabel(i) + " from " + expected.getColumnTypeName(i) + " into "
              + actual.getColumnTypeName(i), "0A000");
        }
      }
    }
    checkedViews.add(view.name());
  }

  /** A view's columns as the default data source's server has them, or null when the server has no such view. */
  private InformationSchemaView view(String name) throws SQLException {
    InformationSchemaView known = views.get(name);
    if (known != null) {
      return known;
    }
    try (DataSourcePool.Lease lease = pool(model.defaultDataSource()).acquire()) {
      InformationSchemaView view = describe(lease.connection(), name);
      if (view != null) {
        views.put(name, view);
      }
      return view;
    }
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static InformationSchemaView describe(Connection connection, String name) throws SQLException {
    List<InformationSchemaView.Column> columns = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM information_schema." + quote(name) + " WHERE 1 = 0")) {
      ResultSetMetaData metadata = result.getMetaData();
      for (int i = 1; i <= metadata.getColumnCount(); i++) {
        columns.add(new InformationSchemaView.Column(metadata.getColumnLabel(i), metadata.getColumnTypeName(i)));
      }
    } catch (SQLException e) {
      if (e.getErrorCode() == 1109) { // unknown table in information_schema
        return null;
      }
      throw e;
    }
    return new InformationSchemaView(name, columns);
  }
}
