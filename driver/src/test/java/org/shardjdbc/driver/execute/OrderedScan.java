package org.shardjdbc.driver.execute;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;

/**
 * A program run in its own small JVM by {@link StreamingMemoryTest}: reads a whole {@code ORDER BY} scan and a deep
 * page through the driver, checks the order, and prints what it read. Exits 0 when all is right.
 */
public final class OrderedScan {
  private OrderedScan() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    long expectedRows = Long.parseLong(args[1]);
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      long rows = 0;
      Timestamp previous = null;
      try (ResultSet result = statement.executeQuery("SELECT * FROM orders ORDER BY created_at")) {
        while (result.next()) {
          Timestamp current = result.getTimestamp("created_at");
          if (previous != null && current.before(previous)) {
            System.out.println("out of order at row " + rows + ": " + current + " after " + previous);
            System.exit(2);
          }
          previous = current;
          rows++;
        }
      }
      long pageRows = 0;
      long firstId = -1;
      try (ResultSet result = statement.executeQuery("SELECT order_id FROM orders ORDER BY order_id LIMIT 100000, 10")) {
        while (result.next()) {
          if (pageRows++ == 0) {
            firstId = result.getLong(1);
          }
        }
      }
      Runtime runtime = Runtime.getRuntime();
      System.out.println("rows=" + rows + " page=" + pageRows + " first=" + firstId + " maxHeapMb=" + runtime.maxMemory() / (1 << 20));
      System.exit(rows == expectedRows && pageRows == 10 && firstId == 100000 ? 0 : 3);
    }
  }
}
