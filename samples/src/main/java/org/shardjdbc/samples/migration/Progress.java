package org.shardjdbc.samples.migration;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows how a copy advances: rows copied of the total, rows per second and the time left. On a terminal
 * ({@code System.console() != null}) a bar redrawn in place several times a second; otherwise (a pipe, a log file,
 * a test) a plain line every second, or as often as asked.
 */
final class Progress implements AutoCloseable {
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final boolean terminal;
  private final long intervalMillis;
  private final long total;
  private final AtomicLong copied = new AtomicLong();
  private final long start = System.nanoTime();
  private final Thread reporter;
  private volatile boolean closed;

  /**
   * @param intervalMillis how often a plain line is printed; a bar is redrawn every 200 ms
   */
  Progress(PrintStream out, boolean terminal, long intervalMillis, long total) {
    this.out = out;
    this.terminal = terminal;
    this.intervalMillis = terminal ? 200 : intervalMillis;
    this.total = total;
    this.reporter = new Thread(this::report, "progress");
    reporter.setDaemon(true);
    reporter.start();
  }

  /** Counts rows copied; safe from every worker. */
  void copied(long rows) {
    copied.addAndGet(rows);
  }

  long copied() {
    return copied.get();
  }

  private void report() {
    while (!closed) {
      try {
        Thread.sleep(intervalMillis);
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        print(false);
      }
    }
  }

  private synchronized void print(boolean last) {
    long rows = copied.get();
    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    double perSecond = rows / seconds;
    double fraction = total == 0 ? 1 : Math.min(1, (double) rows / total);
    String eta = perSecond > 0 ? duration((total - rows) / perSecond) : "?";
    if (terminal) {
      int filled = (int) Math.round(fraction * BAR_WIDTH);
      out.printf("\r[%s%s] %3.0f%%  %,d/%,d rows  %,.0f rows/s  ETA %s   ", "#".repeat(filled), "-".repeat(BAR_WIDTH - filled),
          fraction * 100, rows, total, perSecond, last ? "0:00" : eta);
      if (last) {
        out.println();
      }
    } else {
      out.printf("copied %,d of %,d rows (%.0f%%), %,.0f rows/s, ETA %s%n", rows, total, fraction * 100, perSecond,
          last ? "0:00" : eta);
    }
    out.flush();
  }

  private static String duration(double seconds) {
    long whole = Math.round(seconds);
    return whole / 60 + ":" + String.format("%02d", whole % 60);
  }

  /** Stops the reports and prints the last one. */
  @Override
  public void close() {
    closed = true;
    reporter.interrupt();
    print(true);
  }
}
