package org.shardjdbc.driver.merge;

import com.mysql.cj.jdbc.result.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * How MySQL and MariaDB compare the strings of one column, so that merging rows from many shards in Java orders and
 * groups them as one unsharded table would.
 *
 * <p>Two properties decide a collation here: the weights of the characters, and whether trailing spaces count. A
 * PAD SPACE collation compares the shorter string as if padded with spaces, so {@code 'a' = 'a '} but
 * {@code 'a\t' < 'a'} (a tab weighs less than a space); a NO PAD collation compares the strings as they are.
 *
 * <ul>
 *   <li>The binary and general collations, and latin1's, are exact: their weights are MySQL's own tables (see
 *       {@link WeightTable}), checked character by character against a running MariaDB.
 *   <li>The UCA collations ({@link #UCA_CI}, {@link #UCA_0900_AI_CI}) use the primary weights of
 *       utf8mb4_unicode_ci (UCA 4.0.0, see {@link UcaWeights}), also read from the server: exact for
 *       utf8mb4_unicode_ci and utf8mb4_unicode_nopad_ci, an approximation for the newer UCA versions
 *       (unicode_520, MariaDB's uca1400, MySQL's 0900), which weigh characters above U+FFFF individually and move
 *       some characters. CollationServerTest measures the gap.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum Collation {
  /** Code point order, trailing spaces ignored: utf8mb4_bin, utf8mb3_bin, ascii_bin. */
  BINARY_PAD(Order.CODE_POINT, true),
  /** Code point order: binary strings, utf8mb4_0900_bin, MariaDB's utf8mb4_nopad_bin. */
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
  /** MariaDB's latin1_swedish_nopad_ci. */
  LATIN1_SWEDISH_NO_PAD_CI(Order.LATIN1_SWEDISH, false),
  /** latin1_bin: the order of the latin1 (cp1252) bytes, PAD SPACE. */
  LATIN1_BIN(Order.LATIN1_BYTES, true),
  /** MariaDB's latin1_nopad_bin. */
  LATIN1_NO_PAD_BIN(Order.LATIN1_BYTES, false),
  /**
   * utf8mb4_unicode_ci and utf8mb3_unicode_ci, and approximately utf8mb4_unicode_520_ci, MariaDB's
   * utf8mb4_uca1400_ai_ci and the language tailorings: UCA, accent- and case-insensitive, PAD SPACE.
   */
  UCA_CI(Order.UCA, true),
  /**
   * MariaDB's utf8mb4_unicode_nopad_ci, and approximately utf8mb4_0900_ai_ci (MySQL 8's default) and MariaDB's
   * other NO PAD UCA collations (utf8mb4_uca1400_nopad_ai_ci): UCA, accent- and case-insensitive, NO PAD.
   */
  UCA_0900_AI_CI(Order.UCA, false);

  private enum Order {
    CODE_POINT,
    GENERAL,
    LATIN1_SWEDISH,
    LATIN1_BYTES,
    UCA
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
      case UCA:
        return compareUca(UcaWeights.unicode400(), a, b, padSpace);
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
      case UCA:
        return ucaKey(UcaWeights.unicode400(), s, padSpace);
    }
    throw new AssertionError(order);
  }

  /**
   * The collation of one column of a result set. For mysql-connector-j's metadata the column's collation id decides
   * (see {@link #forCollationId(int)}); for an id this class does not know, or another driver's metadata, a
   * case-sensitive column is taken as {@link #BINARY_PAD} and any other as {@link #GENERAL_CI}. Columns that hold no
   * strings get {@link #BINARY_NO_PAD}, which they never use.
   *
   * <p>MariaDB 11.4 reports every utf8mb4 uca1400 collation, even {@code utf8mb4_uca1400_as_cs}, to
   * mysql-connector-j as id 224 (utf8mb4_unicode_ci), so such a column is compared as {@link #UCA_CI}.
   *
   * @param md the metadata of a result set
   * @param column the column, from 1
   * @return the collation to compare the column's strings with
   * @throws SQLException if the metadata cannot be read
   */
  public static Collation forColumn(java.sql.ResultSetMetaData md, int column) throws SQLException {
    if (!holdsStrings(md.getColumnType(column))) {
      return BINARY_NO_PAD;
    }
    if (md.isWrapperFor(ResultSetMetaData.class)) {
      Collation known = forCollationId(md.unwrap(ResultSetMetaData.class).getFields()[column - 1].getCollationIndex());
      if (known != null) {
        return known;
      }
    }
    return md.isCaseSensitive(column) ? BINARY_PAD : GENERAL_CI;
  }

  /**
   * The collation with a MySQL or MariaDB collation id, as the protocol's column definitions carry it.
   *
   * @param id a collation id, as in {@code information_schema.COLLATIONS.ID}
   * @return the collation, or null for an id not known here (a case-sensitive UCA collation, a multi-byte Asian
   *     character set, ...)
   */
  static Collation forCollationId(int id) {
    switch (id) {
      case 63: // binary
      case 309: // utf8mb4_0900_bin
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
      case 1032: // latin1_swedish_nopad_ci (MariaDB)
        return LATIN1_SWEDISH_NO_PAD_CI;
      case 47: // latin1_bin
        return LATIN1_BIN;
      case 1071: // latin1_nopad_bin (MariaDB)
        return LATIN1_NO_PAD_BIN;
      case 255: // utf8mb4_0900_ai_ci
      case 1216: // utf8mb3_unicode_nopad_ci (MariaDB)
      case 1238: // utf8mb3_unicode_520_nopad_ci (MariaDB)
      case 1248: // utf8mb4_unicode_nopad_ci (MariaDB)
      case 1270: // utf8mb4_unicode_520_nopad_ci (MariaDB)
        return UCA_0900_AI_CI;
      default:
        break;
    }
    if (id >= 192 && id <= 215 || id >= 224 && id <= 247) {
      // utf8mb3_ and utf8mb4_unicode_ci, unicode_520_ci and their language tailorings (approximated untailored)
      return UCA_CI;
    }
    if (id >= 256 && id <= 277) {
      // utf8mb4_<language>_0900_ai_ci (approximated untailored)
      return UCA_0900_AI_CI;
    }
    if (id >= 2048 && id <= 2559) {
      // MariaDB's uca1400 collations of utf8mb3 (2048..) and utf8mb4 (2304..): eight per language, in the order
      // ai_ci, ai_cs, as_ci, as_cs, nopad_ai_ci, nopad_ai_cs, nopad_as_ci, nopad_as_cs
      int variant = (id - 2048) % 8;
      return variant == 0 ? UCA_CI : variant == 4 ? UCA_0900_AI_CI : null;
    }
    return null;
  }

  private static boolean holdsStrings(int sqlType) {
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
      case UCA:
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

  private static int compareUca(UcaWeights table, String a, String b, boolean padSpace) {
    UcaWeights.Cursor x = table.new Cursor(a);
    UcaWeights.Cursor y = table.new Cursor(b);
    while (true) {
      int wx = x.next();
      int wy = y.next();
      if (wx < 0 && wy < 0) {
        return 0;
      }
      if (wx < 0 || wy < 0) {
        if (!padSpace) {
          return wx < 0 ? -1 : 1;
        }
        // The shorter string is padded with spaces: compare the rest of the longer one with the space weight.
        boolean aLonger = wy < 0;
        UcaWeights.Cursor longer = aLonger ? x : y;
        for (int w = aLonger ? wx : wy; w >= 0; w = longer.next()) {
          if (w != table.spaceWeight) {
            return (w < table.spaceWeight) == aLonger ? -1 : 1;
          }
        }
        return 0;
      }
      if (wx != wy) {
        return wx - wy;
      }
    }
  }

  private static String ucaKey(UcaWeights table, String s, boolean padSpace) {
    StringBuilder key = new StringBuilder(s.length());
    UcaWeights.Cursor cursor = table.new Cursor(s);
    for (int w = cursor.next(); w >= 0; w = cursor.next()) {
      key.append((char) w);
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
