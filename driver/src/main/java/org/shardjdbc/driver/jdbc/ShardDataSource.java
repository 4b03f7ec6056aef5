package org.shardjdbc.driver.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.shardjdbc.driver.replica.ReadWriteSplitting;
import org.shardjdbc.driver.runtime.ShardRuntimes;

/**
 * A {@link DataSource} over a configuration file, for Spring, Hibernate and connection pools:
 * {@code new ShardDataSource("classpath:shop.yaml")}. {@link #close()} closes the shared runtime.
 */
public final class ShardDataSource implements DataSource, AutoCloseable {
  private final String location;
  private final Map<String, String> properties = new LinkedHashMap<>();
  private PrintWriter logWriter;
  private int loginTimeout;

  /**
   * @param location the config location, as in {@code jdbc:shard:<location>}: a path, {@code file:…} or
   *     {@code classpath:…}
   */
  public ShardDataSource(String location) {
    this.location = location.startsWith(ShardDriver.PREFIX) ? location.substring(ShardDriver.PREFIX.length()) : location;
  }

  /** Sets a prop that overrides the file's {@code props:}. */
  public ShardDataSource property(String key, String value) {
    properties.put(key, value);
    return this;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return ShardDriver.connect(location, properties, null, null);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return ShardDriver.connect(location, properties, username, password);
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("java.util.logging is not used; the driver logs through SLF4J", "0A000");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  /**
   * Read/write splitting of this configuration's runtime (created if it was not yet): the replicas' states and
   * lag, and the switch that turns splitting on and off at run time.
   *
   * @return the runtime's read/write splitting
   * @throws SQLException if the configuration cannot be read
   */
  public ReadWriteSplitting readWriteSplitting() throws SQLException {
    return ShardRuntimes.get(location, properties).readWriteSplitting();
  }

  /** Closes the runtime of this configuration: its pools and caches. */
  @Override
  public void close() {
    ShardDriver.close(location);
  }
}
