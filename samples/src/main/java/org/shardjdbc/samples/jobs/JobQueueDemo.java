package org.shardjdbc.samples.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.samples.EmbeddedServer;

/**
 * The job queue demo: a {@code jobs} table sharded by {@code job_id} over 4 servers ({@code jobs.yaml}), jobs produced
 * through the driver, and consumer processes, each a JVM of its own, that claim jobs so that no two take the same
 * one, do them, and mark each done in the same transaction as its row in the unsharded {@code job_log}. One consumer
 * is killed with {@code kill -9} while it holds a job; the job must be done by another, once.
 *
 * <pre>
 * mvn -B -q -pl samples exec:java -Dexec.mainClass=org.shardjdbc.samples.jobs.JobQueueDemo
 * mvn -B -q -pl samples exec:java -Dexec.mainClass=org.shardjdbc.samples.jobs.JobQueueDemo -Dexec.args="--jobs 20000 --consumers 4"
 * </pre>
 *
 * Both ways of claiming run in turn ({@link Claim}); the exit status is 0 when every job of both was done exactly once.
 */
public final class JobQueueDemo {
  static final String TEMPLATE = "jobs.yaml";
  static final List<String> DATABASES = List.of("jobs_q1", "jobs_q2", "jobs_q3", "jobs_q4");
  static final String USAGE = """
      usage: JobQueueDemo [--jobs N] [--consumers N] [--batch N] [--claim skip-locked|get-lock] [--compare]
        --jobs N        jobs to produce and consume (10000)
        --consumers N   consumer processes (4); the first is killed while it holds a job
        --batch N       jobs a SKIP LOCKED consumer claims at once (10)
        --claim C       only this way of claiming (both, one after the other)
        --compare       then SKIP LOCKED again without a kill, through the driver and by hand with raw JDBC""";

  private JobQueueDemo() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, Path.of(System.getProperty("java.io.tmpdir"), "shard-jdbc-samples")));
  }

  /** Runs the demo on an embedded MariaDB under {@code workRoot}; returns the exit status. */
  static int run(List<String> args, PrintStream out, Path workRoot) {
    int jobs = 10_000;
    int consumers = 4;
    int batch = 10;
    List<Claim> claims = List.of(Claim.SKIP_LOCKED, Claim.GET_LOCK);
    boolean compare = false;
    try {
      for (int i = 0; i < args.size(); i++) {
        switch (args.get(i)) {
          case "--jobs" -> jobs = Integer.parseInt(args.get(++i));
          case "--consumers" -> consumers = Integer.parseInt(args.get(++i));
          case "--batch" -> batch = Integer.parseInt(args.get(++i));
          case "--claim" -> claims = List.of(Claim.of(args.get(++i)));
          case "--compare" -> compare = true;
          default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'");
        }
      }
    } catch (RuntimeException e) {
      out.println("job queue demo: " + e.getMessage());
      out.println(USAGE);
      return 2;
    }
    try (EmbeddedServer server = EmbeddedServer.start(workRoot, "jobs", DATABASES)) {
      Path config = server.workDir().resolve("jobs.yaml");
      Files.writeString(config, renderTemplate(server.address()));
      out.println("4 data sources q1..q4 as 4 databases on one embedded MariaDB at " + server.address()
          + "; jobs sharded over 16 tables, job_log on q1; configuration " + config);
      List<JobQueueRun.Result> results = new ArrayList<>();
      for (Claim claim : claims) {
        out.printf("%nClaiming with %s: %,d jobs, %d consumer processes%n", claim.option(), jobs, consumers);
        JobQueueRun.Result result = JobQueueRun.run(config, claim, jobs, consumers, batch, consumers > 1, out);
        print(result, out);
        results.add(result);
      }
      if (compare) {
        for (boolean raw : new boolean[] {false, true}) {
          out.printf("%nSKIP LOCKED, no consumer killed, %s: %,d jobs, %d consumer processes%n",
              raw ? "by hand with raw JDBC" : "through the driver", jobs, consumers);
          JobQueueRun.Result result = JobQueueRun.run(config, Claim.SKIP_LOCKED, raw, jobs, consumers, batch, false, out);
          print(result, out);
          results.add(result);
        }
      }
      return results.stream().allMatch(result -> result.problems().isEmpty()) ? 0 : 1;
    } catch (Exception e) {
      out.println("job queue demo failed: " + e);
      return 1;
    }
  }

  static void print(JobQueueRun.Result result, PrintStream out) {
    out.println("  jobs per consumer: " + result.jobsPerWorker());
    if (result.killed() != null) {
      out.println("  job " + result.stalledJob() + ", held by " + result.killed() + " when it was killed, was done by "
          + result.stalledJobDoneBy());
    }
    out.printf("  %,.0f jobs/s%n", result.jobsPerSecond());
    out.println(result.problems().isEmpty() ? "  every job was done exactly once"
        : "  PROBLEMS: " + String.join("; ", result.problems()));
  }

  static String renderTemplate(String server) {
    try (InputStream in = JobQueueDemo.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("classpath:" + TEMPLATE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{server}}", server);
    } catch (IOException e) {
      throw new UncheckedIOException("classpath:" + TEMPLATE + ": " + e.getMessage(), e);
    }
  }
}
