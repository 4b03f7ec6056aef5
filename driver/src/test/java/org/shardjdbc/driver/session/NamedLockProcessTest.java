package org.shardjdbc.driver.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServers;

/**
 * A named lock is one lock for every process that uses the same configuration: a lock taken through the driver in
 * another JVM ({@link NamedLockHolder}) keeps this one out until that JVM releases it, or dies: {@code kill -9}
 * drops its connection, and the server releases the lock with it.
 */
class NamedLockProcessTest {

  @Test
  void lockOfAnotherJvm_keepsThisOneOutUntilReleasedOrKilled() throws Exception {
    ShardLayout layout = ShardLayout.builder()
        .dataSources(TestServers.shared(), "nlp_h", 2)
        .tablesPerDataSource(1)
        .sharded("orders", "order_id")
        .extraYaml("lockDataSource: h1")
        // two JVMs start on a machine that may be busy: a cold first connection must not look like a frozen server
        .prop("healthProbeTimeoutMs", "10000")
        .build();
    layout.recreateDatabases();
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NamedLockHolder.class.getName(),
        layout.url(), "nlp-lock").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (Connection connection = DriverManager.getConnection(layout.url());
        BufferedReader replies = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        Writer commands = holder.outputWriter(StandardCharsets.UTF_8)) {
      assertEquals("taken 1", send(commands, replies, "take"));
      assertEquals(0L, value(connection, "SELECT GET_LOCK('nlp-lock', 0)"));
      assertEquals(0L, value(connection, "SELECT IS_FREE_LOCK('nlp-lock')"));
      assertEquals("released 1", send(commands, replies, "release"));
      assertEquals(1L, value(connection, "SELECT GET_LOCK('nlp-lock', 0)"));
      assertEquals("taken 0", send(commands, replies, "take"), "this JVM holds it now");
      assertEquals(1L, value(connection, "SELECT RELEASE_LOCK('nlp-lock')"));

      assertEquals("taken 1", send(commands, replies, "take"));
      CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> {
        try {
          return value(connection, "SELECT GET_LOCK('nlp-lock', 60)");
        } catch (SQLException e) {
          return e;
        }
      });
      Thread.sleep(300);
      assertFalse(waiting.isDone(), "waits while the other JVM holds the lock");
      holder.destroyForcibly();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      assertEquals(1L, waiting.get(60, TimeUnit.SECONDS), "granted once the killed JVM's connection is gone");
      assertEquals(1L, value(connection, "SELECT RELEASE_LOCK('nlp-lock')"));
    } finally {
      holder.destroyForcibly();
    }
  }

  private static String send(Writer commands, BufferedReader replies, String command) throws IOException {
    commands.write(command + "\n");
    commands.flush();
    String reply = replies.readLine();
    assertTrue(reply != null, "the holder JVM ended before answering " + command);
    return reply;
  }

  private static Object value(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      assertTrue(rows.next());
      Object value = rows.getObject(1);
      return value instanceof Number number ? (Object) number.longValue() : value;
    }
  }
}
