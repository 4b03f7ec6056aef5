package org.shardjdbc.driver.config;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the sections of a configuration file (SPEC §3) into a {@link ShardConfig}: each key checked as it is read,
 * then the combinations (bindings, the default data source).
 *
 * <p>A key is never accepted and ignored: one that means nothing with the others (a lease without XA) is refused.
 */
final class ConfigParser {
  static final List<String> SECTIONS = List.of("dataSources", "tables", "defaultDataSource", "lockDataSource",
      "readWriteSplitting", "transaction", "props", "users");
  static final List<String> DATA_SOURCE_KEYS = List.of("url", "username", "password", "pool", "replicas");
  static final List<String> REPLICA_KEYS = List.of("url", "weight", "username", "password", "pool");
  static final List<String> READ_WRITE_SPLITTING_KEYS = List.of("enabled", "loadBalancer", "maxReplicationLagMs",
      "heartbeat", "configCheckIntervalMs");
  static final List<String> HEARTBEAT_KEYS = List.of("table", "createTable", "intervalMs", "timeoutMs");
  static final List<String> TRANSACTION_KEYS = List.of("type", "leaseMs");
  private static final Pattern DATA_SOURCE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private ConfigParser() {}

  static ShardConfig parse(String source, String text, Function<String, String> environment) throws SQLException {
    Node root = YamlDocument.parse(source, text);
    EnvironmentPlaceholders placeholders = new EnvironmentPlaceholders(environment);
    ConfigNode document = ConfigNode.root(source, placeholders, root);
    if (!document.isPresent()) {
      throw document.error("no configuration in the file; it needs at least dataSources");
    }
    ConfigNode.Mapping sections = document.mapping(SECTIONS);
    Map<String, DataSourceConfig> dataSources = dataSources(sections.get("dataSources"));
    List<String> dataSourceNames = List.copyOf(dataSources.keySet());
    TableParser tables = new TableParser(dataSourceNames);
    tables.read(sections.get("tables"));
    ConfigNode defaultNode = sections.get("defaultDataSource");
    String defaultDataSource = defaultNode.isPresent() ? defaultNode.nonBlankText() : dataSourceNames.get(0);
    ConfigNode lockNode = sections.get("lockDataSource");
    String lockDataSource = lockNode.isPresent() ? lockNode.nonBlankText() : defaultDataSource;
    ReadWriteSplittingConfig readWriteSplitting = readWriteSplitting(sections.get("readWriteSplitting"));
    TransactionConfig transaction = transaction(sections.get("transaction"));
    Map<String, String> props = props(sections.get("props"));
    ShardProperties properties;
    try {
      properties = ShardProperties.of(props);
    } catch (IllegalArgumentException e) {
      throw document.error("props." + e.getMessage());
    }
    Map<String, String> users = sections.has("users") ? users(sections.get("users")) : null;

    if (!dataSources.containsKey(defaultDataSource)) {
      throw defaultNode.error("unknown data source '" + defaultDataSource + "' (defined: "
          + ConfigNode.names(dataSourceNames) + ")");
    }
    if (!dataSources.containsKey(lockDataSource)) {
      throw lockNode.error("unknown data source '" + lockDataSource + "' (defined: "
          + ConfigNode.names(dataSourceNames) + ")");
    }
    List<LogicalTable> logicalTables = tables.bind();
    ShardingModel model;
    try {
      model = new ShardingModel(dataSourceNames, defaultDataSource, lockDataSource, logicalTables,
          dataSources.get(defaultDataSource).database());
    } catch (IllegalArgumentException e) {
      throw document.error(e.getMessage(), e);
    }
    checkSplitting(sections, dataSources, readWriteSplitting, model);
    return new ShardConfig(source, dataSources, model, props, properties, users, readWriteSplitting, transaction,
        placeholders.substituted());
  }

  private static Map<String, DataSourceConfig> dataSources(ConfigNode node) throws SQLException {
    if (!node.isPresent()) {
      throw node.error("required, but missing: the servers, such as h1: { url: jdbc:mysql://10.0.0.1:3306/shop }");
    }
    Map<String, DataSourceConfig> dataSources = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
      if (!DATA_SOURCE_NAME.matcher(entry.getKey()).matches()) {
        throw node.error("data source name '" + entry.getKey() + "' must be letters, digits, '_' or '-'");
      }
      dataSources.put(entry.getKey(), dataSource(entry.getKey(), entry.getValue()));
    }
    if (dataSources.isEmpty()) {
      throw node.error("no data sources");
    }
    return dataSources;
  }

  private static DataSourceConfig dataSource(String name, ConfigNode node) throws SQLException {
    if (!node.isPresent()) {
      throw node.error("expected url, username, password, ...");
    }
    ConfigNode.Mapping keys = node.mapping(DATA_SOURCE_KEYS);
    String url = jdbcUrl(keys.get("url"));
    String username = keys.get("username").optionalText();
    String password = keys.get("password").optionalText();
    Map<String, String> pool = pool(keys.get("pool"));
    List<ReplicaConfig> replicas = new ArrayList<>();
    for (ConfigNode replica : keys.get("replicas").sequence()) {
      if (!replica.isPresent()) {
        throw replica.error("expected url, weight, username, password, pool");
      }
      ConfigNode.Mapping replicaKeys = replica.mapping(REPLICA_KEYS);
      String replicaUsername = replicaKeys.get("username").optionalText();
      String replicaPassword = replicaKeys.get("password").optionalText();
      replicas.add(new ReplicaConfig(name + ".replicas[" + replicas.size() + "]", jdbcUrl(replicaKeys.get("url")),
          replicaKeys.get("weight").integer(1, 1), replicaUsername != null ? replicaUsername : username,
          replicaPassword != null ? replicaPassword : password,
          replicaKeys.has("pool") ? pool(replicaKeys.get("pool")) : pool));
    }
    return new DataSourceConfig(name, url, username, password, pool, replicas);
  }

  /** HikariCP properties ({@code pool:}), each checked. */
  private static Map<String, String> pool(ConfigNode node) throws SQLException {
    Map<String, String> pool = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
      String value = entry.getValue().text();
      String problem = PoolProperties.problem(entry.getKey(), value);
      if (problem != null) {
        throw entry.getValue().error(problem);
      }
      pool.put(entry.getKey(), value);
    }
    return pool;
  }

  private static String jdbcUrl(ConfigNode node) throws SQLException {
    String url = node.nonBlankText();
    if (!url.startsWith("jdbc:")) {
      throw node.error("'" + DataSourceConfig.maskUrl(url) + "' is not a JDBC URL, such as "
          + "jdbc:mysql://10.0.0.1:3306/shop");
    }
    return url;
  }

  private static ReadWriteSplittingConfig readWriteSplitting(ConfigNode node) throws SQLException {
    if (!node.isPresent()) {
      return ReadWriteSplittingConfig.DISABLED;
    }
    ReadWriteSplittingConfig defaults = ReadWriteSplittingConfig.DISABLED;
    ConfigNode.Mapping keys = node.mapping(READ_WRITE_SPLITTING_KEYS);
    boolean enabled = keys.get("enabled").bool(true);
    ReadWriteSplittingConfig.LoadBalancer loadBalancer = defaults.loadBalancer();
    ConfigNode loadBalancerNode = keys.get("loadBalancer");
    String loadBalancerName = loadBalancerNode.optionalText();
    if (loadBalancerName != null) {
      loadBalancer = null;
      List<String> known = new ArrayList<>();
      for (ReadWriteSplittingConfig.LoadBalancer candidate : ReadWriteSplittingConfig.LoadBalancer.values()) {
        known.add(candidate.configName());
        if (candidate.configName().equals(loadBalancerName.trim().toLowerCase(Locale.ROOT))) {
          loadBalancer = candidate;
        }
      }
      if (loadBalancer == null) {
        throw loadBalancerNode.error("unknown load balancer '" + loadBalancerName + "' (known: "
            + String.join(", ", known) + ")");
      }
    }
    long maxLag = keys.get("maxReplicationLagMs").longValue(defaults.maxReplicationLagMs(), 0);
    ReadWriteSplittingConfig.Heartbeat heartbeat = heartbeat(keys.get("heartbeat"));
    long configCheck = keys.get("configCheckIntervalMs").longValue(defaults.configCheckIntervalMs(), 0);
    return new ReadWriteSplittingConfig(enabled, loadBalancer, maxLag, heartbeat, configCheck);
  }

  private static ReadWriteSplittingConfig.Heartbeat heartbeat(ConfigNode node) throws SQLException {
    ReadWriteSplittingConfig.Heartbeat defaults = ReadWriteSplittingConfig.Heartbeat.DEFAULT;
    if (!node.isPresent()) {
      return defaults;
    }
    ConfigNode.Mapping keys = node.mapping(HEARTBEAT_KEYS);
    ConfigNode tableNode = keys.get("table");
    String table = tableNode.isPresent() ? tableNode.nonBlankText().trim() : defaults.table();
    if (!ReadWriteSplittingConfig.Heartbeat.TABLE_NAME.matcher(table).matches()) {
      throw tableNode.error("'" + table + "' is not a table name: letters, digits, '_' and '$', with an optional "
          + "database and '.' (shard_heartbeat, ops.shard_heartbeat)");
    }
    return new ReadWriteSplittingConfig.Heartbeat(table, keys.get("createTable").bool(defaults.createTable()),
        keys.get("intervalMs").longValue(defaults.intervalMs(), 10),
        keys.get("timeoutMs").longValue(defaults.timeoutMs(), 100));
  }

  /**
   * Replicas are used only by read/write splitting, and splitting needs replicas: either one without the other is
   * a configuration that would not do what it says. The heartbeat table must not be a logical table.
   */
  private static void checkSplitting(ConfigNode.Mapping sections, Map<String, DataSourceConfig> dataSources,
      ReadWriteSplittingConfig splitting, ShardingModel model) throws SQLException {
    String withReplicas = null;
    for (DataSourceConfig dataSource : dataSources.values()) {
      if (!dataSource.replicas().isEmpty() && withReplicas == null) {
        withReplicas = dataSource.name();
      }
    }
    ConfigNode section = sections.get("readWriteSplitting");
    if (withReplicas != null && !section.isPresent()) {
      ConfigNode replicas = sections.get("dataSources").entries().get(withReplicas).mapping(DATA_SOURCE_KEYS)
          .get("replicas");
      throw replicas.error("replicas are read only with a readWriteSplitting section: add readWriteSplitting: "
          + "{ enabled: true }, or enabled: false to keep them unused for now");
    }
    if (withReplicas == null && splitting.enabled()) {
      throw section.error("enabled, but no data source has replicas: add dataSources.<name>.replicas, or write "
          + "enabled: false");
    }
    String heartbeatTable = splitting.heartbeat().table();
    String unqualified = heartbeatTable.substring(heartbeatTable.indexOf('.') + 1);
    if (section.isPresent() && model.table(unqualified) != null) {
      throw section.error("heartbeat.table: '" + heartbeatTable + "' is a logical table of tables:; the heartbeat "
          + "needs a table of its own");
    }
  }

  private static TransactionConfig transaction(ConfigNode node) throws SQLException {
    if (!node.isPresent()) {
      return TransactionConfig.DEFAULT;
    }
    ConfigNode.Mapping keys = node.mapping(TRANSACTION_KEYS);
    TransactionConfig.Type type = transactionType(keys.get("type"));
    ConfigNode lease = keys.get("leaseMs");
    if (lease.isPresent() && type != TransactionConfig.Type.XA) {
      throw lease.error("only with type: xa (the lease is on the XA transaction log)");
    }
    return new TransactionConfig(type, lease.longValue(TransactionConfig.DEFAULT_LEASE_MS, 500));
  }

  private static TransactionConfig.Type transactionType(ConfigNode typeNode) throws SQLException {
    String type = typeNode.optionalText();
    if (type == null) {
      return TransactionConfig.Type.LOCAL;
    }
    List<String> known = new ArrayList<>();
    for (TransactionConfig.Type candidate : TransactionConfig.Type.values()) {
      known.add(candidate.configName());
      if (candidate.configName().equals(type.trim().toLowerCase(Locale.ROOT))) {
        return candidate;
      }
    }
    throw typeNode.error("unknown transaction type '" + type + "' (known: " + String.join(", ", known) + ")");
  }

  private static Map<String, String> props(ConfigNode node) throws SQLException {
    Map<String, String> props = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
      String value = entry.getValue().optionalText();
      if (value != null) {
        props.put(entry.getKey(), value);
      }
    }
    return props;
  }

  /** The logical users and their passwords; a written section must name at least one user. */
  private static Map<String, String> users(ConfigNode node) throws SQLException {
    Map<String, String> users = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
      String password = entry.getValue().optionalText();
      if (password == null) {
        throw entry.getValue().error("no password (write '' for an empty one)");
      }
      users.put(entry.getKey(), password);
    }
    if (users.isEmpty()) {
      throw node.error("no users; remove the section to let anyone who can read this file connect");
    }
    return users;
  }
}
