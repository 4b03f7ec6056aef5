package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest frames of a JFR recording: where the time goes when a target is missed. Three views: the top frame of
 * each CPU sample ({@code jdk.ExecutionSample}, self time); the first frame of this project's code in each CPU sample
 * that has one (time in or below the driver's own methods); and the same for samples of threads blocked in native
 * code ({@code jdk.NativeMethodSample}: mostly reading sockets), which shows where the driver waits for servers.
 */
final class JfrTopFrames {
  private static final String OUR_PACKAGE = "org.shardjdbc.";
  private static final String BENCHMARK_PACKAGE = "org.shardjdbc.benchmarks.";

  /**
   * @param samples CPU samples in the recording
   * @param self the top frames by share of samples, as {@code 12.3% class.method:line}
   * @param ours the first org.shardjdbc frames (not the benchmark's) by share of samples
   * @param nativeSamples samples of threads in native code
   * @param waiting the first org.shardjdbc frames of native samples, by share of native samples
   */
  record Profile(long samples, List<String> self, List<String> ours, long nativeSamples, List<String> waiting) {}

  private JfrTopFrames() {}

  /** Reads a recording and returns the top {@code limit} frames of each view. */
  static Profile read(Path recording, int limit) throws IOException {
    Map<String, Long> self = new HashMap<>();
    Map<String, Long> ours = new HashMap<>();
    Map<String, Long> waiting = new HashMap<>();
    long samples = 0;
    long nativeSamples = 0;
    try (RecordingFile file = new RecordingFile(recording)) {
      while (file.hasMoreEvents()) {
        RecordedEvent event = file.readEvent();
        String type = event.getEventType().getName();
        boolean cpu = type.equals("jdk.ExecutionSample");
        if (!cpu && !type.equals("jdk.NativeMethodSample")) {
          continue;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        if (cpu) {
          samples++;
          self.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
        } else {
          nativeSamples++;
        }
        String first = firstOfOurs(stack);
        if (first != null) {
          (cpu ? ours : waiting).merge(first, 1L, Long::sum);
        }
      }
    }
    return new Profile(samples, top(self, samples, limit), top(ours, samples, limit), nativeSamples,
        top(waiting, nativeSamples, limit));
  }

  private static String firstOfOurs(RecordedStackTrace stack) {
    for (RecordedFrame frame : stack.getFrames()) {
      String type = frame.getMethod().getType().getName();
      if (type.startsWith(OUR_PACKAGE) && !type.startsWith(BENCHMARK_PACKAGE)) {
        return name(frame);
      }
    }
    return null;
  }

  private static String name(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + ":" + frame.getLineNumber()
        + " (" + type.substring(0, Math.max(0, type.lastIndexOf('.'))) + ")";
  }

  private static List<String> top(Map<String, Long> counts, long samples, int limit) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Long> entry : entries.subList(0, Math.min(limit, entries.size()))) {
      lines.add(String.format(Locale.ROOT, "%5.1f%% %s", 100.0 * entry.getValue() / samples, entry.getKey()));
    }
    return lines;
  }
}
