package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs {@link SortedMergeCost} once on 4,000 rows so that it cannot rot; never asserts timings. */
class SortedMergeCostTest {

  @Test
  void everyKey_readsEveryRowThroughTheDriver() throws Exception {
    Path root = Path.of("target", "bench-data").toAbsolutePath();
    try (EmbeddedServers servers = EmbeddedServers.start(root, "merge-cost-test", 1)) {
      List<SortedMergeCost.Cost> costs = SortedMergeCost.measure(servers.addresses().get(0), root, 4000, 1, System.out);
      assertEquals(SortedMergeCost.Key.values().length, costs.size());
      for (SortedMergeCost.Cost cost : costs) {
        assertEquals(4000, cost.rows(), cost.key().toString());
      }
    }
  }
}
