package org.shardjdbc.driver.transaction;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The MySQL XA id of one data source's branch of a driver transaction: the global id names the process that runs
 * the transaction (its lease on the log) and a number, the branch qualifier names the data source.
 *
 * @param gtrid {@code sj:<instance>:<number>}, ASCII, at most 64 bytes
 * @param bqual the data source's name, at most 64 bytes in UTF-8
 */
record XaId(String gtrid, String bqual) {
  /** The format id of the driver's XA ids, so that recovery never touches other applications' transactions. */
  static final int FORMAT_ID = 0x534a4443;
  private static final String PREFIX = "sj:";

  XaId {
    if (gtrid.getBytes(StandardCharsets.UTF_8).length > 64 || bqual.getBytes(StandardCharsets.UTF_8).length > 64) {
      throw new IllegalArgumentException("an XA id part is longer than 64 bytes: " + gtrid + ", " + bqual);
    }
  }

  /** The global id of a process's transaction. */
  static String gtrid(String instance, long number) {
    return PREFIX + instance + ":" + number;
  }

  /** The process (lease) a global id belongs to, or null when it is not one of the driver's. */
  static String instanceOf(String gtrid) {
    if (!gtrid.startsWith(PREFIX)) {
      return null;
    }
    int end = gtrid.indexOf(':', PREFIX.length());
    return end < 0 ? null : gtrid.substring(PREFIX.length(), end);
  }

  /**
   * A row of {@code XA RECOVER}, or null when it is not the driver's.
   *
   * @param data the row's {@code data}: the global id's bytes followed by the branch qualifier's
   */
  static XaId recovered(int formatId, int gtridLength, int bqualLength, byte[] data) {
    if (formatId != FORMAT_ID || data == null || gtridLength + bqualLength > data.length) {
      return null;
    }
    String gtrid = new String(data, 0, gtridLength, StandardCharsets.UTF_8);
    String bqual = new String(data, gtridLength, bqualLength, StandardCharsets.UTF_8);
    return instanceOf(gtrid) == null ? null : new XaId(gtrid, bqual);
  }

  /** The id as XA statements take it: {@code X'…',X'…',format}. */
  String sql() {
    return hex(gtrid) + "," + hex(bqual) + "," + FORMAT_ID;
  }

  private static String hex(String text) {
    return "X'" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8)) + "'";
  }

  @Override
  public String toString() {
    return gtrid + "/" + bqual;
  }
}
