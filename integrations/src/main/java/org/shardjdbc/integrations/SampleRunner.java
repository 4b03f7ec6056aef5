package org.shardjdbc.integrations;

import java.io.PrintStream;
import java.nio.file.Path;

/** Runs a sample on the configuration file given as its argument, else on an {@link EmbeddedShards} it starts. */
public final class SampleRunner {
  /** A sample's body: what it does with the driver's configuration; returns its exit status. */
  @FunctionalInterface
  public interface Sample {
    int run(Path configFile, PrintStream out) throws Exception;
  }

  private SampleRunner() {}

  /**
   * Runs the sample and exits the JVM with its status: 0 when all its checks held, 1 when one did not or it failed.
   *
   * @param args empty, or the path of a configuration file like {@code integrations-shop.yaml} with empty databases
   */
  public static void main(String[] args, Sample sample) {
    int status;
    try {
      if (args.length > 0) {
        status = sample.run(Path.of(args[0]), System.out);
      } else {
        try (EmbeddedShards shards = EmbeddedShards.start(Path.of("target", "embedded-mariadb"))) {
          status = sample.run(shards.configFile(), System.out);
        }
      }
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }
}
