package org.shardjdbc.driver.runtime;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes a data source's physical connections for HikariCP: mysql-connector-j connections made with
 * {@code useServerPrepStmts=true}, so that each has its cache of server-side prepared statements, then set to prepare
 * statements on the client, the connector's default. The executor asks for a statement prepared on the server only
 * where that pays (a server's UNION ALL whose text repeats); every other statement reaches the server as text, with
 * its values as literals, as it would through mysql-connector-j to one unsharded server. The connector makes that
 * cache only when a connection is made, so it cannot be asked for later.
 */
final class ClientPreparingDataSource implements DataSource {
  private final DataSource connections;

  /** @param connections makes the connections, with {@code useServerPrepStmts=true} */
  ClientPreparingDataSource(DataSource connections) {
    this.connections = connections;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return preparingOnClient(connections.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return preparingOnClient(connections.getConnection(username, password));
  }

  private static Connection preparingOnClient(Connection connection) throws SQLException {
    try {
      if (connection.isWrapperFor(JdbcConnection.class)) {
        connection.unwrap(JdbcConnection.class).getPropertySet().getBooleanProperty(PropertyKey.useServerPrepStmts)
            .setValue(false);
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return connections.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    connections.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    connections.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return connections.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return connections.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(connections)) {
      return type.cast(connections);
    }
    return connections.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(connections) || connections.isWrapperFor(type);
  }
}
