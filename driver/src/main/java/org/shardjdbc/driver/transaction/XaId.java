package org.shardjdbc.driver.transaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The MySQL XA id of one data source's branch of a driver transaction: the global id names the transaction log that
 * governs it, the process that runs the transaction (its lease on that log) and a number; the branch qualifier names
 * the data source.
 *
 * <p>The log's id is in the global id because {@code XA RECOVER} lists every prepared branch on the server, whoever
 * made it: other applications, or other logical databases of the same application, may run XA transactions through
 * this driver on the same server, each with its own log, and only the processes of the log a branch names may finish
 * it (any other finds no decision there and would roll back a branch whose siblings committed).
 *
 * @param gtrid {@code sj:<log>:<instance>:<number>}, ASCII, at most 64 bytes
 * @param bqual the data source's name, or {@code #} and a digest of it when longer than 64 bytes in UTF-8
 */
record XaId(String gtrid, String bqual) {
  /** The format id of the driver's XA ids, so that recovery never touches other software's transactions. */
  static final int FORMAT_ID = 0x534a4443;
  private static final String PREFIX = "sj:";

  XaId {
    if (gtrid.getBytes(StandardCharsets.UTF_8).length > 64 || bqual.getBytes(StandardCharsets.UTF_8).length > 64) {
      throw new IllegalArgumentException("an XA id part is longer than 64 bytes: " + gtrid + ", " + bqual);
    }
  }

  /** The id of a transaction's branch on a data source. */
  static XaId of(String gtrid, String dataSource) {
    return new XaId(gtrid, bqual(dataSource));
  }

  /** The branch qualifier of a data source's branches. */
  static String bqual(String dataSource) {
    byte[] name = dataSource.getBytes(StandardCharsets.UTF_8);
    if (name.length <= 64) {
      return dataSource;
    }
    try {
      return "#" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name)).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * The global id of a process's transaction.
   *
   * @param log the id of the transaction log ({@link XaLog#id()}), 16 hex digits
   * @param instance the process's lease, 16 hex digits
   */
  static String gtrid(String log, String instance, long number) {
    return PREFIX + log + ":" + instance + ":" + number;
  }

  /** The log a global id belongs to, or null when it is not one of the driver's. */
  static String logOf(String gtrid) {
    String[] parts = parts(gtrid);
    return parts == null ? null : parts[0];
  }

  /** The process (lease) a global id belongs to, or null when it is not one of the driver's. */
  static String instanceOf(String gtrid) {
    String[] parts = parts(gtrid);
    return parts == null ? null : parts[1];
  }

  private static String[] parts(String gtrid) {
    if (!gtrid.startsWith(PREFIX)) {
      return null;
    }
    String[] parts = gtrid.substring(PREFIX.length()).split(":", -1);
    return parts.length == 3 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
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
