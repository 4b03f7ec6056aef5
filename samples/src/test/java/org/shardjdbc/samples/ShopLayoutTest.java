package org.shardjdbc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopLayoutTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("shop.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void template_describes8DataSourcesWith16TablesEach() throws IOException {
    ShopLayout layout = ShopLayout.read(write(EmbeddedShop.renderTemplate("127.0.0.1:3306")));

    assertEquals(List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"),
        layout.dataSources().stream().map(ShopLayout.PhysicalSource::name).toList());
    assertEquals("jdbc:mysql://127.0.0.1:3306/shop_h3?sslMode=DISABLED", layout.dataSource("h3").url());
    assertEquals(128, layout.shardCount());
    assertEquals("h1.orders_000", layout.orders().get(0).toString());
    assertEquals("h1.orders_015", layout.orders().get(15).toString());
    assertEquals("h2.orders_016", layout.orders().get(16).toString());
    assertEquals("h8.orders_127", layout.orders().get(127).toString());
    assertEquals("h8.order_items_127", layout.orderItems().get(127).toString());
    assertEquals("h1", layout.defaultDataSource());
  }

  @Test
  void shardOf_isFloorModOfTheShardCount() throws IOException {
    ShopLayout layout = ShopLayout.read(write(EmbeddedShop.renderTemplate("127.0.0.1:3306")));

    assertEquals(7, layout.shardOf(7));
    assertEquals(7, layout.shardOf(135));
    assertEquals(0, layout.shardOf(128));
    assertEquals(127, layout.shardOf(-1));
  }

  @Test
  void expand_padsToTheWidthOfTheFirstBound() {
    assertEquals(List.of("t_08", "t_09", "t_10"), ShopLayout.expand("t_${08..10}"));
    assertEquals(List.of("t_8", "t_9", "t_10"), ShopLayout.expand("t_${8..10}"));
    assertEquals(List.of("orders"), ShopLayout.expand("orders"));
  }

  @Test
  void substituteEnvironment_usesTheVariableOrElseTheDefault() {
    Map<String, String> environment = Map.of("SHOP_DB_PASSWORD", "secret");

    assertEquals("secret", ShopLayout.substituteEnvironment("${SHOP_DB_PASSWORD}", environment));
    assertEquals("app", ShopLayout.substituteEnvironment("${SHOP_DB_USER:app}", environment));
    assertEquals("jdbc:mysql://db:3306/shop", ShopLayout.substituteEnvironment("jdbc:mysql://${HOST:db}:3306/shop", environment));
    assertThrows(IllegalArgumentException.class, () -> ShopLayout.substituteEnvironment("${NOT_SET}", environment));
  }

  @Test
  void read_unknownDataSource_namesFileKeyAndValue() throws IOException {
    Path file = write(EmbeddedShop.renderTemplate("127.0.0.1:3306").replace("h8: orders_", "h9: orders_"));

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ShopLayout.read(file));
    assertEquals(file + ": tables.orders.nodes.h9: unknown data source 'h9' (defined: h1, h2, h3, h4, h5, h6, h7, h8)",
        error.getMessage());
  }

  @Test
  void read_algorithmOtherThanMod_isRefused() throws IOException {
    Path file = write(EmbeddedShop.renderTemplate("127.0.0.1:3306").replace("algorithm: mod", "algorithm: hash"));

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ShopLayout.read(file));
    assertEquals(file + ": tables.orders.algorithm: 'hash': the demo's loader places rows with mod only", error.getMessage());
  }

  @Test
  void read_countriesNotBroadcast_isRefused() throws IOException {
    Path file = write(EmbeddedShop.renderTemplate("127.0.0.1:3306").replace("broadcast: true", "broadcast: false"));

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ShopLayout.read(file));
    assertEquals(file + ": tables.countries.broadcast: must be true: the demo joins countries on every shard",
        error.getMessage());
  }

  @Test
  void read_invalidYaml_namesTheFile() throws IOException {
    Path file = write("dataSources:\n  h1: { url: jdbc:mysql://db/shop, password: ${SHOP_DB_PASSWORD} }\n");

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ShopLayout.read(file));
    assertTrue(error.getMessage().startsWith(file + ": not valid YAML: "), error.getMessage());
  }

  @Test
  void physicalSource_masksThePassword() {
    ShopLayout.PhysicalSource source = new ShopLayout.PhysicalSource("h1", "jdbc:mysql://db/shop", "app", "secret");

    assertEquals("h1 (jdbc:mysql://db/shop, user app, password <masked>)", source.toString());
  }
}
