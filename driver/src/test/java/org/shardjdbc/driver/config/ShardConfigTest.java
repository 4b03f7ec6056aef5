package org.shardjdbc.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.HashAlgorithm;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;
import org.shardjdbc.planner.model.ShardingModel;

class ShardConfigTest {
  static final String SHOP = "classpath:org/shardjdbc/driver/config/shop.yaml";
  static final Function<String, String> ENVIRONMENT = Map.of("SHOP_DB_PASSWORD", "s3cret", "SHOP_SQL_LOG", "true")::get;

  @Test
  void load_theShopOf8DataSourcesAnd128Shards() throws SQLException {
    ShardConfig config = ShardConfig.load(SHOP, ENVIRONMENT);
    assertEquals(SHOP, config.source());
    assertEquals(List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"), List.copyOf(config.dataSources().keySet()));

    ShardingModel model = config.model();
    assertEquals(List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"), model.dataSources());
    assertEquals("h1", model.defaultDataSource());
    assertEquals("h1", model.lockDataSource(), "named locks live on the default data source unless told otherwise");
    LogicalTable orders = model.table("ORDERS");
    assertEquals("order_id", orders.shardKey());
    assertEquals(new ModAlgorithm(), orders.algorithm());
    assertEquals(128, orders.shardCount());
    assertEquals(new DataNode("h1", "orders_000"), orders.node(0));
    assertEquals(new DataNode("h1", "orders_015"), orders.node(15));
    assertEquals(new DataNode("h2", "orders_016"), orders.node(16));
    assertEquals(new DataNode("h8", "orders_127"), orders.node(127));
    assertEquals("snowflake", orders.keyGenerator());
    assertNull(orders.bindTo());

    LogicalTable items = model.table("order_items");
    assertEquals("orders", items.bindTo());
    assertSame(orders, model.bindingRoot(items));
    assertEquals(new ModAlgorithm(), items.algorithm());
    assertEquals(new DataNode("h5", "order_items_077"), items.node(77));
    assertNull(items.keyGenerator());

    LogicalTable customers = model.table("customers");
    assertInstanceOf(HashAlgorithm.class, customers.algorithm());
    assertEquals(List.of(new DataNode("h1", "customers_a"), new DataNode("h1", "customers_b"),
        new DataNode("h2", "customers_c")), customers.nodes());

    LogicalTable countries = model.table("countries");
    assertTrue(countries.broadcast());
    assertEquals(8, countries.shardCount());
    assertEquals(new DataNode("h8", "countries"), countries.node(7));
    assertNull(model.table("products"));
  }

  @Test
  void load_dataSourcesWithPools() throws SQLException {
    ShardConfig config = ShardConfig.load(SHOP, ENVIRONMENT);
    DataSourceConfig h1 = config.dataSources().get("h1");
    assertEquals("h1", h1.name());
    assertEquals("jdbc:mysql://10.0.0.1:3306/shop", h1.url());
    assertEquals("app", h1.username());
    assertEquals("s3cret", h1.password());
    assertEquals(Map.of("maximumPoolSize", "16", "connectionTimeout", "5000", "dataSource.cachePrepStmts", "true"),
        h1.pool());
    assertEquals(List.of("maximumPoolSize", "connectionTimeout", "dataSource.cachePrepStmts"),
        List.copyOf(h1.pool().keySet()));
    assertEquals(List.of(new ReplicaConfig("h1.replicas[0]", "jdbc:mysql://10.0.1.1:3306/shop", 2, "app", "s3cret",
            h1.pool()),
        new ReplicaConfig("h1.replicas[1]", "jdbc:mysql://10.0.2.1:3306/shop", 1, "reader", "replica-secret",
            Map.of("maximumPoolSize", "4"))), h1.replicas());
    DataSourceConfig h8 = config.dataSources().get("h8");
    assertEquals("jdbc:mysql://10.0.0.8:3306/shop", h8.url());
    assertEquals(Map.of(), h8.pool());
    assertEquals(List.of(), h8.replicas());
  }

  @Test
  void load_otherSections() throws SQLException {
    ShardConfig config = ShardConfig.load(SHOP, ENVIRONMENT);
    assertEquals(new ReadWriteSplittingConfig(true, ReadWriteSplittingConfig.LoadBalancer.WEIGHTED, 500,
        new ReadWriteSplittingConfig.Heartbeat("ops.heartbeat", true, 250, 2000), 10_000), config.readWriteSplitting());
    assertEquals(TransactionConfig.DEFAULT, config.transaction());
    assertEquals(Map.of("maxConcurrencyPerDataSource", "4", "sqlLog", "true"), config.props());
    assertEquals(new ShardProperties(4, true, PlanCacheSettings.DEFAULTS, -1, ResilienceSettings.DEFAULTS, false),
        config.properties());
    assertTrue(config.hasUsers());
    assertEquals(Map.of("alice", "alice-secret", "bob", "bob-secret"), config.users());
  }

  @Test
  void database_isThePathOfTheUrl() {
    assertEquals("shop", dataSource("jdbc:mysql://10.0.0.1:3306/shop").database());
    assertEquals("shop", dataSource("jdbc:mysql://10.0.0.1/shop?useSSL=false&x=/y").database());
    assertEquals("shop db", dataSource("jdbc:mysql://h1:3306,h2:3307/shop%20db").database());
    assertEquals("shop", dataSource("jdbc:mysql://address=(host=h1)(port=3306)(x=a/b)/shop").database());
    assertEquals("shop", dataSource("jdbc:mysql://[::1]:3306/shop").database());
    assertEquals("shop", dataSource("jdbc:mysql:replication://p,r/shop").database());
    assertNull(dataSource("jdbc:mysql://10.0.0.1:3306/").database());
    assertNull(dataSource("jdbc:mysql://10.0.0.1:3306").database());
    assertNull(dataSource("jdbc:mysql://10.0.0.1:3306?db=/shop").database());
  }

  @Test
  void model_namesTheLogicalDatabaseAfterTheDefaultDataSource() throws SQLException {
    assertEquals("shop", ShardConfig.load(SHOP, ENVIRONMENT).model().database());
  }

  private static DataSourceConfig dataSource(String url) {
    return new DataSourceConfig("h1", url, null, null, Map.of(), List.of());
  }

  @Test
  void toString_masksEveryPassword() throws SQLException {
    String text = ShardConfig.load(SHOP, ENVIRONMENT).toString();
    assertFalse(text.contains("secret"), text);
    assertFalse(text.contains("s3cret"), text);
    assertTrue(text.contains("password=<masked>"), text);
    assertTrue(text.contains("orders(mod x 128)"), text);
    assertTrue(text.contains("users=[alice, bob]"), text);
  }

  @Test
  void toString_masksPasswordsInUrlsAndPools() {
    DataSourceConfig dataSource = new DataSourceConfig("h1",
        "jdbc:mysql://app:pw1@10.0.0.1:3306/shop?user=app&password=pw2&useSSL=true", "app", "pw3",
        Map.of("dataSource.password", "pw4"), List.of(new ReplicaConfig("h1.replicas[0]", "jdbc:mysql://r/shop?password=pw5", 1, "a", "pw6",
            Map.of("dataSource.password", "pw7"))));
    String text = dataSource.toString();
    for (String secret : List.of("pw1", "pw2", "pw3", "pw4", "pw5", "pw6", "pw7")) {
      assertFalse(text.contains(secret), text);
    }
    assertTrue(text.contains("jdbc:mysql://app:<masked>@10.0.0.1:3306/shop?user=app&password=<masked>&useSSL=true"),
        text);
  }

  @Test
  void load_minimalFileDefaultsEverything() throws SQLException {
    ShardConfig config = ShardConfig.parse("tiny.yaml", "dataSources:\n  only: { url: 'jdbc:mysql://db/shop' }\n",
        ENVIRONMENT);
    assertEquals("only", config.model().defaultDataSource());
    assertTrue(config.model().tables().isEmpty());
    assertFalse(config.hasUsers());
    assertEquals(Map.of(), config.users());
    assertEquals(Map.of(), config.props());
    assertEquals(ShardProperties.DEFAULTS, config.properties());
    assertEquals(ReadWriteSplittingConfig.DISABLED, config.readWriteSplitting());
    assertEquals(TransactionConfig.DEFAULT, config.transaction());
    DataSourceConfig only = config.dataSources().get("only");
    assertNull(only.username());
    assertNull(only.password());
  }

  @Test
  void load_yamlAnchorsAndMergeKeys() throws SQLException {
    ShardConfig config = ShardConfig.parse("s.yaml", String.join("\n",
        "dataSources:",
        "  h1: &server { url: 'jdbc:mysql://a/shop', username: app, password: pw, pool: { maximumPoolSize: 4 } }",
        "  h2: { <<: *server, url: 'jdbc:mysql://b/shop' }",
        "  h3:",
        "    <<: *server",
        "    url: jdbc:mysql://c/shop",
        "    username: other",
        ""), ENVIRONMENT);
    assertEquals("jdbc:mysql://b/shop", config.dataSources().get("h2").url());
    assertEquals("app", config.dataSources().get("h2").username());
    assertEquals("other", config.dataSources().get("h3").username());
    assertEquals("pw", config.dataSources().get("h3").password());
    assertEquals(Map.of("maximumPoolSize", "4"), config.dataSources().get("h3").pool());
  }

  @Test
  void load_readsTheProcessEnvironment(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("plain.yaml");
    Files.writeString(file, "dataSources: { h1: { url: 'jdbc:mysql://a/x', password: '${SHARD_CONFIG_TEST_UNSET:pw}' } }\n");
    assertEquals("pw", ShardConfig.load(file.toString()).dataSources().get("h1").password());
  }

  @Test
  void load_customAlgorithmByClassName() throws SQLException {
    ShardConfig config = ShardConfig.parse("c.yaml", String.join("\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/x' } }",
        "tables:",
        "  t: { shardKey: k, algorithm: " + FirstDigitAlgorithm.class.getName() + ", nodes: { h1: 't_${0..3}' } }",
        "  u: { shardKey: k, bindTo: t, nodes: { h1: 'u_${0..3}' } }",
        "  v: { shardKey: k, bindTo: u, algorithm: " + FirstDigitAlgorithm.class.getName() + ", nodes: { h1: 'v_${0..3}' } }",
        ""), ENVIRONMENT);
    LogicalTable t = config.model().table("t");
    assertInstanceOf(FirstDigitAlgorithm.class, t.algorithm());
    assertEquals(3, t.algorithm().shardOf(7, 4));
    assertSame(t.algorithm(), config.model().table("u").algorithm());
    assertInstanceOf(FirstDigitAlgorithm.class, config.model().table("v").algorithm());
    assertSame(t, config.model().bindingRoot(config.model().table("v")));
  }

  @Test
  void load_rangeAlgorithmOverDates() throws SQLException {
    ShardConfig config = ShardConfig.parse("r.yaml", String.join("\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/x' }, h2: { url: 'jdbc:mysql://b/x' } }",
        "tables:",
        "  events:",
        "    shardKey: created",
        "    algorithm: range",
        "    ranges: [2024-01-01, 2024-02-01, 2024-03-01, 2024-04-01, '${RANGE_END:2024-05-01}']",
        "    nodes: { h1: [events_2024_01, events_2024_02], h2: ['events_2024_${03..04}'] }",
        "  event_tags: { shardKey: created, bindTo: events, nodes: { h1: 'tags_${1..2}', h2: 'tags_${3..4}' } }",
        ""), ENVIRONMENT);
    LogicalTable events = config.model().table("events");
    assertEquals("range['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01']",
        events.algorithm().toString());
    assertEquals(new DataNode("h2", "events_2024_03"), events.node(2));
    assertEquals(1, events.algorithm().shardOf(java.sql.Date.valueOf("2024-02-15"), 4));
    assertEquals(3, events.algorithm().shardOf("2024-04-30 23:59:59", 4));
    assertEquals(events.algorithm(), config.model().table("event_tags").algorithm());
    assertEquals(new DataNode("h1", "tags_2"), config.model().table("event_tags").node(1));
  }

  @Test
  void load_broadcastTableOnSomeDataSources() throws SQLException {
    ShardConfig config = ShardConfig.parse("b.yaml", String.join("\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/x' }, h2: { url: 'jdbc:mysql://b/x' }, h3: { url: 'jdbc:mysql://c/x' } }",
        "defaultDataSource: h3",
        "tables:",
        "  currencies: { broadcast: true, nodes: [h3, h1] }",
        ""), ENVIRONMENT);
    assertEquals(List.of(new DataNode("h3", "currencies"), new DataNode("h1", "currencies")),
        config.model().table("currencies").nodes());
    assertEquals("h3", config.model().defaultDataSource());
  }

  @Test
  void load_lockDataSourceApartFromTheDefault() throws SQLException {
    ShardConfig config = ShardConfig.parse("l.yaml", String.join("\n",
        "dataSources: { h1: { url: 'jdbc:mysql://a/x' }, h2: { url: 'jdbc:mysql://b/x' } }",
        "lockDataSource: h2",
        ""), ENVIRONMENT);
    assertEquals("h1", config.model().defaultDataSource());
    assertEquals("h2", config.model().lockDataSource());
  }

  @Test
  void load_environmentPlaceholdersInEveryValue() throws SQLException {
    Function<String, String> environment = Map.of("DB_HOST", "10.9.9.9", "POOL", "32", "TABLE", "orders",
        "DS", "h1", "LOG", "true")::get;
    ShardConfig config = ShardConfig.parse("e.yaml", String.join("\n",
        "dataSources:",
        "  h1: { url: 'jdbc:mysql://${DB_HOST}:3306/shop', pool: { maximumPoolSize: '${POOL}' } }",
        "  h2: { url: jdbc:mysql://${OTHER_HOST:localhost}:3306/shop, password: '${EMPTY:}' }",
        "defaultDataSource: ${DS}",
        "tables:",
        "  orders: { shardKey: '${KEY:order_id}', nodes: { h1: '${TABLE}_${00..01}', h2: ['${TABLE}_${02..03}'] } }",
        "props: { sqlLog: '${LOG}' }",
        ""), environment);
    assertEquals("jdbc:mysql://10.9.9.9:3306/shop", config.dataSources().get("h1").url());
    assertEquals("32", config.dataSources().get("h1").pool().get("maximumPoolSize"));
    assertEquals("jdbc:mysql://localhost:3306/shop", config.dataSources().get("h2").url());
    assertEquals("", config.dataSources().get("h2").password());
    assertEquals("h1", config.model().defaultDataSource());
    LogicalTable orders = config.model().table("orders");
    assertEquals("order_id", orders.shardKey());
    assertEquals(List.of(new DataNode("h1", "orders_00"), new DataNode("h1", "orders_01"),
        new DataNode("h2", "orders_02"), new DataNode("h2", "orders_03")), orders.nodes());
    assertTrue(config.properties().sqlLog());
  }

  @Test
  void load_fromAPathAndFileLocations(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("my shop.yaml");
    try (InputStream in = getClass().getResourceAsStream("shop.yaml")) {
      Files.copy(in, file);
    }
    String path = file.toString();
    for (String location : List.of(path, "file:" + path, file.toUri().toString(), "file://" + file.toUri().getPath())) {
      ShardConfig config = ShardConfig.load(location, ENVIRONMENT);
      assertEquals(location, config.source());
      assertEquals(128, config.model().table("orders").shardCount(), location);
    }
  }

  @Test
  void load_relativePathsAndClasspathWithSlash() throws SQLException, IOException {
    Path relative = Path.of("target", "shard-config-test", "relative.yaml");
    Files.createDirectories(relative.getParent());
    Files.writeString(relative, "\uFEFFdataSources: { h1: { url: 'jdbc:mysql://a/x' } }\n");
    assertEquals("h1", ShardConfig.load("./" + relative, ENVIRONMENT).model().defaultDataSource());
    assertEquals("h1", ShardConfig.load("file:" + relative, ENVIRONMENT).model().defaultDataSource());
    assertEquals("h1", ShardConfig.load("file:./" + relative, ENVIRONMENT).model().defaultDataSource());
    assertEquals(128, ShardConfig.load("classpath:/org/shardjdbc/driver/config/shop.yaml", ENVIRONMENT).model()
        .table("orders").shardCount());
  }

  @Test
  void withOverrides_replacesPropsAndKeepsTheRest() throws SQLException {
    ShardConfig config = ShardConfig.load(SHOP, ENVIRONMENT);
    ShardConfig overridden = config.withOverrides(Map.of("sqlLog", "false", "planCacheSize", "0", "user", "alice",
        "password", "alice-secret"));
    assertNotSame(config, overridden);
    assertEquals(Map.of("maxConcurrencyPerDataSource", "4", "sqlLog", "false", "planCacheSize", "0"),
        overridden.props());
    assertEquals(new ShardProperties(4, false, new PlanCacheSettings(0, -1, true), -1, ResilienceSettings.DEFAULTS, false),
        overridden.properties());
    assertEquals(new ShardProperties(4, true, PlanCacheSettings.DEFAULTS, -1, ResilienceSettings.DEFAULTS, false),
        config.properties());
    assertSame(config.model(), overridden.model());
    assertEquals(config.dataSources(), overridden.dataSources());
    assertEquals(config.users(), overridden.users());
    assertTrue(overridden.hasUsers());
    assertEquals(config.source(), overridden.source());
    ShardConfig noUsers = ShardConfig.parse("n.yaml", "dataSources: { h1: { url: 'jdbc:mysql://a/x' } }\n",
        ENVIRONMENT).withOverrides(Map.of("sqlLog", "true"));
    assertFalse(noUsers.hasUsers());
    assertTrue(noUsers.properties().sqlLog());
  }

  @Test
  void withOverrides_rejectsUnknownAndBadProperties() throws SQLException {
    ShardConfig config = ShardConfig.load(SHOP, ENVIRONMENT);
    SQLException unknown = assertThrows(SQLException.class, () -> config.withOverrides(Map.of("sqlLogs", "true")));
    assertEquals(SHOP + ": connection property sqlLogs: unknown property (known: maxConcurrencyPerDataSource, "
        + "sqlLog, planCacheSize, planCacheMaxBytes, planCacheShapes, snowflakeWorkerId, federationMemoryLimit, "
        + "federationJoinKeyLimit, sqlLogParameters, connectTimeoutMs, socketTimeoutMs, connectionTimeoutMs, validationTimeoutMs, "
        + "cancelTimeoutMs, healthFailureThreshold, healthProbeIntervalMs, healthProbeTimeoutMs)", unknown.getMessage());
    assertEquals("HY000", unknown.getSQLState());
    SQLException bad = assertThrows(SQLException.class,
        () -> config.withOverrides(Map.of("maxConcurrencyPerDataSource", "0")));
    assertEquals(SHOP + ": connection property maxConcurrencyPerDataSource: '0' must be at least 1",
        bad.getMessage());
  }
}
