package org.shardjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.jdbc.ShardDriver;
import org.shardjdbc.driver.runtime.ShardRuntime;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServer;
import org.shardjdbc.driver.testing.TestServers;

/**
 * Secrets never show: a configuration with a password written in the file, one read from the environment
 * ({@code ${SHARD_TEST_SECRET}}, set by the build), one in a JDBC URL and a logical user's password is used for queries,
 * EXPLAIN, the toString() of the driver's objects, HikariCP's MBeans, connections that fail (a data source on a port
 * where nothing listens), a wrong logical password and configuration errors that quote the environment's value; every
 * text that comes out (messages and stack traces with their causes, log output, MBean attributes) is searched for them.
 */
class SecretsTest {
  private static final String FILE_PASSWORD = "Pw-7f3a9c-Literal";
  private static final String ENVIRONMENT_VARIABLE = "SHARD_TEST_SECRET";
  private static final String URL_PASSWORD = "Url-55aa10-Secret";
  private static final String USER_PASSWORD = "User-6c1d2e-Secret";

  private final List<String> seen = new ArrayList<>();

  @Test
  void passwordsAndEnvironmentValues_neverShow(@TempDir Path directory) throws Exception {
    String environmentPassword = System.getenv(ENVIRONMENT_VARIABLE);
    assertNotNull(environmentPassword, ENVIRONMENT_VARIABLE + " is set by the driver's pom for this test");
    List<String> secrets = List.of(FILE_PASSWORD, environmentPassword, URL_PASSWORD, USER_PASSWORD);

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream standardError = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      useTheDriver(directory);
      provokeConfigurationErrors(directory);
    } finally {
      System.setErr(standardError);
    }
    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("h2: unavailable"), "the log shows the broken data source:\n" + logged);
    seen.add(logged);

    assertTrue(seen.size() > 40, "texts checked: " + seen.size());
    for (String text : seen) {
      for (String secret : secrets) {
        assertFalse(text.contains(secret), () -> "a secret shows in:\n" + text);
      }
    }
  }

  private void useTheDriver(Path directory) throws Exception {
    TestServer server = TestServers.shared();
    ShardLayout layout = ShardLayout.builder()
        .dataSources(server, "secrets_h", 2)
        .tablesPerDataSource(2)
        .sharded("orders", "order_id")
        .build();
    layout.recreateDatabases();
    layout.createTable("orders", "(order_id BIGINT PRIMARY KEY, status VARCHAR(20))");
    layout.insert("orders", List.of("order_id", "status"), List.of(new Object[] {1L, "paid"}, new Object[] {2L, "new"}));
    Path config = directory.resolve("secrets.yaml");
    Files.writeString(config, "dataSources:\n"
        + "  h0:\n"
        + "    url: \"" + layout.dataSource("h0").jdbcUrl() + "\"\n"
        + "    username: root\n"
        + "    password: \"" + FILE_PASSWORD + "\"\n"
        + "    pool: { maximumPoolSize: 2, registerMbeans: true }\n"
        + "  h1:\n"
        + "    url: \"" + layout.dataSource("h1").jdbcUrl() + "\"\n"
        + "    username: root\n"
        + "    password: \"${" + ENVIRONMENT_VARIABLE + "}\"\n"
        + "    pool: { maximumPoolSize: 2, registerMbeans: true }\n"
        + "  h2:\n"
        + "    url: \"jdbc:mysql://127.0.0.1:" + closedPort() + "/nowhere?user=root&password=" + URL_PASSWORD + "\"\n"
        + "    pool: { maximumPoolSize: 2, connectionTimeout: 1000, validationTimeout: 500 }\n"
        + "tables:\n"
        + "  orders: { shardKey: order_id, nodes: { h0: 'orders_${00..01}', h1: 'orders_${02..03}' } }\n"
        + "  lost: { shardKey: id, nodes: { h2: 'lost_${0..1}' } }\n"
        + "users:\n"
        + "  alice: \"" + USER_PASSWORD + "\"\n"
        + "props: { sqlLog: true, healthProbeIntervalMs: 200 }\n");
    String url = ShardDriver.PREFIX + config;
    try (Connection connection = DriverManager.getConnection(url, "alice", USER_PASSWORD)) {
      seen.add(String.valueOf(connection));
      ShardRuntime runtime = connection.unwrap(ShardConnection.class).runtime();
      seen.add(String.valueOf(runtime));
      seen.add(String.valueOf(runtime.config()));
      seen.add(String.valueOf(runtime.config().dataSources()));
      for (DataSourcePool pool : runtime.pools().values()) {
        seen.add(String.valueOf(pool));
        seen.add(String.valueOf(pool.pool()));
        seen.add(String.valueOf(pool.health()));
      }
      DatabaseMetaData metaData = connection.getMetaData();
      seen.add(metaData.getURL() + " " + metaData.getUserName() + " " + metaData);
      try (Statement statement = connection.createStatement();
          PreparedStatement prepared = connection.prepareStatement("SELECT status FROM orders WHERE order_id = ?")) {
        seen.add(String.valueOf(statement));
        seen.add(String.valueOf(prepared));
        assertEquals(2, rows(statement.executeQuery("SELECT * FROM orders")).size());
        for (String explained : List.of("EXPLAIN SELECT * FROM orders ORDER BY order_id",
            "EXPLAIN SELECT * FROM lost WHERE id = 1")) {
          List<String> rows = rows(statement.executeQuery(explained));
          assertFalse(rows.isEmpty(), explained);
          seen.addAll(rows);
        }
        prepared.setLong(1, 1);
        try (ResultSet result = prepared.executeQuery()) {
          seen.add(String.valueOf(result));
          seen.add(String.valueOf(result.getMetaData()));
        }
        DataSourcePool h2 = runtime.pool("h2");
        for (int attempt = 0; attempt < 50 && h2.health().available(); attempt++) {
          seen.add(failure(() -> statement.executeQuery("SELECT * FROM lost")));
          seen.add(failure(() -> statement.executeQuery("SELECT * FROM lost WHERE id = 3")));
          Thread.sleep(100);
        }
        assertFalse(h2.health().available(), "h2 refuses connections: " + h2.health());
        seen.add(failure(() -> statement.executeQuery("SELECT * FROM lost")));
        seen.add(String.valueOf(h2));
      }
      seen.addAll(hikariMBeans());
    }
    seen.add(failure(() -> DriverManager.getConnection(url, "alice", "wrong")));
    Properties credentials = new Properties();
    credentials.setProperty("user", "alice");
    credentials.setProperty("password", USER_PASSWORD);
    credentials.setProperty("maxConcurrencyPerDataSource", "zero");
    seen.add(failure(() -> DriverManager.getConnection(url, credentials)));
    ShardDriver.close(config.toString());
  }

  /** Configuration errors about values that came from the environment. */
  private void provokeConfigurationErrors(Path directory) throws IOException {
    List<String> files = List.of(
        "dataSources: { h1: { url: \"${" + ENVIRONMENT_VARIABLE + "}\" } }\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/shop' } }\nprops: { maxConcurrencyPerDataSource: \"${"
            + ENVIRONMENT_VARIABLE + "}\" }\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/shop', pool: { maximumPoolSize: \"${" + ENVIRONMENT_VARIABLE
            + "}\" } } }\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/shop', password: \"${" + ENVIRONMENT_VARIABLE + "}\" } }\n"
            + "defaultDataSource: \"${" + ENVIRONMENT_VARIABLE + "}\"\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/shop' } }\ntables: { t: { shardKey: \"${" + ENVIRONMENT_VARIABLE
            + "}\", algorithm: \"${" + ENVIRONMENT_VARIABLE + "}\", nodes: { h1: t } } }\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/shop' } }\ntransaction: { type: \"${" + ENVIRONMENT_VARIABLE
            + "}\" }\n");
    for (int i = 0; i < files.size(); i++) {
      Path file = directory.resolve("broken-" + i + ".yaml");
      Files.writeString(file, files.get(i));
      String message = failure(() -> DriverManager.getConnection(ShardDriver.PREFIX + file));
      assertTrue(message.contains(file.toString()), message);
      seen.add(message);
    }
  }

  /** The attributes of every HikariCP MBean (registerMbeans: true). */
  private static List<String> hikariMBeans() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    List<String> attributes = new ArrayList<>();
    for (ObjectName name : server.queryNames(new ObjectName("com.zaxxer.hikari:*"), null)) {
      for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
        if (attribute.isReadable()) {
          attributes.add(name + " " + attribute.getName() + "=" + server.getAttribute(name, attribute.getName()));
        }
      }
    }
    assertTrue(attributes.size() > 10, "HikariCP's MBeans: " + attributes);
    return attributes;
  }

  private static List<String> rows(ResultSet result) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (result) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int column = 1; column <= columns; column++) {
          row.append(result.getString(column)).append(" | ");
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  /** An action that must fail with an SQLException: its whole stack trace, causes included. */
  private static String failure(SqlAction action) {
    SQLException failure = assertThrows(SQLException.class, action::run);
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }

  private interface SqlAction {
    void run() throws Exception;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
