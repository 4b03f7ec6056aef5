package org.shardjdbc.samples;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A program of this module run in a JVM of its own, as a separate application process would be: its output lines go
 * to a listener as they come, and it can be killed as {@code kill -9} kills ({@link Process#destroyForcibly()}).
 */
public final class ChildJvm {
  private final String name;
  private final Process process;
  private final Thread reader;

  private ChildJvm(String name, Process process, BiConsumer<ChildJvm, String> lines) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(() -> {
      try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          lines.accept(this, line);
        }
      } catch (IOException e) {
        // the process is gone: nothing more to read
      }
    }, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass} with this JVM's class path (or, under {@code mvn exec:java}, the project's).
   *
   * @param name the process's name, for messages
   * @param lines receives the process and each line it prints (standard output and error), on a thread of its own
   */
  public static ChildJvm start(String name, Class<?> mainClass, List<String> args, BiConsumer<ChildJvm, String> lines) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx160m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass.getName());
    command.addAll(args);
    try {
      return new ChildJvm(name, new ProcessBuilder(command).redirectErrorStream(true).start(), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot start " + mainClass.getName() + ": " + e.getMessage(), e);
    }
  }

  /** The class path of this program: the URL class loaders' (exec:java builds one), then java.class.path. */
  private static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader loader = ChildJvm.class.getClassLoader(); loader != null; loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(new File(url.toURI()).getPath());
          } catch (URISyntaxException | IllegalArgumentException e) {
            // not a file: not for a class path
          }
        }
      }
    }
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(entry);
    }
    return String.join(File.pathSeparator, entries);
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  /** Kills the process at once, as {@code kill -9} does: it runs no shutdown code and closes no connection itself. */
  public void kill() {
    process.destroyForcibly();
  }

  /**
   * Waits for the process to end and for its last output line to be read.
   *
   * @return its exit status
   * @throws IllegalStateException when it has not ended within {@code timeoutSeconds} (it is then killed)
   */
  public int waitFor(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not end within " + timeoutSeconds + " s");
    }
    reader.join(TimeUnit.SECONDS.toMillis(10));
    return process.exitValue();
  }
}
