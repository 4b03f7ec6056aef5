package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.TestServers;

/**
 * {@link MysqlDoubles} and the DOUBLE paths of {@link ScalarFunctions} against the server itself: for a few thousand
 * doubles of every magnitude (random bits, round numbers, halves, powers of ten and their neighbours), the text of
 * {@code CAST(x AS CHAR)}, of {@code ROUND(x, d)} and {@code TRUNCATE(x, d)} as sent with d fixed decimals, and
 * {@code CAST(x AS DECIMAL(40, 12))} and {@code CAST(x AS SIGNED)}.
 */
class MysqlDoublesServerTest {
  private static final List<Double> VALUES = new ArrayList<>();

  @BeforeAll
  static void values() {
    Random random = new Random(20240229L);
    double[] fixed = {0.0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 0.1, 0.2, 0.3, 1 / 3.0, 2 / 3.0, 100, 1e15, 1e16,
        1e17, 123456789012345678.0, 1234567890123456.8, 99999999999999.9, 1e-4, 1e-5, 1.5e-7, 1e-14, 1e-15, 1e-16, 1e22,
        1e23, 1e300, 4.9e-324, Double.MAX_VALUE, 0.0625, 1.0 / 64, 3.0 / 64, 2.675, 1.005, 1e14 + 0.5, 9007199254740993.0};
    for (double value : fixed) {
      VALUES.add(value);
      if (value != 0) {
        VALUES.add(-value); // a parameter -0.0 reaches the server as the DECIMAL 0
      }
      if (Double.isFinite(Math.nextUp(value))) {
        VALUES.add(Math.nextUp(value));
      }
    }
    for (int i = 0; i < 1500; i++) {
      double value = random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
      VALUES.add(random.nextBoolean() ? value : -value);
      VALUES.add(Math.round(value * 1000) / 1000.0 + (random.nextInt(3) - 1) * 0.0005);
    }
  }

  @Test
  void text_isTheServersCastToChar() throws SQLException {
    List<String> problems = new ArrayList<>();
    int compared = 0;
    try (Connection connection = TestServers.shared().connect("");
        PreparedStatement statement = connection.prepareStatement("SELECT CAST(CAST(? AS DOUBLE) AS CHAR)")) {
      for (double value : VALUES) {
        String expected = single(statement, value);
        compared++;
        if (!expected.equals(MysqlDoubles.text(value))) {
          problems.add(value + ": server " + expected + ", merge " + MysqlDoubles.text(value));
        }
      }
    }
    assertEquals(VALUES.size(), compared);
    assertTrue(problems.isEmpty(), problems.size() + " of " + compared + " differ:\n" + String.join("\n", problems));
  }

  @Test
  void roundAndTruncate_areTheServersWithTheirDecimals() throws SQLException {
    List<String> problems = new ArrayList<>();
    int compared = 0;
    try (Connection connection = TestServers.shared().connect("")) {
      for (int decimals = -2; decimals <= 6; decimals++) {
        // CAST(… AS CHAR) gives the text the server sends (mysql-connector-j's getString reformats a DOUBLE)
        try (PreparedStatement statement = connection.prepareStatement("SELECT CAST(ROUND(CAST(? AS DOUBLE), "
            + decimals + ") AS CHAR), CAST(TRUNCATE(CAST(? AS DOUBLE), " + decimals + ") AS CHAR)")) {
          for (double value : VALUES) {
            if (Math.abs(value) > 1e200) {
              continue; // the server prints these with fewer digits than they have (dtoa's quick path)
            }
            statement.setDouble(1, value);
            statement.setDouble(2, value);
            try (ResultSet rows = statement.executeQuery()) {
              rows.next();
              compared++;
              int shown = Math.max(decimals, 0);
              String rounded = MysqlDoubles.fixedText(MysqlDoubles.round(value, decimals, false), shown);
              String truncated = MysqlDoubles.fixedText(MysqlDoubles.round(value, decimals, true), shown);
              if (!rows.getString(1).equals(rounded) || !rows.getString(2).equals(truncated)) {
                problems.add(value + ", " + decimals + ": server " + rows.getString(1) + " / " + rows.getString(2)
                    + ", merge " + rounded + " / " + truncated);
              }
            }
          }
        }
      }
    }
    assertTrue(compared > 10_000);
    assertTrue(problems.isEmpty(), problems.size() + " of " + compared + " differ:\n"
        + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
  }

  @Test
  void castToDecimalAndSigned_areTheServers() throws SQLException {
    List<String> problems = new ArrayList<>();
    try (Connection connection = TestServers.shared().connect("");
        PreparedStatement statement = connection.prepareStatement(
            "SELECT CAST(CAST(? AS DOUBLE) AS DECIMAL(40, 12)), CAST(CAST(? AS DOUBLE) AS SIGNED)")) {
      for (double value : VALUES) {
        statement.setDouble(1, value);
        statement.setDouble(2, value);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          Object decimal = ScalarFunctions.castToDecimal(value, BigDecimal.valueOf(40), BigDecimal.valueOf(12));
          Object signed = ScalarFunctions.castToSigned(value);
          if (!rows.getBigDecimal(1).equals(decimal) || rows.getLong(2) != (Long) signed) {
            problems.add(value + ": server " + rows.getBigDecimal(1) + " / " + rows.getLong(2) + ", merge " + decimal
                + " / " + signed);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), problems.size() + " differ:\n" + String.join("\n", problems.subList(0,
        Math.min(40, problems.size()))));
  }

  private static String single(PreparedStatement statement, double value) throws SQLException {
    statement.setDouble(1, value);
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getString(1);
    }
  }
}
