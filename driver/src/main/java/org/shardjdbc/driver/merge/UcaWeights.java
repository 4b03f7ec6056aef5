package org.shardjdbc.driver.merge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The primary weights of MySQL's utf8mb4_unicode_ci (UCA 4.0.0): each code point has zero (ignorable), one or more
 * weights, and two strings compare by their concatenated weight sequences. The root collation has no contractions,
 * so one code point's weights never depend on its neighbours.
 *
 * <p>The table is a fact read from a running MariaDB 11.4.5 with {@code WEIGHT_STRING}, kept as the text resource
 * {@code unicode-ci-weights.txt} beside this class; {@code CollationServerTest} checks it against a server. The
 * weights of BMP code point {@code c} are {@code pool[start[c]] .. pool[start[c + 1] - 1]}; the slot after the BMP
 * holds the one weight FFFD of every code point above U+FFFF.
 */
final class UcaWeights {
  private static final String RESOURCE = "unicode-ci-weights.txt";
  private static final int BMP = Character.MAX_VALUE + 1;

  /** The weight of U+0020, against which a PAD SPACE collation compares the rest of the longer string. */
  final char spaceWeight;

  private final int[] start;
  private final char[] pool;

  private UcaWeights(int[] start, char[] pool) {
    this.start = start;
    this.pool = pool;
    this.spaceWeight = pool[start[' ']];
  }

  static UcaWeights unicode400() {
    return Holder.UNICODE_400;
  }

  private static final class Holder {
    static final UcaWeights UNICODE_400 = read();
  }

  /** Walks the weights of one string, code point by code point. */
  final class Cursor {
    private final String s;
    private int index;
    private int position;
    private int end;

    Cursor(String s) {
      this.s = s;
    }

    /** The next weight, or -1 after the last. */
    int next() {
      while (position == end) {
        if (index >= s.length()) {
          return -1;
        }
        int c = s.codePointAt(index);
        index += Character.charCount(c);
        // Every code point above U+FFFF weighs FFFD (the weight, not U+FFFD's weight), as MySQL implements UCA 4.0.0.
        int slot = c < BMP ? c : BMP;
        position = start[slot];
        end = start[slot + 1];
      }
      return pool[position++];
    }
  }

  private static UcaWeights read() {
    InputStream in = UcaWeights.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + ": resource missing beside " + UcaWeights.class.getName());
    }
    char[][] weights = new char[BMP][];
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          readLine(line, weights);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + ": cannot be read", e);
    }
    int[] start = new int[BMP + 2];
    int size = 0;
    for (int c = 0; c < BMP; c++) {
      start[c] = size;
      if (weights[c] != null) {
        size += weights[c].length;
      } else if (!Character.isSurrogate((char) c)) {
        throw new IllegalStateException(RESOURCE + ": no weights for U+" + Integer.toHexString(c).toUpperCase());
      }
    }
    start[BMP] = size;
    start[BMP + 1] = size + 1;
    char[] pool = new char[size + 1];
    pool[size] = 0xFFFD;
    for (int c = 0; c < BMP; c++) {
      if (weights[c] != null) {
        System.arraycopy(weights[c], 0, pool, start[c], weights[c].length);
      }
    }
    return new UcaWeights(start, pool);
  }

  private static void readLine(String line, char[][] weights) {
    String[] fields = line.split("\\s+");
    int dots = fields[0].indexOf("..");
    int first = Integer.parseInt(dots < 0 ? fields[0] : fields[0].substring(0, dots), 16);
    int last = dots < 0 ? first : Integer.parseInt(fields[0].substring(dots + 2), 16);
    String value = fields[1];
    if (value.equals("implicit")) {
      int base = Integer.parseInt(fields[2], 16);
      for (int c = first; c <= last; c++) {
        weights[c] = new char[] {(char) (base + (c >> 15)), (char) ((c & 0x7FFF) | 0x8000)};
      }
    } else if (value.startsWith("+")) {
      int weight = Integer.parseInt(value.substring(1), 16);
      for (int c = first; c <= last; c++) {
        weights[c] = new char[] {(char) (weight + c - first)};
      }
    } else if (value.equals("-")) {
      for (int c = first; c <= last; c++) {
        weights[c] = new char[0];
      }
    } else {
      String[] parts = value.split("\\.");
      char[] sequence = new char[parts.length];
      for (int i = 0; i < parts.length; i++) {
        sequence[i] = (char) Integer.parseInt(parts[i], 16);
      }
      for (int c = first; c <= last; c++) {
        weights[c] = Arrays.copyOf(sequence, sequence.length);
      }
    }
  }
}
