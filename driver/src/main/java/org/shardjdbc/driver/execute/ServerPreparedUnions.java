package org.shardjdbc.driver.execute;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Prepares on the server a server's UNION ALL of its shards' statements whose text ran before, and keeps it prepared on
 * its connection (mysql-connector-j's cache of server-side prepared statements), so that the server parses a
 * scatter query's statement once per connection instead of once per query: parsing a UNION ALL of 16 tables cost the
 * servers more CPU than running it, for a selective scatter query.
 *
 * <p>Only texts seen before: a text that does not repeat (a key IN list's share of values, a page's offset) would
 * cost a prepare round trip and a slot of the server's {@code max_prepared_stmt_count}, and is sent as before. Only
 * unions: one table's statement costs the server little to parse, and an application's many statement shapes times a
 * server's tables would churn the connector's cache. The physical connections' other statements stay client-side
 * prepared (mysql-connector-j's default), so that their values reach the server as literals, as with one unsharded
 * server. Only texts the connector keeps ({@code cachePrepStmts}, shorter than {@code prepStmtCacheSqlLimit}): another
 * would be prepared and closed again on every execution.
 */
final class ServerPreparedUnions {
  /** Texts of unions run before, weighed by their length: a UNION ALL's text is a few thousand characters. */
  private final Cache<String, Boolean> seen;

  /** @param maxTextBytes about how much memory the texts seen may hold */
  ServerPreparedUnions(long maxTextBytes) {
    this.seen = Caffeine.newBuilder().maximumWeight(maxTextBytes)
        .<String, Boolean>weigher((sql, present) -> 64 + 2 * sql.length()).build();
  }

  /**
   * A prepared statement for a union's text: prepared on the server, or kept there from an earlier execution on the
   * same connection, when the text ran before and the connection keeps texts that long; otherwise null, and the text
   * is noted as seen.
   */
  PreparedStatement prepareIfRepeated(Connection connection, String sql) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return null;
    }
    PropertySet properties = connection.unwrap(JdbcConnection.class).getPropertySet();
    RuntimeProperty<Boolean> onServer = properties.getBooleanProperty(PropertyKey.useServerPrepStmts);
    if (onServer.getValue() || !properties.getBooleanProperty(PropertyKey.cachePrepStmts).getValue()
        || sql.length() >= properties.getIntegerProperty(PropertyKey.prepStmtCacheSqlLimit).getValue()) {
      return null;
    }
    if (seen.asMap().putIfAbsent(sql, Boolean.TRUE) == null) {
      return null;
    }
    // the connector reads the property when a statement is prepared: on for this statement only, on a connection
    // no other thread uses meanwhile (its connections are made with the cache it needs: ClientPreparingDataSource)
    onServer.setValue(true);
    try {
      return connection.prepareStatement(sql);
    } finally {
      onServer.setValue(false);
    }
  }
}
