package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardjdbc.driver.runtime.ShardRuntimes;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.QueryResult;
import org.shardjdbc.driver.testing.StringEquality;

/**
 * GROUP_CONCAT cut at {@code group_concat_max_len} as the server cuts it: the shards' sessions and the unsharded
 * copy's have a limit of {@value #MAX_LENGTH} bytes (the data sources' URLs set it), so most values are cut, some in
 * the middle of a two-byte character; the merged values, their type (VARCHAR below 512) and the warnings
 * ("Row N was cut by GROUP_CONCAT()") must be the server's.
 */
class GroupConcatLimitTest {
  private static final int MAX_LENGTH = 61;
  private static String url;

  @BeforeAll
  static void configure() throws SQLException, IOException {
    String yaml = DifferentialDatabase.shared().layout().yaml()
        .replaceAll("(url: \"jdbc:mysql://[^\"]*)\"", "$1&sessionVariables=group_concat_max_len=" + MAX_LENGTH + "\"");
    assertTrue(yaml.contains("group_concat_max_len"), yaml);
    Path directory = Path.of("target", "shard-configs").toAbsolutePath();
    Files.createDirectories(directory);
    Path file = Files.createTempFile(directory, "group-concat-", ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, yaml);
    url = "jdbc:shard:" + file;
  }

  @AfterAll
  static void close() {
    ShardRuntimes.close(url.substring("jdbc:shard:".length()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT customer_id, GROUP_CONCAT(order_id ORDER BY order_id) FROM orders WHERE customer_id < 40"
          + " GROUP BY customer_id ORDER BY customer_id",
      "SELECT GROUP_CONCAT(note ORDER BY order_id SEPARATOR ' · ') FROM orders WHERE customer_id = 3",
      "SELECT customer_id, GROUP_CONCAT(note, 'ñ', qty ORDER BY order_id DESC SEPARATOR 'é') FROM orders"
          + " WHERE customer_id BETWEEN 100 AND 140 GROUP BY customer_id ORDER BY customer_id",
      "SELECT GROUP_CONCAT(DISTINCT qty ORDER BY qty DESC) FROM orders",
      "SELECT GROUP_CONCAT(order_id ORDER BY order_id SEPARATOR '') FROM orders WHERE order_id BETWEEN -200 AND 200",
      "SELECT GROUP_CONCAT(order_id ORDER BY order_id) FROM orders WHERE order_id BETWEEN 0 AND 150",
  })
  void valuesAreCutAsTheServerCutsThem(String sql) throws SQLException {
    Result expected;
    try (Connection single = DifferentialDatabase.shared().connectSingle(); Statement statement = single.createStatement()) {
      statement.execute("SET SESSION group_concat_max_len = " + MAX_LENGTH);
      expected = run(statement, sql);
    }
    Result actual;
    try (Connection shard = DriverManager.getConnection(url); Statement statement = shard.createStatement()) {
      actual = run(statement, sql);
    }
    assertTrue(expected.rows().rows().size() > 0, sql);
    assertNull(expected.rows().firstDifference(actual.rows(), true, StringEquality.EXACT), sql);
    assertEquals(expected.warnings(), actual.warnings(), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT customer_id, GROUP_CONCAT(order_id ORDER BY order_id) FROM orders WHERE customer_id < 40"
          + " GROUP BY customer_id ORDER BY customer_id",
      "SELECT GROUP_CONCAT(note ORDER BY order_id SEPARATOR ' · ') FROM orders WHERE customer_id = 3",
  })
  void valuesAreCut(String sql) throws SQLException {
    try (Connection shard = DriverManager.getConnection(url); Statement statement = shard.createStatement()) {
      Result result = run(statement, sql);
      assertTrue(result.warnings().size() > 0, sql + " cuts nothing: the test would prove nothing");
    }
  }

  private record Result(QueryResult rows, List<String> warnings) {}

  private static Result run(Statement statement, String sql) throws SQLException {
    QueryResult rows;
    try (ResultSet resultSet = statement.executeQuery(sql)) {
      rows = QueryResult.read(resultSet);
      List<String> warnings = new ArrayList<>();
      for (SQLWarning warning = statement.getWarnings(); warning != null; warning = warning.getNextWarning()) {
        warnings.add(warning.getErrorCode() + " " + warning.getSQLState() + " " + warning.getMessage());
      }
      return new Result(rows, warnings);
    }
  }
}
