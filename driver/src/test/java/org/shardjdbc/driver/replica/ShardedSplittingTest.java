package org.shardjdbc.driver.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shardjdbc.driver.replica.ReadWriteSplittingTest.awaitAvailable;
import static org.shardjdbc.driver.replica.ReplicaCluster.answeredBy;
import static org.shardjdbc.driver.replica.ReplicaCluster.connect;
import static org.shardjdbc.driver.replica.ReplicaCluster.url;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.runtime.ShardRuntimes;
import org.shardjdbc.driver.testing.ReplicatedServer;

/**
 * Sharding and splitting together: {@code parcels} sharded by {@code id mod 4} over two primaries (h0: primary 1,
 * tables 0 and 1, with replicas 11 and 12 weighted 2 to 1; h1: primary 2, tables 2 and 3, with replica 21). A read
 * of several shards reads each data source from its own replicas; read-your-writes holds per data source, for
 * statements and batches; a READ ONLY transaction pins one replica of each.
 */
class ShardedSplittingTest {
  private static final String ROW = "SELECT @@server_id, COUNT(*) FROM parcels WHERE id = ?";

  private static ReplicatedServer replica11;
  private static ReplicatedServer replica12;
  private static ReplicatedServer replica21;
  private static String url;

  @BeforeAll
  static void start() throws SQLException {
    List<ReplicatedServer> first = ReplicaCluster.first();
    List<ReplicatedServer> second = ReplicaCluster.second();
    ReplicatedServer primary1 = first.get(0);
    ReplicatedServer primary2 = second.get(0);
    replica11 = first.get(1);
    replica12 = first.get(2);
    replica21 = second.get(1);
    for (int table = 0; table < 4; table++) {
      ReplicatedServer primary = table < 2 ? primary1 : primary2;
      try (Connection connection = primary.server().connect(ReplicaCluster.DATABASE);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE parcels_" + table + " (id BIGINT PRIMARY KEY, note VARCHAR(40))");
        for (int id = table; id < 40; id += 4) {
          statement.execute("INSERT INTO parcels_" + table + " VALUES (" + id + ", 'parcel " + id + "')");
        }
      }
    }
    primary1.execute("CREATE TABLE " + ReplicaCluster.DATABASE + ".notes (id BIGINT PRIMARY KEY)");
    replica11.awaitCaughtUp();
    replica12.awaitCaughtUp();
    replica21.awaitCaughtUp();
    url = ReplicaCluster.configUrl("sharded", """
        dataSources:
          h0:
            url: '%s'
            username: root
            password: ''
            replicas:
              - { url: '%s', weight: 2 }
              - { url: '%s', weight: 1 }
          h1:
            url: '%s'
            username: root
            password: ''
            replicas:
              - { url: '%s' }
        tables:
          parcels: { shardKey: id, nodes: { h0: 'parcels_${0..1}', h1: 'parcels_${2..3}' } }
        readWriteSplitting:
          loadBalancer: weighted
          maxReplicationLagMs: 3600000
          heartbeat: { createTable: true, intervalMs: 100, timeoutMs: 1000 }
        """.formatted(url(primary1), url(replica11), url(replica12), url(primary2), url(replica21)));
  }

  @AfterAll
  static void stop() {
    ShardRuntimes.closeAll();
  }

  @Test
  void readOfSeveralShards_readsEachDataSourceFromItsOwnReplicas() throws SQLException {
    awaitAvailable(url, 3);
    try (Connection connection = connect(url); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT @@server_id, id FROM parcels WHERE id < 40 ORDER BY id")) {
      int count = 0;
      while (rows.next()) {
        int server = rows.getInt(1);
        long id = rows.getLong(2);
        assertEquals(count, id);
        if (id % 4 < 2) {
          assertTrue(server == 11 || server == 12, "row " + id + " of h0 answered by " + server);
        } else {
          assertEquals(21, server, "row " + id + " of h1");
        }
        count++;
      }
      assertEquals(40, count);
    }
    try (Connection connection = connect(url)) {
      Map<Integer, Integer> servers = new TreeMap<>();
      for (int i = 0; i < 6; i++) {
        servers.merge(answeredBy(connection, ROW, 4), 1, Integer::sum);
      }
      assertEquals(Map.of(11, 4, 12, 2), servers, "weights 2 and 1");
    }
  }

  @Test
  void aWriteToOneDataSource_keepsOnlyThatDataSourcesReadsOnItsPrimary() throws Exception {
    awaitAvailable(url, 3);
    replica11.stopApplying();
    replica12.stopApplying();
    try (Connection writer = connect(url); Statement statement = writer.createStatement()) {
      // notes is unsharded: it lives on the default data source, h0
      assertEquals(1, statement.executeUpdate("INSERT INTO notes VALUES (" + System.nanoTime() % 1_000_000_000 + ")"));
      try (ResultSet rows = statement.executeQuery("SELECT @@server_id, id FROM parcels WHERE id < 40 ORDER BY id")) {
        int count = 0;
        while (rows.next()) {
          long id = rows.getLong(2);
          assertEquals(id % 4 < 2 ? 1 : 21, rows.getInt(1), "row " + id);
          count++;
        }
        assertEquals(40, count);
      }
      assertEquals(1, answeredBy(writer, ROW, 4));
      assertEquals(21, answeredBy(writer, ROW, 6));
    } finally {
      replica11.startApplying();
      replica12.startApplying();
    }
  }

  @Test
  void writesToShardsOnBothPrimaries_eachDataSourceReadsItsOwnWrites() throws Exception {
    awaitAvailable(url, 3);
    replica21.stopApplying();
    try (Connection writer = connect(url); Connection other = connect(url)) {
      try (PreparedStatement insert = writer.prepareStatement("INSERT INTO parcels (id, note) VALUES (?, ?)")) {
        insert.setLong(1, 102); // shard 2, on h1
        insert.setString(2, "new on h1");
        assertEquals(1, insert.executeUpdate());
      }
      assertEquals(List.of(2, 1), serverAndCount(writer, 102), "h1's write read on its primary");
      int h0 = answeredBy(writer, ROW, 4);
      assertTrue(h0 == 11 || h0 == 12, "h0 has no write of this connection: read on a replica, not " + h0);
      List<Integer> stale = serverAndCount(other, 102);
      assertEquals(List.of(21, 0), stale, "another connection reads replica 21, which does not have the row");

      try (PreparedStatement batch = writer.prepareStatement("INSERT INTO parcels (id, note) VALUES (?, 'batch')")) {
        for (long id : new long[] {106, 108}) { // shard 2 on h1, shard 0 on h0
          batch.setLong(1, id);
          batch.addBatch();
        }
        batch.executeBatch();
      }
      assertEquals(List.of(2, 1), serverAndCount(writer, 106));
      assertEquals(1, serverAndCount(writer, 108).get(1));
    } finally {
      replica21.startApplying();
    }
    replica21.awaitCaughtUp();
  }

  @Test
  void readOnlyTransaction_pinsOneReplicaOnEachDataSource() throws SQLException {
    awaitAvailable(url, 3);
    try (Connection connection = connect(url)) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      Integer h0 = null;
      for (int round = 0; round < 3; round++) {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT @@server_id, id FROM parcels WHERE id < 40 ORDER BY id")) {
          while (rows.next()) {
            long id = rows.getLong(2);
            if (id % 4 < 2) {
              h0 = h0 == null ? rows.getInt(1) : h0;
              assertEquals(h0, rows.getInt(1), "row " + id + " in round " + round);
            } else {
              assertEquals(21, rows.getInt(1), "row " + id);
            }
          }
        }
      }
      assertTrue(h0 == 11 || h0 == 12, "h0 read on " + h0);
      connection.commit();
    }
  }

  private static List<Integer> serverAndCount(Connection connection, long id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(ROW)) {
      statement.setLong(1, id);
      try (ResultSet row = statement.executeQuery()) {
        assertTrue(row.next());
        return List.of(row.getInt(1), row.getInt(2));
      }
    }
  }
}
