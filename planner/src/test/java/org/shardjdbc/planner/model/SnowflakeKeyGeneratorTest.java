package org.shardjdbc.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class SnowflakeKeyGeneratorTest {
  private static final long NOW = SnowflakeKeyGenerator.EPOCH_MILLIS + 123_456_789L;

  /** A clock that gives its values in turn, then the last one for ever. */
  private static LongSupplier clock(long... values) {
    Deque<Long> queue = new ArrayDeque<>();
    for (long value : values) {
      queue.add(value);
    }
    return () -> queue.size() > 1 ? queue.poll() : queue.peek();
  }

  @Test
  void nextKey_hasTheDocumentedBitLayout() throws SQLException {
    long key = new SnowflakeKeyGenerator(517, clock(NOW)).nextKey();
    assertTrue(key > 0);
    assertEquals(123_456_789L, key >>> 22, "milliseconds since 2024-01-01");
    assertEquals(517, (key >>> 12) & 1023, "worker id");
    assertEquals(0, key & 4095, "the first millisecond's sequence starts at 0");
  }

  @Test
  void nextKey_withinOneMillisecond_countsUpFromTheStart() throws SQLException {
    SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(1, clock(NOW));
    long first = generator.nextKey();
    assertEquals(first + 1, generator.nextKey());
    assertEquals(first + 2, generator.nextKey());
  }

  @Test
  void nextKey_eachNewMillisecondStartsOneHigher_soModShardsTakeTurns() throws SQLException {
    SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(3, clock(NOW, NOW + 1, NOW + 2, NOW + 3));
    for (int i = 0; i < 4; i++) {
      assertEquals(i, Math.floorMod(generator.nextKey(), 64), "key " + i + " on shard " + i + " of 64");
    }
  }

  @Test
  void nextKey_whenAMillisecondsSequenceIsUsedUp_waitsForTheNext() throws SQLException {
    long[] times = new long[4098];
    java.util.Arrays.fill(times, NOW);
    times[4097] = NOW + 1;
    SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(9, clock(times));
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < 4097; i++) {
      keys.add(generator.nextKey());
    }
    assertEquals(4097, keys.size(), "no key twice");
    long last = generator.nextKey();
    assertEquals(NOW + 1 - SnowflakeKeyGenerator.EPOCH_MILLIS, last >>> 22, "after 4096 keys in one millisecond, keys are in the next");
  }

  @Test
  void nextKey_clockABitBehind_waitsUntilItCatchesUp() throws SQLException {
    SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(2, clock(NOW, NOW - 5, NOW - 3, NOW));
    long first = generator.nextKey();
    long second = generator.nextKey();
    assertEquals(first + 1, second, "the same millisecond once the clock is back");
  }

  @Test
  void nextKey_clockFarBehind_isAnError() throws SQLException {
    SnowflakeKeyGenerator generator = new SnowflakeKeyGenerator(2, clock(NOW, NOW - 1000));
    generator.nextKey();
    SQLException error = assertThrows(SQLException.class, generator::nextKey);
    assertEquals("snowflake key generator (worker 2): the clock moved backwards by 1000 ms; no key is made until it "
        + "catches up, so that no key is made twice", error.getMessage());
  }

  @Test
  void workerIds_outsideTenBits_areRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SnowflakeKeyGenerator(1024, clock(NOW)));
    assertThrows(IllegalArgumentException.class, () -> new SnowflakeKeyGenerator(-1, clock(NOW)));
    int derived = SnowflakeKeyGenerator.defaultWorkerId();
    assertTrue(derived >= 0 && derived <= 1023, "derived worker id " + derived);
  }
}
