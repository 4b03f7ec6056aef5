package org.shardjdbc.driver.transaction;

import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * The full XA crash run, {@code benchmarks/xa-crash.sh [kills] [transfers] [workers] [delayMs]}: two embedded
 * servers, at least 50 kills and 1,000 acknowledged transfers by default; prints the {@link XaCrashHarness.Report}
 * and exits 1 when it found a defect.
 */
public final class XaCrashRun {
  private XaCrashRun() {}

  public static void main(String[] args) throws Exception {
    int kills = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    long transfers = args.length > 1 ? Long.parseLong(args[1]) : 1000;
    int workers = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long delayMs = args.length > 3 ? Long.parseLong(args[3]) : 30;
    XaCrashHarness.Report report;
    try (TestServer first = TestServers.startEmbedded(); TestServer second = TestServers.startEmbedded()) {
      report = new XaCrashHarness(first, second, "xacrashrun", 200, workers, delayMs, System.nanoTime())
          .run(kills, transfers);
    }
    System.out.println("XA crash run: " + workers + " worker processes, delay " + delayMs + " ms before prepare and "
        + "commit: " + report);
    System.exit(report.defects().isEmpty() ? 0 : 1);
  }
}
