package org.shardjdbc.driver.merge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One weight per character, as MySQL's simple collations (utf8mb4_general_ci, latin1_swedish_ci, latin1_bin) have:
 * two strings compare by their weight sequences, character by character, with no expansions or contractions.
 *
 * <p>The tables are facts read from a running MariaDB 11.4.5 with {@code WEIGHT_STRING}, kept as text resources
 * beside this class ({@code general-ci-weights.txt}, {@code latin1-weights.txt}); {@code CollationServerTest}
 * checks every entry against a server again. Every weight fits in a {@code char}, so a collation key is the string
 * of weights.
 */
final class WeightTable {
  /** The weight of U+0020, which a PAD SPACE collation appends to the shorter string. */
  final char spaceWeight;

  private final char[] bmp;
  private final char supplementary;

  private WeightTable(char[] bmp, char supplementary) {
    this.bmp = bmp;
    this.supplementary = supplementary;
    this.spaceWeight = bmp[' '];
  }

  /** The weight of one code point. */
  char weight(int codePoint) {
    return codePoint <= Character.MAX_VALUE ? bmp[codePoint] : supplementary;
  }

  /** utf8mb4_general_ci: MySQL's Unicode 3.0 plane tables; code points above U+FFFF all weigh U+FFFD. */
  static WeightTable general() {
    return General.TABLE;
  }

  /** latin1_swedish_ci: the weight of the latin1 (cp1252) byte each character encodes to. */
  static WeightTable latin1Swedish() {
    return Latin1.SWEDISH;
  }

  /** latin1_bin: the latin1 (cp1252) byte itself, which is not code point order for € ‚ ƒ „ … and the like. */
  static WeightTable latin1Bytes() {
    return Latin1.BYTES;
  }

  /** Holders, so that each table is read only when a column first needs it. */
  private static final class General {
    static final WeightTable TABLE = readGeneral();
  }

  private static final class Latin1 {
    static final WeightTable SWEDISH;
    static final WeightTable BYTES;

    static {
      List<String[]> rows = readRows("latin1-weights.txt");
      if (rows.size() != 256) {
        throw new IllegalStateException("latin1-weights.txt: expected 256 rows, found " + rows.size());
      }
      // A character that latin1 cannot encode is stored as '?' by the server, so it weighs what '?' weighs.
      char[] swedish = new char[Character.MAX_VALUE + 1];
      char[] bytes = new char[Character.MAX_VALUE + 1];
      int[] swedishByByte = new int[256];
      for (String[] row : rows) {
        swedishByByte[hex(row, 0)] = hex(row, 2);
      }
      Arrays.fill(swedish, (char) swedishByByte['?']);
      Arrays.fill(bytes, '?');
      for (String[] row : rows) {
        int b = hex(row, 0);
        int codePoint = hex(row, 1);
        swedish[codePoint] = (char) swedishByByte[b];
        bytes[codePoint] = (char) b;
      }
      SWEDISH = new WeightTable(swedish, swedish['?']);
      BYTES = new WeightTable(bytes, '?');
    }
  }

  private static WeightTable readGeneral() {
    char[] weights = new char[Character.MAX_VALUE + 1];
    for (int c = 0; c < weights.length; c++) {
      weights[c] = (char) c;
    }
    for (String[] row : readRows("general-ci-weights.txt")) {
      String range = row[0];
      int dots = range.indexOf("..");
      int first = Integer.parseInt(dots < 0 ? range : range.substring(0, dots), 16);
      int last = dots < 0 ? first : Integer.parseInt(range.substring(dots + 2), 16);
      switch (row[1]) {
        case "=":
          for (int c = first; c <= last; c++) {
            weights[c] = (char) hex(row, 2);
          }
          break;
        case "-":
          for (int c = first; c <= last; c++) {
            weights[c] = (char) (c - hex(row, 2));
          }
          break;
        case "pairs":
          for (int c = first + 1; c <= last; c += 2) {
            weights[c] = (char) (c - 1);
          }
          break;
        default:
          throw new IllegalStateException("general-ci-weights.txt: unknown operation '" + row[1] + "' in " + range);
      }
    }
    return new WeightTable(weights, (char) 0xFFFD);
  }

  private static int hex(String[] row, int column) {
    return Integer.parseInt(row[column], 16);
  }

  private static List<String[]> readRows(String resource) {
    InputStream in = WeightTable.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + ": resource missing beside " + WeightTable.class.getName());
    }
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          rows.add(line.split("\\s+"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(resource + ": cannot be read", e);
    }
    return rows;
  }
}
