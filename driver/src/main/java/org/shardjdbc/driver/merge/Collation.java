package org.shardjdbc.driver.merge;

import com.mysql.cj.jdbc.result.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The collations whose order the driver knows exactly, for the comparisons the merge makes without the server's
 * weights: strings that a HAVING or a computed column compares with a constant, and the columns of a
 * {@code SELECT DISTINCT *}. Everywhere else the merge compares strings by the weights the shards computed
 * ({@link org.shardjdbc.planner.merge.CollationKey}), which is exact in every collation.
 *
 * <p>Two properties decide a collation here: the weights of the characters, and whether trailing spaces count. A
 * PAD SPACE collation compares the shorter string as if padded with spaces, so {@code 'a' = 'a '} but
 * {@code 'a\t' < 'a'} (a tab weighs less than a space); a NO PAD collation compares the strings as they are. The
 * binary collations compare code points; the general and latin1 ones weigh each character alone, with MySQL's own
 * tables (see {@link WeightTable}), checked character by character against a running MariaDB.
 *
 * <p>A collation known only by an id that means different things on MySQL and MariaDB, or that stands for several
 * collations, is not one of these: MariaDB 11.4 reports all its utf8mb4 {@code uca1400} collations, PAD SPACE or
 * NO PAD, accent-sensitive or not, as id 224 ({@code utf8mb4_unicode_ci}), and its id 309
 * ({@code utf8mb4_0900_bin}) pads where MySQL's does not. Nor are MariaDB's latin1 NO PAD collations (ids 1032 and
 * 1071), whose strings mysql-connector-j 9.5 decodes as UTF-8 and so loses before any comparison.
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum Collation {
  /** Code point order, trailing spaces ignored: utf8mb4_bin, utf8mb3_bin, ascii_bin. */
  BINARY_PAD(Order.CODE_POINT, true),
  /** Code point order: binary strings, MariaDB's utf8mb4_nopad_bin and utf8mb3_nopad_bin. */
  BINARY_NO_PAD(Order.CODE_POINT, false),
  /**
   * utf8mb4_general_ci and utf8mb3_general_ci: one weight per character, uppercase with accents removed for Latin,
   * Greek and Cyrillic ({@code 'ß' = 's'}, not {@code 'ss'}), every character above U+FFFF weighing U+FFFD; PAD SPACE.
   */
  GENERAL_CI(Order.GENERAL, true),
  /** MariaDB's utf8mb4_general_nopad_ci and utf8mb3_general_nopad_ci: {@link #GENERAL_CI} without padding. */
  GENERAL_NO_PAD_CI(Order.GENERAL, false),
  /** latin1_swedish_ci, the default of latin1 tables: Swedish order ({@code 'Ä'} after {@code 'Z'}), PAD SPACE. */
  LATIN1_SWEDISH_CI(Order.LATIN1_SWEDISH, true),
  /** latin1_bin: the order of the latin1 (cp1252) bytes, PAD SPACE. */
  LATIN1_BIN(Order.LATIN1_BYTES, true);

  private enum Order {
    CODE_POINT,
    GENERAL,
    LATIN1_SWEDISH,
    LATIN1_BYTES
  }

  private final Order order;
  private final boolean padSpace;

  Collation(Order order, boolean padSpace) {
    this.order = order;
    this.padSpace = padSpace;
  }

  /** Whether trailing spaces are ignored ({@code PAD SPACE}) rather than compared ({@code NO PAD}). */
  public boolean padSpace() {
    return padSpace;
  }

  /**
   * Compares two strings as the server would.
   *
   * @param a a string, not null
   * @param b a string, not null
   * @return a negative number, zero or a positive number as {@code a} sorts before, with or after {@code b}
   */
  public int compare(String a, String b) {
    if (a == b) {
      return 0;
    }
    switch (order) {
      case CODE_POINT:
        return compareCodePoints(a, b, padSpace);
      case GENERAL:
      case LATIN1_SWEDISH:
      case LATIN1_BYTES:
        return compareWeights(table(), a, b, padSpace);
    }
    throw new AssertionError(order);
  }

  /**
   * A key for grouping: {@code key(a).equals(key(b))} exactly when {@code compare(a, b) == 0}. For the collations
   * with weights it is the string of weights (without trailing space weights for PAD SPACE); for the binary ones
   * the string itself.
   *
   * @param s a string, not null
   * @return its key, never null
   */
  public String key(String s) {
    switch (order) {
      case CODE_POINT:
        return padded(s);
      case GENERAL:
      case LATIN1_SWEDISH:
      case LATIN1_BYTES:
        return weightKey(table(), s, padSpace);
    }
    throw new AssertionError(order);
  }

  /**
   * The collation of one column of a result set, when the driver knows it exactly: from the collation id that
   * mysql-connector-j's metadata carries (see {@link #forCollationId(int)}). Columns that hold no strings get
   * {@link #BINARY_NO_PAD}, which they never use.
   *
   * @param md the metadata of a result set
   * @param column the column, from 1
   * @return the collation to compare the column's strings with, or null when the column holds strings in a collation
   *     not known exactly here (or metadata of another JDBC driver, which carries no collation id)
   * @throws SQLException if the metadata cannot be read
   */
  public static Collation forColumn(java.sql.ResultSetMetaData md, int column) throws SQLException {
    if (!holdsStrings(md.getColumnType(column))) {
      return BINARY_NO_PAD;
    }
    if (md.isWrapperFor(ResultSetMetaData.class)) {
      return forCollationId(md.unwrap(ResultSetMetaData.class).getFields()[column - 1].getCollationIndex());
    }
    return null;
  }

  /**
   * The collation with a MySQL or MariaDB collation id, as the protocol's column definitions carry it, if the id
   * means one collation on both servers and the driver knows its order exactly.
   *
   * @param id a collation id, as in {@code information_schema.COLLATIONS.ID}
   * @return the collation, or null for any other id
   */
  static Collation forCollationId(int id) {
    switch (id) {
      case 63: // binary
      case 1070: // utf8mb4_nopad_bin (MariaDB)
      case 1107: // utf8mb3_nopad_bin (MariaDB)
        return BINARY_NO_PAD;
      case 46: // utf8mb4_bin
      case 83: // utf8mb3_bin
      case 65: // ascii_bin
        return BINARY_PAD;
      case 45: // utf8mb4_general_ci
      case 33: // utf8mb3_general_ci
        return GENERAL_CI;
      case 1069: // utf8mb4_general_nopad_ci (MariaDB)
      case 1057: // utf8mb3_general_nopad_ci (MariaDB)
        return GENERAL_NO_PAD_CI;
      case 8: // latin1_swedish_ci
        return LATIN1_SWEDISH_CI;
      case 47: // latin1_bin
        return LATIN1_BIN;
      default:
        return null;
    }
  }

  /** Whether a JDBC type is one of the character types, whose values the collation compares. */
  static boolean holdsStrings(int sqlType) {
    switch (sqlType) {
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB:
        return true;
      default:
        return false;
    }
  }

  private WeightTable table() {
    switch (order) {
      case GENERAL:
        return WeightTable.general();
      case LATIN1_SWEDISH:
        return WeightTable.latin1Swedish();
      case LATIN1_BYTES:
        return WeightTable.latin1Bytes();
      case CODE_POINT:
        break;
    }
    throw new AssertionError(order + " has no weight table");
  }

  /** The string as a PAD SPACE collation sees it: without trailing spaces. */
  private String padded(String s) {
    if (!padSpace) {
      return s;
    }
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  private static int compareCodePoints(String a, String b, boolean padSpace) {
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointOrder(x) - codePointOrder(y);
      }
    }
    if (a.length() == b.length()) {
      return 0;
    }
    boolean aLonger = a.length() > b.length();
    if (!padSpace) {
      return aLonger ? 1 : -1;
    }
    String longer = aLonger ? a : b;
    for (int i = common; i < longer.length(); i++) {
      char c = longer.charAt(i);
      if (c != ' ') {
        return (c < ' ') == aLonger ? -1 : 1;
      }
    }
    return 0;
  }

  /**
   * UTF-16 units compare in code point order except that surrogates (U+10000 and up) must sort after U+E000..U+FFFF:
   * moving the units up there and U+E000..U+FFFF down fixes it.
   */
  private static int codePointOrder(char c) {
    return c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
  }

  private static int compareWeights(WeightTable table, String a, String b, boolean padSpace) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      i += Character.charCount(x);
      j += Character.charCount(y);
      int difference = table.weight(x) - table.weight(y);
      if (difference != 0) {
        return difference;
      }
    }
    boolean aLonger = i < a.length();
    if (!aLonger && j == b.length()) {
      return 0;
    }
    if (!padSpace) {
      return aLonger ? 1 : -1;
    }
    String longer = aLonger ? a : b;
    for (int k = aLonger ? i : j; k < longer.length(); ) {
      int c = longer.codePointAt(k);
      k += Character.charCount(c);
      char weight = table.weight(c);
      if (weight != table.spaceWeight) {
        return (weight < table.spaceWeight) == aLonger ? -1 : 1;
      }
    }
    return 0;
  }

  private static String weightKey(WeightTable table, String s, boolean padSpace) {
    StringBuilder key = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      key.append(table.weight(c));
    }
    if (padSpace) {
      int end = key.length();
      while (end > 0 && key.charAt(end - 1) == table.spaceWeight) {
        end--;
      }
      key.setLength(end);
    }
    return key.toString();
  }
}
