package org.shardjdbc.driver.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.shardjdbc.driver.replica.ReplicaCluster.answeredBy;
import static org.shardjdbc.driver.replica.ReplicaCluster.connect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.runtime.ShardRuntimes;
import org.shardjdbc.driver.testing.ReplicatedServer;

/**
 * Read/write splitting over one primary and two replicas that really replicate (binary log, GTID): where reads,
 * writes, locking reads, hinted reads and transactions go, read-your-writes with replication stopped and under
 * concurrent load, a lagging replica left and taken back, a killed replica, and the switch. Every read selects
 * {@code @@server_id}, so each row says which server answered it.
 */
class ReadWriteSplittingTest {
  private static final String TABLES = """
      tables:
        orders: { shardKey: id, nodes: { h0: 'orders_${0..3}' } }
      """;
  private static final String ITEM = "SELECT @@server_id, COUNT(*) FROM items WHERE id = ?";

  private static ReplicatedServer primary;
  private static ReplicatedServer replica11;
  private static ReplicatedServer replica12;
  /** Replicas lagging more than 1000 ms are skipped. */
  private static String lagAware;
  /** Lag never excludes a replica: only read-your-writes keeps a connection's reads off a stale one. */
  private static String patient;
  /** One heartbeat in ten minutes: only GTID positions tell that a replica has a connection's write. */
  private static String gtidOnly;
  private static final AtomicInteger NEXT_ID = new AtomicInteger(1000);

  @BeforeAll
  static void start() throws SQLException {
    List<ReplicatedServer> servers = ReplicaCluster.first();
    primary = servers.get(0);
    replica11 = servers.get(1);
    replica12 = servers.get(2);
    try (Connection connection = primary.server().connect(ReplicaCluster.DATABASE);
        Statement statement = connection.createStatement()) {
      // as an administrator would, for heartbeat.createTable: false
      statement.execute(new Heartbeat("shard_heartbeat").createTableSql());
      statement.execute("CREATE TABLE items (id INT PRIMARY KEY, note VARCHAR(40))");
      statement.execute("INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
      for (int i = 0; i < 4; i++) {
        statement.execute("CREATE TABLE orders_" + i + " (id BIGINT PRIMARY KEY, note VARCHAR(40))");
      }
      statement.execute("INSERT INTO orders_1 VALUES (1, 'a'), (5, 'b')");
      statement.execute("INSERT INTO orders_2 VALUES (2, 'c')");
    }
    replica11.awaitCaughtUp();
    replica12.awaitCaughtUp();
    String dataSources = "dataSources:\n" + ReplicaCluster.dataSource("h0", primary, List.of(replica11, replica12));
    lagAware = ReplicaCluster.configUrl("lag-aware", dataSources + TABLES + """
        readWriteSplitting:
          loadBalancer: round_robin
          maxReplicationLagMs: 1000
          heartbeat: { createTable: true, intervalMs: 100, timeoutMs: 1000 }
        """);
    patient = ReplicaCluster.configUrl("patient", dataSources + TABLES + """
        readWriteSplitting:
          maxReplicationLagMs: 3600000
          heartbeat: { createTable: true, intervalMs: 100, timeoutMs: 1000 }
        """);
    gtidOnly = ReplicaCluster.configUrl("gtid-only", dataSources + TABLES + """
        readWriteSplitting:
          maxReplicationLagMs: 3600000
          heartbeat: { intervalMs: 600000, timeoutMs: 1000 }
        """);
  }

  @AfterAll
  static void stop() {
    ShardRuntimes.closeAll();
  }

  @Test
  void plainReads_goToTheReplicasInTurn() throws SQLException {
    awaitAvailable(lagAware, 2);
    try (Connection connection = connect(lagAware)) {
      Map<Integer, Integer> servers = new TreeMap<>();
      for (int i = 0; i < 6; i++) {
        servers.merge(answeredBy(connection, ITEM, 1), 1, Integer::sum);
      }
      assertEquals(Map.of(11, 3, 12, 3), servers);
      // a sharded read, one shard and all of them: each data source's statement on one replica
      int shard = answeredBy(connection, "SELECT @@server_id, note FROM orders WHERE id = ?", 5);
      assertTrue(shard == 11 || shard == 12, "answered by " + shard);
      int scatter = answeredBy(connection, "SELECT @@server_id, COUNT(*) FROM orders");
      assertTrue(scatter == 11 || scatter == 12, "answered by " + scatter);
    }
  }

  @Test
  void writesLockingReadsHintsAndTransactions_goToThePrimary() throws SQLException {
    awaitAvailable(lagAware, 2);
    int id = NEXT_ID.incrementAndGet();
    try (Connection connection = connect(lagAware)) {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, 'written')")) {
        insert.setInt(1, id);
        assertEquals(1, insert.executeUpdate());
      }
      assertEquals(1, countOn(primary, id));
    }
    try (Connection connection = connect(lagAware)) {
      assertEquals(1, answeredBy(connection, "SELECT @@server_id, id FROM items WHERE id = 1 FOR UPDATE"));
      assertEquals(1, answeredBy(connection, "SELECT @@server_id, id FROM items WHERE id = 1 LOCK IN SHARE MODE"));
      assertEquals(1, answeredBy(connection, "SELECT /* shard:primary */ @@server_id, id FROM items WHERE id = 1"));
      assertEquals(1, answeredBy(connection, "SELECT @@server_id, note FROM orders WHERE id = 5 FOR UPDATE"));
      ShardConnection shard = connection.unwrap(ShardConnection.class);
      shard.setForcePrimary(true);
      assertEquals(1, answeredBy(connection, ITEM, 1));
      shard.setForcePrimary(false);
      assertReplica(answeredBy(connection, ITEM, 1));

      connection.setAutoCommit(false);
      assertEquals(1, answeredBy(connection, ITEM, 1));
      assertEquals(1, answeredBy(connection, "SELECT @@server_id, COUNT(*) FROM orders"));
      connection.commit();
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("BEGIN");
        assertEquals(1, answeredBy(connection, ITEM, 1));
        statement.execute("COMMIT");
      }
    }
  }

  @Test
  void readOnlyTransactions_readOneReplicaPerDataSource() throws SQLException {
    awaitAvailable(lagAware, 2);
    try (Connection connection = connect(lagAware)) {
      connection.setReadOnly(true);
      connection.setAutoCommit(false);
      int first = answeredBy(connection, ITEM, 1);
      assertReplica(first);
      for (int i = 0; i < 3; i++) {
        assertEquals(first, answeredBy(connection, ITEM, 2));
        assertEquals(first, answeredBy(connection, "SELECT @@server_id, COUNT(*) FROM orders"));
      }
      // a locking read of a read-only transaction still locks on the primary
      assertEquals(1, answeredBy(connection, "SELECT @@server_id, id FROM items WHERE id = 1 LOCK IN SHARE MODE"));
      connection.commit();
      connection.setReadOnly(false);
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("START TRANSACTION READ ONLY");
        int pinned = answeredBy(connection, ITEM, 1);
        assertReplica(pinned);
        assertEquals(pinned, answeredBy(connection, ITEM, 3));
        statement.execute("COMMIT");
        statement.execute("START TRANSACTION");
        assertEquals(1, answeredBy(connection, ITEM, 1));
        statement.execute("COMMIT");
      }
    }
  }

  @Test
  void readYourWrites_withReplicationStopped_readsGoToThePrimaryUntilTheReplicasHaveTheWrite() throws Exception {
    awaitAvailable(patient, 2);
    int id = NEXT_ID.incrementAndGet();
    replica11.stopApplying();
    replica12.stopApplying();
    try (Connection writer = connect(patient); Connection other = connect(patient)) {
      try (PreparedStatement insert = writer.prepareStatement("INSERT INTO items VALUES (?, 'mine')")) {
        insert.setInt(1, id);
        insert.executeUpdate();
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(List.of(1, 1), serverAndCount(writer, id), "the writer reads its row on the primary");
      }
      // another connection has written nothing: it reads a replica, which does not have the row yet
      List<Integer> stale = serverAndCount(other, id);
      assertReplica(stale.get(0));
      assertEquals(0, stale.get(1));

      replica11.startApplying();
      replica12.startApplying();
      replica11.awaitCaughtUp();
      replica12.awaitCaughtUp();
      // a replica that said no is asked again after its next probe: until then the writer stays on the primary
      await(() -> {
        List<Integer> read = serverAndCountQuietly(writer, id);
        assertEquals(1, read.get(1), "read on server " + read.get(0));
        return read.get(0) != 1;
      }, "the writer's reads back on a replica");
    } finally {
      replica11.startApplying();
      replica12.startApplying();
    }
  }

  @Test
  void readYourWrites_byGtid_aReplicaServesTheWriterOnceItHasAppliedTheWrite() throws Exception {
    awaitAvailable(gtidOnly, 2);
    try (Connection writer = connect(gtidOnly)) {
      int id = NEXT_ID.incrementAndGet();
      insert(writer, id);
      replica11.awaitCaughtUp();
      replica12.awaitCaughtUp();
      // the only heartbeat is older than the write: the replica says it has the write's GTID (MASTER_GTID_WAIT)
      List<Integer> read = serverAndCount(writer, id);
      assertReplica(read.get(0));
      assertEquals(1, read.get(1));

      replica11.stopApplying();
      replica12.stopApplying();
      try {
        int next = NEXT_ID.incrementAndGet();
        insert(writer, next);
        assertEquals(List.of(1, 1), serverAndCount(writer, next), "neither replica has the write");
        assertEquals(List.of(1, 1), serverAndCount(writer, id), "nor any later write of this connection");
      } finally {
        replica11.startApplying();
        replica12.startApplying();
      }
    }
  }

  private static void insert(Connection connection, int id) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, 'gtid')")) {
      insert.setInt(1, id);
      assertEquals(1, insert.executeUpdate());
    }
  }

  @Test
  void readYourWrites_underConcurrentLoad_everyReadSeesItsOwnWrite() throws Exception {
    awaitAvailable(patient, 2);
    replica12.stopApplying();
    int threads = 6;
    int rounds = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger onReplicas = new AtomicInteger();
    AtomicInteger onStopped = new AtomicInteger();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          try (Connection connection = connect(patient)) {
            for (int round = 0; round < rounds; round++) {
              int id = NEXT_ID.incrementAndGet();
              try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, 'load')")) {
                insert.setInt(1, id);
                insert.executeUpdate();
              }
              List<Integer> read = serverAndCount(connection, id);
              assertEquals(1, read.get(1), "row " + id + " read on server " + read.get(0));
              if (read.get(0) != 1) {
                onReplicas.incrementAndGet();
              }
              if (read.get(0) == 12) {
                onStopped.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
      replica12.startApplying();
    }
    assertEquals(0, onStopped.get(), "the replica that applies nothing never serves a read of a new row");
    System.out.println("read-your-writes under load: " + onReplicas.get() + " of " + threads * rounds
        + " read-backs answered by replica 11 after it confirmed the write");
  }

  @Test
  void laggingReplica_isSkipped_andComesBackOnceItCatchesUp() throws Exception {
    awaitAvailable(lagAware, 2);
    ReadWriteSplitting splitting = runtimeOf(lagAware);
    replica11.stopApplying();
    try {
      await(() -> state(splitting, "h0.replicas[0]") == ReplicaStatus.State.LAGGING, "replica 11 lagging");
      ReplicaStatus lagging = splitting.replicas().get(0);
      assertTrue(lagging.lagMs() > 1000, lagging.toString());
      try (Connection connection = connect(lagAware)) {
        for (int i = 0; i < 4; i++) {
          assertEquals(12, answeredBy(connection, ITEM, 1));
        }
      }
    } finally {
      replica11.startApplying();
    }
    await(() -> state(splitting, "h0.replicas[0]") == ReplicaStatus.State.AVAILABLE, "replica 11 available again");
    try (Connection connection = connect(lagAware)) {
      Map<Integer, Integer> servers = new TreeMap<>();
      for (int i = 0; i < 4; i++) {
        servers.merge(answeredBy(connection, ITEM, 1), 1, Integer::sum);
      }
      assertEquals(Map.of(11, 2, 12, 2), servers);
    }
  }

  @Test
  void killedReplica_readsGoOnWithoutAnError_andItComesBackWhenRestarted() throws Exception {
    awaitAvailable(lagAware, 2);
    ReadWriteSplitting splitting = runtimeOf(lagAware);
    AtomicBoolean reading = new AtomicBoolean(true);
    List<Throwable> errors = new ArrayList<>();
    AtomicInteger reads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<?>> readers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      readers.add(pool.submit(() -> {
        try (Connection connection = connect(lagAware)) {
          while (reading.get()) {
            assertEquals(List.of(1), List.of(serverAndCount(connection, 1).get(1)));
            reads.incrementAndGet();
          }
        } catch (Throwable e) {
          synchronized (errors) {
            errors.add(e);
          }
        }
        return null;
      }));
    }
    try {
      await(() -> reads.get() > 30, "readers under way");
      replica12.server().kill();
      int before = reads.get();
      await(() -> state(splitting, "h0.replicas[1]") == ReplicaStatus.State.DOWN, "replica 12 down");
      await(() -> reads.get() > before + 60, "reads after the kill");
      try (Connection connection = connect(lagAware)) {
        for (int i = 0; i < 4; i++) {
          int server = answeredBy(connection, ITEM, 1);
          assertTrue(server == 11 || server == 1, "answered by " + server);
        }
      }
    } finally {
      reading.set(false);
      for (Future<?> reader : readers) {
        reader.get(1, TimeUnit.MINUTES);
      }
      pool.shutdownNow();
      replica12.server().start();
    }
    assertEquals(List.of(), errors, "errors reaching the application");
    replica12.awaitCaughtUp();
    await(() -> state(splitting, "h0.replicas[1]") == ReplicaStatus.State.AVAILABLE, "replica 12 back");
    try (Connection connection = connect(lagAware)) {
      Map<Integer, Integer> servers = new TreeMap<>();
      for (int i = 0; i < 4; i++) {
        servers.merge(answeredBy(connection, ITEM, 1), 1, Integer::sum);
      }
      assertEquals(Map.of(11, 2, 12, 2), servers);
    }
  }

  @Test
  void replicaLostDuringARead_theReadRunsAgainElsewhere_beforeReturningAnyRow() throws Exception {
    awaitAvailable(lagAware, 2);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    ReplicatedServer victim = null;
    try {
      Future<Integer> read = pool.submit(() -> {
        try (Connection connection = connect(lagAware)) {
          return answeredBy(connection, "SELECT @@server_id, SLEEP(3), COUNT(*) FROM items WHERE id = 1");
        }
      });
      while (victim == null) {
        for (ReplicatedServer replica : List.of(replica11, replica12)) {
          if (runningSleeps(replica) > 0) {
            victim = replica;
          }
        }
        assertFalse(read.isDone(), "the read finished before it was seen running");
      }
      victim.server().kill();
      int answered = read.get(1, TimeUnit.MINUTES);
      assertTrue(answered != victim.serverId(), "answered by " + answered + ", the killed replica");
    } finally {
      pool.shutdownNow();
      if (victim != null) {
        victim.server().start();
        victim.awaitCaughtUp();
      }
    }
    awaitAvailable(lagAware, 2);
  }

  private static int runningSleeps(ReplicatedServer server) throws SQLException {
    try (Connection connection = server.server().connect("");
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST "
            + "WHERE INFO LIKE '%SLEEP(3)%' AND INFO NOT LIKE '%PROCESSLIST%'")) {
      row.next();
      return row.getInt(1);
    }
  }

  @Test
  void theSwitch_byTheApiAndByTheFile_turnsSplittingOffAndOnWithoutARestart() throws Exception {
    String dataSources = "dataSources:\n" + ReplicaCluster.dataSource("h0", primary, List.of(replica11, replica12));
    String settings = """
        readWriteSplitting:
          enabled: %s
          heartbeat: { createTable: true, intervalMs: 100, timeoutMs: 1000 }
          configCheckIntervalMs: 50
        """;
    String url = ReplicaCluster.configUrl("switch", dataSources + TABLES + settings.formatted("true"));
    awaitAvailable(url, 2);
    ReadWriteSplitting splitting = runtimeOf(url);
    try (Connection connection = connect(url)) {
      assertReplica(answeredBy(connection, ITEM, 1));
      splitting.setEnabled(false);
      assertFalse(splitting.enabled());
      assertEquals(1, answeredBy(connection, ITEM, 1));
      splitting.setEnabled(true);
      await(() -> readsOn(connection) != 1, "reads on replicas again");

      Thread.sleep(20); // a modification time that differs even on file systems that keep whole milliseconds
      ReplicaCluster.configUrl("switch", dataSources + TABLES + settings.formatted("false"));
      await(() -> !splitting.enabled(), "the file's enabled: false applied");
      assertEquals(1, answeredBy(connection, ITEM, 1));
      ReplicaCluster.configUrl("switch", dataSources + TABLES + settings.formatted("true") + "\n# on again\n");
      await(() -> splitting.enabled(), "the file's enabled: true applied");
      await(() -> readsOn(connection) != 1, "reads on replicas again");
    }
  }

  private static int readsOn(Connection connection) {
    try {
      return answeredBy(connection, ITEM, 1);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Integer> serverAndCountQuietly(Connection connection, int id) {
    try {
      return serverAndCount(connection, id);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Integer> serverAndCount(Connection connection, int id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(ITEM)) {
      statement.setInt(1, id);
      try (ResultSet row = statement.executeQuery()) {
        assertTrue(row.next());
        return List.of(row.getInt(1), row.getInt(2));
      }
    }
  }

  private static int countOn(ReplicatedServer server, int id) throws SQLException {
    try (Connection connection = server.server().connect(ReplicaCluster.DATABASE);
        PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM items WHERE id = ?")) {
      statement.setInt(1, id);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private static void assertReplica(int serverId) {
    assertTrue(serverId == 11 || serverId == 12, "answered by server " + serverId + ", not a replica");
  }

  static ReadWriteSplitting runtimeOf(String url) throws SQLException {
    try (Connection connection = connect(url)) {
      return connection.unwrap(ShardConnection.class).runtime().readWriteSplitting();
    }
  }

  /** Starts the runtime's monitor with a read, then waits until {@code count} replicas are available. */
  static void awaitAvailable(String url, int count) throws SQLException {
    ReadWriteSplitting splitting = runtimeOf(url);
    try (Connection connection = connect(url); Statement statement = connection.createStatement();
        ResultSet ignored = statement.executeQuery("SELECT 1")) {
      await(() -> splitting.replicas().stream().filter(r -> r.state() == ReplicaStatus.State.AVAILABLE).count()
          == count, count + " replicas available: " + splitting.replicas());
    }
  }

  static ReplicaStatus.State state(ReadWriteSplitting splitting, String replica) {
    for (ReplicaStatus status : splitting.replicas()) {
      if (status.replica().equals(replica)) {
        return status.state();
      }
    }
    throw new AssertionError("no replica " + replica);
  }

  /** Waits for a condition, up to 60 seconds; no timing is asserted, only that it happens. */
  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 60 s: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }
}
