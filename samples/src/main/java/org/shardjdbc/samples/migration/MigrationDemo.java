package org.shardjdbc.samples.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.shardjdbc.samples.EmbeddedServer;

/**
 * The migration demo: a legacy table {@code legacy_orders} in database {@code legacy_shop} (standing for a server
 * outside the sharded layout) copied into {@code orders}, sharded over 4 servers ({@code migration.yaml}), through the
 * driver, by 4 workers over key ranges, each source row marked {@code is_import = 1} as it is copied ({@link Migration}
 * says why that is safe to stop and rerun). Then it checks that the target holds exactly the source's rows and that
 * every source row is marked.
 *
 * <pre>
 * mvn -B -q -pl samples exec:java -Dexec.mainClass=org.shardjdbc.samples.migration.MigrationDemo
 * mvn -B -q -pl samples exec:java -Dexec.mainClass=org.shardjdbc.samples.migration.MigrationDemo -Dexec.args="--rows 500000 --compare"
 * </pre>
 *
 * {@code --compare} copies again by hand with raw JDBC ({@link RawJdbcChunkWriter}) and prints both rates.
 */
public final class MigrationDemo {
  static final String TEMPLATE = "migration.yaml";
  static final String LEGACY_DATABASE = "legacy_shop";
  static final List<String> DATABASES = List.of("orders_m1", "orders_m2", "orders_m3", "orders_m4", LEGACY_DATABASE);
  static final String TARGET_TABLE = "CREATE TABLE IF NOT EXISTS orders (order_id BIGINT PRIMARY KEY,"
      + " customer_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL, status VARCHAR(10) NOT NULL, note VARCHAR(100),"
      + " created_at DATETIME NOT NULL)";

  private MigrationDemo() {}

  public static void main(String[] args) {
    System.exit(run(List.of(args), System.out, Path.of(System.getProperty("java.io.tmpdir"), "shard-jdbc-samples")));
  }

  static int run(List<String> args, PrintStream out, Path workRoot) {
    int rows = 200_000;
    int workers = 4;
    boolean compare = false;
    try {
      for (int i = 0; i < args.size(); i++) {
        switch (args.get(i)) {
          case "--rows" -> rows = Integer.parseInt(args.get(++i));
          case "--workers" -> workers = Integer.parseInt(args.get(++i));
          case "--compare" -> compare = true;
          default -> throw new IllegalArgumentException("unknown option '" + args.get(i) + "'");
        }
      }
    } catch (RuntimeException e) {
      out.println("migration demo: " + e.getMessage());
      out.println("usage: MigrationDemo [--rows N] [--workers N] [--compare]");
      return 2;
    }
    try (EmbeddedServer server = EmbeddedServer.start(workRoot, "migration", DATABASES)) {
      Path config = writeConfig(server);
      String legacyUrl = server.url(LEGACY_DATABASE);
      out.printf("legacy_orders: %,d rows in %s (outside the layout); orders sharded over 16 tables on 4 data sources%n",
          rows, legacyUrl);
      try (Connection legacy = server.connect(LEGACY_DATABASE)) {
        LegacyOrders.create(legacy, rows);
        createTarget(config);
        boolean terminal = System.console() != null;
        new Migration(legacyUrl, DriverChunkWriter.factory(config), workers, 500, 1000).run(out, terminal);
        boolean same = check(legacy, config, out);
        if (compare) {
          reset(legacy, config);
          out.println("\nThe same copy by hand, with raw JDBC to the physical tables:");
          new Migration(legacyUrl, RawJdbcChunkWriter.factory(config), workers, 500, 1000).run(out, terminal);
          same &= check(legacy, config, out);
        }
        return same ? 0 : 1;
      }
    } catch (Exception e) {
      out.println("migration demo failed: " + e);
      return 1;
    }
  }

  static Path writeConfig(EmbeddedServer server) throws IOException {
    Path config = server.workDir().resolve("migration.yaml");
    try (InputStream in = MigrationDemo.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("classpath:" + TEMPLATE + " is missing");
      }
      Files.writeString(config, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{server}}", server.address()));
    } catch (IOException e) {
      throw new UncheckedIOException("classpath:" + TEMPLATE + ": " + e.getMessage(), e);
    }
    return config;
  }

  /** Creates the sharded target table through the driver: every physical table of it. */
  static void createTarget(Path config) throws SQLException {
    try (Connection shard = DriverManager.getConnection("jdbc:shard:" + config.toAbsolutePath());
        Statement statement = shard.createStatement()) {
      statement.execute(TARGET_TABLE);
    }
  }

  /** Whether the target holds exactly the source's rows and every source row is marked. */
  static boolean check(Connection legacy, Path config, PrintStream out) throws SQLException {
    String source = LegacyOrders.digest(legacy, "legacy_orders", "id");
    String target;
    try (Connection shard = DriverManager.getConnection("jdbc:shard:" + config.toAbsolutePath())) {
      target = LegacyOrders.digest(shard, "orders", "order_id");
    }
    long unmarked = LegacyOrders.notImported(legacy);
    boolean same = source.equals(target) && unmarked == 0;
    out.println("source " + source + "; target " + target + "; " + unmarked + " source rows not marked: "
        + (same ? "every row arrived exactly once" : "DIFFERENT"));
    return same;
  }

  private static void reset(Connection legacy, Path config) throws SQLException {
    try (Connection shard = DriverManager.getConnection("jdbc:shard:" + config.toAbsolutePath());
        Statement statement = shard.createStatement()) {
      statement.execute("TRUNCATE TABLE orders");
    }
    try (Statement statement = legacy.createStatement()) {
      statement.execute("UPDATE legacy_orders SET is_import = 0");
    }
  }
}
