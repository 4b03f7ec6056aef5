package org.shardjdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.driver.jdbc.ShardConnection;
import org.shardjdbc.driver.testing.Corpus;
import org.shardjdbc.driver.testing.CorpusEntry;
import org.shardjdbc.driver.testing.DifferentialDatabase;
import org.shardjdbc.driver.testing.QueryResult;

/**
 * SPEC §1's golden rule, query by query: every SELECT of the corpus ({@code src/test/resources/differential/*.sql},
 * format in {@link Corpus}) runs through {@code jdbc:shard:} over 4 databases x 16 tables and directly on one
 * unsharded database with the same rows, and the two results must have the same column labels, JDBC types and values
 * (in order where the entry says {@code ordered}); each answered query runs through the driver twice, since the
 * second run of a server's UNION ALL is prepared on the server and its rows come in MySQL's binary protocol. Entries
 * marked {@code refused} must be refused with {@link SQLFeatureNotSupportedException}; entries marked
 * {@code optional} may be; entries marked {@code error} fail on the unsharded database and must fail through the
 * driver.
 *
 * <p>Run: {@code mvn -B -o -pl driver -am test -Dtest=DifferentialQueryTest -Dsurefire.failIfNoSpecifiedTests=false};
 * the summary line ({@code differential: N queries, M passed}) and each mismatch in full are in
 * {@code driver/target/surefire-reports/org.shardjdbc.driver.DifferentialQueryTest-output.txt}. To run some files only,
 * add {@code -Dcorpus.files=federated,14_outer} (files whose names contain one of the comma-separated words).
 */
class DifferentialQueryTest {

  private static final int ROWS_SHOWN = 10;

  private static DifferentialDatabase database;
  private static Connection single;
  private static int queries;
  private static int passed;
  private static int refusedAsExpected;
  private static int optionalRefused;
  private static final List<String> failures = new ArrayList<>();

  @BeforeAll
  static void load() throws SQLException {
    database = DifferentialDatabase.shared();
    single = database.connectSingle();
  }

  @AfterAll
  static void summary() throws SQLException {
    System.out.printf("differential: %d queries, %d passed (%d refused as expected, %d optional refused), %d failed%n",
        queries, passed, refusedAsExpected, optionalRefused, failures.size());
    for (String failure : failures.subList(0, Math.min(50, failures.size()))) {
      System.out.println("  failed: " + failure);
    }
    if (failures.size() > 50) {
      System.out.println("  ... and " + (failures.size() - 50) + " more");
    }
    if (single != null) {
      single.close();
    }
    for (String setting : SETTINGS) {
      try (Connection shard = DriverManager.getConnection(database.shardUrl() + setting)) {
        for (DataSourcePool pool : shard.unwrap(ShardConnection.class).runtime().pools().values()) {
          assertEquals(0, pool.borrowedConnections(), "after the corpus, connections of " + pool.name() + " with settings '"
              + setting + "' are still checked out");
        }
      }
    }
  }

  /**
   * The execution settings every query runs under: the default, where statements that differ only in literals share
   * one plan with the literals bound as parameters; and one connection per data source, with which the statements
   * that cannot be combined into one UNION ALL run one after another on it, read whole, every statement is planned
   * from its text as written, and a federated join passes at most 3 keys of its build side to the other side's scan
   * (by default 1,024: the corpus's joins take both paths, narrowed and not).
   */
  private static final List<String> SETTINGS = List.of("",
      "?maxConcurrencyPerDataSource=1&planCacheShapes=false&federationJoinKeyLimit=3");

  @TestFactory
  Stream<DynamicNode> corpus() {
    Map<String, List<CorpusEntry>> byFile = new LinkedHashMap<>();
    List<String> only = List.of(System.getProperty("corpus.files", "").split(","));
    for (CorpusEntry entry : Corpus.load()) {
      if (only.stream().noneMatch(entry.file()::contains)) {
        continue;
      }
      byFile.computeIfAbsent(entry.file(), file -> new ArrayList<>()).add(entry);
    }
    return SETTINGS.stream().map(setting -> dynamicContainer(setting.isEmpty() ? "default settings" : setting,
        byFile.entrySet().stream().map(file -> dynamicContainer(file.getKey(), file.getValue().stream()
            .map(entry -> dynamicTest(entry.displayName(), () -> check(entry, setting)))))));
  }


  private static void check(CorpusEntry entry, String setting) throws SQLException {
    queries++;
    if (entry.error()) {
      checkError(entry, setting);
      return;
    }
    QueryResult expected = entry.refused() ? null : entry.execute(single);
    QueryResult actual;
    QueryResult again;
    try (Connection shard = DriverManager.getConnection(database.shardUrl() + setting)) {
      actual = entry.execute(shard);
      // the second time a server's UNION ALL runs, it runs prepared on the server: rows in the binary protocol
      again = entry.refused() ? null : entry.execute(shard);
    } catch (SQLFeatureNotSupportedException e) {
      if (entry.refused()) {
        if (!"0A000".equals(e.getSQLState())) {
          failed(entry, "refused with SQLState " + e.getSQLState() + ", expected 0A000 (SPEC §6): " + e, e);
        }
        refusedAsExpected++;
        passed++;
        return;
      }
      if (entry.optional()) {
        optionalRefused++;
        passed++;
        return;
      }
      failed(entry, "refused by the driver, but it must answer: " + e, e);
      return;
    } catch (SQLException e) {
      failed(entry, (entry.refused() ? "must be refused with SQLFeatureNotSupportedException, but failed with "
          : "failed through jdbc:shard: ") + e + " (SQLState " + e.getSQLState() + ")", e);
      return;
    } catch (RuntimeException e) {
      failed(entry, "unchecked exception (SPEC §6: every failure is an SQLException): " + e, e);
      return;
    }
    if (entry.refused()) {
      failed(entry, "answered, but must be refused with SQLFeatureNotSupportedException:\n    "
          + actual.describe(ROWS_SHOWN), null);
      return;
    }
    String difference = entry.firstDifference(expected, actual, single);
    if (difference != null) {
      failed(entry, difference + "\n  expected (unsharded): " + expected.describe(ROWS_SHOWN)
          + "\n  actual (jdbc:shard:): " + actual.describe(ROWS_SHOWN), null);
      return;
    }
    difference = entry.firstDifference(expected, again, single);
    if (difference != null) {
      failed(entry, "run again: " + difference + "\n  expected (unsharded): " + expected.describe(ROWS_SHOWN)
          + "\n  actual (jdbc:shard:, run again): " + again.describe(ROWS_SHOWN), null);
      return;
    }
    passed++;
  }

  /** An entry the unsharded server rejects: the driver must fail too, with an SQLException. */
  private static void checkError(CorpusEntry entry, String setting) {
    try {
      entry.execute(single);
      failed(entry, "the unsharded database answers it, but the entry says 'error'", null);
      return;
    } catch (SQLException expected) {
      // as the entry says
    }
    try (Connection shard = DriverManager.getConnection(database.shardUrl() + setting)) {
      QueryResult actual = entry.execute(shard);
      failed(entry, "the unsharded database fails, but jdbc:shard: answers:\n    " + actual.describe(ROWS_SHOWN), null);
      return;
    } catch (SQLException e) {
      passed++;
    } catch (RuntimeException e) {
      failed(entry, "unchecked exception (SPEC §6: every failure is an SQLException): " + e, e);
    }
  }

  private static void failed(CorpusEntry entry, String problem, Throwable cause) {
    String message = "differential failure at " + entry.describe() + "\n  " + problem;
    System.out.println(message);
    failures.add(entry.displayName());
    fail(message, cause);
  }
}
