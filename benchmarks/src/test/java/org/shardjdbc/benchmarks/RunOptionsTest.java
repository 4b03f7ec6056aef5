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
}
