package org.shardjdbc.samples.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.samples.EmbeddedServer;

/**
 * The job queue with 4 consumer processes (JVMs of their own): every job is done exactly once, also when one consumer
 * is killed with {@code kill -9} while it holds a job, which another consumer then does.
 */
class JobQueueTest {
  private static EmbeddedServer server;
  private static Path config;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedServer.start(Path.of("target", "embedded-mariadb"), "jobs", JobQueueDemo.DATABASES);
    config = server.workDir().resolve("jobs.yaml");
    Files.writeString(config, JobQueueDemo.renderTemplate(server.address()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void skipLocked_fourConsumers_tenThousandJobs_eachDoneOnce_evenWithOneKilled() throws Exception {
    assertDoneOnce(Claim.SKIP_LOCKED, 10_000);
  }

  @Test
  void getLock_fourConsumers_eachJobDoneOnce_evenWithOneKilled() throws Exception {
    assertDoneOnce(Claim.GET_LOCK, 2_000);
  }

  private static void assertDoneOnce(Claim claim, int jobs) throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    JobQueueRun.Result result;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      result = JobQueueRun.run(config, claim, jobs, 4, 10, true, out);
      JobQueueDemo.print(result, out);
    }
    String printed = output.toString(StandardCharsets.UTF_8);
    System.out.print(printed);
    assertEquals(List.of(), result.problems(), printed);
    assertEquals(jobs, result.jobsPerWorker().values().stream().mapToLong(Long::longValue).sum(), printed);
    assertEquals("consumer-1", result.killed());
    assertTrue(result.stalledJob() >= 0, printed);
    assertNotEquals("consumer-1", result.stalledJobDoneBy(), printed);
    assertTrue(result.jobsPerWorker().size() >= 3, "the three other consumers took part: " + result.jobsPerWorker());
  }
}
