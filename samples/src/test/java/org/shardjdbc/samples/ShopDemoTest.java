package org.shardjdbc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopDemoTest {
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  private int run(String... args) {
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      return ShopDemo.run(List.of(args), out, Path.of("target", "embedded-mariadb"));
    }
  }

  private String output() {
    return output.toString(StandardCharsets.UTF_8);
  }

  /**
   * The whole demo, as {@code mvn -pl samples exec:java} runs it: every query must run through the driver and give the
   * rows of the unsharded copy.
   */
  @Test
  void embeddedShop_everyQueryMatchesTheUnshardedCopy() {
    int status = run();

    assertEquals(0, status, output());
    int queries = ShopQueries.all().size();
    assertTrue(output().contains(queries + " of " + queries + " queries ran and matched the unsharded copy"), output());
  }

  /** The driver registers itself through META-INF/services: no Class.forName (SPEC §2). */
  @Test
  void driverManager_findsTheShardDriverWithoutLoadingIt() throws SQLException {
    assertEquals("org.shardjdbc.driver.jdbc.ShardDriver", DriverManager.getDriver("jdbc:shard:shop.yaml").getClass().getName());
  }

  @Test
  void run_missingConfiguration_failsNamingTheFile() {
    int status = run("no/such/shop.yaml");

    assertEquals(1, status);
    assertTrue(output().contains("no/such/shop.yaml: cannot read the configuration (NoSuchFileException)"), output());
  }

  @Test
  void run_unknownOption_printsUsage() {
    assertEquals(2, run("--fast"));
    assertTrue(output().contains("shop demo: unknown option '--fast'"), output());
    assertTrue(output().contains("usage: ShopDemo [CONFIG.yaml [--load]]"), output());
  }

  @Test
  void run_loadWithoutConfiguration_printsUsage() {
    assertEquals(2, run("--load"));
  }

  @Test
  void run_help_printsUsage() {
    assertEquals(0, run("--help"));
    assertTrue(output().startsWith("usage: ShopDemo"), output());
  }

  @Test
  void maskPasswords_hidesEveryNonEmptyPassword() {
    String yaml = """
        h1: { url: "jdbc:mysql://a/shop", username: app, password: s3cret }
        h2: { url: "jdbc:mysql://b/shop", password: "" }
        h3:
          password: ${SHOP_DB_PASSWORD}
        """;

    assertEquals("""
        h1: { url: "jdbc:mysql://a/shop", username: app, password: <masked> }
        h2: { url: "jdbc:mysql://b/shop", password: "" }
        h3:
          password: <masked>
        """, ShopDemo.maskPasswords(yaml));
  }
}
