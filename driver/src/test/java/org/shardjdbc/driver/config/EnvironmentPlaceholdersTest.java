package org.shardjdbc.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentPlaceholdersTest {
  private final EnvironmentPlaceholders placeholders =
      new EnvironmentPlaceholders(Map.of("HOST", "10.0.0.1", "PORT", "3306", "EMPTY", "", "DOLLAR", "a$1\\b")::get);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "jdbc:mysql://${HOST}:${PORT}/shop    | jdbc:mysql://10.0.0.1:3306/shop",
      "${HOST:localhost}                   | 10.0.0.1",
      "${MISSING:localhost}                | localhost",
      "${MISSING:jdbc:mysql://x:1/y}       | jdbc:mysql://x:1/y",
      "\"${MISSING:}\"                     | \"\"",
      "\"${EMPTY:default}\"                | \"\"",
      "${DOLLAR}                           | a$1\\b",
      "orders_${000..015}                  | orders_${000..015}",
      "${HOST}_${00..15}                   | 10.0.0.1_${00..15}",
      "no placeholder                      | no placeholder",
      "$HOST and ${ HOST }                 | $HOST and ${ HOST }"})
  void substitute(String value, String expected) {
    assertEquals(expected, placeholders.substitute(value));
  }

  @Test
  void mask_hidesValuesTakenFromTheEnvironment() {
    placeholders.substitute("jdbc:mysql://${HOST}:${PORT}/shop?x=${EMPTY}&y=${MISSING:default-value}");
    assertEquals("'<masked>' and <masked>:<masked>, but not 'default-value' from the file",
        placeholders.mask("'10.0.0.1' and 10.0.0.1:3306, but not 'default-value' from the file"));
  }

  @Test
  void mask_leavesShortValuesAlone() {
    EnvironmentPlaceholders shortValues = new EnvironmentPlaceholders(Map.of("POOL", "16")::get);
    shortValues.substitute("${POOL}");
    assertEquals("line 16: '16' is not valid", shortValues.mask("line 16: '16' is not valid"));
  }

  @Test
  void substitute_unsetVariableWithoutDefault() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> placeholders.substitute("pw ${SHOP_DB_PASSWORD}"));
    assertEquals("environment variable SHOP_DB_PASSWORD is not set (write ${SHOP_DB_PASSWORD:default} to give a "
        + "default)", e.getMessage());
  }
}
