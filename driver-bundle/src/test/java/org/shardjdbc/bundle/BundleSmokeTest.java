package org.shardjdbc.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.DifferentialDatabase;

/**
 * The self-contained jar in a JVM whose class path has older SnakeYAML, Guava, Jackson, protobuf and HikariCP ahead
 * of it: sharded queries return the rows of the unsharded database.
 */
class BundleSmokeTest {
  private static final List<String> QUERIES = List.of(
      "SELECT COUNT(*), SUM(order_id) FROM orders",
      "SELECT order_id, status FROM orders WHERE order_id = -31786",
      "SELECT order_id, status FROM orders ORDER BY order_id LIMIT 5");

  @Test
  void bundleWithOlderLibrariesFirst_returnsTheRowsOfOneDatabase() throws Exception {
    Path bundle = Path.of(System.getProperty("shard.bundle.jar"));
    assertTrue(Files.isRegularFile(bundle), bundle.toString());
    List<String> classPath = new ArrayList<>();
    try (Stream<Path> conflicts = Files.list(Path.of("target", "conflicts"))) {
      conflicts.sorted().forEach(jar -> classPath.add(jar.toString()));
    }
    assertEquals(6, classPath.size(), "older libraries: " + classPath);
    classPath.add(bundle.toString());
    classPath.add(Path.of("target", "test-classes").toString());

    DifferentialDatabase database = DifferentialDatabase.shared();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classPath), SmokeMain.class.getName(), database.shardUrl()));
    command.addAll(QUERIES);
    Path errors = Path.of("target", "bundle-smoke-stderr.txt");
    Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child JVM ended");
    assertEquals(0, process.exitValue(), output + Files.readString(errors));

    List<String> lines = output.lines().toList();
    assertEquals("driver: " + bundle.toUri().toURL(), lines.get(0));
    assertEquals(expected(database), lines.subList(1, lines.size()));
  }

  private static List<String> expected(DifferentialDatabase database) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Connection single = database.connectSingle(); Statement statement = single.createStatement()) {
      for (String query : QUERIES) {
        try (ResultSet rows = statement.executeQuery(query)) {
          ResultSetMetaData meta = rows.getMetaData();
          while (rows.next()) {
            StringBuilder line = new StringBuilder();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
              line.append(column > 1 ? "\t" : "").append(rows.getString(column));
            }
            lines.add(line.toString());
          }
        }
      }
    }
    assertTrue(lines.size() == 7, "rows of the unsharded database: " + lines);
    return lines;
  }
}
