package org.shardjdbc.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestServersTest {

  @Test
  void shared_connectsWithMysqlConnectorJ() throws SQLException {
    TestServer server = TestServers.shared();
    server.recreateDatabase("t_servers_test");
    try (Connection connection = server.connect("t_servers_test");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, s VARCHAR(10))");
      statement.execute("INSERT INTO t VALUES (1, 'é'), (2, 'E ')");
      try (ResultSet rs = statement.executeQuery(
          "SELECT COUNT(*), @@character_set_database, @@collation_database, VERSION() FROM t WHERE s = 'e'")) {
        assertTrue(rs.next());
        assertEquals(2L, rs.getObject(1), "utf8mb4_general_ci ignores case, accents and trailing spaces");
        assertEquals("utf8mb4", rs.getString(2));
        assertEquals("utf8mb4_general_ci", rs.getString(3));
        System.out.println("test server " + server + ": " + rs.getString(4));
      }
    }
    assertSame(server, TestServers.shared());
    assertThrows(IllegalStateException.class, server::stop);
  }

  @Test
  void startEmbedded_stopsAndStartsAgainWithItsData() throws SQLException {
    try (TestServer server = TestServers.startEmbedded()) {
      assertTrue(server.embedded());
      server.recreateDatabase("t_restart");
      try (Connection connection = server.connect("t_restart");
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        statement.execute("INSERT INTO t VALUES (7)");
      }
      server.stop();
      assertFalse(server.running());
      assertThrows(SQLException.class, () -> server.connect("t_restart").close());
      server.start();
      try (Connection connection = server.connect("t_restart");
          Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT id FROM t")) {
        assertTrue(rs.next());
        assertEquals(7, rs.getInt(1));
      }
    }
  }

  @Test
  void external_takesCredentialsAndOverridesOptions() {
    TestServer server = TestServers.external("jdbc:mysql://db.example:3307/?user=app&password=p%26w&useSSL=true");
    assertFalse(server.embedded());
    assertEquals("app", server.user());
    assertEquals("p&w", server.password());
    assertEquals("jdbc:mysql://db.example:3307/shop?useSSL=true&allowPublicKeyRetrieval=true&serverTimezone=UTC"
        + "&characterEncoding=UTF-8", server.jdbcUrl("shop"));
    assertEquals(3306, TestServers.external("jdbc:mysql://localhost/").port());
  }
}
