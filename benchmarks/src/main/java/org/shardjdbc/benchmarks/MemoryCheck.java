package org.shardjdbc.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a contender answers the deep page or a full {@code ORDER BY} scan of every order in a small heap: run by
 * {@link BenchmarkRun} in a JVM of its own with {@code -Xmx64m}, one per query. Prints
 * {@code memory <WORKLOAD> ok <rows> <ms>} or {@code memory <WORKLOAD> failed <error>}.
 * <pre>
 * java -Xmx64m -cp CLASSPATH org.shardjdbc.benchmarks.MemoryCheck shard|raw|raw_union|shardingsphere CLUSTER_FILE \
 *     DEEP_PAGE|FULL_SCAN
 * </pre>
 */
public final class MemoryCheck {
  static final String OUTPUT_PREFIX = "memory ";

  private MemoryCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: MemoryCheck contender clusterFile DEEP_PAGE|FULL_SCAN");
    }
    BenchCluster cluster = BenchCluster.read(Path.of(args[1]));
    Workload workload = Workload.valueOf(args[2]);
    Contender contender;
    try {
      contender = Contender.open(args[0], cluster, cluster.main(), Files.createTempDirectory("shardbench-memory-"), false);
    } catch (Throwable e) {
      System.out.println(OUTPUT_PREFIX + workload + " failed start-up: " + firstLine(e));
      System.exit(0);
      return;
    }
    long start = System.nanoTime();
    try {
      ResultDigest digest = new ResultDigest(true);
      contender.run(workload, QueryArguments.next(workload, cluster.main(), new java.util.SplittableRandom(1)), digest);
      System.out.println(OUTPUT_PREFIX + workload + " ok " + digest.rows() + " " + (System.nanoTime() - start) / 1_000_000);
    } catch (Throwable e) {
      System.out.println(OUTPUT_PREFIX + workload + " failed " + firstLine(e));
    }
    System.out.flush();
    System.exit(0); // a contender stuck after an OutOfMemoryError must not keep the JVM alive
  }

  /** The innermost cause's class and message, e.g. {@code OutOfMemoryError: Java heap space}. */
  static String firstLine(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return text.replace('\n', ' ');
  }
}
