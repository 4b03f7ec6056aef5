package org.shardjdbc.driver.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.shardjdbc.driver.config.DataSourceConfig;
import org.shardjdbc.driver.config.ShardConfig;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * How rows of a physical server's {@code DatabaseMetaData} become rows of the logical database's: the first physical
 * table of a sharded table is that table, under its logical name, in the logical database; a row that names any other
 * physical table of a sharded table is left out, and so is a row of another data source's database (those hold only
 * physical tables); constraint and index names made of a renamed table's name take its logical name instead. Table
 * names are compared as MySQL does on a case-insensitive file system, so that a table written
 * {@code ORDERS_000} is recognised too.
 */
final class MetadataNames {
  /** The catalogue and table columns of metadata results, in pairs: {@code TABLE_CAT} beside {@code TABLE_NAME}. */
  private static final String[][] TABLE_COLUMNS = {
      {"TABLE_CAT", "TABLE_NAME"}, {"PKTABLE_CAT", "PKTABLE_NAME"}, {"FKTABLE_CAT", "FKTABLE_NAME"}};
  /** Columns that name a database without a table beside them. */
  /** Columns that name a constraint or an index, which MySQL names after the table unless told otherwise. */
  private static final Set<String> CONSTRAINT_COLUMNS = Set.of("FK_NAME", "PK_NAME", "INDEX_NAME");
  private static final Set<String> DATABASE_COLUMNS = Set.of("TABLE_CAT", "TABLE_CATALOG", "TABLE_SCHEM",
      "FUNCTION_CAT", "PROCEDURE_CAT", "TYPE_CAT", "PKTABLE_CAT", "FKTABLE_CAT");

  private final String logicalDatabase;
  private final Set<String> hiddenDatabases = new LinkedHashSet<>();
  /** Per data source, its physical tables of sharded tables by lower-case name. */
  private final Map<String, Map<String, PhysicalTable>> physical = new HashMap<>();

  /** A physical table of a sharded table, and whether it is the first, the one that stands for the logical table. */
  private record PhysicalTable(LogicalTable table, boolean first) {}

  /**
   * @param config the configuration
   * @param logicalDatabase the logical database's name (the default data source's database)
   */
  MetadataNames(ShardConfig config, String logicalDatabase) {
    this.logicalDatabase = logicalDatabase;
    for (DataSourceConfig dataSource : config.dataSources().values()) {
      String database = dataSource.database();
      if (database != null && !database.equalsIgnoreCase(logicalDatabase)) {
        hiddenDatabases.add(database.toLowerCase(Locale.ROOT));
      }
    }
    for (LogicalTable table : config.model().tables()) {
      if (table.sharded()) {
        for (int shard = 0; shard < table.shardCount(); shard++) {
          DataNode node = table.node(shard);
          physical.computeIfAbsent(node.dataSource(), d -> new HashMap<>())
              .put(key(node.table()), new PhysicalTable(table, shard == 0));
        }
      }
    }
  }

  String logicalDatabase() {
    return logicalDatabase;
  }

  /** Whether the logical database hides a database: it is another data source's, holding physical tables. */
  boolean hidden(String database) {
    return database != null && hiddenDatabases.contains(key(database));
  }

  /** Whether a catalogue argument of a metadata call takes in the logical database: null (any) or its name. */
  boolean includesLogical(String catalog) {
    return catalog == null || catalog.equalsIgnoreCase(logicalDatabase);
  }

  /** The columns of a metadata result that this class reads and renames, found once per result. */
  static final class Columns {
    private final int[][] tables;
    private final int[] databases;
    private final int[] constraints;

    Columns(ResultSetMetaData metadata) throws SQLException {
      Map<String, Integer> byLabel = new HashMap<>();
      for (int i = 1; i <= metadata.getColumnCount(); i++) {
        byLabel.put(metadata.getColumnLabel(i).toUpperCase(Locale.ROOT), i - 1);
      }
      tables = Arrays.stream(TABLE_COLUMNS)
          .filter(pair -> byLabel.containsKey(pair[1]))
          .map(pair -> new int[] {byLabel.getOrDefault(pair[0], -1), byLabel.get(pair[1])})
          .toArray(int[][]::new);
      databases = DATABASE_COLUMNS.stream().filter(byLabel::containsKey).mapToInt(byLabel::get).toArray();
      constraints = CONSTRAINT_COLUMNS.stream().filter(byLabel::containsKey).mapToInt(byLabel::get).toArray();
    }
  }

  /**
   * Makes a physical row logical in place.
   *
   * @param row the row, read on {@code dataSource}
   * @param dataSource where it was read
   * @param database that data source's database
   * @param firstTables whether the first physical table of a sharded table stands for it, or is left out as the
   *     others (a read by pattern, where it is read again under the logical name's pattern)
   * @return whether the row belongs to the logical database's metadata
   */
  boolean logical(Object[] row, Columns columns, String dataSource, String database, boolean firstTables) {
    Map<String, PhysicalTable> tables = physical.getOrDefault(dataSource, Map.of());
    for (int[] pair : columns.tables) {
      Object catalog = pair[0] < 0 ? null : row[pair[0]];
      Object name = row[pair[1]];
      if (name == null || (catalog != null && !catalog.toString().equalsIgnoreCase(database))) {
        continue;
      }
      PhysicalTable table = tables.get(key(name.toString()));
      if (table == null) {
        if (database.equalsIgnoreCase(logicalDatabase) && shardedName(name.toString())) {
          return false; // a physical table named like a sharded table: the logical table hides it
        }
        continue;
      }
      if (!table.first() || !firstTables) {
        return false;
      }
      row[pair[1]] = table.table().name();
      for (int column : columns.constraints) {
        // order_items_000_ibfk_1 becomes order_items_ibfk_1
        if (row[column] instanceof String constraint) {
          row[column] = constraint.replace(name.toString(), table.table().name());
        }
      }
      if (pair[0] >= 0) {
        row[pair[0]] = logicalDatabase;
      }
    }
    for (int column : columns.databases) {
      if (row[column] != null && hidden(row[column].toString())) {
        return false;
      }
    }
    return true;
  }

  private boolean shardedName(String name) {
    for (Map<String, PhysicalTable> tables : physical.values()) {
      for (PhysicalTable table : tables.values()) {
        if (table.first() && table.table().name().equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a name is that of a physical table of a sharded table on a data source. */
  boolean physical(String dataSource, String name) {
    return name != null && physical.getOrDefault(dataSource, Map.of()).containsKey(key(name));
  }

  /** The sharded tables whose logical name matches a JDBC name pattern (null: all), or equals a name. */
  List<LogicalTable> shardedTables(String table, boolean pattern) {
    Pattern regex = pattern ? ShardDatabaseMetaData.likePattern(table) : null;
    List<LogicalTable> matching = new ArrayList<>();
    for (Map<String, PhysicalTable> tables : physical.values()) {
      for (PhysicalTable candidate : tables.values()) {
        String name = candidate.table().name();
        if (candidate.first() && (pattern ? regex.matcher(name).matches() : name.equalsIgnoreCase(table))) {
          matching.add(candidate.table());
        }
      }
    }
    matching.sort((a, b) -> a.name().compareTo(b.name()));
    return matching;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
