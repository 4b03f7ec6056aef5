package org.shardjdbc.bundle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/**
 * Run in a child JVM whose class path holds older libraries ahead of the bundle: prints the driver's code source, then
 * the rows of each query given after the URL, one line per row, columns separated by tabs.
 */
public final class SmokeMain {
  private SmokeMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println("driver: " + DriverManager.getDriver(args[0]).getClass().getProtectionDomain().getCodeSource()
        .getLocation());
    try (Connection connection = DriverManager.getConnection(args[0]); Statement statement = connection.createStatement()) {
      for (int i = 1; i < args.length; i++) {
        try (ResultSet rows = statement.executeQuery(args[i])) {
          ResultSetMetaData meta = rows.getMetaData();
          while (rows.next()) {
            StringBuilder line = new StringBuilder();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
              line.append(column > 1 ? "\t" : "").append(rows.getString(column));
            }
            System.out.println(line);
          }
        }
      }
    }
  }
}
