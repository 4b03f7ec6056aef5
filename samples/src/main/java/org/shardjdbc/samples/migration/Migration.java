package org.shardjdbc.samples.migration;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies {@code legacy_orders} (one server, outside the sharded layout) into the sharded {@code orders}, with several
 * workers over key ranges, and marks each copied source row {@code is_import = 1}, so that a rerun copies only what is
 * missing.
 *
 * <p>Source and target are on different servers, so no transaction covers both; each chunk is copied, then marked:
 * <ol>
 *   <li>read up to {@code chunk} rows of the worker's range with {@code is_import = 0}, in key order;
 *   <li>write them to the target with an upsert ({@code INSERT … ON DUPLICATE KEY UPDATE} every column from the
 *       source): the driver sends each row to its shard, all or nothing;
 *   <li>only then mark exactly those rows on the source.
 * </ol>
 * A row is marked only after it was copied. A crash between 2 and 3 leaves rows copied but not marked: the rerun
 * reads them again and the upsert writes the same values over them, so each row is in the target exactly once (its
 * key is the target's primary key), with the source's values. A crash inside 2 leaves some rows of the chunk copied,
 * none marked: the same. No crash can leave a row marked and not copied.
 *
 * <pre>
 * java … Migration SHARD_CONFIG.yaml LEGACY_JDBC_URL [--workers N] [--chunk N] [--progress-ms N] [--raw]
 * </pre>
 *
 * {@code --raw} does the same by hand with plain JDBC connections to the physical tables ({@link RawJdbcChunkWriter}),
 * for comparison.
 */
public final class Migration {
  private static final String SOURCE_COLUMNS = "id, " + LegacyOrders.COLUMNS;

  private final String legacyUrl;
  private final ChunkWriter.Factory writers;
  private final int workers;
  private final int chunk;
  private final long progressMillis;

  /**
   * @param progressMillis how often a plain progress line is printed when the output is no terminal
   */
  Migration(String legacyUrl, ChunkWriter.Factory writers, int workers, int chunk, long progressMillis) {
    this.legacyUrl = legacyUrl;
    this.writers = writers;
    this.workers = workers;
    this.chunk = chunk;
    this.progressMillis = progressMillis;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.out.println("usage: Migration SHARD_CONFIG.yaml LEGACY_JDBC_URL [--workers N] [--chunk N] [--progress-ms N] [--raw]");
      System.exit(2);
    }
    int workers = 4;
    int chunk = 500;
    long progressMillis = 1000;
    boolean raw = false;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--workers" -> workers = Integer.parseInt(args[++i]);
        case "--chunk" -> chunk = Integer.parseInt(args[++i]);
        case "--progress-ms" -> progressMillis = Long.parseLong(args[++i]);
        case "--raw" -> raw = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ChunkWriter.Factory writers = raw ? RawJdbcChunkWriter.factory(java.nio.file.Path.of(args[0]))
        : DriverChunkWriter.factory(java.nio.file.Path.of(args[0]));
    long copied = new Migration(args[1], writers, workers, chunk, progressMillis).run(System.out, System.console() != null);
    System.out.println("done: copied " + copied + " rows");
  }

  /**
   * Copies every row not yet marked.
   *
   * @param terminal whether to draw a progress bar in place (else plain progress lines)
   * @return the rows copied by this run
   */
  long run(PrintStream out, boolean terminal) throws Exception {
    long[] range;
    long total;
    try (Connection legacy = DriverManager.getConnection(legacyUrl, "root", "");
        Statement statement = legacy.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MIN(id), MAX(id), COUNT(*) FROM legacy_orders WHERE is_import = 0")) {
      rows.next();
      range = new long[] {rows.getLong(1), rows.getLong(2) + 1};
      total = rows.getLong(3);
    }
    out.printf("to copy: %,d rows not yet imported, with %d workers over key ranges%n", total, workers);
    if (total == 0) {
      return 0;
    }
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try (Progress progress = new Progress(out, terminal, progressMillis, total)) {
      List<Future<?>> futures = new ArrayList<>();
      long span = range[1] - range[0];
      for (int worker = 0; worker < workers; worker++) {
        long from = range[0] + span * worker / workers;
        long to = range[0] + span * (worker + 1) / workers;
        futures.add(pool.submit(() -> {
          copyRange(from, to, progress);
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      progress.close();
      out.printf("copied %,d rows in %.1f s: %,.0f rows/s%n", progress.copied(), seconds, progress.copied() / seconds);
      return progress.copied();
    } finally {
      pool.shutdownNow();
    }
  }

  /** One worker: chunk after chunk of its key range [from, to), copied then marked. */
  private void copyRange(long from, long to, Progress progress) throws SQLException {
    try (Connection legacy = DriverManager.getConnection(legacyUrl, "root", "");
        ChunkWriter writer = writers.open();
        PreparedStatement read = legacy.prepareStatement("SELECT " + SOURCE_COLUMNS + " FROM legacy_orders"
            + " WHERE id >= ? AND id < ? AND is_import = 0 ORDER BY id LIMIT ?")) {
      long next = from;
      while (next < to) {
        read.setLong(1, next);
        read.setLong(2, to);
        read.setInt(3, chunk);
        List<Object[]> rows = new ArrayList<>(chunk);
        try (ResultSet result = read.executeQuery()) {
          while (result.next()) {
            Object[] row = new Object[6];
            for (int i = 0; i < row.length; i++) {
              row[i] = result.getObject(i + 1);
            }
            rows.add(row);
          }
        }
        if (rows.isEmpty()) {
          return;
        }
        writer.write(rows);
        mark(legacy, rows);
        progress.copied(rows.size());
        next = (Long) rows.get(rows.size() - 1)[0] + 1;
      }
    }
  }

  private static void mark(Connection legacy, List<Object[]> rows) throws SQLException {
    StringBuilder sql = new StringBuilder("UPDATE legacy_orders SET is_import = 1 WHERE id IN (");
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    try (PreparedStatement update = legacy.prepareStatement(sql.append(')').toString())) {
      for (int i = 0; i < rows.size(); i++) {
        update.setLong(i + 1, (Long) rows.get(i)[0]);
      }
      update.executeUpdate();
    }
  }
}
