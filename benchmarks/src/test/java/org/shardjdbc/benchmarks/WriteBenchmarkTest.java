package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * cannot rot, and checks that all contenders leave the same rows in the same physical tables; runs the paired
 * measurement of writes briefly. Never asserts timings.
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

  @Test
  void pairedRounds_measureEveryContender_andEmptyTheTablesBeforeEachRoundOfInserts() throws Exception {
    List<PairedRounds.Outcome> outcomes;
    try (PairedWriteBenchmark benchmark = new PairedWriteBenchmark(cluster, WriteWorkload.SINGLE_INSERT, 2, 50, 0)) {
      for (String contender : List.of(Contender.SHARD, Contender.RAW, Contender.SHARDINGSPHERE)) {
        benchmark.open(contender, workDirectory);
      }
      benchmark.rounds().run(2);
      outcomes = benchmark.rounds().outcomes();
    }
    long inserted = 0;
    for (PairedRounds.Outcome outcome : outcomes) {
      // a failure would be a key inserted twice, or a row not written
      assertNull(outcome.failure(), outcome.toString());
      // 2 rounds of a block each, 2 threads, each at least one insert per block
      assertTrue(outcome.operations() >= 4, outcome.toString());
      assertTrue(outcome.meanMicros() > 0 && outcome.cpuMicros() > 0, outcome.toString());
      inserted += outcome.operations();
    }
    assertEquals(List.of(Contender.SHARD, Contender.RAW, Contender.SHARDINGSPHERE),
        outcomes.stream().map(PairedRounds.Outcome::contender).toList());
    // the second round started with empty tables: what is left is its inserts alone
    int left = placement().size();
    assertTrue(left >= 6 && left < inserted, left + " rows left of " + inserted + " inserted in 2 rounds");
  }

  @Test
  void pairedUpdates_changeTheRowsInsertedBeforehand() throws Exception {
    try (PairedWriteBenchmark benchmark = new PairedWriteBenchmark(cluster, WriteWorkload.UPDATE_BY_KEY, 2, 50, 0)) {
      benchmark.open(Contender.SHARD, workDirectory);
      benchmark.open(Contender.RAW, workDirectory);
      String settled = benchmark.rounds().settle(100);
      assertTrue(settled.startsWith("quiet after ") || settled.startsWith("NOT quiet after "), settled);
      benchmark.rounds().run(1);
      for (PairedRounds.Outcome outcome : benchmark.rounds().outcomes()) {
        assertNull(outcome.failure(), outcome.toString());
        assertTrue(outcome.operations() >= 2, outcome.toString());
      }
    }
    List<String> rows = placement();
    assertEquals(WriteWorkload.UPDATED_ROWS, rows.size());
    assertTrue(rows.stream().anyMatch(row -> row.contains(":updated ")), "no row was updated");
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
