package org.shardjdbc.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/** The benchmark command (placeholder while the pieces are built). */
public final class BenchmarkRun {
  static final int SERVERS = 8;
  static final long DEFAULT_ORDERS = 1_000_000;

  private BenchmarkRun() {}

  static Path dataRoot() {
    return Path.of(System.getProperty("shardbench.dataDir", "target/bench-data")).toAbsolutePath();
  }

  static Path defaultClusterFile() {
    return dataRoot().resolve("cluster-" + SERVERS).resolve("cluster.properties");
  }

  /** Starts the 8 servers with the default data, loading it if an earlier run has not, and writes the cluster file. */
  static EmbeddedServers startDefaultCluster(PrintStream log) throws SQLException {
    EmbeddedServers servers = EmbeddedServers.start(dataRoot(), "cluster-" + SERVERS, SERVERS);
    BenchCluster cluster = new BenchCluster(servers.addresses(), new BenchLayout("bench", SERVERS, 16, DEFAULT_ORDERS),
        null, 0);
    BenchData.ensureLoaded(cluster, cluster.main(), log);
    cluster.write(defaultClusterFile());
    return servers;
  }

  static List<String> contenders() {
    return Contender.ALL;
  }
}
