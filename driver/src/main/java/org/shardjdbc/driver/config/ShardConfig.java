package org.shardjdbc.driver.config;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;

/**
 * A configuration file ({@code jdbc:shard:shop.yaml}), read and checked: the data sources, the sharding model, the
 * driver's properties, the logical users, and the read/write splitting and transaction settings.
 *
 * <p>Immutable; {@link #withOverrides} makes a copy with other properties. The format is SPEC §3. Every problem
 * with the file is an {@link SQLException} whose message names the file, the key and the problem, such as
 * {@code shop.yaml: tables.orders.nodes: unknown data source 'h9' (defined: h1, h2)}; passwords, and values taken
 * from the environment, never appear in messages or in {@link #toString()}.
 */
public final class ShardConfig {
  private final String source;
  private final Map<String, DataSourceConfig> dataSources;
  private final ShardingModel model;
  private final Map<String, String> props;
  private final ShardProperties properties;
  private final Map<String, String> users;
  private final boolean hasUsers;
  private final ReadWriteSplittingConfig readWriteSplitting;
  private final TransactionConfig transaction;
  private final Set<String> environmentValues;

  /** @param environmentValues the values substituted for {@code ${ENV}}, masked by {@link #toString()} */
  ShardConfig(String source, Map<String, DataSourceConfig> dataSources, ShardingModel model,
      Map<String, String> props, ShardProperties properties, Map<String, String> users,
      ReadWriteSplittingConfig readWriteSplitting, TransactionConfig transaction, Set<String> environmentValues) {
    this.source = Objects.requireNonNull(source, "source");
    this.dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
    this.model = Objects.requireNonNull(model, "model");
    this.props = Collections.unmodifiableMap(new LinkedHashMap<>(props));
    this.properties = Objects.requireNonNull(properties, "properties");
    this.hasUsers = users != null;
    this.users = users == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(users));
    this.readWriteSplitting = Objects.requireNonNull(readWriteSplitting, "readWriteSplitting");
    this.transaction = Objects.requireNonNull(transaction, "transaction");
    this.environmentValues = Set.copyOf(environmentValues);
  }

  /**
   * Reads and checks a configuration file, substituting {@code ${ENV}} and {@code ${ENV:default}} from the
   * environment.
   *
   * @param location a path ({@code ./shop.yaml}, {@code /etc/app/shop.yaml}), {@code file:} and a path or URI, or
   *     {@code classpath:shop.yaml} (through the thread's context class loader)
   * @return the configuration
   * @throws SQLException (SQLState HY000) if the file cannot be read, is not valid YAML (the message gives the line
   *     and column), or any key is unknown, missing or wrong; the message names the file, the key and the problem
   */
  public static ShardConfig load(String location) throws SQLException {
    return load(location, System::getenv);
  }

  /**
   * The file a configuration location reads: the path, or the file of a {@code classpath:} resource that is not
   * inside a jar; null when there is no such file (its changes cannot be noticed).
   */
  public static Path file(String location) {
    return ConfigLocation.file(location);
  }

  /** {@link #load(String)} with another environment, for tests. */
  static ShardConfig load(String location, Function<String, String> environment) throws SQLException {
    return ConfigParser.parse(location, ConfigLocation.read(location), environment);
  }

  /** Checks a configuration given as text; {@code source} names it in messages. */
  static ShardConfig parse(String source, String yaml, Function<String, String> environment) throws SQLException {
    return ConfigParser.parse(source, yaml, environment);
  }

  /** The location as written in the URL, which names the file in messages. */
  public String source() {
    return source;
  }

  /** The data sources by name, in the order of the file. */
  public Map<String, DataSourceConfig> dataSources() {
    return dataSources;
  }

  /** The data sources, the sharded and broadcast tables, and the default data source. */
  public ShardingModel model() {
    return model;
  }

  /**
   * The driver's properties as text: {@code props:} of the file, with the overrides of {@link #withOverrides}.
   * {@link #properties()} has them parsed.
   */
  public Map<String, String> props() {
    return props;
  }

  /** The driver's properties, parsed and checked, with defaults for those not given. */
  public ShardProperties properties() {
    return properties;
  }

  /** The logical users and their passwords from {@code users:}; empty without that section. */
  public Map<String, String> users() {
    return users;
  }

  /**
   * Whether the file has a {@code users:} section, against which {@code getConnection}'s user and password are
   * checked; without it, anyone who can read the file may connect.
   */
  public boolean hasUsers() {
    return hasUsers;
  }

  /** The {@code readWriteSplitting:} section; {@link ReadWriteSplittingConfig#DISABLED} without one. */
  public ReadWriteSplittingConfig readWriteSplitting() {
    return readWriteSplitting;
  }

  /** The {@code transaction:} section; {@link TransactionConfig#DEFAULT} without one. */
  public TransactionConfig transaction() {
    return transaction;
  }

  /**
   * A copy whose properties are those of the file overridden by {@code overrides} (URL query parameters and the
   * {@code java.util.Properties} of {@code getConnection}). The keys {@code user} and {@code password} are
   * credentials, not properties, and are skipped.
   *
   * @param overrides property names to values
   * @return a new configuration; this one is unchanged
   * @throws SQLException if a name is unknown (the message lists the known ones) or a value is not valid
   */
  public ShardConfig withOverrides(Map<String, String> overrides) throws SQLException {
    Map<String, String> merged = new LinkedHashMap<>(props);
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      if (!entry.getKey().equals("user") && !entry.getKey().equals("password")) {
        merged.put(entry.getKey(), entry.getValue());
      }
    }
    ShardProperties overridden;
    try {
      overridden = ShardProperties.of(merged);
    } catch (IllegalArgumentException e) {
      throw new SQLException(source + ": connection property " + e.getMessage(), "HY000", e);
    }
    return new ShardConfig(source, dataSources, model, merged, overridden, hasUsers ? users : null,
        readWriteSplitting, transaction, environmentValues);
  }

  @Override
  public String toString() {
    StringBuilder tables = new StringBuilder();
    for (LogicalTable table : model.tables()) {
      tables.append(tables.length() == 0 ? "" : ", ").append(table.name())
          .append(table.broadcast() ? "(broadcast)" : "(" + table.algorithm() + " x " + table.shardCount() + ")");
    }
    String text = "ShardConfig[source=" + source + ", dataSources=" + dataSources.values() + ", tables=[" + tables
        + "], defaultDataSource=" + model.defaultDataSource() + ", lockDataSource=" + model.lockDataSource()
        + ", props=" + props + ", users="
        + (hasUsers ? users.keySet() : "none") + ", readWriteSplitting=" + readWriteSplitting + ", transaction="
        + transaction + "]";
    for (String value : environmentValues) {
      text = text.replace(value, DataSourceConfig.MASK);
    }
    return text;
  }
}
