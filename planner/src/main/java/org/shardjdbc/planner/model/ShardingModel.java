package org.shardjdbc.planner.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The logical database: its data sources, its sharded and broadcast tables, and where every other table lives.
 *
 * <p>Logical table names match case-insensitively, as an application that writes {@code ORDERS} means {@code orders}.
 */
public final class ShardingModel {
  private final List<String> dataSources;
  private final String defaultDataSource;
  private final String lockDataSource;
  private final Map<String, LogicalTable> tables;
  private final String database;

  /** A logical database without a name: every database qualifier names another database. */
  public ShardingModel(List<String> dataSources, String defaultDataSource, Collection<LogicalTable> tables) {
    this(dataSources, defaultDataSource, tables, null);
  }

  /** A model whose named locks live on the default data source. */
  public ShardingModel(List<String> dataSources, String defaultDataSource, Collection<LogicalTable> tables,
      String database) {
    this(dataSources, defaultDataSource, defaultDataSource, tables, database);
  }

  /**
   * @param dataSources the data source names, in configuration order
   * @param defaultDataSource where tables not listed live
   * @param lockDataSource where named locks ({@code GET_LOCK}) live, for every process of the configuration
   * @param tables the sharded and broadcast tables
   * @param database the logical database's name: the database of the default data source, where the unsharded
   *     tables are, so that {@code shop.orders} and {@code shop.customers} mean what they say; null when not known
   * @throws IllegalArgumentException if a node names an unknown data source, or bound tables are not co-located
   */
  public ShardingModel(List<String> dataSources, String defaultDataSource, String lockDataSource,
      Collection<LogicalTable> tables, String database) {
    this.database = database;
    this.dataSources = List.copyOf(dataSources);
    this.defaultDataSource = Objects.requireNonNull(defaultDataSource, "defaultDataSource");
    this.lockDataSource = Objects.requireNonNull(lockDataSource, "lockDataSource");
    if (!this.dataSources.contains(defaultDataSource)) {
      throw new IllegalArgumentException("default data source '" + defaultDataSource + "' is not defined");
    }
    if (!this.dataSources.contains(lockDataSource)) {
      throw new IllegalArgumentException("lock data source '" + lockDataSource + "' is not defined");
    }
    Map<String, LogicalTable> byName = new LinkedHashMap<>();
    for (LogicalTable table : tables) {
      if (byName.put(key(table.name()), table) != null) {
        throw new IllegalArgumentException("table " + table.name() + " is defined twice");
      }
      for (DataNode node : table.nodes()) {
        if (!this.dataSources.contains(node.dataSource())) {
          throw new IllegalArgumentException("table " + table.name() + ": unknown data source '" + node.dataSource() + "'");
        }
      }
    }
    this.tables = Collections.unmodifiableMap(byName);
    for (LogicalTable table : tables) {
      checkBinding(table);
    }
  }

  private void checkBinding(LogicalTable table) {
    if (table.bindTo() == null) {
      return;
    }
    LogicalTable target = tables.get(key(table.bindTo()));
    if (target == null) {
      throw new IllegalArgumentException("table " + table.name() + ": bindTo names unknown table '" + table.bindTo() + "'");
    }
    if (target.broadcast() || table.broadcast()) {
      throw new IllegalArgumentException("table " + table.name() + ": a broadcast table cannot be bound");
    }
    if (target.shardCount() != table.shardCount()) {
      throw new IllegalArgumentException("table " + table.name() + " has " + table.shardCount() + " nodes but "
          + target.name() + ", which it is bound to, has " + target.shardCount());
    }
    for (int i = 0; i < table.shardCount(); i++) {
      if (!table.node(i).dataSource().equals(target.node(i).dataSource())) {
        throw new IllegalArgumentException("table " + table.name() + ": shard " + i + " is on " + table.node(i).dataSource()
            + " but shard " + i + " of " + target.name() + ", which it is bound to, is on " + target.node(i).dataSource());
      }
    }
    bindingRoot(table); // detects cycles
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** The sharded or broadcast table of that name, or null when the table is unsharded. */
  public LogicalTable table(String name) {
    return tables.get(key(name));
  }

  public Collection<LogicalTable> tables() {
    return tables.values();
  }

  public List<String> dataSources() {
    return dataSources;
  }

  public String defaultDataSource() {
    return defaultDataSource;
  }

  /** Where named locks live: {@code GET_LOCK} and the other named-lock functions run there. */
  public String lockDataSource() {
    return lockDataSource;
  }

  /** The logical database's name, as {@code Connection.getCatalog()} reports it; null when not known. */
  public String database() {
    return database;
  }

  /**
   * The table at the root of the chain of {@code bindTo}: two sharded tables are co-located (the same key is on the
   * same shard index and data source) exactly when their roots are the same.
   */
  public LogicalTable bindingRoot(LogicalTable table) {
    LogicalTable current = table;
    for (int hops = 0; current.bindTo() != null; hops++) {
      if (hops > tables.size()) {
        throw new IllegalArgumentException("table " + table.name() + ": bindTo forms a cycle");
      }
      current = tables.get(key(current.bindTo()));
    }
    return current;
  }
}
