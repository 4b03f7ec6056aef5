package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;
import org.shardjdbc.planner.merge.CollationKey;
import org.shardjdbc.planner.merge.ColumnRef;
import org.shardjdbc.planner.rewrite.ServerWeights;

/**
 * For every collation the server has (1,286 on MariaDB 11.4, counting each character set's uca1400 collations), sorts
 * the test strings with {@code ORDER BY x, id} where {@code x} is the string converted to the collation's character
 * set in that collation, and reads the hidden columns the planner would add ({@link ServerWeights}); then
 * {@link ColumnOrder} must compare every adjacent pair as the server does ({@code x = LAG(x)} for equal, else less)
 * and group the strings into the server's runs of equal strings, or {@link MergeColumns} must refuse the collation.
 * Zero mismatches; the refused collations are exactly those {@link #isRefused} names.
 */
class ColumnOrderServerTest {
  private static final String DATABASE = "column_order_test";

  private static Connection connection;

  @BeforeAll
  static void createTable() throws SQLException {
    TestServer server = TestServers.shared();
    try (Connection c = server.connect(""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE);
    }
    connection = server.connect(DATABASE);
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE strings (id INT PRIMARY KEY, s VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,"
          + " t VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci)");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO strings VALUES (?, ?, ?)")) {
      int id = 0;
      for (String value : CollationServerTest.testStrings()) {
        insert.setInt(1, ++id);
        insert.setString(2, value);
        insert.setString(3, value);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void everyCollation_ordersAndGroupsAsTheServer_orIsRefused() throws SQLException {
    List<String[]> collations = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT FULL_COLLATION_NAME, CHARACTER_SET_NAME FROM information_schema"
            + ".COLLATION_CHARACTER_SET_APPLICABILITY ORDER BY ID, FULL_COLLATION_NAME")) {
      while (rs.next()) {
        collations.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    assertTrue(collations.size() > 1000, "collations: " + collations.size());
    List<String> mismatches = new ArrayList<>();
    Set<String> refused = new TreeSet<>();
    Set<String> expectedRefused = new TreeSet<>();
    for (String[] collation : collations) {
      String name = collation[0];
      if (isRefused(name)) {
        expectedRefused.add(name);
      }
      String x = "CONVERT(s USING `" + collation[1] + "`) COLLATE `" + name + "`";
      List<String> problems = compareWithServer(x, x);
      if (problems == null) {
        refused.add(name);
      } else {
        problems.forEach(problem -> mismatches.add(name + ": " + problem));
      }
    }
    assertEquals(List.of(), mismatches.subList(0, Math.min(mismatches.size(), 40)), mismatches.size() + " mismatches");
    assertEquals(expectedRefused, refused);
    assertEquals(814, collations.size() - refused.size(), "collations compared exactly");
  }

  /**
   * An expression whose collations conflict (two columns of different collations: derivation NONE) cannot be compared
   * with anything in SQL, yet the server sorts it (in utf8mb4_bin, as {@code COLLATION()} says): the collation key
   * must still give its order.
   */
  @Test
  void conflictingCollations_orderAsTheServer() throws SQLException {
    String x = "CONCAT(s, '-', t)";
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COLLATION(" + x + ")"
        + " FROM strings LIMIT 1")) {
      rs.next();
      assertEquals("utf8mb4_bin", rs.getString(1));
    }
    assertEquals(List.of(), compareWithServer(x, x + " COLLATE utf8mb4_bin"));
  }

  /**
   * The collations the merge refuses, as their names say: those that pad and have several levels of weights
   * (MariaDB's uca1400 collations that are accent- or case-sensitive and not NO PAD, the czech_cs and thai_520_w2
   * ones), MariaDB's accent-insensitive, case-sensitive uca1400 ones, and those whose order the server's weights do
   * not give (big5_chinese_ci, latin7_general_ci and their kin).
   */
  private static boolean isRefused(String name) {
    boolean uca1400 = name.contains("_uca1400_");
    return uca1400 && !name.contains("_nopad_") && !name.endsWith("_ai_ci") || uca1400 && name.endsWith("_ai_cs")
        || name.endsWith("_czech_cs") || name.endsWith("_thai_520_w2")
        || Set.of("big5_chinese_ci", "big5_chinese_nopad_ci", "latin7_estonian_cs", "latin7_general_ci",
            "latin7_general_cs").contains(name);
  }

  /**
   * The mismatches between the server and the merge's comparison of one expression, or null when the merge refuses
   * it. The rows are read as a shard's would be: the expression, then its collation key's hidden columns.
   *
   * @param comparable the expression in a form the server can compare with another
   */
  private static List<String> compareWithServer(String x, String comparable) throws SQLException {
    List<String> problems = new ArrayList<>();
    Object[] previous = null;
    int runs = 0;
    Set<Object> keys = new HashSet<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + comparable + " = LAG(" + comparable + ") OVER (ORDER BY " + x
            + ", id), " + x + ", "
            + ServerWeights.weights(x) + ", " + ServerWeights.padding(x) + " FROM strings WHERE s IS NOT NULL"
            + " ORDER BY " + x + ", id")) {
      MergeColumns columns = new MergeColumns(rs.getMetaData(), true,
          List.of(new CollationKey(ColumnRef.visible(1), ColumnRef.hidden(0), ColumnRef.hidden(1))), 2);
      ColumnOrder order;
      try {
        order = columns.order(1, "ORDER BY");
      } catch (SQLFeatureNotSupportedException e) {
        return null;
      }
      while (rs.next()) {
        Object[] row = {rs.getObject(1), rs.getObject(2), rs.getObject(3), rs.getObject(4)};
        try {
          columns.checkPadding(row);
        } catch (SQLFeatureNotSupportedException e) {
          return null;
        }
        if (previous != null) {
          boolean serverEqual = rs.getInt(1) == 1;
          int ours = order.compare(previous, row);
          if (serverEqual ? ours != 0 : ours >= 0) {
            problems.add("server " + show(previous[1]) + (serverEqual ? " = " : " < ") + show(row[1]) + ", ours "
                + (ours == 0 ? "=" : ours < 0 ? "<" : ">"));
          }
          if (serverEqual != order.groupKey(previous).equals(order.groupKey(row))) {
            problems.add("group key of " + show(previous[1]) + " and " + show(row[1]) + (serverEqual ? " differ" : " equal"));
          }
          runs += serverEqual ? 0 : 1;
        } else {
          runs = 1;
        }
        keys.add(order.groupKey(row));
        previous = row;
      }
    }
    if (keys.size() != runs) {
      problems.add("server groups: " + runs + ", ours " + keys.size());
    }
    return problems;
  }

  private static String show(Object value) {
    return value instanceof String text ? CollationServerTest.show(text) : String.valueOf(value);
  }
}
