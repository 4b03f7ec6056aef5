package org.shardjdbc.driver.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the differential corpus itself, without the driver: every entry (refused ones too, which must be valid MySQL
 * so that a refusal is about the construct) runs on the unsharded database without error (except those marked
 * {@code error}, which must fail there), and every entry the driver
 * must answer gives the same result on a second unsharded copy whose tables have no primary key and whose rows were
 * inserted in shuffled order. A difference there means the expected result depends on physical row order: a LIMIT
 * or an {@code ordered} ORDER BY that is not total, or a group's string value picked from case variants without the
 * {@code ci} mark. Such an entry would fail the differential test for a reason that is not the driver's.
 */
class CorpusSyntaxTest {

  static final String SHUFFLED_DATABASE = "t_shuffled";

  private static final List<CorpusEntry> ENTRIES = Corpus.load();
  private static Connection single;
  private static Connection shuffled;

  @BeforeAll
  static void load() throws SQLException {
    DifferentialDatabase database = DifferentialDatabase.shared();
    ShardLayout copy = DifferentialDatabase.singleLayout(TestServers.shared(), SHUFFLED_DATABASE);
    copy.recreateDatabases();
    Random random = new Random(database.data().seed());
    for (ShopData.Table table : database.data().tables()) {
      copy.createTable(table.name(), table.definition().replace("PRIMARY KEY (", "KEY no_primary_key ("));
      List<Object[]> rows = new ArrayList<>(table.rows());
      Collections.shuffle(rows, random);
      copy.insert(table.name(), table.columns(), rows);
    }
    single = database.connectSingle();
    shuffled = TestServers.shared().connect(SHUFFLED_DATABASE);
  }

  @AfterAll
  static void close() throws SQLException {
    if (single != null) {
      single.close();
    }
    if (shuffled != null) {
      shuffled.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEntryRunsOnTheUnshardedDatabase() {
    return ENTRIES.stream().map(entry -> dynamicTest(entry.displayName(), () -> {
      QueryResult result;
      if (entry.error()) {
        try {
          entry.execute(single);
        } catch (SQLException expected) {
          return;
        }
        fail("the entry at " + entry.describe() + " says 'error', but the unsharded database answers it");
      }
      try {
        result = entry.execute(single);
      } catch (SQLException e) {
        throw new AssertionError("the corpus has an SQL error at " + entry.describe() + "\n  " + e, e);
      }
      if (entry.refused()) {
        return;
      }
      QueryResult other = entry.execute(shuffled);
      String difference = entry.firstDifference(result, other, single);
      if (difference != null) {
        fail("the expected result depends on physical row order (make ORDER BY total, or mark ci, approx or parts) at "
            + entry.describe() + "\n  " + difference + "\n  t_single: " + result.describe(10)
            + "\n  t_shuffled: " + other.describe(10));
      }
    }));
  }

  @Test
  void corpus_coversEnoughQueries() {
    long answered = ENTRIES.stream().filter(entry -> !entry.refused()).count();
    long refused = ENTRIES.stream().filter(CorpusEntry::refused).count();
    System.out.printf("corpus: %d entries, %d to answer (%d optional), %d refused%n", ENTRIES.size(), answered,
        ENTRIES.stream().filter(CorpusEntry::optional).count(), refused);
    assertTrue(answered >= 250, "at least 250 queries to answer, found " + answered);
    assertTrue(refused >= 15, "at least 15 refused queries, found " + refused);
  }

  @Test
  void corpus_limitAndOrderedEntriesHaveOrderBy() {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CorpusEntry entry : ENTRIES) {
      String sql = entry.sql().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
      boolean orderBy = sql.contains("ORDER BY");
      if (entry.ordered() && !orderBy) {
        problems.add(entry.location() + ": 'ordered' without ORDER BY");
      }
      if (sql.matches(".*\\bLIMIT\\b.*") && !orderBy && !entry.refused()) {
        problems.add(entry.location() + ": LIMIT without ORDER BY picks arbitrary rows");
      }
      if (!seen.add(entry.sql().replaceAll("\\s+", " ") + " " + entry.prepared() + " " + entry.params())) {
        problems.add(entry.location() + ": duplicate of an earlier entry");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
