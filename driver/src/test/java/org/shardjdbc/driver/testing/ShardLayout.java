package org.shardjdbc.driver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;
import org.shardjdbc.planner.model.ShardingAlgorithm;
import org.shardjdbc.planner.model.ShardingModel;

/**
 * A sharded logical database for tests: data sources (databases on test servers), the physical tables of each
 * logical table, the YAML configuration that tells the driver about them (SPEC §3), and physical DDL and loading.
 *
 * <p>Data source {@code i} is named {@code h<i>}; the first one is the default data source, where unsharded tables
 * live. A sharded table has {@code tablesPerDataSource} physical tables on every data source, numbered across the
 * whole table in shard order ({@code orders_00 .. orders_15} on h0, {@code orders_16 .. orders_31} on h1, ...), so
 * shard {@code i} is physical table number {@code i}, as the configuration's {@code nodes} list says. A broadcast
 * table has one full copy, under its logical name, on every data source.
 *
 * <p>The standard layout that other tests reuse is {@link #shop(TestServer)}: 4 databases {@code t_h0..t_h3} on one
 * server, 16 tables each, orders sharded by {@code mod} on order_id, order_items bound to orders, countries broadcast.
 *
 * <p>Instances are immutable; {@link #configFile()} writes the YAML file once, on first use.
 */
public final class ShardLayout {

  /** The standard layout's database name prefix: databases t_h0, t_h1, ... */
  public static final String SHOP_PREFIX = "t_h";
  public static final int SHOP_DATA_SOURCES = 4;
  public static final int SHOP_TABLES_PER_DATA_SOURCE = 16;
  /** Connections per data source in the generated configuration, unless the builder says otherwise. */
  public static final int DEFAULT_POOL_SIZE = 8;

  /** SPEC §3's {@code mod}, the placement the tests load rows by: the driver's own algorithm. */
  static final ShardingAlgorithm MOD = new ModAlgorithm();

  private final List<DataSource> dataSources;
  private final int tablesPerDataSource;
  private final int poolSize;
  private final Map<String, String> props;
  private final String extraYaml;
  private final String urlOptions;
  private final ShardingModel model;
  private Path configFile;

  /** One physical server database the driver sees as a data source. */
  public record DataSource(String name, TestServer server, String database) {
    public DataSource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(database, "database");
    }

    /** The mysql-connector-j URL of this data source's database. */
    public String jdbcUrl() {
      return server.jdbcUrl(database);
    }
  }

  private ShardLayout(Builder builder) {
    if (builder.dataSources.isEmpty()) {
      throw new IllegalArgumentException("a layout needs at least one data source");
    }
    this.dataSources = List.copyOf(builder.dataSources);
    this.tablesPerDataSource = builder.tablesPerDataSource;
    this.poolSize = builder.poolSize;
    this.props = Collections.unmodifiableMap(new LinkedHashMap<>(builder.props));
    this.extraYaml = builder.extraYaml;
    this.urlOptions = builder.urlOptions;
    List<String> names = new ArrayList<>();
    for (DataSource dataSource : dataSources) {
      names.add(dataSource.name());
    }
    List<LogicalTable> tables = new ArrayList<>();
    for (TableSpec spec : builder.tables) {
      tables.add(spec.broadcast() ? broadcastTable(spec.name(), names) : shardedTable(spec, names));
    }
    this.model = new ShardingModel(names, names.get(0), tables);
  }

  /** The standard layout on one server: see the class comment. */
  public static ShardLayout shop(TestServer server) {
    return shop(server, SHOP_PREFIX, SHOP_DATA_SOURCES, SHOP_TABLES_PER_DATA_SOURCE);
  }

  /**
   * The standard tables (orders, order_items bound to it, countries broadcast) over another shape, e.g. 1 x 1 or
   * 8 x 16, with databases {@code <prefix>0 .. <prefix>(dataSources-1)}.
   */
  public static ShardLayout shop(TestServer server, String prefix, int dataSources, int tablesPerDataSource) {
    return builder()
        .dataSources(server, prefix, dataSources)
        .tablesPerDataSource(tablesPerDataSource)
        .sharded("orders", "order_id")
        .bound("order_items", "order_id", "orders")
        .broadcast("countries")
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private LogicalTable shardedTable(TableSpec spec, List<String> names) {
    int shardCount = names.size() * tablesPerDataSource;
    int width = Math.max(2, String.valueOf(shardCount - 1).length());
    List<DataNode> nodes = new ArrayList<>();
    for (int shard = 0; shard < shardCount; shard++) {
      nodes.add(new DataNode(names.get(shard / tablesPerDataSource), spec.name() + "_" + pad(shard, width)));
    }
    return new LogicalTable(spec.name(), spec.shardKey(), MOD, nodes, spec.bindTo(), false, spec.keyGenerator());
  }

  private static LogicalTable broadcastTable(String name, List<String> names) {
    List<DataNode> nodes = new ArrayList<>();
    for (String dataSource : names) {
      nodes.add(new DataNode(dataSource, name));
    }
    return new LogicalTable(name, null, null, nodes, null, true, null);
  }

  private static String pad(int number, int width) {
    String digits = String.valueOf(number);
    return "0".repeat(Math.max(0, width - digits.length())) + digits;
  }

  /** The model the configuration describes (same names, nodes and placement as the YAML). */
  public ShardingModel model() {
    return model;
  }

  public List<DataSource> dataSources() {
    return dataSources;
  }

  /** The data source of that name. */
  public DataSource dataSource(String name) {
    for (DataSource dataSource : dataSources) {
      if (dataSource.name().equals(name)) {
        return dataSource;
      }
    }
    throw new IllegalArgumentException("no data source '" + name + "' in " + dataSources);
  }

  /** The default data source, where unsharded tables live: the first one. */
  public DataSource defaultDataSource() {
    return dataSources.get(0);
  }

  public int tablesPerDataSource() {
    return tablesPerDataSource;
  }

  /** The sharded or broadcast table of that name. */
  public LogicalTable table(String logicalTable) {
    LogicalTable table = model.table(logicalTable);
    if (table == null) {
      throw new IllegalArgumentException("'" + logicalTable + "' is not a sharded or broadcast table of this layout");
    }
    return table;
  }

  /** The shard index that holds rows of a sharded table with this shard key value. */
  public int shardOf(String logicalTable, Object key) {
    LogicalTable table = table(logicalTable);
    if (table.broadcast()) {
      throw new IllegalArgumentException(logicalTable + " is a broadcast table: every data source holds every row");
    }
    int shard = table.algorithm().shardOf(key, table.shardCount());
    if (shard < 0 || shard >= table.shardCount()) {
      throw new IllegalArgumentException(logicalTable + ": key " + key + " gives no single shard (" + shard + ")");
    }
    return shard;
  }

  /** The physical table (data source and table name) that holds rows of a sharded table with this key value. */
  public DataNode nodeOf(String logicalTable, Object key) {
    return table(logicalTable).node(shardOf(logicalTable, key));
  }

  /**
   * Every physical table of a logical table: its nodes if sharded or broadcast, else the one table of that name on
   * the default data source.
   */
  public List<DataNode> physicalTables(String logicalTable) {
    LogicalTable table = model.table(logicalTable);
    return table == null ? List.of(new DataNode(defaultDataSource().name(), logicalTable)) : table.nodes();
  }

  /** Drops and creates every database of this layout, empty. */
  public void recreateDatabases() throws SQLException {
    for (DataSource dataSource : dataSources) {
      dataSource.server().recreateDatabase(dataSource.database());
    }
  }

  /**
   * Creates every physical table of a logical table (see {@link #physicalTables}).
   *
   * @param definition everything after the table name in CREATE TABLE: {@code (id BIGINT PRIMARY KEY, ...) ENGINE=...}
   */
  public void createTable(String logicalTable, String definition) throws SQLException {
    for (Map.Entry<String, List<String>> entry : tablesByDataSource(physicalTables(logicalTable)).entrySet()) {
      DataSource dataSource = dataSource(entry.getKey());
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        for (String table : entry.getValue()) {
          statement.execute("CREATE TABLE `" + table + "` " + definition);
        }
      }
    }
  }

  /**
   * Inserts rows through plain physical connections, in batches: each row of a sharded table into the physical table
   * of its shard key, each row of a broadcast table into every copy, other tables into the default data source.
   *
   * @param columns the column names, in the order of each row's values; a sharded table's shard key must be one
   * @param rows the values (null for SQL NULL), set with {@code setObject}
   */
  public void insert(String logicalTable, List<String> columns, List<Object[]> rows) throws SQLException {
    Map<DataNode, List<Object[]>> rowsByNode = new LinkedHashMap<>();
    LogicalTable table = model.table(logicalTable);
    if (table == null || table.broadcast()) {
      for (DataNode node : physicalTables(logicalTable)) {
        rowsByNode.put(node, rows);
      }
    } else {
      int keyColumn = indexOfIgnoreCase(columns, table.shardKey());
      if (keyColumn < 0) {
        throw new IllegalArgumentException(logicalTable + ": columns " + columns + " lack the shard key " + table.shardKey());
      }
      for (Object[] row : rows) {
        rowsByNode.computeIfAbsent(nodeOf(logicalTable, row[keyColumn]), node -> new ArrayList<>()).add(row);
      }
    }
    String columnList = "`" + String.join("`, `", columns) + "`";
    String placeholders = String.join(", ", Collections.nCopies(columns.size(), "?"));
    Map<String, List<DataNode>> nodesByDataSource = new LinkedHashMap<>();
    for (DataNode node : rowsByNode.keySet()) {
      nodesByDataSource.computeIfAbsent(node.dataSource(), name -> new ArrayList<>()).add(node);
    }
    for (Map.Entry<String, List<DataNode>> entry : nodesByDataSource.entrySet()) {
      DataSource dataSource = dataSource(entry.getKey());
      try (Connection connection = dataSource.server().connectForLoading(dataSource.database())) {
        for (DataNode node : entry.getValue()) {
          insertBatches(connection, "INSERT INTO `" + node.table() + "` (" + columnList + ") VALUES (" + placeholders
              + ")", rowsByNode.get(node));
        }
      }
    }
  }

  private static void insertBatches(Connection connection, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int pending = 0;
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) {
            statement.setNull(i + 1, Types.NULL);
          } else {
            statement.setObject(i + 1, row[i]);
          }
        }
        statement.addBatch();
        if (++pending == 1000) {
          statement.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        statement.executeBatch();
      }
    }
  }

  private static int indexOfIgnoreCase(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Map<String, List<String>> tablesByDataSource(List<DataNode> nodes) {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (DataNode node : nodes) {
      tables.computeIfAbsent(node.dataSource(), name -> new ArrayList<>()).add(node.table());
    }
    return tables;
  }

  /** The configuration file (SPEC §3) of this layout, written on first call into {@code target/shard-configs/}. */
  public synchronized Path configFile() {
    if (configFile == null) {
      try {
        Path directory = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target",
            "shard-configs").toAbsolutePath();
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, defaultDataSource().database() + "-", ".yaml");
        Files.writeString(file, yaml());
        file.toFile().deleteOnExit();
        configFile = file;
      } catch (IOException e) {
        throw new UncheckedIOException("writing the shard configuration", e);
      }
    }
    return configFile;
  }

  /** {@code jdbc:shard:<absolute path of configFile()>}. */
  public String url() {
    return "jdbc:shard:" + configFile();
  }

  /** The configuration (SPEC §3): data sources with a small pool, tables, default data source, props. */
  public String yaml() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# written by ShardLayout for tests\n");
    yaml.append("dataSources:\n");
    for (DataSource dataSource : dataSources) {
      yaml.append("  ").append(dataSource.name()).append(":\n");
      yaml.append("    url: ").append(quote(dataSource.jdbcUrl() + urlOptions)).append('\n');
      yaml.append("    username: ").append(quote(dataSource.server().user())).append('\n');
      yaml.append("    password: ").append(quote(dataSource.server().password())).append('\n');
      yaml.append("    pool: { maximumPoolSize: ").append(poolSize).append(" }\n");
    }
    if (!model.tables().isEmpty()) {
      yaml.append("tables:\n");
      for (LogicalTable table : model.tables()) {
        yaml.append("  ").append(table.name()).append(":\n");
        if (table.broadcast()) {
          yaml.append("    broadcast: true\n");
          continue;
        }
        yaml.append("    shardKey: ").append(table.shardKey()).append('\n');
        if (table.bindTo() != null) {
          yaml.append("    bindTo: ").append(table.bindTo()).append('\n');
        } else {
          yaml.append("    algorithm: mod\n");
        }
        if (table.keyGenerator() != null) {
          yaml.append("    keyGenerator: ").append(table.keyGenerator()).append('\n');
        }
        yaml.append("    nodes:\n");
        for (Map.Entry<String, List<String>> entry : tablesByDataSource(table.nodes()).entrySet()) {
          yaml.append("      ").append(entry.getKey()).append(": ").append(quote(nodeRange(table.name(), entry.getValue())))
              .append('\n');
        }
      }
    }
    yaml.append("defaultDataSource: ").append(defaultDataSource().name()).append('\n');
    if (!props.isEmpty()) {
      yaml.append("props:\n");
      props.forEach((key, value) -> yaml.append("  ").append(key).append(": ").append(quote(value)).append('\n'));
    }
    if (!extraYaml.isEmpty()) {
      yaml.append(extraYaml.endsWith("\n") ? extraYaml : extraYaml + "\n");
    }
    return yaml.toString();
  }

  /** {@code orders_${16..31}}: the tables of one data source are consecutive and share the padding width. */
  private static String nodeRange(String logicalTable, List<String> tables) {
    String prefix = logicalTable + "_";
    String first = tables.get(0).substring(prefix.length());
    String last = tables.get(tables.size() - 1).substring(prefix.length());
    return tables.size() == 1 ? tables.get(0) : prefix + "${" + first + ".." + last + "}";
  }

  /** A YAML double-quoted scalar. */
  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ShardLayout[");
    for (DataSource dataSource : dataSources) {
      text.append(dataSource.name()).append('=').append(dataSource.database()).append(' ');
    }
    text.append("on ").append(dataSources.get(0).server());
    for (LogicalTable table : model.tables()) {
      text.append(", ").append(table.name()).append(table.broadcast() ? " broadcast"
          : " " + table.shardCount() + " shards" + (table.bindTo() == null ? "" : " bound to " + table.bindTo()));
    }
    return text.append(']').toString();
  }

  /** Builds a {@link ShardLayout}; data sources are named h0, h1, ... in the order they are added. */
  public static final class Builder {
    private final List<DataSource> dataSources = new ArrayList<>();
    private final List<TableSpec> tables = new ArrayList<>();
    private final Set<String> tableNames = new LinkedHashSet<>();
    private final Map<String, String> props = new LinkedHashMap<>();
    private int tablesPerDataSource = 1;
    private int poolSize = DEFAULT_POOL_SIZE;
    private String extraYaml = "";
    private String urlOptions = "";

    private Builder() {}

    /** Adds {@code count} data sources: databases {@code <prefix>0 .. <prefix>(count-1)} on one server. */
    public Builder dataSources(TestServer server, String prefix, int count) {
      for (int i = 0; i < count; i++) {
        dataSource(server, prefix + i);
      }
      return this;
    }

    /** Adds one data source: a database on a server (possibly another server than the others', for fault tests). */
    public Builder dataSource(TestServer server, String database) {
      dataSources.add(new DataSource("h" + dataSources.size(), server, database));
      return this;
    }

    /** Physical tables of each sharded table on every data source; 1 unless set. */
    public Builder tablesPerDataSource(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("tablesPerDataSource " + count + ": must be at least 1");
      }
      this.tablesPerDataSource = count;
      return this;
    }

    /** A table sharded with {@code mod} on an integer key. */
    public Builder sharded(String name, String shardKey) {
      return table(new TableSpec(name, shardKey, null, false, null));
    }

    /** A table sharded with {@code mod} on an integer key that {@code keyGenerator} fills when an INSERT leaves it out. */
    public Builder sharded(String name, String shardKey, String keyGenerator) {
      return table(new TableSpec(name, shardKey, null, false, keyGenerator));
    }

    /** A table sharded like {@code bindTo}, on its own column holding the same key values. */
    public Builder bound(String name, String shardKey, String bindTo) {
      return table(new TableSpec(name, shardKey, bindTo, false, null));
    }

    /** A table with a full copy on every data source. */
    public Builder broadcast(String name) {
      return table(new TableSpec(name, null, null, true, null));
    }

    /**
     * mysql-connector-j options appended to every data source's URL in the configuration, such as
     * {@code &rewriteBatchedStatements=true} (the tests' own physical connections do not get them).
     */
    public Builder urlOptions(String options) {
      this.urlOptions = options;
      return this;
    }

    /** {@code maximumPoolSize} of every data source's pool; {@value #DEFAULT_POOL_SIZE} unless set. */
    public Builder poolSize(int size) {
      this.poolSize = size;
      return this;
    }

    /** An entry of the {@code props:} section. */
    public Builder prop(String key, String value) {
      props.put(key, value);
      return this;
    }

    /** Top-level YAML appended as is (e.g. a {@code users:} or {@code readWriteSplitting:} section). */
    public Builder extraYaml(String yaml) {
      this.extraYaml = yaml;
      return this;
    }

    public ShardLayout build() {
      return new ShardLayout(this);
    }

    private Builder table(TableSpec spec) {
      if (!tableNames.add(spec.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("table " + spec.name() + " is added twice");
      }
      tables.add(spec);
      return this;
    }
  }

  private record TableSpec(String name, String shardKey, String bindTo, boolean broadcast, String keyGenerator) {
    TableSpec {
      Objects.requireNonNull(name, "name");
    }
  }
}
