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
 * connection has lasted longer than the interval while the server made no progress: no connection came back whole
 * and no row was read from a borrowed one ({@link DataSourcePool#stuckLongerThan}). A probe that fails (a refused
 * connection, an error) makes the data source unavailable and aborts its borrowed connections, so that every thread
 * stuck on the server fails at once; so does a probe without an answer within {@code healthProbeTimeoutMs}, unless the
 * server made progress since the probe began. A probe that gets an answer makes it available again.
 *
 * <p>Why probe busy data sources rather than wait for failures: a frozen server (SIGSTOP, a stuck disk, a paused VM)
 * accepts TCP connections and never answers, so statements without a query timeout never fail, and with one they fail
 * only after it. Measured here: with 64 client threads over 8 servers, one frozen server took the point selects aimed
 * at the 7 others from about 270 per second to 0, because every client thread ended up waiting on it. An idle data
 * source costs nothing, and one whose statements keep finishing or sending rows too; one with nothing but a long
 * statement in flight that sends no rows costs a {@code SELECT 1} per interval.
 *
 * <p>Why rows count as progress, and why a probe without an answer is no verdict while there is progress: a busy
 * server is not a sick one. In a benchmark run (16 client threads of deep page queries over 8 servers, each server's
 * connections all streaming multi-second results, 2 saturated cores), the probe of a server whose every connection was
 * still delivering rows took longer than its 5 s timeout, and the server was taken for a frozen one and its queries
 * failed. A frozen server sends nothing, so it is still found within about two intervals and a timeout of freezing;
 * a server that stops sending rows for an interval is probed again. The readers pay for this with one plain store per row
 * ({@link DataSourcePool.Lease#rowRead()}); the monitor samples those counts once per interval.
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
    /** Whether "busy, not answering probes in time" was logged since a probe last got an answer. */
    boolean busyReported;

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
      // asked every tick, also when a probe is due anyway: it notes the rows read so far, so that only those read
      // from now on count as progress during the probe
      boolean stuck = data.pool.stuckLongerThan(intervalMillis);
      if (!health.available() || requested || stuck) {
        start(data);
      }
    }
  }

  private void start(Watched data) {
    long number;
    long startedAt = System.nanoTime();
    synchronized (data) {
      data.running = true;
      number = ++data.started;
    }
    try {
      probes.execute(() -> {
        HealthProbe.Failure failure = data.probe.run();
        synchronized (data) {
          data.running = false;
        }
        if (failure == null) {
          answered(data, number);
        } else if (!failure.noAnswer()) {
          failed(data, number, failure.reason());
        }
        // a probe that timed out by itself is judged by the timer below, with the server's progress
      });
      timer.schedule(() -> noAnswerInTime(data, number, startedAt), timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // shut down while starting: nothing left to watch
      synchronized (data) {
        data.running = false;
      }
    }
  }

  /** Whether this is the first verdict on probe {@code number}: its own answer or failure, or the timeout's. */
  private static boolean firstVerdict(Watched data, long number) {
    synchronized (data) {
      if (data.judged >= number) {
        return false;
      }
      data.judged = number;
      return true;
    }
  }

  private void answered(Watched data, long number) {
    if (!firstVerdict(data, number)) {
      return;
    }
    synchronized (data) {
      data.busyReported = false;
    }
    DataSourceHealth health = data.pool.health();
    long down = health.unavailableForMillis();
    if (health.markAvailable()) {
      LOG.info("{}: available again after {} ms; statements that need it run again", health.name(), down);
    }
  }

  private void failed(Watched data, long number, String reason) {
    if (firstVerdict(data, number)) {
      markUnavailable(data, reason);
    }
  }

  private void markUnavailable(Watched data, String reason) {
    data.pool.health().markUnavailable(reason);
    stopBorrowedOnNewOutage(data);
  }

  /**
   * The probe has not answered within the timeout: the server is frozen, unless it made progress since the probe began
   * (rows read, connections given back whole). Then it is only busy, too busy (or the client too) to answer a new
   * connection in time; it is left available and probed again once work on it stops making progress.
   */
  private void noAnswerInTime(Watched data, long number, long startedAt) {
    if (!firstVerdict(data, number)) {
      return;
    }
    DataSourceHealth health = data.pool.health();
    if (health.available() && data.pool.progressSince(startedAt)) {
      boolean first;
      synchronized (data) {
        first = !data.busyReported;
        data.busyReported = true;
      }
      if (first) {
        LOG.info("{}: busy, not answering probes in time (no answer to SELECT 1 within {} ms, while its statements"
            + " kept sending rows or finishing); left available", health.name(), timeoutMillis);
      } else {
        LOG.debug("{}: still busy, not answering probes in time; left available", health.name());
      }
      return;
    }
    markUnavailable(data, "no answer to SELECT 1 within " + timeoutMillis + " ms");
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
