package org.shardjdbc.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardPropertiesTest {

  @Test
  void of_defaults() {
    assertEquals(new ShardProperties(8, false, 10_000), ShardProperties.of(Map.of()));
    assertEquals(ShardProperties.DEFAULTS, ShardProperties.of(Map.of()));
  }

  @Test
  void of_readsEveryProperty() {
    assertEquals(new ShardProperties(32, true, 0, 64L << 20), ShardProperties.of(Map.of("maxConcurrencyPerDataSource",
        " 32 ", "sqlLog", "TRUE", "planCacheSize", "0", "federationMemoryLimit", "64MB")));
    assertEquals(3L << 30, ShardProperties.of(Map.of("federationMemoryLimit", "3 gb")).federationMemoryLimit());
    assertEquals(2097152, ShardProperties.of(Map.of("federationMemoryLimit", "2097152")).federationMemoryLimit());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "maxConcurrencyPerDataSource | 0     | maxConcurrencyPerDataSource: '0' must be at least 1",
      "maxConcurrencyPerDataSource | eight | maxConcurrencyPerDataSource: 'eight' is not an integer",
      "maxConcurrencyPerDataSource | 3000000000 | maxConcurrencyPerDataSource: '3000000000' must be at most 2147483647",
      "sqlLog                      | yes   | sqlLog: 'yes' is not true or false",
      "planCacheSize               | -1    | planCacheSize: '-1' must be at least 0",
      "planCacheSize               | 1e4   | planCacheSize: '1e4' is not an integer",
      "federationMemoryLimit       | 10KB  | federationMemoryLimit: '10KB' must be at least 1MB",
      "federationMemoryLimit       | lots  | federationMemoryLimit: 'lots' is not a size (a whole number of bytes, or with KB, MB or GB)",
      "queryTimeoutSeconds         | 5     | queryTimeoutSeconds: unknown property (known: maxConcurrencyPerDataSource, sqlLog, planCacheSize, federationMemoryLimit)"})
  void of_rejects(String name, String value, String message) {
    assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> ShardProperties.of(Map.of(name, value))).getMessage());
  }
}
