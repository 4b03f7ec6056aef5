package org.shardjdbc.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every configuration error of {@code config-errors.txt}, and the errors of reading the file. */
class ConfigErrorsTest {
  private static final Function<String, String> ENVIRONMENT = Map.of("SHOP_DB_PASSWORD", "s3cret")::get;

  static Stream<Arguments> cases() throws IOException {
    String text;
    try (InputStream in = ConfigErrorsTest.class.getResourceAsStream("config-errors.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Arguments> cases = new ArrayList<>();
    String name = null;
    StringBuilder yaml = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("=== ")) {
        name = line.substring(4);
        yaml.setLength(0);
      } else if (line.startsWith("--- ")) {
        cases.add(Arguments.of(name, yaml.toString(), line.substring(4)));
        name = null;
      } else if (name != null) {
        yaml.append(line).append('\n');
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parse_failsWithAMessageNamingFileKeyAndProblem(String name, String yaml, String expected) {
    SQLException e = assertThrows(SQLException.class, () -> ShardConfig.parse("shop.yaml", yaml, ENVIRONMENT));
    if (expected.endsWith("...")) {
      String prefix = expected.substring(0, expected.length() - 3);
      assertTrue(e.getMessage().startsWith(prefix), () -> "expected " + prefix + "..., got " + e.getMessage());
    } else {
      assertEquals(expected, e.getMessage());
    }
    assertEquals("HY000", e.getSQLState());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
  }

  @Test
  void load_missingFile() {
    SQLException e = assertThrows(SQLException.class, () -> ShardConfig.load("no/such/shop.yaml"));
    assertEquals("cannot read no/such/shop.yaml: " + Path.of("no/such/shop.yaml").toAbsolutePath()
        + " (No such file)", e.getMessage());
    assertEquals("HY000", e.getSQLState());
  }

  @Test
  void load_missingResource() {
    SQLException e = assertThrows(SQLException.class, () -> ShardConfig.load("classpath:shop-missing.yaml"));
    assertEquals("cannot read classpath:shop-missing.yaml: no resource shop-missing.yaml on the class path",
        e.getMessage());
  }

  @Test
  void load_directory(@TempDir Path directory) {
    SQLException e = assertThrows(SQLException.class, () -> ShardConfig.load(directory.toString()));
    assertTrue(e.getMessage().startsWith("cannot read " + directory + ": " + directory + " ("), e.getMessage());
  }

  @Test
  void load_notUtf8(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("latin1.yaml");
    Files.write(file, "dataSources: { h\u00e9: {} }".getBytes(StandardCharsets.ISO_8859_1));
    SQLException e = assertThrows(SQLException.class, () -> ShardConfig.load(file.toString()));
    assertEquals("cannot read " + file + ": not UTF-8 text", e.getMessage());
  }

  @Test
  void load_noLocation() {
    SQLException e = assertThrows(SQLException.class, () -> ShardConfig.load(" "));
    assertEquals("no configuration file given: expected a path, file:<path> or classpath:<resource>",
        e.getMessage());
  }

  @Test
  void load_fileErrorsNameTheLocationAsWritten(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("shop.yaml");
    Files.writeString(file, "dataSources: { h1: { url: 'jdbc:mysql://a/x' } }\ndefaultDataSource: h2\n");
    SQLException e = assertThrows(SQLException.class, () -> ShardConfig.load("file:" + file));
    assertEquals("file:" + file + ": defaultDataSource: unknown data source 'h2' (defined: h1)", e.getMessage());
  }

  @Test
  void load_privateUseCharactersAreReserved() {
    SQLException e = assertThrows(SQLException.class,
        () -> ShardConfig.parse("shop.yaml", "dataSources:\n  h1: { url: 'jdbc:\uE000' }\n", ENVIRONMENT));
    assertEquals("shop.yaml: line 2: the private-use character U+E000 is reserved by the loader", e.getMessage());
  }

  @Test
  void names_listsManyShortly() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      names.add("h" + i);
    }
    assertEquals("h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, h11, h12, h13, h14, h15, ... (20 in all)",
        ConfigNode.names(names));
  }
}
