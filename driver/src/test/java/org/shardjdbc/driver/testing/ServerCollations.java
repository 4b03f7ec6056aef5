package org.shardjdbc.driver.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strings compared as the unsharded server compares them in the collation of their column: the fair measure for a
 * {@code ci} corpus entry, whose strings depend on which row of a group the server picks (a GROUP BY's value, a MIN
 * or MAX among case variants, a DISTINCT's representative), but never on anything else.
 *
 * <p>The collation of each column is the server's own answer for the entry's query, read once with
 * {@code WITH q(c1, …) AS (<query>) SELECT COLLATION(c1), CHARSET(c1), … FROM q LIMIT 1} (with the entry's
 * parameters). Two strings are equal when {@code CONVERT(? USING cs) COLLATE c = CONVERT(? USING cs)} says so; their
 * key is the hex of {@code WEIGHT_STRING} in the collation, of the string without trailing spaces when the collation
 * pads. A string the server calls equal to another but whose key differs (a trailing no-break space in a UCA
 * collation) makes a comparison fail, never pass.
 */
public final class ServerCollations implements StringEquality {
  private final Connection server;
  private final CorpusEntry entry;
  private final int columns;
  private List<String[]> collations;
  private final Map<String, String> keys = new HashMap<>();

  /**
   * @param server a connection to the unsharded database
   * @param entry the corpus entry whose results are compared
   * @param columns its number of columns
   */
  public ServerCollations(Connection server, CorpusEntry entry, int columns) {
    this.server = server;
    this.entry = entry;
    this.columns = columns;
  }

  @Override
  public boolean equal(int column, String a, String b) throws SQLException {
    String[] collation = collation(column);
    if (collation == null) {
      return a.equals(b);
    }
    String converted = "CONVERT(? USING `" + collation[1] + "`)";
    try (PreparedStatement statement = server.prepareStatement("SELECT " + converted + " COLLATE `" + collation[0]
        + "` = " + converted)) {
      statement.setString(1, a);
      statement.setString(2, b);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getInt(1) == 1;
      }
    }
  }

  @Override
  public String key(int column, String value) throws SQLException {
    String[] collation = collation(column);
    if (collation == null) {
      return value;
    }
    String cacheKey = column + "\u0000" + value;
    String key = keys.get(cacheKey);
    if (key == null) {
      String converted = "CONVERT(? USING `" + collation[1] + "`) COLLATE `" + collation[0] + "`";
      try (PreparedStatement statement = server.prepareStatement("SELECT HEX(WEIGHT_STRING(IF(" + converted
          + " = CONCAT(" + converted + ", ' '), RTRIM(" + converted + "), " + converted + "))), HEX(WEIGHT_STRING(CONVERT(' ' USING `"
          + collation[1] + "`) COLLATE `" + collation[0] + "`)), " + converted + " = CONCAT(" + converted + ", ' ')")) {
        for (int i = 1; i <= 6; i++) {
          statement.setString(i, value);
        }
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          key = result.getString(1);
          key = withoutTrailingSpaceWeights(key, result.getString(2), result.getInt(3) == 1);
        }
      }
      keys.put(cacheKey, key);
    }
    return key;
  }

  /**
   * A padding collation compares characters that weigh as much as a space (a no-break space in UCA collations) at
   * the end as if they were padding: so their weights at the end of the key are dropped too, as RTRIM drops spaces.
   */
  private static String withoutTrailingSpaceWeights(String key, String spaceWeight, boolean pads) {
    if (!pads || spaceWeight == null || spaceWeight.isEmpty()) {
      return key;
    }
    while (key.length() >= spaceWeight.length() && key.endsWith(spaceWeight)
        && (key.length() - spaceWeight.length()) % spaceWeight.length() == 0) {
      key = key.substring(0, key.length() - spaceWeight.length());
    }
    return key;
  }

  /** The collation name and character set of a column, or null for a column that holds no strings. */
  private String[] collation(int column) throws SQLException {
    if (collations == null) {
      collations = readCollations();
    }
    return column < collations.size() ? collations.get(column) : null;
  }

  private List<String[]> readCollations() throws SQLException {
    List<String> names = new ArrayList<>();
    List<String> reads = new ArrayList<>();
    for (int i = 1; i <= columns; i++) {
      names.add("c" + i);
      reads.add("COLLATION(c" + i + "), CHARSET(c" + i + ")");
    }
    // modifiers allowed only in a statement's outermost SELECT, which change nothing of the rows
    String query = entry.sql().replaceAll("(?i)\\b(HIGH_PRIORITY|SQL_NO_CACHE|SQL_CACHE|SQL_SMALL_RESULT|SQL_BIG_RESULT"
        + "|SQL_BUFFER_RESULT)\\b", "");
    String sql = "WITH q(" + String.join(", ", names) + ") AS (" + query + ") SELECT " + String.join(", ", reads)
        + " FROM q LIMIT 1";
    List<String[]> result = new ArrayList<>();
    try (PreparedStatement statement = server.prepareStatement(sql)) {
      for (int i = 0; i < entry.params().size(); i++) {
        CorpusEntry.bind(statement, i + 1, entry.params().get(i));
      }
      try (ResultSet row = statement.executeQuery()) {
        if (row.next()) {
          for (int i = 0; i < columns; i++) {
            String collation = row.getString(2 * i + 1);
            result.add("binary".equals(collation) ? null : new String[] {collation, row.getString(2 * i + 2)});
          }
        }
      }
    }
    return result;
  }
}
