package org.shardjdbc.driver.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.DifferentialDatabase;

/**
 * The driver loaded by a class loader that the thread's context class loader cannot see into finds its own
 * physical driver; and an older SnakeYAML ahead of the driver's own is reported as an SQLException, not an Error.
 */
class ChildClassLoaderTest {
  /** Copied by the build (maven-dependency-plugin) from Maven Central: the SnakeYAML ShardingSphere 5.5.2 brings. */
  private static final Path OLD_SNAKEYAML = Path.of("target", "conflicts", "snakeyaml-1.33.jar");

  @Test
  void driverInChildLoader_connectsThroughItsOwnPhysicalDriver() throws Exception {
    String url = DifferentialDatabase.shared().shardUrl();
    long expected = countOrders(DifferentialDatabase.shared().connectSingle());
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    try (IsolatedDriver isolated = IsolatedDriver.load(List.of(), entry -> true);
        URLClassLoader blind = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      assertEquals("isolated-shard-driver", isolated.driver().getClass().getClassLoader().getName());
      thread.setContextClassLoader(blind);
      try (Connection connection = isolated.driver().connect(url, new Properties())) {
        assertNotNull(connection, "the driver accepted " + url);
        assertEquals(expected, countOrders(connection));
      } finally {
        thread.setContextClassLoader(context);
      }
    }
  }

  @Test
  void olderSnakeYamlFirst_isAnSqlExceptionNamingTheLibrary() throws Exception {
    assertTrue(Files.isRegularFile(OLD_SNAKEYAML), OLD_SNAKEYAML + " (copied by the build)");
    String url = DifferentialDatabase.shared().shardUrl();
    try (IsolatedDriver isolated = IsolatedDriver.load(List.of(OLD_SNAKEYAML), entry -> !entry.contains("snakeyaml"))) {
      SQLException refused = assertThrows(SQLException.class, () -> isolated.driver().connect(url, new Properties()));
      assertTrue(refused.getMessage().contains("org.yaml.snakeyaml"), refused.getMessage());
      assertTrue(refused.getMessage().contains("snakeyaml-1.33.jar"), refused.getMessage());
      assertTrue(refused.getMessage().contains("self-contained"), refused.getMessage());
      assertTrue(refused.getCause() instanceof LinkageError, String.valueOf(refused.getCause()));
    }
  }

  private static long countOrders(Connection connection) throws SQLException {
    try (connection;
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }
}
