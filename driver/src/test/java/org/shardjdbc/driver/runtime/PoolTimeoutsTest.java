package org.shardjdbc.driver.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/** The check of an idle connection (HikariCP's validationTimeout) each data source's pool gets. */
class PoolTimeoutsTest {

  @Test
  void validationTimeout_followsTheProps_orHalfOfAPoolsOwnShorterWait() throws Exception {
    TestServer server = TestServers.shared();
    String dataSource = "    url: \"" + server.jdbcUrl("") + "\"\n"
        + "    username: \"" + server.user() + "\"\n"
        + "    password: \"" + server.password() + "\"\n";
    Path directory = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "shard-configs");
    Files.createDirectories(directory);
    Path config = Files.createTempFile(directory, "pool-timeouts-", ".yaml");
    Files.writeString(config, "dataSources:\n"
        + "  plain:\n" + dataSource + "    pool: { maximumPoolSize: 1 }\n"
        + "  shortWait:\n" + dataSource + "    pool: { maximumPoolSize: 1, connectionTimeout: 2000 }\n"
        + "  ownCheck:\n" + dataSource + "    pool: { maximumPoolSize: 1, connectionTimeout: 2000, validationTimeout: 400 }\n"
        + "defaultDataSource: plain\n");
    try (Connection connection = DriverManager.getConnection("jdbc:shard:" + config)) {
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      assertEquals(2500, hikari(runtime, "plain").getValidationTimeout(), "half of the props' 5000");
      assertEquals(1000, hikari(runtime, "shortWait").getValidationTimeout(), "half of the pool's own 2000");
      assertEquals(400, hikari(runtime, "ownCheck").getValidationTimeout());
    }
  }

  private static HikariDataSource hikari(ShardRuntime runtime, String dataSource) {
    return runtime.pools().get(dataSource).pool();
  }
}
