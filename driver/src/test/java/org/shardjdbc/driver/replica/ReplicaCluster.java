package org.shardjdbc.driver.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.shardjdbc.driver.testing.ReplicatedServer;

/**
 * The replicated servers of the read/write splitting tests, started once per test JVM: primary 1 with replicas 11
 * and 12, and, for the tests that shard as well, primary 2 with replica 21. Each primary holds database
 * {@code rw} (made on the primary, replicated to its replicas).
 */
final class ReplicaCluster {
  static final String DATABASE = "rw";

  private static ReplicatedServer primary1;
  private static ReplicatedServer replica11;
  private static ReplicatedServer replica12;
  private static ReplicatedServer primary2;
  private static ReplicatedServer replica21;

  private ReplicaCluster() {}

  /** Primary 1 and its two replicas. */
  static synchronized List<ReplicatedServer> first() throws SQLException {
    if (primary1 == null) {
      primary1 = ReplicatedServer.primary(1);
      primary1.execute("CREATE DATABASE " + DATABASE);
      replica11 = ReplicatedServer.replicaOf(primary1, 11);
      replica12 = ReplicatedServer.replicaOf(primary1, 12);
    }
    return List.of(primary1, replica11, replica12);
  }

  /** Primary 2 and its replica. */
  static synchronized List<ReplicatedServer> second() throws SQLException {
    if (primary2 == null) {
      primary2 = ReplicatedServer.primary(2);
      primary2.execute("CREATE DATABASE " + DATABASE);
      replica21 = ReplicatedServer.replicaOf(primary2, 21);
    }
    return List.of(primary2, replica21);
  }

  /** A JDBC URL of database {@code rw} on a server, as the driver's configuration names it. */
  static String url(ReplicatedServer server) {
    return server.server().jdbcUrl(DATABASE);
  }

  /** Writes a configuration file under target/ and gives its {@code jdbc:shard:} URL. */
  static String configUrl(String name, String yaml) {
    try {
      Path directory = Path.of("target", "replica-configs").toAbsolutePath();
      Files.createDirectories(directory);
      Path file = directory.resolve(name + ".yaml");
      Files.writeString(file, yaml);
      return "jdbc:shard:" + file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A data source with replicas, in YAML. */
  static String dataSource(String name, ReplicatedServer primary, List<ReplicatedServer> replicas) {
    StringBuilder yaml = new StringBuilder("  " + name + ":\n    url: '" + url(primary) + "'\n    username: root\n"
        + "    password: ''\n    pool: { maximumPoolSize: 6 }\n    replicas:\n");
    for (ReplicatedServer replica : replicas) {
      yaml.append("      - { url: '").append(url(replica)).append("' }\n");
    }
    return yaml.toString();
  }

  /** The server that answers {@code sql} (whose first column is {@code @@server_id}) through a connection. */
  static int answeredBy(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new AssertionError("no row from " + sql);
        }
        return row.getInt(1);
      }
    }
  }

  static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url);
  }
}
