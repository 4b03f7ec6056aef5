package org.shardjdbc.planner.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The hidden columns of a collation key in full, as the shards receive them (the routing cases abbreviate them to
 * {@code WEIGHTS(x)}, {@code TRIMMED_WEIGHTS(x)} and {@code PADDING(x)}); the driver's {@code ColumnOrderServerTest}
 * runs them for every collation of a server.
 */
class ServerWeightsTest {

  @Test
  void weights_areTheServersWeightStringAsBinary_nullForBinaryValues() {
    assertEquals("IF(CHARSET(name) = 'binary', NULL, CAST(WEIGHT_STRING(name) AS BINARY))",
        ServerWeights.weights("name"));
  }

  @Test
  void trimmedWeights_dropTrailingSpaceWeightsUnderPadSpace() {
    assertEquals("IF(CHARSET(name) = 'binary', NULL, IF(CAST(WEIGHT_STRING(LEFT(name, 0) AS CHAR(1)) AS BINARY) = "
        + "CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), ' ')) AS BINARY), TRIM(TRAILING "
        + "CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), ' ')) AS BINARY) FROM CAST(WEIGHT_STRING(name) AS "
        + "BINARY)), CAST(WEIGHT_STRING(name) AS BINARY)))",
        ServerWeights.trimmedWeights("name"));
  }

  @Test
  void padding_isTwoSpacesUnderPadSpace_emptyUnderNoPad_0x00ForAccentInsensitiveCaseSensitiveNoPad() {
    assertEquals("IF(CHARSET(name) = 'binary', NULL, IF(CAST(WEIGHT_STRING(LEFT(name, 0) AS CHAR(1)) AS BINARY) = "
        + "CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), ' ')) AS BINARY), CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), "
        + "'  ')) AS BINARY), IF(CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), 'a')) AS BINARY) <> "
        + "CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), 'A')) AS BINARY) AND "
        + "LENGTH(CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), 'a')) AS BINARY)) = 4 AND "
        + "CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), 'ab')) AS BINARY) <> "
        + "CONCAT(CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), 'a')) AS BINARY), "
        + "CAST(WEIGHT_STRING(CONCAT(LEFT(name, 0), 'b')) AS BINARY)), 0x00, '')))",
        ServerWeights.padding("name"));
  }
}
