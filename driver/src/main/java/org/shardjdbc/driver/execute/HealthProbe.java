package org.shardjdbc.driver.execute;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Asks one server whether it answers: a new connection and {@code SELECT 1}, bounded by the probe timeout through the
 * physical driver's own connect and socket timeouts. A new connection each time, so that a probe never reports an
 * idle connection the server dropped, and never waits behind the pool.
 *
 * <p>Holds the server's credentials; nothing here ever prints them.
 */
final class HealthProbe {
  private final String url;
  private final Properties properties;

  /**
   * @param pool the data source's pool, whose URL, credentials and physical driver properties the probe uses
   * @param timeoutMillis the connect and socket timeouts of the probe's connection
   */
  HealthProbe(HikariConfig pool, long timeoutMillis) {
    this.url = pool.getJdbcUrl();
    this.properties = new Properties();
    this.properties.putAll(pool.getDataSourceProperties());
    if (pool.getUsername() != null) {
      this.properties.setProperty("user", pool.getUsername());
    }
    if (pool.getPassword() != null) {
      this.properties.setProperty("password", pool.getPassword());
    }
    this.properties.setProperty("connectTimeout", Long.toString(timeoutMillis));
    this.properties.setProperty("socketTimeout", Long.toString(timeoutMillis));
  }

  /**
   * What went wrong with a probe.
   *
   * @param reason in one line
   * @param noAnswer whether the server did not answer in time (a connect or read timeout), rather than answered with
   *     an error or refused the connection
   */
  record Failure(String reason, boolean noAnswer) {}

  /** @return null when the server answered, else what went wrong */
  Failure run() {
    try {
      Driver driver = DriverManager.getDriver(url);
      try (Connection connection = driver.connect(url, properties);
          Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("SELECT 1")) {
        return result.next() ? null : new Failure("SELECT 1 returned no row", false);
      }
    } catch (SQLException | RuntimeException e) {
      return new Failure(describe(e), timedOut(e));
    }
  }

  private static boolean timedOut(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SocketTimeoutException || cause instanceof SQLTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The first line of the failure's message, with that of its root cause when it says more. */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = firstLine(failure);
    String rootMessage = firstLine(root);
    return root == failure || message.contains(rootMessage) ? message : message + ": " + rootMessage;
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
