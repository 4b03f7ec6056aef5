package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where the benchmark's data lives: the servers (reached directly or through {@link DelayProxy delaying proxies}), the
 * main layout the workloads run on, and the wide layout of the cold-start measurement.
 *
 * <p>The benchmark command starts the servers once and hands this description to every JMH fork and child JVM as a
 * properties file ({@link #write}, {@link #read}). Data source {@code d} of a layout is on server
 * {@code d mod servers}: with 8 servers, database {@code bench} on each; with one server (the unit test), databases
 * {@code bench_0 … bench_7} on it.
 *
 * @param servers the servers' addresses
 * @param main the layout of the workloads
 * @param wide the layout of the cold start with many tables, or null when the run has none
 * @param delayMillis the round trip added between the contenders and the servers (0: none), for the report
 */
record BenchCluster(List<HostPort> servers, BenchLayout main, BenchLayout wide, double delayMillis) {
  /** The system property naming the properties file of the cluster, for JMH forks and child JVMs. */
  static final String PROPERTY = "shardbench.cluster";

  /** The mysql-connector-j options of every physical connection, whichever contender opens it. */
  static final String URL_OPTIONS =
      "sslMode=DISABLED&allowPublicKeyRetrieval=true&serverTimezone=UTC&characterEncoding=UTF-8";

  BenchCluster {
    servers = List.copyOf(servers);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no servers");
    }
  }

  /** Where one data source of a layout is. */
  record Address(HostPort server, String database) {
    /** The mysql-connector-j URL of the data source's database. */
    String jdbcUrl() {
      return "jdbc:mysql://" + server + "/" + database + "?" + URL_OPTIONS;
    }

    /** The URL of the server, with no database selected. */
    String serverUrl() {
      return "jdbc:mysql://" + server + "/?" + URL_OPTIONS;
    }

    @Override
    public String toString() {
      return server + "/" + database;
    }
  }

  Address dataSource(BenchLayout layout, int dataSource) {
    HostPort server = servers.get(dataSource % servers.size());
    String database = servers.size() >= layout.dataSources() ? layout.database() : layout.database() + "_" + dataSource;
    return new Address(server, database);
  }

  /** The same layouts on other addresses: {@code servers.get(i)} replaces server {@code i}. */
  BenchCluster withServers(List<HostPort> servers, double delayMillis) {
    if (servers.size() != this.servers.size()) {
      throw new IllegalArgumentException(servers.size() + " addresses for " + this.servers.size() + " servers");
    }
    return new BenchCluster(servers, main, wide, delayMillis);
  }

  void write(Path file) {
    Properties properties = new Properties();
    List<String> addresses = new ArrayList<>();
    for (HostPort server : servers) {
      addresses.add(server.toString());
    }
    properties.setProperty("servers", String.join(",", addresses));
    properties.setProperty("delayMillis", Double.toString(delayMillis));
    putLayout(properties, "main", main);
    if (wide != null) {
      putLayout(properties, "wide", wide);
    }
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, "benchmark cluster, written by BenchmarkRun");
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + file, e);
    }
  }

  private static void putLayout(Properties properties, String prefix, BenchLayout layout) {
    properties.setProperty(prefix + ".database", layout.database());
    properties.setProperty(prefix + ".dataSources", Integer.toString(layout.dataSources()));
    properties.setProperty(prefix + ".tablesPerDataSource", Integer.toString(layout.tablesPerDataSource()));
    properties.setProperty(prefix + ".orders", Long.toString(layout.orders()));
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws IllegalArgumentException naming the file and key, if a key is missing or malformed
   */
  static BenchCluster read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    try {
      List<HostPort> servers = new ArrayList<>();
      for (String address : required(properties, "servers").split(",")) {
        servers.add(HostPort.parse(address.trim()));
      }
      BenchLayout main = layout(properties, "main");
      BenchLayout wide = properties.containsKey("wide.database") ? layout(properties, "wide") : null;
      return new BenchCluster(servers, main, wide, Double.parseDouble(required(properties, "delayMillis")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static BenchLayout layout(Properties properties, String prefix) {
    return new BenchLayout(required(properties, prefix + ".database"),
        Integer.parseInt(required(properties, prefix + ".dataSources")),
        Integer.parseInt(required(properties, prefix + ".tablesPerDataSource")),
        Long.parseLong(required(properties, prefix + ".orders")));
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException(key + ": missing");
    }
    return value;
  }
}
