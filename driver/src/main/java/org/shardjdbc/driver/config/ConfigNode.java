package org.shardjdbc.driver.config;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of the configuration file with its key path ({@code tables.orders.nodes}), read with checks.
 *
 * <p>Every problem becomes an SQLException whose message names the file and the key path. A key that is missing and
 * a key whose value is YAML null ({@code key:} or {@code key: ~}) read alike: absent. Scalar texts have their
 * {@code ${ENV}} placeholders substituted; keys never do.
 */
final class ConfigNode {
  private final String source;
  private final EnvironmentPlaceholders placeholders;
  private final String path;
  private final Node node;

  private ConfigNode(String source, EnvironmentPlaceholders placeholders, String path, Node node) {
    this.source = source;
    this.placeholders = placeholders;
    this.path = path;
    this.node = node;
  }

  static ConfigNode root(String source, EnvironmentPlaceholders placeholders, Node node) {
    return new ConfigNode(source, placeholders, "", node);
  }

  String path() {
    return path;
  }

  String source() {
    return source;
  }

  /** Whether the key is there with a value other than YAML null. */
  boolean isPresent() {
    return node != null && !(node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  /**
   * An error about this value: {@code <file>: <path>: <problem>}, with every value taken from the environment masked
   * (the cause is left out when its messages would show one).
   */
  SQLException error(String problem) {
    return error(problem, null);
  }

  SQLException error(String problem, Throwable cause) {
    String message = placeholders.mask(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    for (Throwable shown = cause; shown != null; shown = shown.getCause()) {
      if (shown.getMessage() != null && !placeholders.mask(shown.getMessage()).equals(shown.getMessage())) {
        return new SQLException(message, "HY000");
      }
    }
    return new SQLException(message, "HY000", cause);
  }

  /** Masks the values taken from the environment in a text about this configuration. */
  String mask(String text) {
    return placeholders.mask(text);
  }

  /**
   * The entries of a mapping with fixed keys.
   *
   * @throws SQLException if this is no mapping, a key is repeated, or a key is not one of {@code known}
   */
  Mapping mapping(List<String> known) throws SQLException {
    Map<String, ConfigNode> entries = entries();
    for (String key : entries.keySet()) {
      if (!known.contains(key)) {
        throw error("unknown key '" + key + "' (known: " + String.join(", ", known) + ")");
      }
    }
    return new Mapping(this, entries);
  }

  /**
   * The entries of a mapping whose keys are names the user chose (data sources, tables), in file order; empty when
   * absent.
   *
   * @throws SQLException if this is no mapping, or a key is repeated
   */
  Map<String, ConfigNode> entries() throws SQLException {
    if (!isPresent()) {
      return Collections.emptyMap();
    }
    if (!(node instanceof MappingNode)) {
      throw error("expected a mapping of keys to values, found " + kind());
    }
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode)) {
        throw error("a key at line " + line(tuple.getKeyNode()) + " is " + kindOf(tuple.getKeyNode())
            + ", not text");
      }
      String key = YamlDocument.restore(((ScalarNode) tuple.getKeyNode()).getValue());
      if (key.isBlank()) {
        throw error("an empty key at line " + line(tuple.getKeyNode()));
      }
      if (entries.containsKey(key)) {
        throw error("duplicate key '" + key + "' at line " + line(tuple.getKeyNode()));
      }
      entries.put(key, new ConfigNode(source, placeholders, child(key), tuple.getValueNode()));
    }
    return entries;
  }

  /**
   * The items of a sequence; empty when absent.
   *
   * @throws SQLException if this is no sequence
   */
  List<ConfigNode> sequence() throws SQLException {
    if (!isPresent()) {
      return Collections.emptyList();
    }
    if (!(node instanceof SequenceNode)) {
      throw error("expected a list, found " + kind());
    }
    List<Node> values = ((SequenceNode) node).getValue();
    List<ConfigNode> items = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      items.add(new ConfigNode(source, placeholders, path + "[" + i + "]", values.get(i)));
    }
    return items;
  }

  /**
   * The text of a scalar with its placeholders substituted, or null when absent.
   *
   * @throws SQLException if this is a mapping or a list, or names an environment variable that is not set
   */
  String optionalText() throws SQLException {
    if (!isPresent()) {
      return null;
    }
    if (!(node instanceof ScalarNode)) {
      throw error("expected a single value, found " + kind());
    }
    try {
      return placeholders.substitute(YamlDocument.restore(((ScalarNode) node).getValue()));
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /** Like {@link #optionalText()}, but an absent value is an error. */
  String text() throws SQLException {
    String text = optionalText();
    if (text == null) {
      throw error("required, but missing");
    }
    return text;
  }

  /** Like {@link #text()}, but blank text is an error too. */
  String nonBlankText() throws SQLException {
    String text = text();
    if (text.isBlank()) {
      throw error("must not be empty");
    }
    return text;
  }

  int integer(int defaultValue, int min) throws SQLException {
    long value = longValue(defaultValue, min);
    if (value > Integer.MAX_VALUE) {
      throw error("'" + value + "' must be at most " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  long longValue(long defaultValue, long min) throws SQLException {
    String text = optionalText();
    if (text == null) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw error("'" + text + "' is not an integer");
    }
    if (value < min) {
      throw error("'" + text + "' must be at least " + min);
    }
    return value;
  }

  boolean bool(boolean defaultValue) throws SQLException {
    String text = optionalText();
    if (text == null) {
      return defaultValue;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw error("'" + text + "' is not true or false");
    }
  }

  private String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String kind() {
    return kindOf(node) + " (line " + line(node) + ")";
  }

  private static String kindOf(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return node instanceof SequenceNode ? "a list" : "a single value";
  }

  private static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** Names for a message: {@code h1, h2, h3}, shortened after 16. */
  static String names(Collection<String> names) {
    if (names.size() <= 16) {
      return String.join(", ", names);
    }
    List<String> first = new ArrayList<>(names).subList(0, 15);
    return String.join(", ", first) + ", ... (" + names.size() + " in all)";
  }

  /** The entries of a mapping with fixed keys, each read at most once. */
  static final class Mapping {
    private final ConfigNode parent;
    private final Map<String, ConfigNode> entries;

    private Mapping(ConfigNode parent, Map<String, ConfigNode> entries) {
      this.parent = parent;
      this.entries = entries;
    }

    /** Whether the key is written, even with a null value. */
    boolean has(String key) {
      return entries.containsKey(key);
    }

    /** The value of the key; an absent node (with the key's path) when the key is missing. */
    ConfigNode get(String key) {
      ConfigNode value = entries.get(key);
      return value != null ? value : new ConfigNode(parent.source, parent.placeholders, parent.child(key), null);
    }
  }
}
