package org.shardjdbc.driver.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardjdbc.planner.model.DataNode;
import org.yaml.snakeyaml.Yaml;

class ShardLayoutTest {

  private static final TestServer SERVER = TestServers.external("jdbc:mysql://127.0.0.1:3306/?user=root&password=");

  @Test
  void shop_placesKeysByFloorModAcrossFourDataSources() {
    ShardLayout layout = ShardLayout.shop(SERVER);
    assertEquals(64, layout.table("orders").shardCount());
    assertEquals(new DataNode("h0", "orders_00"), layout.nodeOf("orders", 0L));
    assertEquals(new DataNode("h1", "order_items_17"), layout.nodeOf("order_items", 17L));
    assertEquals(new DataNode("h3", "orders_63"), layout.nodeOf("orders", -1L));
    assertEquals(new DataNode("h3", "orders_63"), layout.nodeOf("orders", 63));
    assertEquals(1, layout.shardOf("orders", (1L << 53) + 1));
    assertEquals(1, layout.shardOf("orders", new BigDecimal("65")));
    assertEquals(62, layout.shardOf("orders", Long.MAX_VALUE - 1));
    assertEquals(List.of(new DataNode("h0", "customers")), layout.physicalTables("customers"));
    assertEquals(4, layout.physicalTables("countries").size());
    assertEquals("t_h2", layout.dataSource("h2").database());
    assertThrows(IllegalArgumentException.class, () -> layout.shardOf("orders", new BigDecimal("1.5")));
    assertThrows(IllegalArgumentException.class, () -> layout.shardOf("countries", 1L));
  }

  @Test
  void yaml_followsTheSpecFormat() throws Exception {
    ShardLayout layout = ShardLayout.builder()
        .dataSources(SERVER, "t_x", 2)
        .tablesPerDataSource(3)
        .sharded("orders", "order_id")
        .bound("order_items", "order_id", "orders")
        .broadcast("countries")
        .poolSize(4)
        .prop("sqlLog", "true")
        .build();
    String url = "jdbc:mysql://127.0.0.1:3306/t_x0?" + TestServer.URL_OPTIONS;
    assertEquals(String.join("\n",
        "# written by ShardLayout for tests",
        "dataSources:",
        "  h0:",
        "    url: \"" + url + "\"",
        "    username: \"root\"",
        "    password: \"\"",
        "    pool: { maximumPoolSize: 4 }",
        "  h1:",
        "    url: \"" + url.replace("t_x0", "t_x1") + "\"",
        "    username: \"root\"",
        "    password: \"\"",
        "    pool: { maximumPoolSize: 4 }",
        "tables:",
        "  orders:",
        "    shardKey: order_id",
        "    algorithm: mod",
        "    nodes:",
        "      h0: \"orders_${00..02}\"",
        "      h1: \"orders_${03..05}\"",
        "  order_items:",
        "    shardKey: order_id",
        "    bindTo: orders",
        "    nodes:",
        "      h0: \"order_items_${00..02}\"",
        "      h1: \"order_items_${03..05}\"",
        "  countries:",
        "    broadcast: true",
        "defaultDataSource: h0",
        "props:",
        "  sqlLog: \"true\"",
        ""), layout.yaml());
    Map<String, Object> parsed = new Yaml().load(layout.yaml());
    assertEquals(Map.of("maximumPoolSize", 4), path(parsed, "dataSources", "h1", "pool"));
    assertEquals("orders_${03..05}", path(parsed, "tables", "orders", "nodes", "h1"));
    assertEquals(Boolean.TRUE, path(parsed, "tables", "countries", "broadcast"));
    assertTrue(layout.url().startsWith("jdbc:shard:/"));
    assertEquals(layout.yaml(), Files.readString(layout.configFile()));
  }

  @SuppressWarnings("unchecked")
  private static Object path(Map<String, Object> yaml, String... keys) {
    Object value = yaml;
    for (String key : keys) {
      value = ((Map<String, Object>) value).get(key);
    }
    return value;
  }

  @Test
  void builder_rejectsBadBindings() {
    assertThrows(IllegalArgumentException.class, () -> ShardLayout.builder().dataSources(SERVER, "t_x", 1)
        .bound("order_items", "order_id", "orders").build());
    assertThrows(IllegalArgumentException.class, () -> ShardLayout.builder().build());
  }
}
