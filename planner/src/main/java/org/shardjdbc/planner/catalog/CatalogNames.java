package org.shardjdbc.planner.catalog;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the servers say about the names of the logical database: the database each data source's connections use,
 * and whether table names are case-sensitive ({@code lower_case_table_names = 0}).
 *
 * <p>The logical database is the default data source's database: {@code SELECT DATABASE()} there names it, and its
 * unsharded tables are part of it. The databases of the other data sources hold the physical tables and are hidden.
 *
 * @param defaultDataSource the data source of unsharded tables
 * @param databases each data source's database name
 * @param caseSensitiveNames whether the default data source compares table names case-sensitively
 */
public record CatalogNames(String defaultDataSource, Map<String, String> databases, boolean caseSensitiveNames) {
  public CatalogNames {
    Objects.requireNonNull(defaultDataSource, "defaultDataSource");
    databases = Map.copyOf(databases);
    if (!databases.containsKey(defaultDataSource)) {
      throw new IllegalArgumentException("no database for the default data source " + defaultDataSource);
    }
  }

  /** The logical database's name: the default data source's database. */
  public String logicalDatabase() {
    return databases.get(defaultDataSource);
  }

  /** The database of a data source. */
  public String database(String dataSource) {
    String database = databases.get(dataSource);
    if (database == null) {
      throw new IllegalArgumentException("no database for data source " + dataSource);
    }
    return database;
  }

  /** The databases of the other data sources, which the logical database hides. */
  public Set<String> hiddenDatabases() {
    Set<String> hidden = new LinkedHashSet<>();
    for (String database : databases.values()) {
      if (!sameName(database, logicalDatabase())) {
        hidden.add(database);
      }
    }
    return hidden;
  }

  /** Whether a database name written by the user names the logical database. */
  public boolean isLogical(String database) {
    return sameName(database, logicalDatabase());
  }

  private boolean sameName(String a, String b) {
    return caseSensitiveNames ? a.equals(b) : a.equalsIgnoreCase(b);
  }
}
