package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunOptionsTest {

  @Test
  void fullRun_measuresEveryCaseInTwoPassesOfOneIteration() {
    RunOptions options = RunOptions.parse(new String[0]);
    assertEquals(2, options.passes());
    assertEquals(1, options.timing().iterations(Workload.POINT_SELECT));
    assertEquals(1, options.timing().iterations(Workload.DEEP_PAGE));
  }

  @Test
  void onePass_measuresTwoIterations() {
    RunOptions options = RunOptions.parse(new String[] {"--passes", "1"});
    assertEquals(1, options.passes());
    assertEquals(2, options.timing().iterations(Workload.POINT_SELECT));
  }

  @Test
  void quickRun_measuresOnce() {
    assertEquals(1, RunOptions.parse(new String[] {"--quick"}).passes());
  }

  @Test
  void passes_belowOne_isRefusedNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunOptions.parse(new String[] {"--passes", "0"}));
    assertTrue(e.getMessage().contains("--passes 0"), e.getMessage());
  }

  @Test
  void paired_takesSixRoundsFourForTheWorkloadsThatReadEveryRow_orThoseOfRounds() {
    RunOptions options = RunOptions.parse(new String[] {"--paired"});
    assertTrue(options.paired());
    assertEquals(6, options.pairedRounds(Workload.POINT_SELECT));
    assertEquals(4, options.pairedRounds(Workload.GROUP_BY_AVG));
    assertEquals(12, RunOptions.parse(new String[] {"--paired", "--rounds", "12"}).pairedRounds(Workload.DEEP_PAGE));
    assertEquals(2, RunOptions.parse(new String[] {"--quick", "--paired"}).pairedRounds(Workload.POINT_SELECT));
  }

  @Test
  void rounds_withoutPaired_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunOptions.parse(new String[] {"--rounds", "8"}));
    assertTrue(e.getMessage().contains("only with --paired"), e.getMessage());
  }

  @Test
  void passes_withPaired_isRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RunOptions.parse(new String[] {"--paired", "--passes", "3"}));
    assertTrue(e.getMessage().contains("--paired takes --rounds"), e.getMessage());
  }
}
