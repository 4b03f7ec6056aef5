package org.shardjdbc.samples.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shardjdbc.samples.ChildJvm;
import org.shardjdbc.samples.EmbeddedServer;

/**
 * The migration killed half way ({@code kill -9} of its JVM) and run again: every legacy row arrives exactly once,
 * with its values, every source row is marked, and the rerun copies only the rows not marked.
 */
class MigrationTest {
  private static final int ROWS = 100_000;
  private static final Pattern PROGRESS = Pattern.compile("copied ([\\d,]+) of ([\\d,]+) rows");
  private static EmbeddedServer server;
  private static Path config;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedServer.start(Path.of("target", "embedded-mariadb"), "migration", MigrationDemo.DATABASES);
    config = MigrationDemo.writeConfig(server);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void killedHalfWay_rerunCopiesTheRest_everyRowOnce() throws Exception {
    try (Connection legacy = server.connect(MigrationDemo.LEGACY_DATABASE)) {
      LegacyOrders.create(legacy, ROWS);
      MigrationDemo.createTarget(config);

      List<String> firstRun = new CopyOnWriteArrayList<>();
      AtomicBoolean killed = new AtomicBoolean();
      ChildJvm copy = ChildJvm.start("migration", Migration.class, arguments(), (process, line) -> {
        firstRun.add(line);
        Matcher progress = PROGRESS.matcher(line);
        if (progress.find() && number(progress.group(1)) * 2 >= number(progress.group(2)) && !killed.get()) {
          killed.set(true);
          process.kill();
        }
      });
      copy.waitFor(600);
      assertTrue(killed.get(), "killed half way: " + firstRun);
      assertTrue(firstRun.stream().noneMatch(line -> line.startsWith("done")), "killed before the end: " + firstRun);

      long unmarked = LegacyOrders.notImported(legacy);
      long copied = targetRows();
      assertTrue(unmarked > 0 && unmarked < ROWS, unmarked + " rows not marked after the kill");
      assertTrue(copied >= ROWS - unmarked, copied + " rows copied, " + (ROWS - unmarked) + " marked: a marked row was not copied");

      List<String> rerun = new CopyOnWriteArrayList<>();
      int status = ChildJvm.start("migration-rerun", Migration.class, arguments(), (process, line) -> rerun.add(line)).waitFor(600);
      assertEquals(0, status, rerun.toString());
      assertTrue(rerun.contains(String.format("to copy: %,d rows not yet imported, with 4 workers over key ranges", unmarked)),
          "the rerun copies only the rows not marked: " + rerun);
      assertTrue(rerun.contains("done: copied " + unmarked + " rows"), rerun.toString());

      ByteArrayOutputStream output = new ByteArrayOutputStream();
      boolean same;
      try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        same = MigrationDemo.check(legacy, config, out);
      }
      assertTrue(same, output.toString(StandardCharsets.UTF_8));
      assertEquals(ROWS, targetRows());
      assertEquals(0, LegacyOrders.notImported(legacy));
    }
  }

  private static List<String> arguments() {
    return List.of(config.toAbsolutePath().toString(), server.url(MigrationDemo.LEGACY_DATABASE), "--workers", "4",
        "--chunk", "500", "--progress-ms", "100");
  }

  private static long targetRows() throws SQLException {
    try (Connection shard = DriverManager.getConnection("jdbc:shard:" + config.toAbsolutePath());
        Statement statement = shard.createStatement(); ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static long number(String formatted) {
    return Long.parseLong(formatted.replace(",", ""));
  }
}
