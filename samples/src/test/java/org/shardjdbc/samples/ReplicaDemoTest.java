package org.shardjdbc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReplicaDemoTest {

  /** The whole demo, as {@code mvn -pl samples exec:java -Dexec.mainClass=…ReplicaDemo} runs it. */
  @Test
  void embeddedReplication_everyCheckHolds() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status = ReplicaDemo.run(out, Path.of("target", "embedded-mariadb"));
    }
    String text = output.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text);
    assertTrue(text.contains("9 of 9 checks held"), text);
    assertTrue(text.contains("h1.replicas[1] LAGGING"), text);
    assertTrue(text.contains("x6  ->  replica 1"), text);
  }
}
