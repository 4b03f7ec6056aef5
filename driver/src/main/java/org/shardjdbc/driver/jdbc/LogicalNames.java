package org.shardjdbc.driver.jdbc;

import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.shardjdbc.driver.runtime.ColumnDescription;

/**
 * What a sharded SELECT's result metadata says instead of what the physical results say: the logical names of the
 * physical tables and of the data sources' databases, and, for a result of several shards, the description of each
 * column that is a plain column of a logical table ({@link org.shardjdbc.driver.runtime.TableDescriptions}).
 *
 * @param tables physical table name to logical name, null for a table not among the result's; asked only when the
 *     metadata is
 * @param database the logical database, or null to leave databases as the servers name them
 * @param physicalDatabases the data sources' databases, each of which reads as the logical database
 * @param columns gives each of a result's n columns its description (null where none), or null when there are
 *     none; asked only when the metadata is
 */
record LogicalNames(UnaryOperator<String> tables, String database, Set<String> physicalDatabases,
    IntFunction<ColumnDescription[]> columns) {

  static final LogicalNames NONE = new LogicalNames(null, null, Set.of(), null);

  LogicalNames {
    physicalDatabases = Set.copyOf(physicalDatabases);
  }

  /** Physical table names to logical ones, and nothing else. */
  static LogicalNames ofTables(Map<String, String> tables) {
    if (tables.isEmpty()) {
      return NONE;
    }
    Map<String, String> copy = Map.copyOf(tables);
    return new LogicalNames(copy::get, null, Set.of(), null);
  }

  /** Whether the servers' metadata is shown as it is. */
  boolean none() {
    return tables == null && database == null && columns == null;
  }

  /** The logical name of a table a server names. */
  String table(String name) {
    String logical = tables == null || name == null ? null : tables.apply(name);
    return logical != null ? logical : name;
  }

  /** The logical name of a database a server names. */
  String database(String name) {
    return database != null && physicalDatabases.contains(name) ? database : name;
  }
}
