package org.shardjdbc.driver.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.shardjdbc.driver.config.DataSourceConfig;
import org.shardjdbc.driver.config.ShardConfig;
import org.shardjdbc.driver.config.ResilienceSettings;
import org.shardjdbc.driver.config.TransactionConfig;
import org.shardjdbc.driver.execute.BatchExecutor;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.execute.DdlExecutor;
import org.shardjdbc.driver.execute.HealthMonitor;
import org.shardjdbc.driver.execute.QueryExecutor;
import org.shardjdbc.driver.execute.StatementCanceller;
import org.shardjdbc.driver.replica.ReadWriteSplitting;
import org.shardjdbc.driver.execute.WriteExecutor;
import org.shardjdbc.driver.transaction.XaCoordinator;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAccess;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.model.KeyGenerator;
import org.shardjdbc.planner.model.KeyTypes;
import org.shardjdbc.planner.model.SnowflakeKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all logical connections to one configuration share: the pools, the plan cache, the executor, read/write
 * splitting. Pools open their connections lazily, so that creating a runtime touches no server.
 */
public final class ShardRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardRuntime.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ShardConfig config;
  private final Map<String, DataSourcePool> pools;
  private final PhysicalColumns columns;
  private final StatementAnalyzer analyzer;
  private final Cache<String, Analysis> plans;
  /** Where each statement may run, for data sources with replicas; null without any. */
  private final Cache<String, StatementAccess> accesses;
  private final ExecutorService executor;
  private final QueryExecutor queryExecutor;
  private final ReadWriteSplitting readWriteSplitting;
  private final WriteExecutor writeExecutor;
  private final BatchExecutor batchExecutor;
  private final DdlExecutor ddlExecutor;
  private volatile KeyGenerator keyGenerator;
  private final KeyColumnTypes keyTypes;
  private final StatementCanceller canceller;
  private final HealthMonitor healthMonitor;
  /** Null unless {@code transaction.type: xa}. */
  private final XaCoordinator xa;

  ShardRuntime(ShardConfig config) {
    this.config = config;
    ResilienceSettings resilience = config.properties().resilience();
    Map<String, DataSourcePool> created = new LinkedHashMap<>();
    for (DataSourceConfig dataSource : config.dataSources().values()) {
      created.put(dataSource.name(), new DataSourcePool(dataSource.name(), pool("shard-" + dataSource.name(),
          dataSource.url(), dataSource.username(), dataSource.password(), dataSource.pool(), resilience), resilience));
    }
    this.pools = Collections.unmodifiableMap(created);
    ThreadFactory threads = runnable -> {
      Thread thread = new Thread(runnable, "shard-jdbc-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = Executors.newCachedThreadPool(threads);
    this.readWriteSplitting = new ReadWriteSplitting(config,
        (name, url, username, password, pool) -> pool(name, url, username, password, pool, resilience), executor);
    // replicas are servers of their own: their statements are cancelled, and their health watched, as the primaries'
    Map<String, DataSourcePool> servers = new LinkedHashMap<>(pools);
    servers.putAll(readWriteSplitting.replicaPools());
    this.canceller = new StatementCanceller(servers, resilience.cancelTimeoutMs());
    this.healthMonitor = new HealthMonitor(servers.values(), resilience, canceller);
    this.columns = new PhysicalColumns(created);
    this.analyzer = new StatementAnalyzer(config.model(), columns);
    this.plans = Caffeine.newBuilder().maximumSize(config.properties().planCacheSize()).recordStats().build();
    this.accesses = readWriteSplitting.configured()
        ? Caffeine.newBuilder().maximumSize(config.properties().planCacheSize()).build() : null;
    int concurrency = config.properties().maxConcurrencyPerDataSource();
    this.queryExecutor = new QueryExecutor(executor, concurrency);
    this.writeExecutor = new WriteExecutor(executor, concurrency);
    this.batchExecutor = new BatchExecutor(executor);
    this.ddlExecutor = new DdlExecutor(executor, concurrency);
    this.keyTypes = new KeyColumnTypes(pools);
    this.xa = config.transaction().type() == TransactionConfig.Type.XA
        ? new XaCoordinator(pools, config.model().defaultDataSource(), config.transaction().leaseMs()) : null;
  }

  private static HikariDataSource pool(String poolName, String url, String username, String password,
      Map<String, String> pool, ResilienceSettings resilience) {
    return new HikariDataSource(hikariConfig(poolName, url, username, password, pool, resilience));
  }

  private static HikariConfig hikariConfig(String poolName, String url, String username, String password,
      Map<String, String> pool, ResilienceSettings resilience) {
    Properties properties = new Properties();
    properties.putAll(pool);
    HikariConfig hikari = new HikariConfig(properties);
    hikari.setPoolName(poolName);
    hikari.setJdbcUrl(url);
    if (username != null) {
      hikari.setUsername(username);
    }
    if (password != null) {
      hikari.setPassword(password);
    }
    if (!pool.containsKey("initializationFailTimeout")) {
      hikari.setInitializationFailTimeout(-1);
    }
    if (!pool.containsKey("minimumIdle")) {
      hikari.setMinimumIdle(0);
    }
    if (!pool.containsKey("connectionTimeout")) {
      hikari.setConnectionTimeout(resilience.connectionTimeoutMs());
    }
    if (!pool.containsKey("validationTimeout")) {
      hikari.setValidationTimeout(resilience.validationTimeoutMs());
    }
    Properties driverProperties = hikari.getDataSourceProperties();
    setUnlessGiven(url, driverProperties, "connectTimeout", resilience.connectTimeoutMs());
    setUnlessGiven(url, driverProperties, "socketTimeout", resilience.socketTimeoutMs());
    // results stream; mysql-connector-j would otherwise send SET net_write_timeout before every streaming query:
    // set it once per connection instead
    if (!driverProperties.containsKey("netTimeoutForStreamingResults") && !url.contains("netTimeoutForStreamingResults")) {
      driverProperties.setProperty("netTimeoutForStreamingResults", "0");
      if (!driverProperties.containsKey("sessionVariables") && !url.contains("sessionVariables")) {
        driverProperties.setProperty("sessionVariables", "net_write_timeout=600");
      }
    }
    return hikari;
  }

  /** Sets a mysql-connector-j property unless the URL or {@code pool: dataSource.<name>} sets it. */
  private static void setUnlessGiven(String url, Properties driverProperties, String name, long value) {
    if (!driverProperties.containsKey(name) && !url.contains(name + "=")) {
      driverProperties.setProperty(name, Long.toString(value));
    }
  }

  public ShardConfig config() {
    return config;
  }

  /**
   * The pool of a data source's primary, or of a replica by its name ({@code h1.replicas[0]}).
   *
   * @throws SQLException when there is none of that name
   */
  public DataSourcePool pool(String dataSource) throws SQLException {
    DataSourcePool pool = pools.get(dataSource);
    if (pool == null) {
      pool = readWriteSplitting.replicaPool(dataSource);
    }
    if (pool == null) {
      throw new SQLException(config.source() + ": unknown data source '" + dataSource + "'", "HY000");
    }
    return pool;
  }

  /** The pools of the data sources' primaries, by data source name. */
  public Map<String, DataSourcePool> pools() {
    return pools;
  }

  /**
   * Read/write splitting: the data sources' replicas, their measured lag, and the switch that turns splitting on
   * and off at run time.
   */
  public ReadWriteSplitting readWriteSplitting() {
    return readWriteSplitting;
  }

  /**
   * Where a statement may run when its data source has replicas: read from its text once and cached. Without
   * replicas every statement runs on the primaries, and this answers {@link StatementAccess#WRITE} at no cost.
   */
  public StatementAccess access(String sql) throws SQLException {
    if (accesses == null) {
      return StatementAccess.WRITE;
    }
    StatementAccess access = accesses.getIfPresent(sql);
    if (access == null) {
      access = StatementAccess.of(sql);
      accesses.put(sql, access);
    }
    return access;
  }

  /** Stops physical statements (cancel, query timeouts) without blocking the caller. */
  /** The coordinator of XA transactions with {@code transaction.type: xa}, else null. */
  public XaCoordinator xa() {
    return xa;
  }

  public StatementCanceller canceller() {
    return canceller;
  }

  public QueryExecutor queryExecutor() {
    return queryExecutor;
  }

  public WriteExecutor writeExecutor() {
    return writeExecutor;
  }

  public BatchExecutor batchExecutor() {
    return batchExecutor;
  }

  public DdlExecutor ddlExecutor() {
    return ddlExecutor;
  }

  /**
   * The key generator of tables with {@code keyGenerator: snowflake}: one per JVM and worker id
   * ({@code props.snowflakeWorkerId}, else derived from the host name and process id), made on first use.
   */
  public KeyGenerator keyGenerator() {
    KeyGenerator generator = keyGenerator;
    if (generator == null) {
      generator = SnowflakeKeyGenerator.forWorker(config.properties().workerId());
      keyGenerator = generator;
    }
    return generator;
  }

  /**
   * Forgets the cached plans and table columns after DDL: an INSERT without a column list finds its key by the
   * columns, and a plan may depend on them.
   */
  public void invalidateSchema() {
    columns.invalidate();
    plans.invalidateAll();
  }

  /** The key column types of the sharded tables, which routing compares values by. */
  public KeyTypes keyTypes() {
    return keyTypes;
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

  /** Hits, misses and evictions of the plan cache. */
  public CacheStats planCacheStats() {
    return plans.stats();
  }

  /** Closes the pools; logical connections still open fail on their next statement. */
  @Override
  public void close() {
    if (xa != null) {
      xa.close();
    }
    readWriteSplitting.close();
    healthMonitor.close();
    canceller.close();
    executor.shutdownNow();
    for (DataSourcePool pool : pools.values()) {
      pool.close();
    }
  }
}
