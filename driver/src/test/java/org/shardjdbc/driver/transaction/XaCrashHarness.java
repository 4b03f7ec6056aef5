package org.shardjdbc.driver.transaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.driver.testing.TestServer;

/**
 * The XA crash test: worker processes ({@link XaTransferWorker}, separate JVMs) run cross-server transfers through
 * the driver with {@code transaction.type: xa}; one at a time is killed with SIGKILL ({@link Process#destroyForcibly})
 * at a random moment and started again, while the others go on. The workers wait {@code delayMs} before each prepare
 * and commit ({@link XaCrashInterceptor}), so many kills fall between prepare and commit; such a kill is seen as
 * branches still prepared half a second later (a live worker's last for milliseconds). At the end every worker is
 * killed, one idle driver process recovers, and the data is checked: the total over all accounts unchanged, each
 * transfer with both legs or none, every transfer whose commit returned present, every account's balance its legs'
 * sum, nothing prepared and no decision left in the log.
 *
 * <p>Throughout the run a bystander, an idle driver process of another application (other databases on the same two
 * servers, with data sources of the same names and a log of its own), runs its recovery every half lease: it sees
 * the workers' prepared branches in {@code XA RECOVER}, which lists the whole server, and must leave them alone.
 *
 * <p>When it finds a defect, the report names each transfer with one leg and the data source that holds it, and
 * quotes what recovery did with each branch (the workers' log); with {@code -Dxacrash.generalLog=true} both servers
 * also write their general query log into the log directory, which traces every XA statement of a transfer.
 */
final class XaCrashHarness {
  static final long INITIAL_BALANCE = 1000;

  /** What a run did and found. */
  record Report(int kills, int killsInDoubt, long acknowledged, long transfersWithLegs, long totalBefore,
      long totalAfter, List<String> defects, long millis) {
    @Override
    public String toString() {
      return String.format("%d kills (%d between prepare and commit), %d transfers acknowledged, %d committed "
          + "(both legs present), total %d before and %d after recovery, %d defects %s, %.1f s", kills, killsInDoubt,
          acknowledged, transfersWithLegs, totalBefore, totalAfter, defects.size(), defects, millis / 1000.0);
    }
  }

  private final ShardLayout layout;
  private final ShardLayout bystander;
  private final int accounts;
  private final int workers;
  private final long delayMs;
  private final Path logDirectory;
  private final SplittableRandom random;
  private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

  /**
   * @param first the server of data source h0 (and of the log)
   * @param second the server of data source h1
   */
  XaCrashHarness(TestServer first, TestServer second, String prefix, int accounts, int workers, long delayMs,
      long seed) {
    this.layout = ShardLayout.builder()
        .dataSource(first, prefix + "_h0")
        .dataSource(second, prefix + "_h1")
        .tablesPerDataSource(1)
        .sharded("accounts", "account_id")
        .sharded("legs", "account_id")
        .poolSize(4)
        .urlOptions("&queryInterceptors=" + XaCrashInterceptor.class.getName())
        .extraYaml("transaction: { type: xa, leaseMs: 2000 }")
        .build();
    this.bystander = ShardLayout.builder()
        .dataSource(first, prefix + "_other_h0")
        .dataSource(second, prefix + "_other_h1")
        .tablesPerDataSource(1)
        .sharded("accounts", "account_id")
        .poolSize(2)
        .extraYaml("transaction: { type: xa, leaseMs: 2000 }")
        .build();
    this.accounts = accounts;
    this.workers = workers;
    this.delayMs = delayMs;
    this.random = new SplittableRandom(seed);
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "xa-crash");
    try {
      Files.createDirectories(base);
      this.logDirectory = Files.createTempDirectory(base, prefix + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs until at least {@code minKills} kills and {@code minTransfers} acknowledged transfers. */
  Report run(int minKills, long minTransfers) throws Exception {
    long start = System.nanoTime();
    layout.recreateDatabases();
    layout.createTable("accounts", "(account_id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
    layout.createTable("legs", "(transfer_id BIGINT NOT NULL, account_id BIGINT NOT NULL, amount BIGINT NOT NULL,"
        + " PRIMARY KEY (transfer_id, account_id))");
    List<Object[]> rows = new ArrayList<>();
    for (long id = 0; id < accounts; id++) {
      rows.add(new Object[] {id, INITIAL_BALANCE});
    }
    layout.insert("accounts", List.of("account_id", "balance"), rows);
    long totalBefore = total();
    boolean generalLog = Boolean.getBoolean("xacrash.generalLog");
    if (generalLog) {
      generalLog(true);
    }
    bystander.recreateDatabases();
    bystander.createTable("accounts", "(account_id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)");
    Process otherApplication = start(bystander, "idle");
    List<Process> running = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      running.add(start(layout, "transfer"));
    }
    int kills = 0;
    int inDoubt = 0;
    while (kills < minKills || acknowledged.size() < minTransfers) {
      int victim = random.nextInt(workers);
      Thread.sleep(300 + random.nextInt(1200));
      if (kill(running.get(victim))) {
        inDoubt++;
      }
      kills++;
      running.set(victim, start(layout, "transfer"));
    }
    for (Process worker : running) {
      if (kill(worker)) {
        inDoubt++;
      }
      kills++;
    }
    otherApplication.destroyForcibly().waitFor();
    if (generalLog) {
      generalLog(false);
    }
    Process recoverer = start(layout, "idle");
    List<String> defects = new ArrayList<>();
    try {
      long deadline = System.nanoTime() + 120_000_000_000L;
      while ((!prepared().isEmpty() || decisionsLeft() > 0) && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
    } finally {
      recoverer.destroyForcibly().waitFor();
    }
    List<String> left = prepared();
    if (!left.isEmpty()) {
      defects.add("left prepared: " + left);
    }
    if (decisionsLeft() > 0) {
      defects.add(decisionsLeft() + " decisions left in the log");
    }
    long totalAfter = total();
    if (totalAfter != totalBefore) {
      defects.add("total " + totalBefore + " became " + totalAfter);
    }
    long committed = checkLegs(defects);
    if (!defects.isEmpty()) {
      defects.add("what recovery did (" + logDirectory.resolve("workers.log") + "): " + recoveryLog());
    }
    return new Report(kills, inDoubt, acknowledged.size(), committed, totalBefore, totalAfter, defects,
        (System.nanoTime() - start) / 1_000_000);
  }

  /** Turns both servers' general query log on (into the log directory) or off. */
  private void generalLog(boolean on) throws SQLException {
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(""); Statement statement = connection.createStatement()) {
        if (on) {
          Path file = logDirectory.resolve(dataSource.name() + ".log");
          statement.execute("SET GLOBAL general_log_file = '" + file + "'");
        }
        statement.execute("SET GLOBAL general_log = " + (on ? 1 : 0));
      }
    }
  }

  /** What recovery committed and rolled back, from the workers' log (the bystander's included). */
  private List<String> recoveryLog() throws IOException {
    try (var lines = Files.lines(logDirectory.resolve("workers.log"))) {
      return lines
          .filter(line -> line.contains("XA recovery: committed ") || line.contains("XA recovery: rolled back "))
          .map(line -> line.substring(line.indexOf("XA recovery: ") + "XA recovery: ".length())).toList();
    }
  }

  /** Starts a worker of an application and waits until its driver answers. */
  private Process start(ShardLayout application, String mode) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-Dxacrash.delayMs=" + delayMs, "-cp", System.getProperty("java.class.path"),
        XaTransferWorker.class.getName(), application.url(), Integer.toString(accounts),
        Long.toString(random.nextLong()), mode);
    builder.redirectError(ProcessBuilder.Redirect.appendTo(logDirectory.resolve("workers.log").toFile()));
    Process process = builder.start();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = output.readLine();
    if (!"ready".equals(first)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("a worker did not start (" + first + "); see " + logDirectory);
    }
    Thread reader = new Thread(() -> {
      try {
        for (String line = output.readLine(); line != null; line = output.readLine()) {
          if (line.startsWith("committed ")) {
            acknowledged.add(Long.parseLong(line.substring("committed ".length())));
          }
        }
      } catch (IOException ended) {
        // the worker was killed
      }
    }, "xa-crash-reader");
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  /** Kills a worker with SIGKILL; true when it left branches prepared (still there half a second later). */
  private boolean kill(Process worker) throws Exception {
    worker.destroyForcibly().waitFor();
    List<String> justAfter = prepared();
    if (justAfter.isEmpty()) {
      return false;
    }
    Thread.sleep(500);
    List<String> later = prepared();
    return justAfter.stream().anyMatch(later::contains);
  }

  /** The prepared branches of the workers' log on both servers (which other applications share). */
  private List<String> prepared() throws SQLException {
    String logId = logId();
    List<String> ids = new ArrayList<>();
    if (logId == null) {
      return ids; // without the log's id no worker can have started a branch
    }
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("XA RECOVER")) {
        while (rows.next()) {
          XaId id = XaId.recovered(rows.getInt("formatID"), rows.getInt("gtrid_length"), rows.getInt("bqual_length"),
              rows.getBytes("data"));
          if (id != null && id.bqual().equals(dataSource.name()) && XaId.logOf(id.gtrid()).equals(logId)) {
            ids.add(id.toString());
          }
        }
      }
    }
    return ids;
  }

  /** The id of the workers' log, which their first recovery round chose. */
  private String logId() throws SQLException {
    ShardLayout.DataSource log = layout.defaultDataSource();
    try (Connection connection = log.server().connect(log.database()); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT log_id FROM " + XaLog.ID_TABLE)) {
      return rows.next() ? rows.getString(1) : null;
    } catch (SQLException e) {
      if (e.getErrorCode() == 1146) {
        return null; // no worker has used the log yet
      }
      throw e;
    }
  }

  private long decisionsLeft() throws SQLException {
    ShardLayout.DataSource log = layout.defaultDataSource();
    try (Connection connection = log.server().connect(log.database()); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + XaLog.LOG_TABLE)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private long total() throws SQLException {
    long total = 0;
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT COALESCE(SUM(balance), 0) FROM " + table("accounts",
              dataSource.name()))) {
        rows.next();
        total += rows.getLong(1);
      }
    }
    return total;
  }

  /** Checks the legs against the balances and the acknowledged transfers; the number of transfers with legs. */
  private long checkLegs(List<String> defects) throws SQLException {
    Map<Long, Integer> legs = new HashMap<>();
    Map<Long, String> holders = new HashMap<>();
    Map<Long, Long> sums = new HashMap<>();
    Map<Long, Long> byAccount = new HashMap<>();
    Map<Long, Long> balances = new HashMap<>();
    for (ShardLayout.DataSource dataSource : layout.dataSources()) {
      try (Connection connection = dataSource.server().connect(dataSource.database());
          Statement statement = connection.createStatement()) {
        try (ResultSet rows = statement.executeQuery("SELECT transfer_id, account_id, amount FROM "
            + table("legs", dataSource.name()))) {
          while (rows.next()) {
            legs.merge(rows.getLong(1), 1, Integer::sum);
            holders.merge(rows.getLong(1), dataSource.name(), (a, b) -> a + "," + b);
            sums.merge(rows.getLong(1), rows.getLong(3), Long::sum);
            byAccount.merge(rows.getLong(2), rows.getLong(3), Long::sum);
          }
        }
        try (ResultSet rows = statement.executeQuery("SELECT account_id, balance FROM "
            + table("accounts", dataSource.name()))) {
          while (rows.next()) {
            balances.put(rows.getLong(1), rows.getLong(2));
          }
        }
      }
    }
    legs.forEach((transfer, count) -> {
      if (count != 2 || sums.get(transfer) != 0) {
        defects.add("transfer " + transfer + " has " + count + " legs summing to " + sums.get(transfer) + " (on "
            + holders.get(transfer) + ")");
      }
    });
    Set<Long> missing = new HashSet<>(acknowledged);
    missing.removeAll(legs.keySet());
    if (!missing.isEmpty()) {
      defects.add(missing.size() + " acknowledged transfers are missing, e.g. " + missing.iterator().next());
    }
    balances.forEach((account, balance) -> {
      long expected = INITIAL_BALANCE + byAccount.getOrDefault(account, 0L);
      if (balance != expected) {
        defects.add("account " + account + " holds " + balance + ", its legs say " + expected);
      }
    });
    if (balances.size() != accounts) {
      defects.add(balances.size() + " accounts instead of " + accounts);
    }
    return legs.size();
  }

  private String table(String logicalTable, String dataSource) {
    return layout.physicalTables(logicalTable).stream().filter(node -> node.dataSource().equals(dataSource))
        .findFirst().orElseThrow().table();
  }
}
