package org.shardjdbc.driver.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.runtime.ShardRuntimes;

/**
 * The {@code jdbc:shard:<config>[?key=value&…]} driver (SPEC §2). Registered through
 * {@code META-INF/services/java.sql.Driver}; connections to the same configuration share one runtime.
 */
public final class ShardDriver implements Driver {
  /** The URL prefix this driver accepts. */
  public static final String PREFIX = "jdbc:shard:";
  static final int MAJOR_VERSION = 0;
  static final int MINOR_VERSION = 1;
  static final String VERSION = MAJOR_VERSION + "." + MINOR_VERSION;

  static {
    try {
      DriverManager.registerDriver(new ShardDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Opens a logical connection.
   *
   * @param url {@code jdbc:shard:} followed by the config location and optional {@code ?key=value} props
   * @param info props overriding the file's; {@code user} and {@code password} are the logical credentials
   * @return the connection, or null when the URL is not this driver's
   * @throws SQLException when the configuration cannot be read or is wrong, naming the file and key
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String rest = url.substring(PREFIX.length());
    int query = rest.indexOf('?');
    String location = query < 0 ? rest : rest.substring(0, query);
    Map<String, String> overrides = new LinkedHashMap<>();
    if (query >= 0) {
      for (String pair : rest.substring(query + 1).split("&")) {
        if (!pair.isEmpty()) {
          int equals = pair.indexOf('=');
          String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
          String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
          overrides.put(key, value);
        }
      }
    }
    String user = null;
    String password = null;
    if (info != null) {
      for (String key : info.stringPropertyNames()) {
        overrides.put(key, info.getProperty(key));
      }
    }
    user = overrides.remove("user");
    password = overrides.remove("password");
    return connect(location, overrides, user, password);
  }

  static ShardConnection connect(String location, Map<String, String> overrides, String user, String password) throws SQLException {
    ShardRuntime runtime = ShardRuntimes.get(location, overrides);
    if (runtime.config().hasUsers()) {
      String expected = user == null ? null : runtime.config().users().get(user);
      if (expected == null || !expected.equals(password == null ? "" : password)) {
        throw new SQLException("Access denied for user '" + user + "' to " + runtime.config().source(), "28000", 1045);
      }
    }
    return new ShardConnection(runtime);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return MAJOR_VERSION;
  }

  @Override
  public int getMinorVersion() {
    return MINOR_VERSION;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used; the driver logs through SLF4J", "0A000");
  }

  /** Closes the runtime (pools, caches) of a configuration location; the next connection creates a new one. */
  public static void close(String location) {
    ShardRuntimes.close(location);
  }
}
