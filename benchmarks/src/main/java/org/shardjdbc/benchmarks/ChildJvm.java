package org.shardjdbc.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A measurement in a JVM of its own: a cold start, a 64 MB heap, a paired measurement with a JIT of its own. */
final class ChildJvm {
  private ChildJvm() {}

  /** What a child JVM printed, and how long after its start its first line of interest came. */
  record Result(List<String> lines, long millisToFirstLine, String failure) {
    /** The first line that starts with the prefix, or null. */
    String line(String prefix) {
      for (String line : lines) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      return null;
    }
  }

  /**
   * Runs {@code java <arguments>} with this JVM's {@code java}; the time is from starting the process to its first line
   * starting with {@link ColdStart#OUTPUT_PREFIX}.
   */
  static Result run(List<String> arguments, int timeoutSeconds) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    long[] firstRow = {-1};
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith(ColdStart.OUTPUT_PREFIX) && firstRow[0] < 0) {
            firstRow[0] = (System.nanoTime() - start) / 1_000_000;
          }
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // the process is gone
      }
    }, "child-output");
    reader.start();
    boolean finished;
    try {
      finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!finished) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IOException("interrupted while waiting for " + command.get(command.size() - 2), e);
    }
    List<String> copy;
    synchronized (lines) {
      copy = List.copyOf(lines);
    }
    String failure = !finished ? "no answer within " + timeoutSeconds + " s"
        : "exit " + process.exitValue() + ": " + lastLines(copy, 3);
    return new Result(copy, firstRow[0], failure);
  }

  private static String lastLines(List<String> lines, int count) {
    List<String> interesting = new ArrayList<>();
    for (String line : lines) {
      if (line.contains("Exception") || line.contains("Error")) {
        interesting.add(line.trim());
      }
    }
    List<String> source = interesting.isEmpty() ? lines : interesting;
    return String.join(" | ", source.subList(Math.max(0, source.size() - count), source.size()));
  }
}
