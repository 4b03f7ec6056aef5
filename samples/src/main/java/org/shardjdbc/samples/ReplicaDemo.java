package org.shardjdbc.samples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.jdbc.ShardDriver;
import org.shardjdbc.driver.replica.ReadWriteSplitting;
import org.shardjdbc.driver.replica.ReplicaStatus;

/**
 * The read/write splitting demo: one primary and two replicas that really replicate (three embedded MariaDB servers,
 * binary log and GTID), used through {@code jdbc:shard:} with the configuration {@code replicas.yaml}.
 *
 * <p>It shows where each statement runs (every query selects {@code @@server_id}, so the row names the server that
 * answered it): plain reads on the replicas in turn; a write on the primary and the same connection's next read
 * seeing it; locking reads, the {@code shard:primary} hint and transactions on the primary, a READ ONLY transaction
 * on one replica; a replica whose replication is stopped, its measured lag growing past {@code maxReplicationLagMs},
 * reads leaving it and coming back once it catches up; and splitting switched off and on at run time.
 *
 * <pre>
 * mvn -B -q -pl samples exec:java -Dexec.mainClass=org.shardjdbc.samples.ReplicaDemo
 * </pre>
 *
 * <p>Each step checks what it shows; the exit status is 0 when every check held, 1 otherwise.
 */
public final class ReplicaDemo {
  private static final String READ = "SELECT @@server_id, balance FROM accounts WHERE id = ?";

  private final PrintStream out;
  private final List<String> failures = new ArrayList<>();
  private int checks;

  private ReplicaDemo(PrintStream out) {
    this.out = out;
  }

  /** Runs the demo on embedded servers and exits with its status. */
  public static void main(String[] args) {
    Path workRoot = Path.of(System.getProperty("java.io.tmpdir"), "shard-jdbc-samples");
    System.exit(run(System.out, workRoot));
  }

  /**
   * Runs the demo, printing to {@code out}; the servers are stopped before this returns.
   *
   * @param workRoot where the servers' directory is made
   * @return 0 when every check held, 1 otherwise
   */
  static int run(PrintStream out, Path workRoot) {
    ReplicaDemo demo = new ReplicaDemo(out);
    long start = System.nanoTime();
    int status;
    try {
      status = demo.runEmbedded(workRoot);
    } catch (Exception e) {
      out.println("replica demo failed: " + e);
      status = 1;
    }
    out.printf("%nreplica demo %s in %.1f s%n", status == 0 ? "finished" : "FAILED", (System.nanoTime() - start) / 1e9);
    return status;
  }

  private int runEmbedded(Path workRoot) throws Exception {
    out.println("Starting one primary and two replicas (embedded MariaDB, under " + workRoot + ") ...");
    try (EmbeddedReplication servers = EmbeddedReplication.start(workRoot)) {
      out.printf("  primary     server_id %-3d 127.0.0.1:%d (binary log)%n", EmbeddedReplication.PRIMARY,
          servers.port(EmbeddedReplication.PRIMARY));
      for (int replica : EmbeddedReplication.REPLICAS) {
        out.printf("  replica %d  server_id %-3d 127.0.0.1:%d (follows the primary by GTID)%n", replica, replica,
            servers.port(replica));
      }
      try (Connection primary = servers.connect(EmbeddedReplication.PRIMARY); Statement statement = primary.createStatement()) {
        statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(20), balance INT)");
        statement.execute("INSERT INTO accounts VALUES (1, 'ada', 100), (2, 'grace', 200), (3, 'linus', 300)");
      }
      servers.awaitReplicas();
      String location = servers.configFile().toString();
      out.println("Configuration " + location + " (maxReplicationLagMs 500, heartbeat every 100 ms)");
      try (Connection connection = DriverManager.getConnection(ShardDriver.PREFIX + location)) {
        ReadWriteSplitting splitting = connection.unwrap(ShardConnection.class).runtime().readWriteSplitting();
        steps(ShardDriver.PREFIX + location, connection, splitting, servers);
      } finally {
        ShardDriver.close(location);
      }
    }
    out.printf("%n%d of %d checks held%n", checks - failures.size(), checks);
    failures.forEach(failure -> out.println("  FAILED: " + failure));
    return failures.isEmpty() ? 0 : 1;
  }

  private void steps(String url, Connection connection, ReadWriteSplitting splitting, EmbeddedReplication servers)
      throws Exception {
    read(connection, READ, 1); // the first read starts the lag monitor
    await(() -> available(splitting) == 2, "both replicas probed");
    status(splitting);

    out.println("\n1. Plain reads outside a transaction go to the replicas, in turn (round_robin)");
    List<Integer> answered = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answered.add(read(connection, READ, 1)[0]);
    }
    out.println("   " + READ + "  x6  ->  " + names(answered));
    check(answered.stream().filter(id -> id == 11).count() == 3 && answered.stream().filter(id -> id == 12).count() == 3,
        "six reads split 3 and 3 over the replicas");

    out.println("\n2. A write goes to the primary; this connection's next read sees it (read your writes)");
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
    }
    int[] afterWrite = read(connection, READ, 1);
    out.println("   UPDATE accounts SET balance = balance + 10 WHERE id = 1  ->  primary");
    out.println("   " + READ + "  ->  " + name(afterWrite[0]) + ", balance " + afterWrite[1]
        + (afterWrite[0] == EmbeddedReplication.PRIMARY ? "  (no replica had applied the write yet)"
        : "  (that replica had applied the write: its GTID position says so)"));
    check(afterWrite[1] == 110, "the writer reads its own write");

    out.println("\n3. What stays on the primary");
    primaryOnly(connection, "SELECT @@server_id, balance FROM accounts WHERE id = 2 FOR UPDATE", "a locking read");
    primaryOnly(connection, "SELECT /* shard:primary */ @@server_id, balance FROM accounts WHERE id = 2",
        "the shard:primary hint");
    connection.setAutoCommit(false);
    primaryOnly(connection, "SELECT @@server_id, balance FROM accounts WHERE id = 2", "inside a transaction");
    connection.commit();
    connection.setAutoCommit(true);
    try (Connection reader = DriverManager.getConnection(url); Statement statement = reader.createStatement()) {
      statement.execute("START TRANSACTION READ ONLY");
      int first = read(reader, READ, 2)[0];
      int second = read(reader, READ, 3)[0];
      statement.execute("COMMIT");
      out.printf("   %-62s ->  %s, %s (one replica: a snapshot of it)%n", "another connection: START TRANSACTION READ ONLY; two reads",
          name(first), name(second));
      check(first == second && first != EmbeddedReplication.PRIMARY, "a read-only transaction reads one replica");
    }

    out.println("\n4. Replica 12 stops applying (STOP SLAVE SQL_THREAD): its measured lag grows, reads leave it");
    servers.execute(12, "STOP SLAVE SQL_THREAD");
    try {
      await(() -> state(splitting, 1) == ReplicaStatus.State.LAGGING, "replica 12 lagging");
      status(splitting);
      List<Integer> whileLagging = new ArrayList<>();
      try (Connection other = DriverManager.getConnection(url)) {
        for (int i = 0; i < 4; i++) {
          whileLagging.add(read(other, READ, 1)[0]);
        }
      }
      out.println("   4 reads  ->  " + names(whileLagging));
      check(whileLagging.stream().allMatch(id -> id == 11), "reads skip the lagging replica");
    } finally {
      servers.execute(12, "START SLAVE SQL_THREAD");
    }
    out.println("   START SLAVE SQL_THREAD: replica 12 catches up");
    await(() -> available(splitting) == 2, "replica 12 available again");
    status(splitting);
    List<Integer> caughtUp = new ArrayList<>();
    try (Connection other = DriverManager.getConnection(url)) {
      for (int i = 0; i < 4; i++) {
        caughtUp.add(read(other, READ, 1)[0]);
      }
    }
    out.println("   4 reads  ->  " + names(caughtUp));
    check(caughtUp.contains(12), "reads come back to replica 12");

    out.println("\n5. Splitting switched off at run time (ReadWriteSplitting.setEnabled(false)), then on again");
    splitting.setEnabled(false);
    int off = read(connection, READ, 3)[0];
    splitting.setEnabled(true);
    await(() -> readQuietly(connection) != EmbeddedReplication.PRIMARY, "reads on the replicas again");
    int on = read(connection, READ, 3)[0];
    out.println("   off  ->  " + name(off) + ";  on  ->  " + name(on));
    check(off == EmbeddedReplication.PRIMARY && on != EmbeddedReplication.PRIMARY, "the switch acts at once");
  }

  private void primaryOnly(Connection connection, String sql, String what) throws SQLException {
    int server = read(connection, sql)[0];
    out.printf("   %-62s ->  %s%n", what, name(server));
    check(server == EmbeddedReplication.PRIMARY, what + " runs on the primary");
  }

  private void status(ReadWriteSplitting splitting) {
    StringBuilder line = new StringBuilder("   measured lag:");
    for (ReplicaStatus status : splitting.replicas()) {
      line.append("  ").append(status.replica()).append(' ').append(status.state()).append(' ')
          .append(status.lagMs()).append(" ms;");
    }
    out.println(line);
  }

  private static int available(ReadWriteSplitting splitting) {
    return (int) splitting.replicas().stream().filter(r -> r.state() == ReplicaStatus.State.AVAILABLE).count();
  }

  private static ReplicaStatus.State state(ReadWriteSplitting splitting, int index) {
    return splitting.replicas().get(index).state();
  }

  private static int[] read(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("no row from " + sql);
        }
        return new int[] {row.getInt(1), row.getInt(2)};
      }
    }
  }

  private static int readQuietly(Connection connection) {
    try {
      return read(connection, READ, 3)[0];
    } catch (SQLException e) {
      return -1;
    }
  }

  private static String name(int serverId) {
    return serverId == EmbeddedReplication.PRIMARY ? "primary" : "replica " + serverId;
  }

  private static String names(List<Integer> serverIds) {
    List<String> names = new ArrayList<>();
    serverIds.forEach(id -> names.add(name(id)));
    return String.join(", ", names);
  }

  private void check(boolean held, String what) {
    checks++;
    if (!held) {
      failures.add(what);
    }
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        checks++;
        failures.add("not within 60 s: " + what);
        return;
      }
      Thread.sleep(20);
    }
  }
}
