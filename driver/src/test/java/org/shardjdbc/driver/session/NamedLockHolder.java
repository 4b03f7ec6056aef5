package org.shardjdbc.driver.session;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A program run in its own JVM by {@link NamedLockProcessTest}: holds one logical connection and, for each line of
 * its input, {@code take} runs {@code GET_LOCK(name, 0)} and {@code release} runs {@code RELEASE_LOCK(name)}, printing
 * the value; end of input closes the connection and exits.
 */
public final class NamedLockHolder {
  private NamedLockHolder() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String name = args[1];
    BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (Connection connection = DriverManager.getConnection(url)) {
      for (String line = input.readLine(); line != null; line = input.readLine()) {
        switch (line.trim()) {
          case "take":
            System.out.println("taken " + call(connection, "SELECT GET_LOCK(?, 0)", name));
            break;
          case "release":
            System.out.println("released " + call(connection, "SELECT RELEASE_LOCK(?)", name));
            break;
          default:
            System.out.println("unknown command " + line);
            break;
        }
        System.out.flush();
      }
    }
  }

  private static Object call(Connection connection, String sql, String name) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getObject(1);
      }
    }
  }
}
