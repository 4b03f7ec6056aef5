package org.shardjdbc.driver.execute;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.shardjdbc.driver.config.ResilienceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices sick servers and takes them back: every {@code healthProbeIntervalMs} it probes ({@link HealthProbe}) each
 * data source that is unavailable, that asked for a probe after a failure, or on which a statement or a wait for a
 * connection has lasted longer than the interval while no other statement got or gave back a connection. A probe
 * without an answer within {@code healthProbeTimeoutMs} makes the data source unavailable and aborts its borrowed
 * connections, so that every thread stuck on the server fails at once; a probe that gets an answer makes it available
 * again.
 *
 * <p>Why probe busy data sources rather than wait for failures: a frozen server (SIGSTOP, a stuck disk, a paused VM)
 * accepts TCP connections and never answers, so statements without a query timeout never fail, and with one they fail
 * only after it. Measured here: with 64 client threads over 8 servers, one frozen server took the point selects aimed
 * at the 7 others from about 270 per second to 0, because every client thread ended up waiting on it. An idle data
 * source costs nothing, and one whose statements keep finishing too; one with nothing but a long statement in flight
 * costs a {@code SELECT 1} per interval.
 *
 * <p>One timer thread, which never blocks, and at most one probe thread per data source at a time.
 */
public final class HealthMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  private final List<Watched> watched = new ArrayList<>();
  private final long intervalMillis;
  private final long timeoutMillis;
  private final StatementCanceller canceller;
  private final ScheduledExecutorService timer;
  private final ExecutorService probes;

  /** One data source and the state of its probes. */
  private static final class Watched {
    final DataSourcePool pool;
    final HealthProbe probe;
    boolean running;
    long started;
    long judged;
    int stoppedOutage;

    Watched(DataSourcePool pool, HealthProbe probe) {
      this.pool = pool;
      this.probe = probe;
    }
  }

  /**
   * Starts watching.
   *
   * @param canceller where the connections of a data source found unavailable are aborted
   */
  public HealthMonitor(Collection<DataSourcePool> pools, ResilienceSettings settings, StatementCanceller canceller) {
    this.intervalMillis = settings.healthProbeIntervalMs();
    this.timeoutMillis = settings.healthProbeTimeoutMs();
    this.canceller = canceller;
    for (DataSourcePool pool : pools) {
      watched.add(new Watched(pool, new HealthProbe(pool.pool(), timeoutMillis)));
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(StatementCanceller.daemon("shard-jdbc-health-"));
    this.probes = Executors.newCachedThreadPool(StatementCanceller.daemon("shard-jdbc-probe-"));
    timer.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    for (Watched data : watched) {
      DataSourceHealth health = data.pool.health();
      stopBorrowedOnNewOutage(data);
      boolean requested = health.takeProbeRequest();
      synchronized (data) {
        if (data.running) {
          continue;
        }
      }
      if (!health.available() || requested || data.pool.stuckLongerThan(intervalMillis)) {
        start(data);
      }
    }
  }

  private void start(Watched data) {
    long number;
    synchronized (data) {
      data.running = true;
      number = ++data.started;
    }
    try {
      probes.execute(() -> {
        String failure = data.probe.run();
        synchronized (data) {
          data.running = false;
        }
        verdict(data, number, failure);
      });
      timer.schedule(() -> verdict(data, number, "no answer to SELECT 1 within " + timeoutMillis + " ms"),
          timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // shut down while starting: nothing left to watch
      synchronized (data) {
        data.running = false;
      }
    }
  }

  /** The first verdict on a probe counts: its own answer, or the timeout's. */
  private void verdict(Watched data, long number, String failure) {
    synchronized (data) {
      if (data.judged >= number) {
        return;
      }
      data.judged = number;
    }
    DataSourceHealth health = data.pool.health();
    if (failure == null) {
      long down = health.unavailableForMillis();
      if (health.markAvailable()) {
        LOG.info("{}: available again after {} ms; statements that need it run again", health.name(), down);
      }
    } else {
      health.markUnavailable(failure);
      stopBorrowedOnNewOutage(data);
    }
  }

  /**
   * Once per outage, however it began (a probe, or failures in a row), aborts the connections borrowed from the data
   * source, so that no thread stays blocked on it.
   */
  private void stopBorrowedOnNewOutage(Watched data) {
    DataSourceHealth health = data.pool.health();
    int outage = health.outages();
    synchronized (data) {
      if (health.available() || data.stoppedOutage == outage) {
        return;
      }
      data.stoppedOutage = outage;
    }
    LOG.warn("{}; borrowed connections closed, probing every {} ms", health, intervalMillis);
    data.pool.abortBorrowed(canceller::execute);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    probes.shutdownNow();
  }
}
