package org.shardjdbc.driver.replica;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.shardjdbc.driver.config.ReadWriteSplittingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the replication lag of every replica, every {@code heartbeat.intervalMs}.
 *
 * <p>Each tick writes the next heartbeat on every primary that has replicas, and probes every replica: one query
 * that reads the heartbeat it has applied and its GTID position (see {@link Heartbeat} for how that gives the lag in
 * milliseconds). Why a heartbeat and not {@code SHOW REPLICA STATUS}: {@code Seconds_Behind_Master} counts whole
 * seconds, while {@code maxReplicationLagMs} is in milliseconds and defaults to 1000; it is computed from the
 * servers' clocks and the timestamps of events, so it reads 0 while the I/O thread is behind, jumps with long
 * transactions, and is NULL when the SQL thread is stopped; and it needs the REPLICATION CLIENT privilege. The
 * heartbeat costs a tiny write per interval on each primary and a table made for it (see
 * {@code readWriteSplitting.heartbeat.createTable}).
 *
 * <p>Every write and probe runs on the runtime's executor, on a one-connection pool of its own per server, at most
 * one at a time per server. A probe that fails takes its replica out; one that has not answered within
 * {@code heartbeat.timeoutMs} takes it out too (a frozen server never answers), and the next probe that answers
 * brings it back. Nothing here ever reaches the application: failures change the replicas' states, and the log says
 * when a heartbeat or a replica starts or stops failing.
 */
final class ReplicationMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);

  private final List<DataSourceGroup> groups;
  private final ReadWriteSplittingConfig.Heartbeat settings;
  private final ExecutorService executor;
  /** Per server (a group's primary, or a replica), when its write or probe in flight was sent; absent when none. */
  private final Map<Object, Long> inFlight = new ConcurrentHashMap<>();
  private final Map<Object, String> lastProblem = new ConcurrentHashMap<>();
  private final Map<DataSourceGroup, Boolean> prepared = new ConcurrentHashMap<>();

  ReplicationMonitor(List<DataSourceGroup> groups, ReadWriteSplittingConfig.Heartbeat settings, ExecutorService executor) {
    this.groups = groups;
    this.settings = settings;
    this.executor = executor;
  }

  /** One round: a heartbeat on every primary and a probe of every replica, each unless the previous is still out. */
  void tick() {
    long now = System.nanoTime();
    for (DataSourceGroup group : groups) {
      if (!inFlight.containsKey(group)) {
        submit(group, () -> writeHeartbeat(group));
      }
      for (Replica replica : group.replicas()) {
        Long since = inFlight.get(replica);
        if (since == null) {
          submit(replica, () -> probe(group, replica));
        } else if ((now - since) / 1_000_000 > settings.timeoutMs()) {
          replica.takeOut("no answer to the lag probe within " + settings.timeoutMs() + " ms");
          changed(replica, replica.name() + ": no answer to the lag probe within " + settings.timeoutMs() + " ms");
        }
      }
    }
  }

  private void submit(Object server, Runnable task) {
    inFlight.put(server, System.nanoTime());
    try {
      executor.execute(() -> {
        try {
          task.run();
        } finally {
          inFlight.remove(server);
        }
      });
    } catch (RejectedExecutionException e) {
      inFlight.remove(server); // the runtime is closing
    }
  }

  private void writeHeartbeat(DataSourceGroup group) {
    Heartbeat heartbeat = group.heartbeat();
    try (Connection primary = group.heartbeatPool().getConnection()) {
      primary.setNetworkTimeout(executor, (int) settings.timeoutMs());
      group.flavour(primary);
      if (!prepared.containsKey(group)) {
        if (settings.createTable()) {
          try (Statement statement = primary.createStatement()) {
            statement.execute(heartbeat.createTableSql());
          }
        }
        heartbeat.deleteAbandonedRows(primary);
        prepared.put(group, Boolean.TRUE);
      }
      heartbeat.write(primary);
      changed(group, null);
    } catch (SQLException | RuntimeException e) {
      changed(group, group.name() + ": the heartbeat in " + heartbeat.table() + " cannot be written, so the lag of its "
          + "replicas cannot be measured beyond the last heartbeat: " + e.getMessage()
          + (settings.createTable() ? "" : " (readWriteSplitting.heartbeat.createTable: true creates the table: "
          + heartbeat.createTableSql() + ")"));
    }
  }

  private void probe(DataSourceGroup group, Replica replica) {
    long sent = System.nanoTime();
    Heartbeat heartbeat = group.heartbeat();
    try (Connection connection = replica.probePool().getConnection()) {
      connection.setNetworkTimeout(executor, (int) settings.timeoutMs());
      ServerFlavour flavour = replica.flavour();
      if (flavour == null) {
        flavour = ServerFlavour.of(connection);
        replica.flavour(flavour);
      }
      long seen;
      String position;
      try (PreparedStatement statement = connection.prepareStatement(heartbeat.probeSql(flavour))) {
        statement.setString(1, heartbeat.writer());
        try (ResultSet row = statement.executeQuery()) {
          row.next();
          seen = row.getLong(1);
          position = row.getString(2);
        }
      }
      long answered = System.nanoTime();
      replica.recorded(new Replica.Probe(answered, heartbeat.lagMillis(seen, answered), heartbeat.sentAt(seen), position,
          null), sent);
      changed(replica, null);
    } catch (SQLException | RuntimeException e) {
      String problem = "lag probe failed: " + e.getMessage();
      replica.recorded(new Replica.Probe(System.nanoTime(), -1, Long.MIN_VALUE, null, problem), sent);
      changed(replica, replica.name() + ": " + problem);
    }
  }

  /** Logs when a server starts or stops failing, not on every tick. */
  private void changed(Object server, String problem) {
    String before = problem == null ? lastProblem.remove(server) : lastProblem.put(server, problem);
    if (problem != null && before == null) {
      LOG.warn("{}", problem);
    } else if (problem == null && before != null) {
      LOG.info("{}: replication monitoring works again", server instanceof DataSourceGroup g ? g.name() : server);
    }
  }
}
