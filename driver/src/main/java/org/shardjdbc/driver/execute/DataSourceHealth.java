package org.shardjdbc.driver.execute;

import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether one data source takes work: a circuit breaker. It is available until {@code failureThreshold} consecutive
 * failures (a connection that could not be had, a cancel the server did not answer) or one failed health probe make
 * it unavailable (a probe without an answer in time only while the server makes no progress); then statements that
 * need it fail at once with an {@link SQLTransientConnectionException} (SQLState 08001) naming it, instead of each
 * waiting out a timeout. Only a health probe that gets an answer makes it available again ({@link HealthMonitor}).
 *
 * <p>Thread-safe; {@link #checkAvailable()} is one volatile read on the path of every statement.
 */
public final class DataSourceHealth {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private final String name;
  private final int failureThreshold;
  private final long probeIntervalMs;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private volatile Outage outage;
  private volatile int outages;
  private volatile boolean probeWanted;

  /** Why and since when a data source is unavailable. */
  private record Outage(long sinceMillis, String reason) {}

  DataSourceHealth(String name, int failureThreshold, long probeIntervalMs) {
    this.name = name;
    this.failureThreshold = failureThreshold;
    this.probeIntervalMs = probeIntervalMs;
  }

  public String name() {
    return name;
  }

  public boolean available() {
    return outage == null;
  }

  /**
   * @throws SQLTransientConnectionException (SQLState 08001) naming the data source, when it is unavailable
   */
  void checkAvailable() throws SQLTransientConnectionException {
    Outage current = outage;
    if (current != null) {
      throw unavailable(current);
    }
  }

  private SQLTransientConnectionException unavailable(Outage current) {
    return new SQLTransientConnectionException(name + ": unavailable since "
        + TIME.format(Instant.ofEpochMilli(current.sinceMillis())) + " (" + current.reason() + "); statements that need"
        + " it fail at once until it answers the health probe again (every " + probeIntervalMs + " ms)", "08001");
  }

  /** Something went wrong talking to the server: counts towards the threshold, and asks for a probe. */
  void recordFailure(String what) {
    probeWanted = true;
    if (consecutiveFailures.incrementAndGet() >= failureThreshold) {
      markUnavailable(failureThreshold + " failures in a row, the last: " + what);
    }
  }

  /** The server gave a connection: the failures before it were not in a row. */
  void recordSuccess() {
    if (consecutiveFailures.get() != 0) {
      consecutiveFailures.set(0);
    }
  }

  /** @return true if it was available until now */
  synchronized boolean markUnavailable(String reason) {
    if (outage != null) {
      return false;
    }
    outage = new Outage(System.currentTimeMillis(), reason);
    outages++;
    return true;
  }

  /** @return true if it was unavailable until now */
  synchronized boolean markAvailable() {
    consecutiveFailures.set(0);
    probeWanted = false;
    if (outage == null) {
      return false;
    }
    outage = null;
    return true;
  }

  /** Whether a failure since the last probe asks for another one; clears the request. */
  boolean takeProbeRequest() {
    if (!probeWanted) {
      return false;
    }
    probeWanted = false;
    return true;
  }

  /** How many times it has become unavailable: tells one outage from the next. */
  int outages() {
    return outages;
  }

  /** How long it has been unavailable, in ms; 0 when available. */
  long unavailableForMillis() {
    Outage current = outage;
    return current == null ? 0 : System.currentTimeMillis() - current.sinceMillis();
  }

  @Override
  public String toString() {
    Outage current = outage;
    return name + (current == null ? ": available" : ": unavailable (" + current.reason() + ")");
  }
}
