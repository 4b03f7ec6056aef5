package org.shardjdbc.samples;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Where the shop's physical tables are, read from the driver's own configuration file (SPEC §3), so that the demo
 * loads rows exactly where the driver will look for them.
 *
 * <p>Only what the loader needs is read: the data sources, the nodes of {@code orders} and {@code order_items} (which
 * must use {@code mod} on {@code order_id}, the placement the loader reproduces), that {@code countries} is broadcast,
 * and the default data source (for {@code customers}).
 *
 * @param file the configuration file, for messages
 * @param dataSources the data sources in configuration order
 * @param orders the physical tables of {@code orders}: shard i is {@code orders.get(i)}
 * @param orderItems the physical tables of {@code order_items}, bound to {@code orders}
 * @param defaultDataSource where unsharded tables ({@code customers}) live
 */
record ShopLayout(
    Path file, List<PhysicalSource> dataSources, List<Node> orders, List<Node> orderItems, String defaultDataSource) {

  /** A physical server as the loader connects to it; {@code toString} masks the password. */
  record PhysicalSource(String name, String url, String username, String password) {
    @Override
    public String toString() {
      return name + " (" + url + ", user " + username + ", password <masked>)";
    }
  }

  /** One physical table. */
  record Node(String dataSource, String table) {
    @Override
    public String toString() {
      return dataSource + "." + table;
    }
  }

  private static final Pattern RANGE = Pattern.compile("(.*)\\$\\{(\\d+)\\.\\.(\\d+)}(.*)");
  private static final Pattern ENVIRONMENT = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  ShopLayout {
    dataSources = List.copyOf(dataSources);
    orders = List.copyOf(orders);
    orderItems = List.copyOf(orderItems);
  }

  /** The number of shards of {@code orders} (and of {@code order_items}). */
  int shardCount() {
    return orders.size();
  }

  /** The shard that holds the order {@code orderId}: the driver's {@code mod} algorithm. */
  int shardOf(long orderId) {
    return Math.floorMod(orderId, orders.size());
  }

  PhysicalSource dataSource(String name) {
    for (PhysicalSource source : dataSources) {
      if (source.name().equals(name)) {
        return source;
      }
    }
    throw new IllegalArgumentException(file + ": unknown data source '" + name + "'");
  }

  /**
   * Reads the layout from a configuration file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the file and the key, if the file does not describe the shop
   */
  static ShopLayout read(Path file) throws IOException {
    Object root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    Reading reading = new Reading(file);
    Map<?, ?> top = reading.map(root, "(top level)");
    List<PhysicalSource> sources = reading.dataSources(reading.map(top.get("dataSources"), "dataSources"));
    Map<?, ?> tables = reading.map(top.get("tables"), "tables");
    List<Node> orders = reading.shardedByOrderId(tables, "orders", sources);
    List<Node> items = reading.shardedByOrderId(tables, "order_items", sources);
    if (items.size() != orders.size()) {
      throw reading.error("tables.order_items.nodes", items.size() + " nodes but orders has " + orders.size());
    }
    if (!Boolean.TRUE.equals(reading.map(tables.get("countries"), "tables.countries").get("broadcast"))) {
      throw reading.error("tables.countries.broadcast", "must be true: the demo joins countries on every shard");
    }
    String defaultSource = reading.text(top.get("defaultDataSource"), "defaultDataSource");
    reading.checkDefined(defaultSource, "defaultDataSource", sources);
    return new ShopLayout(file, sources, orders, items, defaultSource);
  }

  /** Expands {@code orders_${000..015}} into orders_000 .. orders_015; the width of the first bound sets the padding. */
  static List<String> expand(String pattern) {
    Matcher range = RANGE.matcher(pattern);
    if (!range.matches()) {
      return List.of(pattern);
    }
    int from = Integer.parseInt(range.group(2));
    int to = Integer.parseInt(range.group(3));
    if (from > to) {
      throw new IllegalArgumentException("'" + pattern + "': the range runs backwards");
    }
    String format = "%s%0" + range.group(2).length() + "d%s";
    List<String> names = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      names.add(String.format(format, range.group(1), i, range.group(4)));
    }
    return names;
  }

  /** Replaces {@code ${NAME}} and {@code ${NAME:default}} with the environment variable, as the driver does. */
  static String substituteEnvironment(String value, Map<String, String> environment) {
    Matcher matcher = ENVIRONMENT.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String replacement = environment.get(matcher.group(1));
      if (replacement == null) {
        replacement = matcher.group(2);
      }
      if (replacement == null) {
        throw new IllegalArgumentException("environment variable " + matcher.group(1) + " is not set");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    return matcher.appendTail(result).toString();
  }

  /** The state of one read: the file, for messages. */
  private record Reading(Path file) {
    IllegalArgumentException error(String key, String problem) {
      return new IllegalArgumentException(file + ": " + key + ": " + problem);
    }

    Map<?, ?> map(Object value, String key) {
      if (value instanceof Map<?, ?> map) {
        return map;
      }
      throw error(key, value == null ? "missing" : "must be a mapping, not '" + value + "'");
    }

    String text(Object value, String key) {
      if (value == null) {
        throw error(key, "missing");
      }
      return value.toString();
    }

    List<PhysicalSource> dataSources(Map<?, ?> section) {
      List<PhysicalSource> sources = new ArrayList<>();
      for (Map.Entry<?, ?> entry : section.entrySet()) {
        String name = entry.getKey().toString();
        String key = "dataSources." + name;
        Map<?, ?> source = map(entry.getValue(), key);
        sources.add(new PhysicalSource(name,
            environment(text(source.get("url"), key + ".url"), key + ".url"),
            environment(source.get("username") == null ? "" : source.get("username").toString(), key + ".username"),
            environment(source.get("password") == null ? "" : source.get("password").toString(), key + ".password")));
      }
      if (sources.isEmpty()) {
        throw error("dataSources", "no data sources");
      }
      return sources;
    }

    private String environment(String value, String key) {
      try {
        return substituteEnvironment(value, System.getenv());
      } catch (IllegalArgumentException e) {
        throw error(key, e.getMessage());
      }
    }

    List<Node> shardedByOrderId(Map<?, ?> tables, String table, List<PhysicalSource> sources) {
      String key = "tables." + table;
      Map<?, ?> definition = map(tables.get(table), key);
      if (!"order_id".equals(definition.get("shardKey"))) {
        throw error(key + ".shardKey", "'" + definition.get("shardKey") + "': the demo's tables are sharded by order_id");
      }
      Object algorithm = definition.get("algorithm");
      if (algorithm != null && !"mod".equals(algorithm)) {
        throw error(key + ".algorithm", "'" + algorithm + "': the demo's loader places rows with mod only");
      }
      Map<String, Object> nodesByDataSource = new LinkedHashMap<>();
      map(definition.get("nodes"), key + ".nodes").forEach((name, nodes) -> nodesByDataSource.put(name.toString(), nodes));
      List<Node> nodes = new ArrayList<>();
      for (Map.Entry<String, Object> entry : nodesByDataSource.entrySet()) {
        String nodesKey = key + ".nodes." + entry.getKey();
        checkDefined(entry.getKey(), nodesKey, sources);
        List<?> patterns = entry.getValue() instanceof List<?> list ? list : List.of(text(entry.getValue(), nodesKey));
        for (Object pattern : patterns) {
          try {
            expand(pattern.toString()).forEach(name -> nodes.add(new Node(entry.getKey(), name)));
          } catch (IllegalArgumentException e) {
            throw error(nodesKey, e.getMessage());
          }
        }
      }
      return nodes;
    }

    void checkDefined(String dataSource, String key, List<PhysicalSource> sources) {
      List<String> names = sources.stream().map(PhysicalSource::name).toList();
      if (!names.contains(dataSource)) {
        throw error(key, "unknown data source '" + dataSource + "' (defined: " + String.join(", ", names) + ")");
      }
    }
  }
}
