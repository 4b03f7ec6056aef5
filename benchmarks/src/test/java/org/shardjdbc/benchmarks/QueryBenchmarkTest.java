package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every workload once through every contender on tiny data (one server, 8 databases of 16 tables, 1,000
 * orders), so that the benchmark cannot rot, and checks that all contenders give the same rows. Never asserts timings.
 */
class QueryBenchmarkTest {
  private static final BenchLayout LAYOUT = new BenchLayout("bench", 8, 16, 1000);
  private static UnitTestServer server;
  private static BenchCluster cluster;
  private static Path workDirectory;

  @BeforeAll
  static void startServer() throws Exception {
    server = UnitTestServer.start(LAYOUT, true, "bench-test-");
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
  void everyContender_givesTheSameRowsForEveryWorkload() throws Exception {
    Map<String, Contender> contenders = new LinkedHashMap<>();
    try {
      for (String name : Contender.ALL) {
        contenders.put(name, Contender.open(name, cluster, LAYOUT, workDirectory, false));
      }
      SplittableRandom random = new SplittableRandom(11);
      for (Workload workload : Workload.values()) {
        QueryArguments arguments = QueryArguments.next(workload, LAYOUT, random);
        List<List<Object>> expected = null;
        for (Map.Entry<String, Contender> contender : contenders.entrySet()) {
          List<List<Object>> rows = new ArrayList<>();
          contender.getValue().run(workload, arguments, values -> rows.add(normalized(values)));
          if (!workload.ordered()) {
            rows.sort(Comparator.comparing(Object::toString));
          }
          if (expected == null) {
            expected = rows;
            assertFalse(rows.isEmpty(), workload + " " + arguments + " returned no rows through " + contender.getKey());
          } else {
            assertEquals(expected, rows, workload + " " + arguments + ": " + contender.getKey() + " differs from "
                + contenders.keySet().iterator().next());
          }
        }
      }
    } finally {
      for (Contender contender : contenders.values()) {
        contender.close();
      }
    }
  }

  @Test
  void benchmarkMethod_runsForEveryContenderAndWorkload() throws Exception {
    for (String name : Contender.ALL) {
      QueryBenchmark benchmark = new QueryBenchmark();
      benchmark.contender = name;
      benchmark.workload = Workload.POINT_SELECT;
      benchmark.setUp(cluster, workDirectory);
      try {
        QueryBenchmark.Client client = new QueryBenchmark.Client();
        client.random = new SplittableRandom(3);
        for (Workload workload : Workload.values()) {
          benchmark.workload = workload;
          benchmark.query(client);
        }
      } finally {
        benchmark.tearDown();
      }
    }
  }

  @Test
  void workloads_coverEveryQueryOfTheIssue() {
    assertTrue(Arrays.asList(Workload.values()).containsAll(List.of(Workload.POINT_SELECT, Workload.IN_LIST,
        Workload.SCATTER_FILTER, Workload.COUNT_SUM, Workload.GROUP_BY_AVG, Workload.ORDER_BY_LIMIT,
        Workload.DEEP_PAGE, Workload.JOIN_IN_LIST)));
    assertEquals("SELECT order_id, status, created_at FROM orders ORDER BY created_at DESC LIMIT 500, 10",
        Workload.DEEP_PAGE.sql(LAYOUT));
  }

  private static List<Object> normalized(Object[] values) {
    List<Object> row = new ArrayList<>(values.length);
    for (Object value : values) {
      row.add(ResultDigest.normalize(value));
    }
    return row;
  }
}
