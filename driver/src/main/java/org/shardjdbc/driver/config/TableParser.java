package org.shardjdbc.driver.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.HashAlgorithm;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;
import org.shardjdbc.planner.model.RangeAlgorithm;
import org.shardjdbc.planner.model.ShardingAlgorithm;

/**
 * Reads {@code tables:} into logical tables: each table's keys as it is read, then the bindings between tables.
 *
 * <p>A table bound to another ({@code bindTo}) without an {@code algorithm} takes the algorithm of the table it is
 * bound to; with one, it must be the same, since co-location means the same key on the same shard index.
 */
final class TableParser {
  static final List<String> KEYS =
      List.of("shardKey", "algorithm", "ranges", "nodes", "bindTo", "broadcast", "keyGenerator");
  static final List<String> KEY_GENERATORS = List.of("snowflake");
  private static final List<String> ALGORITHMS = List.of("mod", "hash", "range");

  private final List<String> dataSources;
  /** The logical table owning each physical table, to refuse one physical table in two places. */
  private final Map<DataNode, String> owners = new HashMap<>();
  /** The tables read, by lower-case name. */
  private final Map<String, Definition> definitions = new LinkedHashMap<>();

  TableParser(List<String> dataSources) {
    this.dataSources = dataSources;
  }

  /** A table as read, before its binding is resolved. */
  private static final class Definition {
    final ConfigNode node;
    final String name;
    final boolean broadcast;
    String shardKey;
    /** Null until resolved when the table is bound and gives no algorithm. */
    ShardingAlgorithm algorithm;
    ConfigNode algorithmNode;
    List<DataNode> nodes;
    String bindTo;
    ConfigNode bindToNode;
    String keyGenerator;
    boolean resolved;

    Definition(ConfigNode node, String name, boolean broadcast) {
      this.node = node;
      this.name = name;
      this.broadcast = broadcast;
    }
  }

  /** Reads every table of the {@code tables:} section, checking each one's own keys. */
  void read(ConfigNode tables) throws SQLException {
    for (Map.Entry<String, ConfigNode> entry : tables.entries().entrySet()) {
      Definition definition = table(entry.getKey(), entry.getValue());
      Definition previous = definitions.put(entry.getKey().toLowerCase(Locale.ROOT), definition);
      if (previous != null) {
        throw entry.getValue().error("defined twice: table names ignore case, and " + previous.name
            + " is defined already");
      }
    }
  }

  /** Checks the bindings between the tables read, and makes the logical tables. */
  List<LogicalTable> bind() throws SQLException {
    for (Definition definition : definitions.values()) {
      resolveBinding(definition, definitions);
    }
    List<LogicalTable> result = new ArrayList<>(definitions.size());
    for (Definition definition : definitions.values()) {
      result.add(new LogicalTable(definition.name, definition.shardKey, definition.algorithm, definition.nodes,
          definition.bindTo, definition.broadcast, definition.keyGenerator));
    }
    return result;
  }

  private Definition table(String name, ConfigNode node) throws SQLException {
    if (!node.isPresent()) {
      throw node.error("expected shardKey and nodes, or broadcast: true");
    }
    ConfigNode.Mapping keys = node.mapping(KEYS);
    boolean broadcast = keys.get("broadcast").bool(false);
    Definition definition = new Definition(node, name, broadcast);
    ConfigNode keyGenerator = keys.get("keyGenerator");
    definition.keyGenerator = keyGenerator.optionalText();
    if (definition.keyGenerator != null && !KEY_GENERATORS.contains(definition.keyGenerator)) {
      throw keyGenerator.error("unknown key generator '" + definition.keyGenerator + "' (known: "
          + String.join(", ", KEY_GENERATORS) + ")");
    }
    if (broadcast) {
      for (String key : List.of("shardKey", "algorithm", "ranges", "bindTo", "keyGenerator")) {
        if (keys.get(key).isPresent()) {
          throw keys.get(key).error("a broadcast table has a full copy on every data source, so no " + key);
        }
      }
      definition.nodes = broadcastNodes(name, keys.get("nodes"));
      return definition;
    }
    definition.shardKey = keys.get("shardKey").nonBlankText();
    definition.nodes = shardNodes(name, keys.get("nodes"));
    definition.bindToNode = keys.get("bindTo");
    definition.bindTo = definition.bindToNode.isPresent() ? definition.bindToNode.nonBlankText() : null;
    definition.algorithmNode = keys.get("algorithm");
    definition.algorithm = algorithm(definition, keys.get("ranges"));
    return definition;
  }

  private List<DataNode> broadcastNodes(String table, ConfigNode nodes) throws SQLException {
    List<String> names = new ArrayList<>();
    if (!nodes.isPresent()) {
      names.addAll(dataSources);
    } else if (!nodes.isSequence()) {
      throw nodes.error("a broadcast table's nodes are a list of data sources, such as [h1, h2]");
    } else {
      for (ConfigNode item : nodes.sequence()) {
        String dataSource = item.nonBlankText();
        checkDataSource(nodes, dataSource);
        if (names.contains(dataSource)) {
          throw item.error("data source '" + dataSource + "' is listed twice");
        }
        names.add(dataSource);
      }
      if (names.isEmpty()) {
        throw nodes.error("no data sources listed");
      }
    }
    List<DataNode> result = new ArrayList<>();
    for (String dataSource : names) {
      result.add(claim(nodes, new DataNode(dataSource, table), table));
    }
    return result;
  }

  private List<DataNode> shardNodes(String table, ConfigNode nodes) throws SQLException {
    if (!nodes.isPresent()) {
      throw nodes.error("required, but missing: the physical tables by data source, such as { h1: "
          + table + "_${00..15} }");
    }
    if (!nodes.isMapping()) {
      throw nodes.error("expected the physical tables by data source, such as { h1: " + table + "_${00..15} }");
    }
    List<DataNode> result = new ArrayList<>();
    for (Map.Entry<String, ConfigNode> entry : nodes.entries().entrySet()) {
      String dataSource = entry.getKey();
      checkDataSource(nodes, dataSource);
      ConfigNode patterns = entry.getValue();
      List<ConfigNode> items = patterns.isSequence() ? patterns.sequence() : List.of(patterns);
      if (items.isEmpty()) {
        throw patterns.error("no tables listed");
      }
      for (ConfigNode item : items) {
        List<String> names;
        try {
          names = NodePattern.expand(item.nonBlankText());
        } catch (IllegalArgumentException e) {
          throw item.error(e.getMessage());
        }
        for (String name : names) {
          result.add(claim(patterns, new DataNode(dataSource, name), table));
        }
      }
    }
    if (result.isEmpty()) {
      throw nodes.error("no nodes");
    }
    return result;
  }

  private void checkDataSource(ConfigNode where, String dataSource) throws SQLException {
    if (!dataSources.contains(dataSource)) {
      throw where.error("unknown data source '" + dataSource + "' (defined: " + ConfigNode.names(dataSources) + ")");
    }
  }

  private DataNode claim(ConfigNode where, DataNode node, String table) throws SQLException {
    String owner = owners.putIfAbsent(node, table);
    if (owner != null) {
      throw where.error(owner.equals(table) ? node + " is listed twice" : node + " is already a node of " + owner);
    }
    return node;
  }

  /** The table's own algorithm, or null when it is bound and takes the algorithm of the table it is bound to. */
  private ShardingAlgorithm algorithm(Definition definition, ConfigNode ranges) throws SQLException {
    ConfigNode node = definition.algorithmNode;
    String name = node.isPresent() ? node.nonBlankText() : null;
    String builtIn = name == null ? null : name.toLowerCase(Locale.ROOT);
    if (!"range".equals(builtIn) && ranges.isPresent()) {
      throw ranges.error("only with algorithm: range (algorithm is "
          + (name != null ? name : definition.bindTo != null ? "that of " + definition.bindTo : "mod") + ")");
    }
    if (name == null) {
      return definition.bindTo != null ? null : new ModAlgorithm();
    }
    switch (builtIn) {
      case "mod":
        return new ModAlgorithm();
      case "hash":
        return new HashAlgorithm();
      case "range":
        return rangeAlgorithm(ranges, definition.nodes.size());
      default:
        return customAlgorithm(node, name);
    }
  }

  private static RangeAlgorithm rangeAlgorithm(ConfigNode ranges, int shardCount) throws SQLException {
    if (!ranges.isPresent()) {
      throw ranges.error("required with algorithm: range, such as [0, 1000000, 2000000]");
    }
    List<Object> boundaries = new ArrayList<>();
    for (ConfigNode boundary : ranges.sequence()) {
      boundaries.add(boundary.nonBlankText());
    }
    try {
      RangeAlgorithm algorithm = new RangeAlgorithm(boundaries);
      algorithm.checkShardCount(shardCount);
      return algorithm;
    } catch (IllegalArgumentException e) {
      throw ranges.error(e.getMessage());
    }
  }

  private static ShardingAlgorithm customAlgorithm(ConfigNode node, String className) throws SQLException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = TableParser.class.getClassLoader();
    }
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw node.error("unknown algorithm '" + className + "': not one of " + String.join(", ", ALGORITHMS)
          + ", nor a class on the class path", e);
    } catch (LinkageError e) {
      throw node.error("class " + className + " cannot be loaded: " + e, e);
    }
    if (!ShardingAlgorithm.class.isAssignableFrom(type)) {
      throw node.error("class " + className + " does not implement " + ShardingAlgorithm.class.getName());
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      throw node.error("class " + className + " is abstract");
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw node.error("class " + className + " needs a public constructor without arguments", e);
    }
    try {
      return (ShardingAlgorithm) constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw node.error("creating " + className + " failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw node.error("cannot create " + className + ": " + e, e);
    }
  }

  /**
   * Checks the table's binding, and gives a bound table without an algorithm the algorithm of its target; resolves
   * the target first, so that a chain of bindings resolves from its root.
   */
  private static void resolveBinding(Definition definition, Map<String, Definition> definitions)
      throws SQLException {
    if (definition.resolved || definition.bindTo == null) {
      definition.resolved = true;
      return;
    }
    ConfigNode bindTo = definition.bindToNode;
    Definition target = definitions.get(definition.bindTo.toLowerCase(Locale.ROOT));
    if (target == null) {
      List<String> sharded = new ArrayList<>();
      for (Definition candidate : definitions.values()) {
        if (!candidate.broadcast && candidate != definition) {
          sharded.add(candidate.name);
        }
      }
      throw bindTo.error("unknown table '" + definition.bindTo + "' (sharded tables: "
          + (sharded.isEmpty() ? "none" : ConfigNode.names(sharded)) + ")");
    }
    if (target.broadcast) {
      throw bindTo.error(target.name + " is a broadcast table; only sharded tables can be bound");
    }
    Set<Definition> chain = new LinkedHashSet<>();
    chain.add(definition);
    for (Definition current = target; current != null; current = bound(current, definitions)) {
      if (!chain.add(current)) {
        List<String> names = new ArrayList<>();
        chain.forEach(member -> names.add(member.name));
        throw bindTo.error("bindTo forms a cycle: " + String.join(" -> ", names) + " -> " + current.name);
      }
    }
    resolveBinding(target, definitions);
    if (definition.algorithm == null) {
      definition.algorithm = target.algorithm;
    } else if (!sameAlgorithm(definition.algorithm, target.algorithm)) {
      throw definition.algorithmNode.error(definition.algorithm + " differs from " + target.algorithm
          + ", the algorithm of " + target.name + ", which it is bound to");
    }
    if (definition.nodes.size() != target.nodes.size()) {
      throw definition.node.error("bound to " + target.name + " which has " + target.nodes.size()
          + " nodes, but has " + definition.nodes.size());
    }
    for (int shard = 0; shard < definition.nodes.size(); shard++) {
      String dataSource = definition.nodes.get(shard).dataSource();
      String targetDataSource = target.nodes.get(shard).dataSource();
      if (!dataSource.equals(targetDataSource)) {
        throw definition.node.error("shard " + shard + " is on " + dataSource + ", but shard " + shard + " of "
            + target.name + ", which it is bound to, is on " + targetDataSource);
      }
    }
    definition.resolved = true;
  }

  private static Definition bound(Definition definition, Map<String, Definition> definitions) {
    return definition.bindTo == null ? null : definitions.get(definition.bindTo.toLowerCase(Locale.ROOT));
  }

  private static boolean sameAlgorithm(ShardingAlgorithm a, ShardingAlgorithm b) {
    boolean builtIn = a instanceof ModAlgorithm || a instanceof HashAlgorithm || a instanceof RangeAlgorithm;
    return builtIn ? a.equals(b) : a.getClass() == b.getClass();
  }
}
