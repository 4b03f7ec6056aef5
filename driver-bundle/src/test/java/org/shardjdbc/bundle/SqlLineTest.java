package org.shardjdbc.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.DifferentialDatabase;

/**
 * SQLLine over the bundle, started by the documented command ({@code driver-bundle/sqlline.sh}) and fed a script:
 * {@code !tables} and {@code !describe} show logical tables, a query returns the rows of one database.
 */
class SqlLineTest {
  private static final Pattern PHYSICAL_TABLE = Pattern.compile("(?s).*\\b(orders|order_items)_\\d+\\b.*");

  @Test
  void script_showsLogicalTablesAndRows() throws Exception {
    DifferentialDatabase database = DifferentialDatabase.shared();
    Path script = Path.of("target", "sqlline-script.sql");
    Files.writeString(script, String.join("\n",
        "!tables",
        "!describe orders",
        "!primarykeys order_items",
        "SELECT COUNT(*) AS order_count FROM orders;",
        "!quit", ""));
    Path errors = Path.of("target", "sqlline-stderr.txt");
    Process process = new ProcessBuilder(List.of("sh", "sqlline.sh", database.shardUrl(), "-f", script.toString(),
        "--outputformat=csv", "--silent=true", "--showHeader=true"))
        .redirectError(errors.toFile())
        .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "SQLLine ended");
    assertEquals(0, process.exitValue(), output + Files.readString(errors));

    List<String> lines = output.lines().toList();
    String catalog = expectedCatalog(database);
    for (String table : List.of("countries", "customers", "order_items", "orders")) {
      assertTrue(lines.stream().anyMatch(line -> line.startsWith("'" + catalog + "','','" + table + "','TABLE'")),
          table + " in:\n" + output);
    }
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("'" + catalog + "','','orders','order_id','-5','BIGINT'")),
        "orders.order_id in:\n" + output);
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("'" + catalog + "','','order_items','item_id'")),
        "order_items' primary key in:\n" + output);
    assertTrue(lines.contains("'" + expectedCount(database) + "'"), output);
    assertFalse(PHYSICAL_TABLE.matcher(output).matches(), output);
  }

  private static String expectedCatalog(DifferentialDatabase database) throws Exception {
    try (Connection connection = database.connectShard()) {
      return connection.getCatalog();
    }
  }

  private static long expectedCount(DifferentialDatabase database) throws Exception {
    try (Connection single = database.connectSingle(); Statement statement = single.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }
}
