package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyChartTest {

  @Test
  void svg_drawsOneLinePerContenderInEveryPanel() throws Exception {
    List<Measurement> measurements = new ArrayList<>();
    for (double delay : new double[] {0, 0.5}) {
      for (Workload workload : List.of(Workload.POINT_SELECT, Workload.DEEP_PAGE)) {
        for (int threads : new int[] {1, 4, 16}) {
          for (int c = 0; c < Contender.ALL.size(); c++) {
            double mean = (workload == Workload.DEEP_PAGE ? 50_000 : 150) * (1 + delay) * (1 + c * 0.3) * (1 + threads / 8.0);
            measurements.add(new Measurement(delay, workload, threads, Contender.ALL.get(c), mean, mean, mean * 2, 100));
          }
        }
      }
    }
    String svg = LatencyChart.svg(measurements, Contender.ALL, "test chart");
    Files.writeString(Path.of("target", "latency-chart-test.svg"), svg);
    assertTrue(svg.startsWith("<svg"));
    assertEquals(2 * 2 * Contender.ALL.size(), svg.split("<polyline").length - 1, "a line per contender and panel");
    assertTrue(svg.contains("deep page LIMIT 100000, 10, +0.5 ms round trip"));
  }

  @Test
  void duration_picksTheUnit() {
    assertEquals("150 µs", LatencyChart.duration(150));
    assertEquals("1 ms", LatencyChart.duration(1000));
    assertEquals("2.5 s", LatencyChart.duration(2_500_000));
  }
}
