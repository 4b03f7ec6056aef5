package org.shardjdbc.samples.migration;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void terminal_drawsABarInPlace() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      Progress progress = new Progress(out, true, 1000, 1000);
      progress.copied(500);
      progress.close();
    }
    String text = output.toString(StandardCharsets.UTF_8);
    String last = text.substring(text.lastIndexOf('\r'));
    assertTrue(last.startsWith("\r[###############---------------]  50%  500/1,000 rows  "), last);
    assertTrue(last.endsWith(" rows/s  ETA 0:00   \n"), last);
  }

  @Test
  void notATerminal_printsPlainLines() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      Progress progress = new Progress(out, false, 60_000, 4000);
      progress.copied(1000);
      progress.close();
    }
    String text = output.toString(StandardCharsets.UTF_8);
    assertTrue(text.matches("copied 1,000 of 4,000 rows \\(25%\\), [\\d,]+ rows/s, ETA 0:00\\n"), text);
    assertTrue(!text.contains("\r"), text);
  }
}
