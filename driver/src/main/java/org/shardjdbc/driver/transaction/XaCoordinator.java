package org.shardjdbc.driver.transaction;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The XA side of one driver runtime ({@code transaction.type: xa}): this process's lease on the {@link XaLog}, the
 * global ids of its transactions, and recovery.
 *
 * <p>The process registers a lease under a random id when it starts its first XA transaction and renews it every
 * quarter of {@code transaction.leaseMs}. Global ids carry that id, so a process knows whose a prepared branch is.
 * A process whose lease lapsed (it was paused longer than the lease) takes a new id; its transactions under the old
 * one can no longer record a commit and roll back.
 *
 * <p>Recovery runs at start and every half lease, on a thread of its own: it asks every data source for its prepared
 * branches ({@code XA RECOVER}), keeps those of this log on that data source (by the format id, the log's id in the
 * global id and the branch qualifier: the listing is the whole server's, which other applications and other
 * logical databases with logs of their own may share), and finishes those of processes whose lease is gone, and
 * those this process gave up on (a commit in doubt, a branch that failed to commit or roll back), as the log says:
 * COMMIT if recorded, else ROLLBACK. Branches of live processes, this one's included, are never touched. A
 * decision is deleted once every data source answered, none has a branch of it left, and three leases have passed
 * (see {@code recover}). A data source that does not answer is tried again in the next round.
 */
public final class XaCoordinator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(XaCoordinator.class);

  private final Map<String, DataSourcePool> pools;
  private final XaLog log;
  private final String owner;
  private final long leaseMs;
  private final AtomicLong numbers = new AtomicLong();
  private final Set<String> abandoned = ConcurrentHashMap.newKeySet();
  /** Renewal and recovery have a thread each: a slow recovery round must never let the lease lapse. */
  private final ScheduledExecutorService renewal;
  private final ScheduledExecutorService recovery;
  private String instance;

  /**
   * @param pools the primaries' pools by data source
   * @param logDataSource the data source holding the log (the default data source)
   * @param leaseMs {@code transaction.leaseMs}
   */
  public XaCoordinator(Map<String, DataSourcePool> pools, String logDataSource, long leaseMs) {
    this.pools = pools;
    this.log = new XaLog(pools.get(logDataSource), leaseMs);
    this.owner = ProcessHandle.current().pid() + "@" + hostName();
    this.leaseMs = leaseMs;
    this.renewal = Executors.newSingleThreadScheduledExecutor(daemon("shard-jdbc-xa-lease"));
    this.recovery = Executors.newSingleThreadScheduledExecutor(daemon("shard-jdbc-xa-recovery"));
    renewal.scheduleWithFixedDelay(this::renew, leaseMs / 4, leaseMs / 4, TimeUnit.MILLISECONDS);
    recovery.scheduleWithFixedDelay(this::recoverQuietly, 0, leaseMs / 2, TimeUnit.MILLISECONDS);
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  XaLog log() {
    return log;
  }

  /** The branches of a new transaction, under this process's lease (registered now if it has none). */
  public XaBranches branches() throws SQLException {
    String process = instance();
    return new XaBranches(this, process, XaId.gtrid(log.id(), process, numbers.incrementAndGet()));
  }

  private synchronized String instance() throws SQLException {
    if (instance == null) {
      byte[] random = new byte[8];
      new SecureRandom().nextBytes(random);
      String id = HexFormat.of().formatHex(random);
      log.register(id, owner);
      instance = id;
    }
    return instance;
  }

  /** Leaves a transaction this process cannot finish to recovery. */
  void abandon(String gtrid) {
    abandoned.add(gtrid);
  }

  private void renew() {
    String current;
    synchronized (this) {
      current = instance;
    }
    if (current == null) {
      return;
    }
    try {
      if (!log.renew(current)) {
        LOG.warn("the lease {} on the XA transaction log expired and was taken over; new transactions take a new one",
            current);
        synchronized (this) {
          if (current.equals(instance)) {
            instance = null;
          }
        }
      }
    } catch (SQLException e) {
      LOG.debug("cannot renew the XA lease {}: {}", current, e.getMessage());
    }
  }

  private void recoverQuietly() {
    try {
      recover();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("XA recovery round failed: {}", e.getMessage());
    }
  }

  /**
   * One round of recovery; see the class comment. The order matters: a process whose lease is gone before the
   * branches are listed can prepare nothing more that the listing misses (a decision is only written under a lease,
   * after its branches are prepared), so a decision of such a process, written before the round began, with no branch
   * in the listing, has none left anywhere and may be deleted. A process seen live after the listing but not before
   * is new, not dead. {@code XA RECOVER} lists a prepared branch whether its connection is still open or not (checked
   * on MariaDB 11.4; another connection's {@code XA COMMIT} of a branch whose connection is open fails with
   * "unknown XID", and is tried again in the next round), so a process whose lease lapsed while it still commits
   * has its remaining branches listed too. A decision is still kept three leases after it was made, as a margin.
   */
  void recover() throws SQLException {
    String logId = log.id();
    Set<String> gaveUp = Set.copyOf(abandoned);
    XaLog.Leases before = log.liveInstances();
    Map<String, List<XaId>> prepared = new LinkedHashMap<>();
    boolean everyAnswered = true;
    for (DataSourcePool pool : pools.values()) {
      try {
        prepared.put(pool.name(), prepared(pool, logId));
      } catch (SQLException e) {
        everyAnswered = false;
        LOG.debug("XA recovery: data source {} did not answer XA RECOVER: {}", pool.name(), e.getMessage());
      }
    }
    Timestamp horizon = new Timestamp(before.at().getTime() - 3 * leaseMs);
    Map<String, String> decided = everyAnswered ? log.decisionsBefore(horizon) : Map.of();
    Set<String> after = log.liveInstances().live();
    Map<String, XaLog.Decision> decisions = new HashMap<>();
    Set<String> unfinished = new HashSet<>();
    for (Map.Entry<String, List<XaId>> entry : prepared.entrySet()) {
      for (XaId id : entry.getValue()) {
        String process = XaId.instanceOf(id.gtrid());
        boolean gone = !before.live().contains(process) && !after.contains(process);
        if (!gone && !gaveUp.contains(id.gtrid())) {
          unfinished.add(id.gtrid());
          continue;
        }
        XaLog.Decision decision = decisions.get(id.gtrid());
        if (decision == null) {
          decision = log.settle(id.gtrid(), process);
          decisions.put(id.gtrid(), decision);
        }
        if (!finish(pools.get(entry.getKey()), id, decision)) {
          unfinished.add(id.gtrid());
        }
      }
    }
    if (!everyAnswered) {
      return;
    }
    for (Map.Entry<String, String> decision : decided.entrySet()) {
      String gtrid = decision.getKey();
      boolean settled = gaveUp.contains(gtrid) || !before.live().contains(decision.getValue());
      if (settled && !unfinished.contains(gtrid)) {
        log.forget(gtrid);
      }
    }
    for (String gtrid : gaveUp) {
      if (!unfinished.contains(gtrid)) {
        abandoned.remove(gtrid);
      }
    }
  }

  /** The prepared branches of this log's transactions on a data source. */
  private static List<XaId> prepared(DataSourcePool pool, String logId) throws SQLException {
    String bqual = XaId.bqual(pool.name());
    List<XaId> ids = new ArrayList<>();
    try (DataSourcePool.Lease lease = pool.acquire();
        Statement statement = lease.connection().createStatement();
        ResultSet rows = statement.executeQuery("XA RECOVER")) {
      while (rows.next()) {
        XaId id = XaId.recovered(rows.getInt("formatID"), rows.getInt("gtrid_length"), rows.getInt("bqual_length"),
            rows.getBytes("data"));
        if (id != null && logId.equals(XaId.logOf(id.gtrid())) && bqual.equals(id.bqual())) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  /**
   * Commits or rolls back a prepared branch; false when that failed. An unknown id counts as a failure too: MariaDB
   * answers so for a branch still attached to the connection of a process that is not quite gone, and the branch is
   * then listed again in the next round; one finished by another process is not.
   */
  private static boolean finish(DataSourcePool pool, XaId id, XaLog.Decision decision) {
    String sql = (decision == XaLog.Decision.COMMIT ? "XA COMMIT " : "XA ROLLBACK ") + id.sql();
    try (DataSourcePool.Lease lease = pool.acquire();
        Statement statement = lease.connection().createStatement()) {
      statement.execute(sql);
      LOG.info("XA recovery: {} {} on data source {}", decision == XaLog.Decision.COMMIT ? "committed" : "rolled back",
          id, pool.name());
      return true;
    } catch (SQLException e) {
      LOG.info("XA recovery: {} on data source {} failed, tried again in the next round: {}", sql, pool.name(),
          e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    renewal.shutdownNow();
    recovery.shutdownNow();
  }
}
