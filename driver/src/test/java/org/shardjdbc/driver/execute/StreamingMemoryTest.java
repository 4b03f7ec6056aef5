package org.shardjdbc.driver.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;
import org.shardjdbc.planner.model.DataNode;

/**
 * {@code SELECT * FROM orders ORDER BY created_at} over 1,000,000 rows, and a deep page {@code LIMIT 100000, 10},
 * run through the driver in a JVM with a 64 MB heap: the merge streams, so memory does not grow with the rows.
 */
class StreamingMemoryTest {
  private static final int ROWS = 1_000_000;

  @Test
  void orderedScanOfAMillionRows_runsIn64MbHeap() throws Exception {
    TestServer server = TestServers.shared();
    ShardLayout layout = ShardLayout.builder()
        .dataSources(server, "mem_h", 2)
        .tablesPerDataSource(8)
        .sharded("orders", "order_id")
        .build();
    layout.recreateDatabases();
    try {
      loadAndScan(server, layout);
    } finally {
      dropDatabases(layout);
    }
  }

  private static void loadAndScan(TestServer server, ShardLayout layout) throws Exception {
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, customer_id INT, status VARCHAR(20),"
        + " amount DECIMAL(12,2), note VARCHAR(50), created_at DATETIME, KEY idx_created (created_at))");
    List<DataNode> tables = layout.physicalTables("orders");
    int shards = tables.size();
    for (int shard = 0; shard < shards; shard++) {
      DataNode node = tables.get(shard);
      try (Connection connection = server.connect(layout.dataSource(node.dataSource()).database());
          Statement statement = connection.createStatement()) {
        // order_id = seq * shards + shard lands on this shard under mod; created_at is scattered over the shards
        statement.executeUpdate("INSERT INTO " + node.table() + " SELECT seq * " + shards + " + " + shard
            + ", seq % 5000, ELT(1 + seq % 3, 'paid', 'new', 'shipped'), seq % 1000 + 0.25, REPEAT('x', 20),"
            + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL ((seq * " + shards + " + " + shard + ") * 7919 % 31536000) SECOND"
            + " FROM seq_0_to_" + (ROWS / shards - 1));
      }
    }
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        OrderedScan.class.getName(), layout.url(), String.valueOf(ROWS))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the scan did not finish");
    System.out.println(output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("rows=" + ROWS + " page=10 first=100000"), output);
  }

  private static void dropDatabases(ShardLayout layout) throws SQLException {
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        statement.executeUpdate("DROP DATABASE " + dataSource.database());
      }
    }
  }
}
