package org.shardjdbc.samples;

import ch.vorburger.exec.ManagedProcessException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One embedded MariaDB server standing in for the shop's 8 MySQL servers: databases {@code shop_h1} .. {@code shop_h8}
 * play data sources h1 .. h8, and database {@code shop_all} holds the same rows unsharded, to check answers against.
 */
final class EmbeddedShop implements AutoCloseable {
  /** The configuration template on the classpath; {@code {{server}}} becomes {@code 127.0.0.1:<port>}. */
  static final String TEMPLATE = "shop.yaml";
  static final int DATA_SOURCES = 8;
  static final String REFERENCE_DATABASE = "shop_all";

  private final EmbeddedServer server;
  private final Path configFile;

  private EmbeddedShop(EmbeddedServer server, Path configFile) {
    this.server = server;
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
    List<String> databases = new ArrayList<>();
    for (int i = 1; i <= DATA_SOURCES; i++) {
      databases.add("shop_h" + i);
    }
    databases.add(REFERENCE_DATABASE);
    EmbeddedServer server = EmbeddedServer.start(workRoot, "shop", databases);
    try {
      Path configFile = server.workDir().resolve("shop.yaml");
      Files.writeString(configFile, renderTemplate(server.address()));
      return new EmbeddedShop(server, configFile);
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
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
    return server.port();
  }

  /** A plain mysql-connector-j URL of the unsharded database {@code shop_all}; user root, empty password. */
  String referenceUrl() {
    return server.url(REFERENCE_DATABASE);
  }

  /** The generated configuration: data sources h1 .. h8 pointing at this server's databases. */
  Path configFile() {
    return configFile;
  }

  /** Stops the server and deletes its directory, keeping the binaries it unpacked for the next run. */
  @Override
  public void close() {
    server.close();
  }
}
