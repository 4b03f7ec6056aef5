package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a sorted merge costs per row: the client's and the server's CPU time for {@code SELECT id, <key> FROM names
 * ORDER BY <key>} over every row, read through {@code jdbc:shard:} with {@code getObject}, for a string key in
 * utf8mb4_general_ci, one in utf8mb4_uca1400_ai_ci, and a BIGINT key. The question it answers: what the merge's
 * string comparisons cost (issue 6: the collation approach chosen is measured against the one before it).
 *
 * <p>One embedded MariaDB (kept under {@code benchmarks/target/bench-data/merge-cost/}) holds 4 databases
 * ({@code merge_0..3}, one data source each) of 4 tables ({@code names_00..15}, rows placed by {@code id mod 16});
 * each data source answers with one UNION ALL statement, so the driver merges 4 sorted streams. The rows are made on
 * the server from MariaDB's SEQUENCE engine: names such as {@code 'Émile 48213-17'} drawn from case and accent
 * variants, unique by the id at their end. The client's CPU time and bytes allocated are those of all its threads
 * ({@link ThreadCost}), the server's CPU its utime + stime from {@code /proc} (10 ms ticks), over {@code runs} queries
 * after one warm-up query of every key; the machine is shared, so compare the rows of one run, not runs.
 *
 * <pre>
 * mvn -B -o -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
 *     -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     org.shardjdbc.benchmarks.SortedMergeCost [rows, default 1000000] [runs, default 3]
 * </pre>
 */
public final class SortedMergeCost {
  static final int DATA_SOURCES = 4;
  static final int TABLES_PER_DATA_SOURCE = 4;
  private static final int TABLES = DATA_SOURCES * TABLES_PER_DATA_SOURCE;
  private static final double MILLIS_PER_TICK = 10;

  /** The sort keys measured. */
  enum Key {
    GENERAL_CI("name_general"),
    UCA1400_AI_CI("name_uca1400"),
    BIGINT("id");

    final String column;

    Key(String column) {
      this.column = column;
    }

    String sql() {
      return "SELECT id, " + column + " FROM names ORDER BY " + column;
    }
  }

  /** The cost of one key's query, per row. */
  record Cost(Key key, long rows, double clientNanosPerRow, double clientBytesPerRow, double serverNanosPerRow,
      double wallMillis) {}

  private SortedMergeCost() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path root = Path.of(System.getProperty("shardbench.dataDir", "benchmarks/target/bench-data")).toAbsolutePath();
    try (EmbeddedServers servers = EmbeddedServers.start(root, "merge-cost", 1)) {
      HostPort server = servers.addresses().get(0);
      List<Cost> costs = measure(server, root, rows, runs, System.out);
      System.out.println(report(costs, rows, runs));
    }
    System.exit(0);
  }

  /**
   * Loads the rows (unless the server holds them already) and measures each key.
   *
   * @param log where progress goes
   */
  static List<Cost> measure(HostPort server, Path work, long rows, int runs, PrintStream log) throws SQLException {
    load(server, rows, log);
    Path config = writeConfig(server, work);
    Path stat = serverStat(server);
    List<Cost> costs = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:shard:" + config)) {
      for (Key key : Key.values()) {
        long read = readAll(connection, key);
        if (read != rows) {
          throw new IllegalStateException(key + ": read " + read + " rows, expected " + rows);
        }
      }
      for (Key key : Key.values()) {
        ThreadCost clientBefore = ThreadCost.now();
        double serverBefore = serverTicks(stat);
        long start = System.nanoTime();
        for (int run = 0; run < runs; run++) {
          readAll(connection, key);
        }
        double wall = (System.nanoTime() - start) / 1e6 / runs;
        ThreadCost clientAfter = ThreadCost.now();
        double client = (double) clientAfter.cpuNanosSince(clientBefore) / runs / rows;
        double bytes = (double) clientAfter.bytesSince(clientBefore) / runs / rows;
        double serverCpu = (serverTicks(stat) - serverBefore) * MILLIS_PER_TICK * 1e6 / runs / rows;
        costs.add(new Cost(key, rows, client, bytes, serverCpu, wall));
        log.printf(Locale.ROOT, "%s: client %.0f ns/row, %.0f B/row allocated, server %.0f ns/row, %.0f ms/query%n", key,
            client, bytes, serverCpu, wall);
      }
    }
    return costs;
  }

  /** Reads every row of a key's query with getObject, as an application does, and counts them. */
  static long readAll(Connection connection, Key key) throws SQLException {
    long count = 0;
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(key.sql())) {
      while (rows.next()) {
        rows.getObject(1);
        rows.getObject(2);
        count++;
      }
    }
    return count;
  }

  static String report(List<Cost> costs, long rows, int runs) {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "Sorted merge of %,d rows from %d data sources x %d tables, %d runs each%n",
        rows, DATA_SOURCES, TABLES_PER_DATA_SOURCE, runs));
    text.append("| ORDER BY | client CPU / row | client allocated / row | server CPU / row | wall / query |\n"
        + "|---|--:|--:|--:|--:|\n");
    for (Cost cost : costs) {
      text.append(String.format(Locale.ROOT, "| %s (%s) | %.0f ns | %.0f B | %.0f ns | %.0f ms |%n", cost.key().column,
          cost.key(), cost.clientNanosPerRow(), cost.clientBytesPerRow(), cost.serverNanosPerRow(), cost.wallMillis()));
    }
    return text.toString();
  }

  private static void load(HostPort server, long rows, PrintStream log) throws SQLException {
    String signature = "names " + rows + " rows, " + TABLES + " tables";
    try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + server + "/?" + BenchCluster.URL_OPTIONS,
            "root", "");
        Statement statement = connection.createStatement()) {
      if (signature.equals(loadedSignature(statement))) {
        return;
      }
      long start = System.nanoTime();
      for (int dataSource = 0; dataSource < DATA_SOURCES; dataSource++) {
        statement.execute("DROP DATABASE IF EXISTS merge_" + dataSource);
        statement.execute("CREATE DATABASE merge_" + dataSource + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        statement.execute("USE merge_" + dataSource);
        for (int table = dataSource * TABLES_PER_DATA_SOURCE; table < (dataSource + 1) * TABLES_PER_DATA_SOURCE; table++) {
          String name = "merge_" + dataSource + "." + table(table);
          statement.execute("CREATE TABLE " + name + " (id BIGINT NOT NULL PRIMARY KEY,"
              + " name_general VARCHAR(40) COLLATE utf8mb4_general_ci NOT NULL,"
              + " name_uca1400 VARCHAR(40) COLLATE utf8mb4_uca1400_ai_ci NOT NULL)");
          String nameExpression = "CONCAT(ELT(1 + (seq * 7) % 12, 'Zoë', 'zoe', 'Émile', 'emile', 'Åsa', 'asa', 'Straße',"
              + " 'STRASSE', 'Ñandú', 'nandu', 'Œuvre', 'oeuvre'), ' ', (seq * 7919) % 100003, '-', seq)";
          statement.execute("INSERT INTO " + name + " SELECT seq, " + nameExpression + ", " + nameExpression + " FROM seq_"
              + (table == 0 ? TABLES : table) + "_to_" + rows + "_step_" + TABLES);
        }
      }
      statement.execute("CREATE TABLE merge_0.meta (signature VARCHAR(100) NOT NULL)");
      statement.execute("INSERT INTO merge_0.meta VALUES ('" + signature + "')");
      log.printf("loaded %s in %.1f s%n", signature, (System.nanoTime() - start) / 1e9);
    }
  }

  private static String loadedSignature(Statement statement) throws SQLException {
    try (ResultSet tables = statement.executeQuery(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'merge_0' AND table_name = 'meta'")) {
      tables.next();
      if (tables.getInt(1) == 0) {
        return null;
      }
    }
    try (ResultSet row = statement.executeQuery("SELECT signature FROM merge_0.meta")) {
      return row.next() ? row.getString(1) : null;
    }
  }

  private static String table(int index) {
    return String.format(Locale.ROOT, "names_%02d", index);
  }

  private static Path writeConfig(HostPort server, Path work) {
    StringBuilder yaml = new StringBuilder("dataSources:\n");
    for (int d = 0; d < DATA_SOURCES; d++) {
      yaml.append("  h").append(d).append(": { url: \"jdbc:mysql://").append(server).append("/merge_").append(d)
          .append('?').append(BenchCluster.URL_OPTIONS).append("\", username: root, password: \"\" }\n");
    }
    yaml.append("tables:\n  names:\n    shardKey: id\n    nodes:\n");
    for (int d = 0; d < DATA_SOURCES; d++) {
      yaml.append("      h").append(d).append(": \"names_${").append(table(d * TABLES_PER_DATA_SOURCE).substring(6))
          .append("..").append(table((d + 1) * TABLES_PER_DATA_SOURCE - 1).substring(6)).append("}\"\n");
    }
    yaml.append("defaultDataSource: h0\n");
    try {
      Files.createDirectories(work);
      Path file = work.resolve("merge-cost.yaml");
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the configuration under " + work, e);
    }
  }

  /** {@code /proc/<pid>/stat} of the server, or null when it cannot be read (the server's CPU is then NaN). */
  private static Path serverStat(HostPort server) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + server + "/?" + BenchCluster.URL_OPTIONS,
            "root", "");
        Statement statement = connection.createStatement();
        ResultSet pidFile = statement.executeQuery("SELECT @@pid_file")) {
      pidFile.next();
      Path stat = Path.of("/proc", Files.readString(Path.of(pidFile.getString(1))).trim(), "stat");
      return Files.isReadable(stat) ? stat : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static double serverTicks(Path stat) {
    if (stat == null) {
      return Double.NaN;
    }
    try {
      String text = Files.readString(stat);
      String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      return Double.NaN;
    }
  }

}
