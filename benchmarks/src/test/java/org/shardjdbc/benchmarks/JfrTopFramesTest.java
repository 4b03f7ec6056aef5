package org.shardjdbc.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

class JfrTopFramesTest {

  @Test
  void read_findsTheBusyMethodAmongTheTopFrames() throws Exception {
    Path file = Files.createTempFile(Path.of("target"), "busy-", ".jfr");
    try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      long sum = busy(1_000_000_000L);
      recording.stop();
      recording.dump(file);
      assertTrue(sum != 42);
    }
    JfrTopFrames.Profile profile = JfrTopFrames.read(file, 5);
    assertTrue(profile.samples() > 0, "no CPU samples in " + file);
    assertFalse(profile.self().isEmpty());
    assertTrue(String.join("\n", profile.self()).contains("JfrTopFramesTest.busy"), String.join("\n", profile.self()));
    Files.delete(file);
  }

  /** Spins for about a second. */
  private static long busy(long nanos) {
    long end = System.nanoTime() + nanos;
    long sum = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 10_000; i++) {
        sum += i * 31L ^ sum;
      }
    }
    return sum;
  }
}
