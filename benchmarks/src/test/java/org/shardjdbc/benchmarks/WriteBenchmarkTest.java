package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the write benchmark's operations once per contender on one server (8 databases of 16 tables), so that it
 * cannot rot, and checks that all contenders leave the same rows in the same physical tables. Never asserts timings.
 */
class WriteBenchmarkTest {
  private static UnitTestServer server;
  private static BenchCluster cluster;
  private static Path workDirectory;

  @BeforeAll
  static void startServer() throws Exception {
    server = UnitTestServer.start(WriteTables.LAYOUT, false, "bench-writes-test-");
    cluster = server.cluster();
    workDirectory = server.workDirectory();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyContender_writesTheSameRowsToTheSamePhysicalTables() throws Exception {
    List<List<String>> placements = new ArrayList<>();
    for (String contender : List.of(Contender.SHARD, Contender.RAW, Contender.SHARDINGSPHERE)) {
      WriteBenchmark benchmark = new WriteBenchmark();
      benchmark.contender = contender;
      benchmark.workload = WriteWorkload.UPDATE_BY_KEY;
      benchmark.setUp(cluster, workDirectory);
      try {
        for (int i = 0; i < 3; i++) {
          assertEquals(1, benchmark.write());
        }
        benchmark.workload = WriteWorkload.SINGLE_INSERT;
        for (int i = 0; i < 3; i++) {
          assertEquals(1, benchmark.write());
        }
        benchmark.workload = WriteWorkload.BATCH_INSERT;
        assertEquals(WriteWorkload.BATCH_ROWS, benchmark.write());
      } finally {
        benchmark.tearDown();
      }
      placements.add(placement());
    }
    // the updates' rows, then the inserts' new keys after them
    assertEquals(WriteWorkload.UPDATED_ROWS + 3 + WriteWorkload.BATCH_ROWS, placements.get(0).size());
    assertEquals(3, placements.get(0).stream().filter(row -> row.contains(":updated ")).count());
    assertEquals(placements.get(0), placements.get(1), "shard and raw wrote different rows or tables");
    assertEquals(placements.get(0), placements.get(2), "shard and ShardingSphere wrote different rows or tables");
  }

  /** Every row as {@code table:id:account:payload}, after checking that its table is the one of its key. */
  private static List<String> placement() throws SQLException {
    BenchLayout layout = WriteTables.LAYOUT;
    List<String> rows = new ArrayList<>();
    for (int shard = 0; shard < layout.shardCount(); shard++) {
      BenchCluster.Address address = cluster.dataSource(layout, layout.dataSourceOf(shard));
      String table = layout.table("write_log", shard);
      try (Connection connection = DriverManager.getConnection(address.jdbcUrl(), "root", "");
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT id, account, payload FROM " + table + " ORDER BY id")) {
        while (result.next()) {
          long id = result.getLong(1);
          assertEquals(shard, layout.shardOf(id), "row " + id + " in " + table);
          rows.add(table + ":" + id + ":" + result.getLong(2) + ":" + result.getString(3));
        }
      }
    }
    return rows;
  }
}
