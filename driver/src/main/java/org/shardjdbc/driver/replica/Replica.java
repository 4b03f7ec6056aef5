package org.shardjdbc.driver.replica;

import com.zaxxer.hikari.HikariDataSource;
import org.shardjdbc.driver.config.ReplicaConfig;
import org.shardjdbc.driver.execute.DataSourcePool;

/**
 * One read replica of a data source: the pool reads borrow from, a one-connection pool of its own for the monitor's
 * probes (so that probes never wait behind the application's statements), and what the last probe found.
 */
public final class Replica {
  private final String dataSource;
  private final ReplicaConfig config;
  private final String maskedUrl;
  private final DataSourcePool pool;
  private final HikariDataSource probePool;
  private volatile Probe probe;
  private volatile ServerFlavour flavour;

  /**
   * What one probe found.
   *
   * @param at when it answered or failed ({@link System#nanoTime()})
   * @param lagMs the lag it measured, or -1 when it failed
   * @param appliedHeartbeatSentAt when the heartbeat the replica had applied was sent, {@link Long#MIN_VALUE} when
   *     unknown
   * @param appliedPosition the GTID position the replica had applied, or null
   * @param problem why it failed, or null
   */
  record Probe(long at, long lagMs, long appliedHeartbeatSentAt, String appliedPosition, String problem) {
    boolean failed() {
      return problem != null;
    }
  }

  Replica(String dataSource, ReplicaConfig config, String maskedUrl, DataSourcePool pool, HikariDataSource probePool) {
    this.dataSource = dataSource;
    this.config = config;
    this.maskedUrl = maskedUrl;
    this.pool = pool;
    this.probePool = probePool;
  }

  /** Its name in the configuration, {@code h1.replicas[0]}, which is also its pool's name. */
  public String name() {
    return config.name();
  }

  int weight() {
    return config.weight();
  }

  public DataSourcePool pool() {
    return pool;
  }

  HikariDataSource probePool() {
    return probePool;
  }

  Probe probe() {
    return probe;
  }

  /**
   * Keeps what a probe found, unless the replica was taken out after the probe started: a probe that answered just
   * before a read failed says nothing about the failure.
   *
   * @param startedAt when the probe was sent ({@link System#nanoTime()})
   */
  synchronized void recorded(Probe result, long startedAt) {
    Probe last = probe;
    if (!result.failed() && last != null && last.failed() && last.at() - startedAt > 0) {
      return;
    }
    probe = result;
  }

  ServerFlavour flavour() {
    return flavour;
  }

  void flavour(ServerFlavour detected) {
    flavour = detected;
  }

  /**
   * Takes the replica out after a read failed on it; the next probe that succeeds brings it back.
   *
   * @param problem what failed, for {@link ReplicaStatus#problem()}
   */
  synchronized void takeOut(String problem) {
    probe = new Probe(System.nanoTime(), -1, Long.MIN_VALUE, null, problem);
  }

  /**
   * Whether reads may go to it now: its last probe answered lately with a lag within the limit, and its pool's health
   * (the runtime's circuit breaker per server) has not found it unavailable since.
   *
   * @param now {@link System#nanoTime()}
   * @param maxLagMs the most lag allowed
   * @param freshNanos how recent its last probe must be
   */
  boolean available(long now, long maxLagMs, long freshNanos) {
    Probe last = probe;
    return last != null && !last.failed() && now - last.at() <= freshNanos && last.lagMs() <= maxLagMs
        && pool.health().available();
  }

  ReplicaStatus status(long now, long maxLagMs, long freshNanos) {
    Probe last = probe;
    if (last == null) {
      return new ReplicaStatus(dataSource, name(), maskedUrl, ReplicaStatus.State.UNKNOWN, -1, "not probed yet", -1);
    }
    long ago = (now - last.at()) / 1_000_000;
    if (!last.failed() && !pool.health().available()) {
      return new ReplicaStatus(dataSource, name(), maskedUrl, ReplicaStatus.State.DOWN, -1, pool.health().toString(), ago);
    }
    if (last.failed()) {
      return new ReplicaStatus(dataSource, name(), maskedUrl, ReplicaStatus.State.DOWN, -1, last.problem(), ago);
    }
    if (now - last.at() > freshNanos) {
      return new ReplicaStatus(dataSource, name(), maskedUrl, ReplicaStatus.State.UNKNOWN, last.lagMs(),
          "no probe for " + ago + " ms", ago);
    }
    ReplicaStatus.State state = last.lagMs() <= maxLagMs ? ReplicaStatus.State.AVAILABLE : ReplicaStatus.State.LAGGING;
    return new ReplicaStatus(dataSource, name(), maskedUrl, state, last.lagMs(), null, ago);
  }

  @Override
  public String toString() {
    return name();
  }
}
