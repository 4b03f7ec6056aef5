package org.shardjdbc.planner.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ModAlgorithm;
import org.shardjdbc.planner.model.ShardingModel;

/**
 * Table-driven tests of session statements, from {@code src/test/resources/session/commands.txt}: a block is
 * {@code sql: <statement>} (where {@code \n} and {@code \t} stand for a newline and a tab) and the expected line:
 * {@code session: <the SessionCommand>}, {@code pass-through: <data source>} for a statement that is none, or
 * {@code refused: <message>} for a SQLException. On a mismatch the test prints the actual block.
 */
class SessionCommandsTest {
  private static final StatementAnalyzer ANALYZER = new StatementAnalyzer(new ShardingModel(List.of("h1", "h2"), "h1",
      List.of(new LogicalTable("orders", "order_id", new ModAlgorithm(),
          List.of(new DataNode("h1", "orders_0"), new DataNode("h2", "orders_1")), null, false, null))));

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    String text;
    try (InputStream in = SessionCommandsTest.class.getResourceAsStream("/session/commands.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (String block : text.split("\n\\s*\n")) {
      List<String> lines = new ArrayList<>(block.strip().lines().toList());
      lines.removeIf(line -> line.startsWith("#"));
      if (lines.isEmpty()) {
        continue;
      }
      String written = lines.get(0).substring("sql: ".length());
      String sql = written.replace("\\n", "\n").replace("\\t", "\t");
      String expected = String.join("\n", lines.subList(1, lines.size()));
      tests.add(DynamicTest.dynamicTest(written, () -> {
        String actual = analyze(sql);
        if (!expected.equals(actual)) {
          System.out.println("sql: " + written + "\n" + actual + "\n");
        }
        assertEquals(expected, actual, written);
      }));
    }
    return tests.stream();
  }

  private static String analyze(String sql) {
    try {
      Analysis analysis = ANALYZER.analyze(sql);
      if (analysis instanceof Analysis.Session session) {
        return "session: " + session.command();
      }
      if (analysis instanceof Analysis.PassThrough passThrough) {
        return "pass-through: " + passThrough.dataSource();
      }
      return analysis.getClass().getSimpleName();
    } catch (SQLException e) {
      return "refused: " + e.getMessage();
    }
  }
}
