package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The paired measurement, briefly, on tiny data: every contender takes its turns and reports its latencies. */
class PairedBenchmarkTest {
  private static final BenchLayout LAYOUT = new BenchLayout("bench", 8, 16, 1000);
  private static UnitTestServer server;
  private static BenchCluster cluster;
  private static Path workDirectory;

  @BeforeAll
  static void startServer() throws Exception {
    server = UnitTestServer.start(LAYOUT, true, "paired-test-");
    cluster = server.cluster();
    workDirectory = server.workDirectory();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyContender_measuresItsBlocksOfEveryRound() throws Exception {
    for (Workload workload : List.of(Workload.POINT_SELECT, Workload.GROUP_BY_AVG)) {
      List<PairedRounds.Outcome> outcomes;
      try (PairedBenchmark benchmark = new PairedBenchmark(cluster, workload, 2, 50, false)) {
        for (String name : Contender.ALL) {
          benchmark.open(name, workDirectory);
        }
        benchmark.rounds().run(2);
        outcomes = benchmark.rounds().outcomes();
      }
      assertEquals(Contender.ALL, outcomes.stream().map(PairedRounds.Outcome::contender).toList());
      for (PairedRounds.Outcome outcome : outcomes) {
        assertNull(outcome.failure(), workload + " " + outcome);
        // 2 rounds of a block each, 2 threads, each at least one query per block
        assertTrue(outcome.operations() >= 4, workload + " " + outcome);
        assertTrue(outcome.meanMicros() > 0 && outcome.p50Micros() > 0, workload + " " + outcome);
        assertTrue(outcome.p50Micros() <= outcome.p99Micros(), workload + " " + outcome);
      }
    }
  }

  @Test
  void settling_throwsItsLatenciesAway_andSaysHowItEnded() throws Exception {
    try (PairedBenchmark benchmark = new PairedBenchmark(cluster, Workload.POINT_SELECT, 2, 50, false)) {
      for (String name : List.of(Contender.SHARD, Contender.RAW)) {
        benchmark.open(name, workDirectory);
      }
      String settled = benchmark.rounds().settle(300);
      assertTrue(settled.matches("(quiet|NOT quiet) after \\d+ rounds in \\d+ s: the JIT compiled for \\d+ ms of the"
          + " last round's \\d+ ms"), settled);
      for (PairedRounds.Outcome outcome : benchmark.rounds().outcomes()) {
        assertEquals(0, outcome.operations(), "settling records nothing: " + outcome);
      }
      benchmark.rounds().run(1);
      for (PairedRounds.Outcome outcome : benchmark.rounds().outcomes()) {
        assertTrue(outcome.operations() >= 2, outcome.toString());
      }
    }
  }

  @Test
  void aContenderThatCannotStart_isReportedFailed() throws Exception {
    BenchCluster nowhere = new BenchCluster(List.of(new HostPort("127.0.0.1", 1)), LAYOUT, null, 0);
    try (PairedBenchmark benchmark = new PairedBenchmark(nowhere, Workload.POINT_SELECT, 1, 10, false)) {
      benchmark.open(Contender.RAW, workDirectory);
      benchmark.rounds().run(1);
      PairedRounds.Outcome outcome = benchmark.rounds().outcomes().get(0);
      assertEquals(0, outcome.operations());
      assertTrue(outcome.failure().startsWith("start-up or warm-up: "), outcome.failure());
    }
  }

  @Test
  void threeContenders_takeAllSixOrdersInSixRounds_twoBothInTwo() {
    List<String> three = List.of("a", "b", "c");
    Set<List<String>> orders = new HashSet<>();
    for (int round = 0; round < 6; round++) {
      orders.add(PairedRounds.order(three, round));
    }
    assertEquals(6, orders.size(), orders.toString());
    assertEquals(List.of("a", "b"), PairedRounds.order(List.of("a", "b"), 0));
    assertEquals(List.of("b", "a"), PairedRounds.order(List.of("a", "b"), 1));
    assertEquals(List.of(), PairedRounds.order(List.of(), 3));
  }

  @Test
  void percentile_isTheNearestRank() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, PairedRounds.percentile(sorted, 0.50));
    assertEquals(10, PairedRounds.percentile(sorted, 0.99));
    assertEquals(1, PairedRounds.percentile(new long[] {1}, 0.99));
  }
}
