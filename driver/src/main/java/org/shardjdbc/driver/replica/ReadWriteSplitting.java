package org.shardjdbc.driver.replica;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.shardjdbc.driver.config.DataSourceConfig;
import org.shardjdbc.driver.config.ReadWriteSplittingConfig;
import org.shardjdbc.driver.config.ReplicaConfig;
import org.shardjdbc.driver.config.ShardConfig;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.execute.PhysicalSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read/write splitting for one runtime: the data sources that have replicas, the switch, and the monitor of their
 * lag. Obtained from {@code ShardRuntime.readWriteSplitting()}, {@code ShardDataSource.readWriteSplitting()} or
 * {@code connection.unwrap(ShardConnection.class).runtime().readWriteSplitting()}.
 *
 * <p>The switch ({@link #setEnabled}) and the file's {@code readWriteSplitting.enabled}, {@code loadBalancer} and
 * {@code maxReplicationLagMs} act at run time: the file's modification time is checked every
 * {@code configCheckIntervalMs}, and a changed file that still checks applies those three settings (the last change
 * wins, whether it came from the file or from {@link #setEnabled}). The other settings of the file take effect when
 * the runtime starts again.
 *
 * <p>The monitor starts with the first read that could go to a replica, so that creating a runtime touches no server.
 */
public final class ReadWriteSplitting implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadWriteSplitting.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String source;
  private final Map<String, DataSourceGroup> groups;
  private final Map<String, Replica> replicas;
  private final ReadWriteSplittingConfig.Heartbeat heartbeat;
  private final Map<DataSourceGroup, LoadBalancer> balancers = new ConcurrentHashMap<>();
  private final ReplicationMonitor monitor;
  private final ConfigFileWatch watch;
  private final ScheduledExecutorService scheduler;
  private final List<HikariDataSource> monitorPools = new ArrayList<>();
  private volatile ReadWriteSplittingConfig settings;
  private volatile boolean monitoring;

  /** Makes a HikariCP pool the way the runtime makes its primaries' pools. */
  @FunctionalInterface
  public interface PoolFactory {
    /**
     * @param poolName the pool's name
     * @param properties HikariCP properties by name, as in a {@code pool:} section
     */
    HikariDataSource create(String poolName, String url, String username, String password, Map<String, String> properties);
  }

  /**
   * @param config the configuration; its data sources with replicas get a group each
   * @param pools how to make the replicas' pools and the monitor's one-connection pools
   * @param executor where the monitor's writes and probes run
   */
  public ReadWriteSplitting(ShardConfig config, PoolFactory pools, ExecutorService executor) {
    this.source = config.source();
    this.settings = config.readWriteSplitting();
    this.heartbeat = settings.heartbeat();
    Map<String, DataSourceGroup> byName = new LinkedHashMap<>();
    Map<String, Replica> replicaByName = new LinkedHashMap<>();
    for (DataSourceConfig dataSource : config.dataSources().values()) {
      if (dataSource.replicas().isEmpty()) {
        continue;
      }
      List<Replica> members = new ArrayList<>();
      for (ReplicaConfig replica : dataSource.replicas()) {
        DataSourcePool pool = new DataSourcePool(replica.name(), pools.create("shard-" + replica.name(), replica.url(),
            replica.username(), replica.password(), replica.pool()), config.properties().resilience());
        Replica member = new Replica(dataSource.name(), replica, DataSourceConfig.maskUrl(replica.url()), pool, monitorPool(pools,
            replica.name(), replica.url(), replica.username(), replica.password(), replica.pool()));
        members.add(member);
        replicaByName.put(replica.name(), member);
      }
      HikariDataSource heartbeatPool = monitorPool(pools, dataSource.name() + ".heartbeat", dataSource.url(),
          dataSource.username(), dataSource.password(), dataSource.pool());
      byName.put(dataSource.name(), new DataSourceGroup(dataSource.name(), heartbeatPool, members, heartbeat.table()));
    }
    this.groups = byName;
    this.replicas = replicaByName;
    this.monitor = new ReplicationMonitor(List.copyOf(byName.values()), heartbeat, executor);
    this.watch = new ConfigFileWatch(source);
    if (groups.isEmpty()) {
      this.scheduler = null;
      return;
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "shard-jdbc-replicas-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::tick, 0, heartbeat.intervalMs(), TimeUnit.MILLISECONDS);
    if (settings.configCheckIntervalMs() > 0 && watch.watchable()) {
      scheduler.scheduleWithFixedDelay(this::checkConfigFile, settings.configCheckIntervalMs(),
          settings.configCheckIntervalMs(), TimeUnit.MILLISECONDS);
    }
  }

  private HikariDataSource monitorPool(PoolFactory pools, String name, String url, String username, String password,
      Map<String, String> properties) {
    Map<String, String> single = new LinkedHashMap<>(properties);
    single.put("maximumPoolSize", "1");
    single.put("minimumIdle", "0");
    single.put("connectionTimeout", Long.toString(Math.max(250, heartbeat.timeoutMs())));
    HikariDataSource pool = pools.create("shard-" + name + "-monitor", url, username, password, single);
    monitorPools.add(pool);
    return pool;
  }

  /** Whether reads outside transactions may go to replicas now. */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Turns read/write splitting on or off at once, for every connection of this runtime: off, every statement goes
   * to the primaries (and no heartbeat is written); on, plain reads outside transactions go to the replicas again once
   * the monitor has probed them. A later change of the configuration file may turn it back.
   */
  public void setEnabled(boolean on) {
    settings = settings.withEnabled(on);
    LOG.info("{}: read/write splitting turned {} by the API", source, on ? "on" : "off");
  }

  /** The settings in force: the file's as it was read last, with the switch as last set. */
  public ReadWriteSplittingConfig settings() {
    return settings;
  }

  /** What the driver knows about every replica now, in file order. */
  public List<ReplicaStatus> replicas() {
    long now = System.nanoTime();
    ReadWriteSplittingConfig current = settings;
    List<ReplicaStatus> statuses = new ArrayList<>();
    for (DataSourceGroup group : groups.values()) {
      for (Replica replica : group.replicas()) {
        statuses.add(replica.status(now, current.maxReplicationLagMs(), freshNanos()));
      }
    }
    return statuses;
  }

  /** The data source's group when splitting is on and it has replicas, else null; starts the monitor. */
  public DataSourceGroup activeGroup(String dataSource) {
    if (groups.isEmpty() || !settings.enabled()) {
      return null;
    }
    DataSourceGroup group = groups.get(dataSource);
    if (group != null && !monitoring) {
      startMonitoring();
    }
    return group;
  }

  private synchronized void startMonitoring() {
    if (!monitoring) {
      monitoring = true;
      scheduler.execute(this::tick);
    }
  }

  /** Whether any data source has replicas: without, nothing here ever acts. */
  public boolean configured() {
    return !groups.isEmpty();
  }

  /** The replicas' pools by replica name ({@code h1.replicas[0]}), in file order. */
  public Map<String, DataSourcePool> replicaPools() {
    Map<String, DataSourcePool> byName = new LinkedHashMap<>();
    replicas.forEach((name, replica) -> byName.put(name, replica.pool()));
    return byName;
  }

  /** The pool of a replica by its name ({@code h1.replicas[0]}), or null. */
  public DataSourcePool replicaPool(String name) {
    Replica replica = replicas.get(name);
    return replica == null ? null : replica.pool();
  }

  /** A replica chosen for a read, and whether it must first be asked whether it has the connection's writes. */
  record Choice(Replica replica, boolean ask) {}

  /**
   * The replica a read of a group's data source goes to, or null for the primary: among those available now (minus
   * {@code excluded}), one known to have the connection's writes, else, with {@code mayAsk}, one worth asking.
   */
  Choice choose(DataSourceGroup group, ReadYourWrites.Mark writes, Collection<Replica> excluded, boolean mayAsk) {
    ReadWriteSplittingConfig current = settings;
    List<Replica> available = group.available(System.nanoTime(), current.maxReplicationLagMs(), freshNanos(), excluded);
    if (available.isEmpty()) {
      return null;
    }
    LoadBalancer balancer = balancer(group, current.loadBalancer());
    if (writes == null) {
      return new Choice(balancer.choose(available), false);
    }
    List<Replica> applied = new ArrayList<>();
    List<Replica> askable = new ArrayList<>();
    for (Replica replica : available) {
      if (writes.knownApplied(replica, group.flavour())) {
        applied.add(replica);
      } else if (mayAsk && writes.worthAsking(replica)) {
        askable.add(replica);
      }
    }
    if (!applied.isEmpty()) {
      return new Choice(balancer.choose(applied), false);
    }
    return askable.isEmpty() ? null : new Choice(balancer.choose(askable), true);
  }

  /**
   * The replica a READ ONLY transaction pins to read a data source, or null for the primary: one available now and
   * known to have the connection's writes (never asked: a transaction's first read should not wait for that).
   *
   * @param failed names of replicas that could not be pinned
   */
  public String replicaForTransaction(String dataSource, ReadYourWrites writes, Collection<String> failed) {
    DataSourceGroup group = activeGroup(dataSource);
    if (group == null) {
      return null;
    }
    List<Replica> excluded = new ArrayList<>();
    for (String name : failed) {
      excluded.add(replicas.get(name));
    }
    Choice choice = choose(group, writes.pending(dataSource), excluded, false);
    return choice == null ? null : choice.replica().name();
  }

  /** Takes a replica out after it failed a read: reads skip it until a probe answers. */
  public void takeOut(String replica, Exception cause) {
    Replica taken = replicas.get(replica);
    if (taken != null) {
      taken.takeOut("a read could not use it: " + cause.getMessage());
    }
  }

  private LoadBalancer balancer(DataSourceGroup group, ReadWriteSplittingConfig.LoadBalancer kind) {
    LoadBalancer balancer = balancers.get(group);
    if (balancer == null || balancer.kind() != kind) {
      balancer = LoadBalancer.of(kind);
      balancers.put(group, balancer);
    }
    return balancer;
  }

  /**
   * What notes a logical connection's writes to a group's primary: on the physical connection, right after the
   * statement or transaction and before it goes back to its pool, the GTID position it wrote up to.
   */
  public PhysicalSession.ReleaseHook writesOf(DataSourceGroup group, ReadYourWrites writes) {
    return new PhysicalSession.ReleaseHook() {
      @Override
      public boolean beforeRelease(Connection connection) {
        ServerFlavour flavour = null;
        try {
          flavour = group.flavour(connection);
          String position = flavour.positionAfterWrite(connection);
          if (!position.isEmpty() || flavour == ServerFlavour.MYSQL) {
            writes.wrote(group.name(), position.isEmpty() ? null : position, flavour, System.nanoTime());
          }
          return true;
        } catch (SQLException | RuntimeException e) {
          writes.wrote(group.name(), null, flavour, System.nanoTime());
          return false;
        }
      }

      @Override
      public void discarded() {
        writes.wrote(group.name(), null, group.flavour(), System.nanoTime());
      }
    };
  }

  /** A probe older than this says nothing about now: two intervals and a timeout. */
  private long freshNanos() {
    return TimeUnit.MILLISECONDS.toNanos(2 * heartbeat.intervalMs() + heartbeat.timeoutMs());
  }

  private void tick() {
    try {
      if (monitoring && settings.enabled()) {
        monitor.tick();
      }
    } catch (RuntimeException e) {
      LOG.warn("{}: replication monitor tick failed", source, e);
    }
  }

  private void checkConfigFile() {
    try {
      ReadWriteSplittingConfig changed = watch.changed();
      if (changed == null) {
        return;
      }
      ReadWriteSplittingConfig current = settings;
      settings = new ReadWriteSplittingConfig(changed.enabled(), changed.loadBalancer(), changed.maxReplicationLagMs(),
          current.heartbeat(), current.configCheckIntervalMs());
      LOG.info("{} changed: read/write splitting {}, loadBalancer {}, maxReplicationLagMs {} (other changes take "
          + "effect when the runtime starts again)", source, changed.enabled() ? "on" : "off",
          changed.loadBalancer().configName(), changed.maxReplicationLagMs());
    } catch (RuntimeException e) {
      LOG.warn("{}: checking the configuration file failed", source, e);
    }
  }

  /** Stops the monitor and closes the replicas' pools. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    for (Replica replica : replicas.values()) {
      replica.pool().close();
    }
    for (HikariDataSource pool : monitorPools) {
      pool.close();
    }
  }
}
