package org.shardjdbc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The benchmark tests' server: one embedded MariaDB under {@code target/bench-data} (its binaries and data kept for
 * the next run), a cluster of it for a layout, and a work directory for the contenders' configuration files.
 */
final class UnitTestServer implements AutoCloseable {
  private final EmbeddedServers servers;
  private final BenchCluster cluster;
  private final Path workDirectory;

  private UnitTestServer(EmbeddedServers servers, BenchCluster cluster, Path workDirectory) {
    this.servers = servers;
    this.cluster = cluster;
    this.workDirectory = workDirectory;
  }

  /**
   * Starts the server for a layout, loading the layout's read data first when {@code loadOrders} (the write tests
   * make their own tables).
   */
  static UnitTestServer start(BenchLayout layout, boolean loadOrders, String workPrefix) throws Exception {
    EmbeddedServers servers = EmbeddedServers.start(Path.of("target", "bench-data").toAbsolutePath(), "unit-test", 1);
    try {
      BenchCluster cluster = new BenchCluster(servers.addresses(), layout, null, 0);
      if (loadOrders) {
        BenchData.ensureLoaded(cluster, layout, System.out);
      }
      return new UnitTestServer(servers, cluster, Files.createTempDirectory(Path.of("target"), workPrefix));
    } catch (Exception | Error e) {
      servers.close();
      throw e;
    }
  }

  BenchCluster cluster() {
    return cluster;
  }

  Path workDirectory() {
    return workDirectory;
  }

  @Override
  public void close() {
    servers.close();
  }
}
