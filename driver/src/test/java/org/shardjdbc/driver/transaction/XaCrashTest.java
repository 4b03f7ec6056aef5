package org.shardjdbc.driver.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * The XA crash test ({@link XaCrashHarness}) at a size for {@code mvn verify}: two worker processes, 8 kills with
 * SIGKILL and at least 60 acknowledged transfers over two servers, one of them the server the other tests share (so
 * that the XA runtimes of other test classes, and the harness's bystander application, see the workers' branches).
 * Longer than most tests (about a minute) because every kill costs a JVM start; the crash path cannot be shown
 * without separate processes. The full run, 1,000 transfers and 50 kills, is {@code benchmarks/xa-crash.sh}
 * ({@link XaCrashRun}); its figures are in RELIABILITY.md.
 */
class XaCrashTest {
  @Test
  void killedProcesses_loseNoTransfer_andLeaveNothingPrepared() throws Exception {
    try (TestServer second = TestServers.startEmbedded()) {
      XaCrashHarness harness = new XaCrashHarness(TestServers.shared(), second, "xacrash", 40, 2, 30, 7);
      XaCrashHarness.Report report = harness.run(8, 60);
      System.out.println("XaCrashTest: " + report);
      assertEquals(List.of(), report.defects());
      assertEquals(report.totalBefore(), report.totalAfter());
      assertTrue(report.kills() >= 8 + 2, report.toString());
      assertTrue(report.transfersWithLegs() >= report.acknowledged(), report.toString());
    }
  }
}
