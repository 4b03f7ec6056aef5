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
    assertEquals(new ShardProperties(8, false, PlanCacheSettings.DEFAULTS, -1, ResilienceSettings.DEFAULTS, false),
        ShardProperties.of(Map.of()));
    assertEquals(ShardProperties.DEFAULTS, ShardProperties.of(Map.of()));
  }

  @Test
  void of_readsEveryProperty() {
    assertEquals(new ShardProperties(32, true, new PlanCacheSettings(0, 1_000_000, false), 1023,
        ResilienceSettings.DEFAULTS, true), ShardProperties.of(Map.of(
        "maxConcurrencyPerDataSource", " 32 ", "sqlLog", "TRUE", "planCacheSize", "0", "planCacheMaxBytes", "1000000",
        "planCacheShapes", "false", "snowflakeWorkerId", "1023", "sqlLogParameters", "true")));
  }

  @Test
  void of_readsTheFederationMemoryLimit() {
    assertEquals(64L << 20, ShardProperties.of(Map.of("federationMemoryLimit", "64MB")).federationMemoryLimit());
    assertEquals(3L << 30, ShardProperties.of(Map.of("federationMemoryLimit", "3 gb")).federationMemoryLimit());
    assertEquals(2097152, ShardProperties.of(Map.of("federationMemoryLimit", "2097152")).federationMemoryLimit());
    assertEquals(256L << 20, ShardProperties.DEFAULTS.federationMemoryLimit());
  }

  @Test
  void of_readsTheFederationJoinKeyLimit() {
    assertEquals(1024, ShardProperties.DEFAULTS.federationJoinKeyLimit());
    assertEquals(0, ShardProperties.of(Map.of("federationJoinKeyLimit", "0")).federationJoinKeyLimit());
    assertEquals(4096, ShardProperties.of(Map.of("federationJoinKeyLimit", "4096")).federationJoinKeyLimit());
  }

  @Test
  void of_readsTheResilienceSettings() {
    ShardProperties properties = ShardProperties.of(Map.of("connectTimeoutMs", "1000", "socketTimeoutMs", "60000",
        "connectionTimeoutMs", "3000", "validationTimeoutMs", "500", "cancelTimeoutMs", "0", "healthFailureThreshold", "5",
        "healthProbeIntervalMs", "250", "healthProbeTimeoutMs", "750"));
    assertEquals(new ResilienceSettings(1000, 60_000, 3000, 500, 0, 5, 250, 750), properties.resilience());
    assertEquals(new ResilienceSettings(3000, 0, 5000, 2500, 2000, 3, 500, 5000), ShardProperties.DEFAULTS.resilience());
  }

  @Test
  void validationTimeout_byDefaultHalfTheConnectionTimeout_atLeast250() {
    assertEquals(1000, ShardProperties.of(Map.of("connectionTimeoutMs", "2000")).resilience().validationTimeoutMs());
    assertEquals(250, ShardProperties.of(Map.of("connectionTimeoutMs", "300")).resilience().validationTimeoutMs());
    assertEquals(15_000, ShardProperties.of(Map.of("connectionTimeoutMs", "30000")).resilience().validationTimeoutMs());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "maxConcurrencyPerDataSource | 0     | maxConcurrencyPerDataSource: '0' must be at least 1",
      "maxConcurrencyPerDataSource | eight | maxConcurrencyPerDataSource: 'eight' is not an integer",
      "maxConcurrencyPerDataSource | 3000000000 | maxConcurrencyPerDataSource: '3000000000' must be at most 2147483647",
      "sqlLog                      | yes   | sqlLog: 'yes' is not true or false",
      "sqlLogParameters            | on    | sqlLogParameters: 'on' is not true or false",
      "planCacheSize               | -1    | planCacheSize: '-1' must be at least 0",
      "planCacheSize               | 1e4   | planCacheSize: '1e4' is not an integer",
      "planCacheMaxBytes           | -1    | planCacheMaxBytes: '-1' must be at least 0",
      "planCacheShapes             | no    | planCacheShapes: 'no' is not true or false",
      "federationMemoryLimit       | 10KB  | federationMemoryLimit: '10KB' must be at least 1MB",
      "federationMemoryLimit       | lots  | federationMemoryLimit: 'lots' is not a size (a whole number of bytes, or with KB, MB or GB)",
      "federationJoinKeyLimit      | -1    | federationJoinKeyLimit: '-1' must be at least 0",
      "federationJoinKeyLimit      | 4097  | federationJoinKeyLimit: '4097' must be at most 4096",
      "snowflakeWorkerId           | -1    | snowflakeWorkerId: '-1' must be at least 0",
      "snowflakeWorkerId           | 1024  | snowflakeWorkerId: '1024' must be at most 1023",
      "connectTimeoutMs            | -1    | connectTimeoutMs: '-1' must be at least 0",
      "connectTimeoutMs            | 3000000000 | connectTimeoutMs: '3000000000' must be at most 2147483647",
      "socketTimeoutMs             | 1s    | socketTimeoutMs: '1s' is not an integer",
      "connectionTimeoutMs         | 100   | connectionTimeoutMs: '100' must be at least 250",
      "validationTimeoutMs         | 5000  | validationTimeoutMs: '5000' must be less than connectionTimeoutMs (5000)",
      "validationTimeoutMs         | 249   | validationTimeoutMs: '249' must be at least 250",
      "cancelTimeoutMs             | -5    | cancelTimeoutMs: '-5' must be at least 0",
      "healthFailureThreshold      | 0     | healthFailureThreshold: '0' must be at least 1",
      "healthProbeIntervalMs       | 10    | healthProbeIntervalMs: '10' must be at least 100",
      "healthProbeTimeoutMs        | 99    | healthProbeTimeoutMs: '99' must be at least 100",
      "queryTimeoutSeconds         | 5     | queryTimeoutSeconds: unknown property (known: maxConcurrencyPerDataSource, sqlLog, "
          + "planCacheSize, planCacheMaxBytes, planCacheShapes, snowflakeWorkerId, federationMemoryLimit, "
          + "federationJoinKeyLimit, sqlLogParameters, connectTimeoutMs, socketTimeoutMs, connectionTimeoutMs, validationTimeoutMs, "
          + "cancelTimeoutMs, healthFailureThreshold, healthProbeIntervalMs, healthProbeTimeoutMs)"})
  void of_rejects(String name, String value, String message) {
    assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> ShardProperties.of(Map.of(name, value))).getMessage());
  }
}
