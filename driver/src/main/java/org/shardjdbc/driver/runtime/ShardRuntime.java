package org.shardjdbc.driver.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.shardjdbc.driver.catalog.LogicalCatalog;
import org.shardjdbc.driver.config.DataSourceConfig;
import org.shardjdbc.driver.config.ShardConfig;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.execute.QueryExecutor;
import org.shardjdbc.driver.federate.FederatedExecutor;
import org.shardjdbc.driver.federate.ServerSchemaReader;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.federate.FederatedPlan;
import org.shardjdbc.planner.federate.FederatedPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all logical connections to one configuration share: the pools, the plan cache, the executor. Pools open
 * their connections lazily, so that creating a runtime touches no server.
 */
public final class ShardRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardRuntime.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ShardConfig config;
  private final Map<String, DataSourcePool> pools;
  private final StatementAnalyzer analyzer;
  private final Cache<String, Analysis> plans;
  private final ExecutorService executor;
  private final QueryExecutor queryExecutor;
  private final LogicalCatalog catalog;
  private final FederatedPlanner federatedPlanner;
  private final ServerSchemaReader serverSchema;
  private final Cache<String, FederatedPlan> federatedPlans;
  private final FederatedExecutor federatedExecutor;

  ShardRuntime(ShardConfig config) {
    this.config = config;
    Map<String, DataSourcePool> created = new LinkedHashMap<>();
    for (DataSourceConfig dataSource : config.dataSources().values()) {
      created.put(dataSource.name(), new DataSourcePool(dataSource.name(), new HikariDataSource(hikariConfig(dataSource))));
    }
    this.pools = created;
    this.analyzer = new StatementAnalyzer(config.model());
    this.plans = Caffeine.newBuilder().maximumSize(config.properties().planCacheSize()).recordStats().build();
    ThreadFactory threads = runnable -> {
      Thread thread = new Thread(runnable, "shard-jdbc-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = Executors.newCachedThreadPool(threads);
    this.queryExecutor = new QueryExecutor(executor, config.properties().maxConcurrencyPerDataSource());
    this.catalog = new LogicalCatalog(config.model(), pools);
    this.federatedPlanner = new FederatedPlanner(analyzer);
    this.serverSchema = new ServerSchemaReader(config.model(), pools);
    this.federatedPlans = Caffeine.newBuilder().maximumSize(config.properties().planCacheSize()).recordStats().build();
    this.federatedExecutor = new FederatedExecutor(queryExecutor, config.properties().federationMemoryLimit());
  }

  private static HikariConfig hikariConfig(DataSourceConfig dataSource) {
    Properties properties = new Properties();
    properties.putAll(dataSource.pool());
    HikariConfig hikari = new HikariConfig(properties);
    hikari.setPoolName("shard-" + dataSource.name());
    hikari.setJdbcUrl(dataSource.url());
    if (dataSource.username() != null) {
      hikari.setUsername(dataSource.username());
    }
    if (dataSource.password() != null) {
      hikari.setPassword(dataSource.password());
    }
    if (!dataSource.pool().containsKey("initializationFailTimeout")) {
      hikari.setInitializationFailTimeout(-1);
    }
    if (!dataSource.pool().containsKey("minimumIdle")) {
      hikari.setMinimumIdle(0);
    }
    // results stream; mysql-connector-j would otherwise send SET net_write_timeout before every streaming query:
    // set it once per connection instead
    Properties driverProperties = hikari.getDataSourceProperties();
    if (!driverProperties.containsKey("netTimeoutForStreamingResults") && !dataSource.url().contains("netTimeoutForStreamingResults")) {
      driverProperties.setProperty("netTimeoutForStreamingResults", "0");
      if (!driverProperties.containsKey("sessionVariables") && !dataSource.url().contains("sessionVariables")) {
        driverProperties.setProperty("sessionVariables", "net_write_timeout=600");
      }
    }
    return hikari;
  }

  public ShardConfig config() {
    return config;
  }

  public DataSourcePool pool(String dataSource) throws SQLException {
    DataSourcePool pool = pools.get(dataSource);
    if (pool == null) {
      throw new SQLException(config.source() + ": unknown data source '" + dataSource + "'", "HY000");
    }
    return pool;
  }

  public Map<String, DataSourcePool> pools() {
    return pools;
  }

  public QueryExecutor queryExecutor() {
    return queryExecutor;
  }

  /** The logical database's catalogue: its name, SHOW statements and information_schema. */
  public LogicalCatalog catalog() {
    return catalog;
  }

  /** The analysis of a statement: from the plan cache, or analyzed once and cached. Refusals are not cached. */
  public Analysis analyze(String sql) throws SQLException {
    Analysis analysis = plans.getIfPresent(sql);
    if (analysis == null) {
      analysis = analyzer.analyze(sql);
      plans.put(sql, analysis);
    }
    if (config.properties().sqlLog()) {
      LOG.info("logical SQL: {} -> {}", sql, analysis);
    }
    return analysis;
  }

  /**
   * The federated plan of a statement that needs rows of several shards at once: from the cache, or planned once with
   * Calcite (which asks the servers for column types) and cached. Refusals are not cached.
   */
  public FederatedPlan federate(String sql) throws SQLException {
    FederatedPlan plan = federatedPlans.getIfPresent(sql);
    if (plan == null) {
      plan = federatedPlanner.plan(sql, serverSchema);
      federatedPlans.put(sql, plan);
      if (config.properties().sqlLog()) {
        LOG.info("federated plan of {}:\n{}", sql, plan.explain());
      }
    }
    return plan;
  }

  /** Runs federated plans. */
  public FederatedExecutor federatedExecutor() {
    return federatedExecutor;
  }

  /** Hits, misses and evictions of the federated plan cache. */
  public CacheStats federatedPlanCacheStats() {
    return federatedPlans.stats();
  }

  /** Hits, misses and evictions of the plan cache. */
  public CacheStats planCacheStats() {
    return plans.stats();
  }

  /** Closes the pools; logical connections still open fail on their next statement. */
  @Override
  public void close() {
    executor.shutdownNow();
    for (DataSourcePool pool : pools.values()) {
      pool.close();
    }
  }
}
