package org.shardjdbc.driver.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shardjdbc.driver.catalog.LogicalCatalog;
import org.shardjdbc.driver.config.DataSourceConfig;
import org.shardjdbc.driver.config.PlanCacheSettings;
import org.shardjdbc.driver.config.ReplicaConfig;
import org.shardjdbc.driver.config.ShardConfig;
import org.shardjdbc.driver.config.ResilienceSettings;
import org.shardjdbc.driver.config.TransactionConfig;
import org.shardjdbc.driver.execute.BatchExecutor;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.execute.DdlExecutor;
import org.shardjdbc.driver.execute.HealthMonitor;
import org.shardjdbc.driver.execute.QueryExecutor;
import org.shardjdbc.driver.execute.StatementCanceller;
import org.shardjdbc.driver.execute.WriteExecutor;
import org.shardjdbc.driver.federate.FederatedExecutor;
import org.shardjdbc.driver.federate.ServerSchemaReader;
import org.shardjdbc.driver.replica.ReadWriteSplitting;
import org.shardjdbc.driver.transaction.XaCoordinator;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAccess;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.federate.FederatedPlan;
import org.shardjdbc.planner.federate.FederatedPlanner;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.KeyGenerator;
import org.shardjdbc.planner.model.KeyTypes;
import org.shardjdbc.planner.model.SnowflakeKeyGenerator;
import org.shardjdbc.planner.route.Route;
import org.shardjdbc.planner.route.Router;

/**
 * What all logical connections to one configuration share: the pools, the plan cache, the executor, read/write
 * splitting. Pools open their connections lazily, so that creating a runtime touches no server.
 */
public final class ShardRuntime implements AutoCloseable {
  private static final String MYSQL_URL_PREFIX = "jdbc:mysql:";
  private static final String MYSQL_DRIVER = "com.mysql.cj.jdbc.Driver";
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Pattern SERVER_PREPARED_IN_URL = Pattern.compile("[?&]useServerPrepStmts=([^&;]*)");
  /**
   * Parsed statement texts each physical connection keeps (mysql-connector-j's {@code prepStmtCacheSize}, 25 by
   * default): a connection sees one text per physical table of its data source for each statement shape.
   */
  private static final int PREPARED_STATEMENT_CACHE_SIZE = 64;
  /**
   * The longest statement text a physical connection keeps prepared (mysql-connector-j's {@code prepStmtCacheSqlLimit},
   * 256 characters by default): a server's UNION ALL of its tables runs to a few thousand.
   */
  private static final int PREPARED_STATEMENT_TEXT_LIMIT = 8192;

  private final ShardConfig config;
  /** The database the default data source's URL names: the logical database; null when it names none. */
  private final String logicalDatabase;
  /** The databases the data sources' URLs name, which hold the physical tables; empty when the default names none. */
  private final Set<String> physicalDatabases;
  private final Map<String, DataSourcePool> pools;
  private final TableColumns columns;
  private final TableDescriptions descriptions;
  private final StatementAnalyzer analyzer;
  private final PlanCache plans;
  /** Where each statement may run, for data sources with replicas; null without any. */
  private final Cache<String, StatementAccess> accesses;
  private final ExecutorService executor;
  private final QueryExecutor queryExecutor;
  private final LogicalCatalog catalog;
  private final FederatedPlanner federatedPlanner;
  private final ServerSchemaReader serverSchema;
  private final Cache<String, FederatedPlan> federatedPlans;
  private final FederatedExecutor federatedExecutor;
  private final ReadWriteSplitting readWriteSplitting;
  private final WriteExecutor writeExecutor;
  private final BatchExecutor batchExecutor;
  private final DdlExecutor ddlExecutor;
  private volatile KeyGenerator keyGenerator;
  private final SqlLog sqlLog;
  private final StatementCanceller canceller;
  private final HealthMonitor healthMonitor;
  /** Null unless {@code transaction.type: xa}. */
  private final XaCoordinator xa;
  /** Where the integer values of statements for several shards go ({@link #route}). */
  private final Router.IntegerValues integerValues;

  ShardRuntime(ShardConfig config) {
    this.config = config;
    ResilienceSettings resilience = config.properties().resilience();
    List<String> serverPreparations = serverPreparations(config);
    // unless the data sources say themselves where statements are prepared
    boolean unionsOnServer = serverPreparations.isEmpty();
    boolean everyStatementOnServer = serverPreparations.stream()
        .anyMatch(value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
    Map<String, DataSourcePool> created = new LinkedHashMap<>();
    for (DataSourceConfig dataSource : config.dataSources().values()) {
      created.put(dataSource.name(), new DataSourcePool(dataSource.name(), pool("shard-" + dataSource.name(),
          dataSource.url(), dataSource.username(), dataSource.password(), dataSource.pool(), resilience,
          unionsOnServer), resilience));
    }
    this.pools = Collections.unmodifiableMap(created);
    ThreadFactory threads = runnable -> {
      Thread thread = new Thread(runnable, "shard-jdbc-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = Executors.newCachedThreadPool(threads);
    this.readWriteSplitting = new ReadWriteSplitting(config,
        (name, url, username, password, pool) -> pool(name, url, username, password, pool, resilience, unionsOnServer),
        executor);
    // replicas are servers of their own: their statements are cancelled, and their health watched, as the primaries'
    Map<String, DataSourcePool> servers = new LinkedHashMap<>(pools);
    servers.putAll(readWriteSplitting.replicaPools());
    this.canceller = new StatementCanceller(servers, resilience.cancelTimeoutMs());
    this.healthMonitor = new HealthMonitor(servers.values(), resilience, canceller);
    this.columns = new TableColumns(pools);
    this.logicalDatabase = config.dataSources().get(config.model().defaultDataSource()).database();
    Set<String> databases = new HashSet<>();
    for (DataSourceConfig dataSource : config.dataSources().values()) {
      if (dataSource.database() != null) {
        databases.add(dataSource.database());
      }
    }
    this.physicalDatabases = logicalDatabase == null ? Set.of() : Set.copyOf(databases);
    this.descriptions = new TableDescriptions(pools);
    this.analyzer = new StatementAnalyzer(config.model(), columns);
    PlanCacheSettings planCache = config.properties().planCache();
    long maxPlanBytes = planCache.effectiveMaxBytes();
    this.plans = new PlanCache(analyzer, maxPlanBytes, planCache.maxEntries(), planCache.shapes());
    // an access and its text weigh about two bytes a character: a sixteenth of the plans' memory holds many
    this.accesses = readWriteSplitting.configured() ? Caffeine.newBuilder().maximumWeight(maxPlanBytes / 16)
        .<String, StatementAccess>weigher((sql, access) -> 64 + 2 * sql.length()).build() : null;
    this.catalog = new LogicalCatalog(config.model(), pools);
    this.federatedPlanner = new FederatedPlanner(analyzer);
    this.serverSchema = new ServerSchemaReader(config.model(), pools);
    this.federatedPlans = Caffeine.newBuilder().maximumSize(config.properties().planCache().maxEntries()).recordStats().build();
    int concurrency = config.properties().maxConcurrencyPerDataSource();
    this.queryExecutor = new QueryExecutor(executor, concurrency, unionsOnServer, maxPlanBytes / 16);
    this.writeExecutor = new WriteExecutor(executor, concurrency);
    this.batchExecutor = new BatchExecutor(executor);
    this.ddlExecutor = new DdlExecutor(executor, concurrency);
    this.sqlLog = new SqlLog(config.properties());
    this.integerValues = everyStatementOnServer || sqlLog.masksValues() ? Router.IntegerValues.MARKERS
        : unionsOnServer ? Router.IntegerValues.IN_TEXT_BUT_UNIONS : Router.IntegerValues.IN_TEXT;
    this.federatedExecutor = new FederatedExecutor(queryExecutor, this::route,
        config.properties().federationMemoryLimit(), plans::analyze, config.properties().federationJoinKeyLimit());
    this.xa = config.transaction().type() == TransactionConfig.Type.XA
        ? new XaCoordinator(pools, config.model().defaultDataSource(), config.transaction().leaseMs()) : null;
  }

  /**
   * @param serverStatementCaches whether the connections keep mysql-connector-j's cache of server-side prepared
   *     statements, for the statements the executor prepares on the server ({@link ClientPreparingDataSource})
   */
  private static HikariDataSource pool(String poolName, String url, String username, String password,
      Map<String, String> pool, ResilienceSettings resilience, boolean serverStatementCaches) {
    return new HikariDataSource(hikariConfig(poolName, url, username, password, pool, resilience,
        serverStatementCaches));
  }

  private static HikariConfig hikariConfig(String poolName, String url, String username, String password,
      Map<String, String> pool, ResilienceSettings resilience, boolean serverStatementCaches) {
    Properties properties = new Properties();
    properties.putAll(pool);
    HikariConfig hikari = new HikariConfig(properties);
    hikari.setPoolName(poolName);
    hikari.setJdbcUrl(url);
    if (url.startsWith(MYSQL_URL_PREFIX)) {
      // by class name, not through DriverManager: DriverManager does not see a driver in a class loader the
      // application's cannot see into (a SQL tool's driver manager, an application server, a plugin)
      hikari.setDriverClassName(MYSQL_DRIVER);
    }
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
      // a pool's own, shorter connectionTimeout takes the default check for its wait (HikariCP would reset a longer
      // one to its own 5 s)
      long validation = resilience.validationTimeoutMs();
      hikari.setValidationTimeout(validation < hikari.getConnectionTimeout() ? validation
          : ResilienceSettings.defaultValidationTimeoutMs(hikari.getConnectionTimeout()));
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
    // the driver prepares the same physical statement text again and again (one per physical table and statement
    // shape): keep the connector's parse of each on its connection instead of parsing it anew every time; and the
    // servers' UNION ALL statements the executor prepares on the server (ServerPreparedUnions), which run longer
    setUnlessGiven(url, driverProperties, "cachePrepStmts", "true");
    setUnlessGiven(url, driverProperties, "prepStmtCacheSize", Integer.toString(PREPARED_STATEMENT_CACHE_SIZE));
    setUnlessGiven(url, driverProperties, "prepStmtCacheSqlLimit", Integer.toString(PREPARED_STATEMENT_TEXT_LIMIT));
    if (serverStatementCaches && url.startsWith(MYSQL_URL_PREFIX)) {
      driverProperties.setProperty("useServerPrepStmts", "true");
      hikari.setDataSource(new ClientPreparingDataSource(
          new DriverDataSource(url, MYSQL_DRIVER, driverProperties, username, password)));
    }
    return hikari;
  }

  /** The values of {@code useServerPrepStmts} the data sources and replicas give. */
  private static List<String> serverPreparations(ShardConfig config) {
    List<String> values = new ArrayList<>();
    for (DataSourceConfig dataSource : config.dataSources().values()) {
      addServerPreparation(dataSource.url(), dataSource.pool(), values);
      for (ReplicaConfig replica : dataSource.replicas()) {
        addServerPreparation(replica.url(), replica.pool(), values);
      }
    }
    return values;
  }

  /** Adds the value of {@code useServerPrepStmts} a data source's pool or URL gives, if it gives one. */
  private static void addServerPreparation(String url, Map<String, String> pool, List<String> values) {
    String value = pool.get("dataSource.useServerPrepStmts");
    if (value == null) {
      Matcher inUrl = SERVER_PREPARED_IN_URL.matcher(url);
      value = inUrl.find() ? inUrl.group(1) : null;
    }
    if (value != null) {
      values.add(value);
    }
  }

  /** Sets a mysql-connector-j property unless the URL or {@code pool: dataSource.<name>} sets it. */
  private static void setUnlessGiven(String url, Properties driverProperties, String name, long value) {
    setUnlessGiven(url, driverProperties, name, Long.toString(value));
  }

  private static void setUnlessGiven(String url, Properties driverProperties, String name, String value) {
    if (!driverProperties.containsKey(name) && !url.contains(name + "=")) {
      driverProperties.setProperty(name, value);
    }
  }

  public ShardConfig config() {
    return config;
  }

  /** The logical database: the one the default data source's URL names, or null. */
  public String logicalDatabase() {
    return logicalDatabase;
  }

  /**
   * The databases the data sources' URLs name, which hold the physical tables and read as the logical database in
   * results; empty when the default data source's URL names none. Read from the configuration once, not per statement.
   */
  public Set<String> physicalDatabases() {
    return physicalDatabases;
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

  /** The logical database's catalogue: its name, SHOW statements and information_schema. */
  public LogicalCatalog catalog() {
    return catalog;
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
   * columns, routing compares values by the key column's type, and a plan may depend on them.
   */
  public void invalidateSchema() {
    columns.invalidate();
    descriptions.invalidate();
    plans.invalidateAll();
    serverSchema.invalidate();
    federatedPlans.invalidateAll();
  }

  /** The columns of the logical tables, as their first physical tables define them. */
  public ColumnCatalog columns() {
    return columns;
  }

  /** How the servers describe the logical tables' columns in results, for results combined per server. */
  public TableDescriptions descriptions() {
    return descriptions;
  }

  /**
   * Routes one execution of a SELECT. Integer values of a statement for several shards go into its text, as
   * mysql-connector-j would send them: a physical statement left without markers then goes as a plain one, which the
   * connector does not scan for markers (three quarters of the driver's CPU time of a scatter query was that scan of
   * a server's UNION ALL of its tables). Not in a server's UNION ALL that the server may prepare, whose text then
   * repeats ({@link Router.IntegerValues#IN_TEXT_BUT_UNIONS}); not when a server prepares every statement itself
   * ({@code useServerPrepStmts}), where a bound value and a literal can differ, nor while the SQL log masks values.
   */
  public Route route(Analysis.ShardedSelect select, List<Object> parameters) throws SQLException {
    return Router.route(select, parameters, columns, integerValues);
  }

  /** The key column types of the sharded tables, which routing compares values by: from the tables' columns. */
  public KeyTypes keyTypes() {
    return columns;
  }

  /** The SQL log, which the statement engine tells each logical statement and its physical statements. */
  public SqlLog sqlLog() {
    return sqlLog;
  }

  /**
   * The analysis of exactly this text: from the plan cache, or analyzed once and cached. Refusals are not cached.
   */
  public Analysis analyze(String sql) throws SQLException {
    return plans.analyze(sql);
  }

  /**
   * The plan of a statement with the parameters of this execution: statements that differ only in literals share
   * one plan, the literals among the parameters ({@link PlanCache#plan}).
   *
   * @param parameters the statement's own parameters
   */
  public PlanCache.Plan plan(String sql, List<Object> parameters) throws SQLException {
    return plans.plan(sql, parameters);
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
      sqlLog.federated(sql, plan.explain());
    }
    return plan;
  }

  /** The plan cache, for its statistics and size. */
  public PlanCache planCache() {
    return plans;
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
