package org.shardjdbc.planner.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Table-driven cases from {@code src/test/resources/access/statements.txt}: each line is the expected
 * {@link StatementAccess} and the statement.
 */
class StatementAccessTest {

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    String text;
    try (InputStream in = StatementAccessTest.class.getResourceAsStream("/access/statements.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      StatementAccess expected = StatementAccess.valueOf(line.substring(0, space));
      String sql = line.substring(space + 1).replace("\\n", "\n");
      tests.add(DynamicTest.dynamicTest(line, () -> assertEquals(expected, StatementAccess.of(sql), sql)));
    }
    assertEquals(50, tests.size(), "cases read from the file");
    return tests.stream();
  }

  @Test
  void of_unterminatedComment_isASyntaxError() {
    assertThrows(SQLSyntaxErrorException.class, () -> StatementAccess.of("SELECT 1 /* shard:primary"));
  }
}
