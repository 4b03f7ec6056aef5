package org.shardjdbc.driver.execute;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stops physical statements (query timeouts, {@code cancel()}, a failed shard) without ever blocking the thread that
 * asks.
 *
 * <p>mysql-connector-j cancels a statement by opening a new connection to its server and sending {@code KILL QUERY}:
 * against a frozen server that blocks for as long as the freeze (measured here with SIGSTOP: 30 s, and its own query
 * timeout left the statement blocked even after its connection was aborted), and once a statement's result streams it
 * sends nothing at all. So the driver never uses mysql-connector-j's query timeout: {@link Execution} keeps the
 * deadline on this class's timer, the {@code KILL} runs on a worker thread, and a statement that has not finished
 * {@code cancelTimeoutMs} later has its connection aborted (closed at once, without a word to the server), which ends
 * any read blocked on it; a cancelled statement's connection is never lent again anyway. If by then the server has not
 * even answered the {@code KILL}, the data source's health counts a failure. At most {@value #CANCELS_PER_DATA_SOURCE}
 * cancels wait on one data source; beyond that, and while the data source is unavailable, connections are aborted at
 * once.
 *
 * <p>The timer thread only hands work on; the worker threads are created on demand and die when idle.
 */
public final class StatementCanceller implements AutoCloseable {
  static final int CANCELS_PER_DATA_SOURCE = 4;
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Map<String, DataSourcePool> pools;
  private final long cancelTimeoutMillis;
  private final ScheduledExecutorService timer;
  private final ExecutorService workers;
  private final Map<String, AtomicInteger> cancelsInFlight = new ConcurrentHashMap<>();

  public StatementCanceller(Map<String, DataSourcePool> pools, long cancelTimeoutMillis) {
    this.pools = pools;
    this.cancelTimeoutMillis = cancelTimeoutMillis;
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("shard-jdbc-timer-"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.timer = scheduler;
    this.workers = Executors.newCachedThreadPool(daemon("shard-jdbc-cancel-"));
  }

  static ThreadFactory daemon(String prefix) {
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Runs {@code task} once after {@code seconds}, on the timer thread; the task must not block.
   *
   * @return the scheduled task, or null once the runtime is closed (its statements fail on their pools anyway)
   */
  ScheduledFuture<?> schedule(Runnable task, long seconds) {
    try {
      return timer.schedule(task, seconds, TimeUnit.SECONDS);
    } catch (RejectedExecutionException closed) {
      return null;
    }
  }

  /**
   * Asks the server to stop one physical statement; if it has not finished {@code cancelTimeoutMs} later, closes its
   * connection under it. Once the runtime is closed, closes the connection at once.
   */
  void cancel(Execution.PhysicalStatement physical) {
    if (physical.finished()) {
      return;
    }
    DataSourcePool pool = pools.get(physical.dataSource);
    AtomicInteger inFlight = cancelsInFlight.computeIfAbsent(physical.dataSource, name -> new AtomicInteger());
    boolean unavailable = pool != null && !pool.health().available();
    if (unavailable || inFlight.get() >= CANCELS_PER_DATA_SOURCE) {
      // the cancels already sent have not come back: a KILL would only wait beside them
      execute(() -> abort(pool, physical));
      return;
    }
    inFlight.incrementAndGet();
    try {
      Future<?> kill = workers.submit(() -> {
        try {
          physical.statement.cancel();
        } catch (SQLException | RuntimeException ignored) {
          // finished or closed meanwhile: nothing left to stop
        } finally {
          inFlight.decrementAndGet();
        }
      });
      timer.schedule(() -> {
        if (physical.finished()) {
          return;
        }
        if (!kill.isDone() && pool != null) {
          pool.health().recordFailure("no answer to KILL QUERY within " + cancelTimeoutMillis + " ms");
        }
        // mysql-connector-j sends no KILL once a statement's result streams: only closing the connection stops it
        execute(() -> abort(pool, physical));
      }, cancelTimeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      abort(pool, physical);
    }
  }

  /**
   * Runs a task that may block on a server (closing connections under their statements) off the caller's thread; once
   * the runtime is closed, on the caller's.
   */
  void execute(Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException closed) {
      task.run();
    }
  }

  /** Aborts the statement's connection through its pool, so that the pool never lends it again. */
  private static void abort(DataSourcePool pool, Execution.PhysicalStatement physical) {
    if (pool != null) {
      pool.abort(physical.connection);
      return;
    }
    try {
      physical.connection.abort(Runnable::run);
    } catch (SQLException | RuntimeException ignored) {
      // closed meanwhile: nothing left to stop
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    workers.shutdownNow();
  }
}
