package org.shardjdbc.planner.model;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * {@code keyGenerator: snowflake}: 64-bit keys that are unique across processes with distinct worker ids and grow
 * with time.
 *
 * <pre>
 *   bit  63      0 (keys are positive)
 *   bits 62..22  41 bits: milliseconds since 2024-01-01T00:00:00Z (enough until the year 2093)
 *   bits 21..12  10 bits: the worker id, 0..1023
 *   bits 11..0   12 bits: a sequence within the millisecond
 * </pre>
 *
 * <p>The sequence of each new millisecond starts one above where the previous millisecond's started, so that keys
 * made one per millisecond do not all end in the same low bits: with {@code algorithm: mod} over 2^n shards (n at
 * most 12) the shard is the low n bits of the key, and successive keys then visit the shards in turn. Within one
 * millisecond the sequence counts up from its start and wraps around; when all 4096 values are used, the generator
 * waits for the next millisecond. Keys of one millisecond are unique but, after a wrap, not in ascending order.
 *
 * <p>When the clock moves backwards (an NTP step), the generator waits for it to catch up if that takes at most
 * {@value #MAX_BACKWARD_WAIT_MILLIS} ms, and otherwise throws an SQLException rather than risk a duplicate key.
 *
 * <p>The worker id must differ between processes that insert into the same tables: configure it with
 * {@code props: { snowflakeWorkerId: N }}. Without it, {@link #defaultWorkerId()} derives one from the host name and
 * process id, which two processes share with a probability of about 1/1024 per pair.
 */
public final class SnowflakeKeyGenerator implements KeyGenerator {
  /** 2024-01-01T00:00:00Z, the time of key 0. */
  public static final long EPOCH_MILLIS = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  public static final int WORKER_BITS = 10;
  public static final int SEQUENCE_BITS = 12;
  public static final int MAX_WORKER_ID = (1 << WORKER_BITS) - 1;
  static final long MAX_BACKWARD_WAIT_MILLIS = 10;
  private static final int SEQUENCE_MASK = (1 << SEQUENCE_BITS) - 1;
  private static final long MAX_TIMESTAMP = (1L << (63 - WORKER_BITS - SEQUENCE_BITS)) - 1;
  private static final Map<Integer, SnowflakeKeyGenerator> SHARED = new ConcurrentHashMap<>();

  private final int workerId;
  private final LongSupplier clock;
  private long lastMillis = -1;
  private int start = -1;
  private int sequence;

  SnowflakeKeyGenerator(int workerId, LongSupplier clock) {
    if (workerId < 0 || workerId > MAX_WORKER_ID) {
      throw new IllegalArgumentException("snowflake worker id " + workerId + ": must be 0.." + MAX_WORKER_ID);
    }
    this.workerId = workerId;
    this.clock = clock;
  }

  /**
   * The generator of a worker id, one per JVM, so that several configurations with the same worker id in one
   * process never make the same key.
   */
  public static SnowflakeKeyGenerator forWorker(int workerId) {
    return SHARED.computeIfAbsent(workerId, id -> new SnowflakeKeyGenerator(id, System::currentTimeMillis));
  }

  /**
   * The worker id used when none is configured: {@code CRC32(UTF-8 of "<host>/<pid>") mod 1024}, where host is the
   * environment variable HOSTNAME (else COMPUTERNAME, else empty) and pid this process's id.
   */
  public static int defaultWorkerId() {
    String host = System.getenv("HOSTNAME");
    if (host == null) {
      host = System.getenv("COMPUTERNAME");
    }
    CRC32 crc = new CRC32();
    crc.update(((host == null ? "" : host) + "/" + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % (MAX_WORKER_ID + 1));
  }

  public int workerId() {
    return workerId;
  }

  @Override
  public synchronized long nextKey() throws SQLException {
    long now = millis();
    if (now < lastMillis) {
      now = waitForClock(lastMillis);
    }
    if (now == lastMillis) {
      sequence = (sequence + 1) & SEQUENCE_MASK;
      if (sequence == start) {
        now = waitForClock(lastMillis + 1);
      }
    }
    if (now != lastMillis) {
      start = (start + 1) & SEQUENCE_MASK;
      sequence = start;
      lastMillis = now;
    }
    return (now << (WORKER_BITS + SEQUENCE_BITS)) | ((long) workerId << SEQUENCE_BITS) | sequence;
  }

  /** Milliseconds since {@link #EPOCH_MILLIS}. */
  private long millis() throws SQLException {
    long millis = clock.getAsLong() - EPOCH_MILLIS;
    if (millis < 0 || millis > MAX_TIMESTAMP) {
      throw new SQLException("snowflake key generator: the clock (" + Instant.ofEpochMilli(clock.getAsLong())
          + ") is outside the keys' time range 2024-01-01..2093", "HY000");
    }
    return millis;
  }

  /** Waits until the clock reaches {@code target}, or throws when it is more than a short wait behind. */
  private long waitForClock(long target) throws SQLException {
    long now = millis();
    if (target - now > MAX_BACKWARD_WAIT_MILLIS) {
      throw new SQLException("snowflake key generator (worker " + workerId + "): the clock moved backwards by "
          + (target - now) + " ms; no key is made until it catches up, so that no key is made twice", "HY000");
    }
    while (now < target) {
      try {
        TimeUnit.MICROSECONDS.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while waiting for the clock to make a snowflake key", "HY008", e);
      }
      now = millis();
    }
    return now;
  }

  @Override
  public String toString() {
    return "snowflake(worker " + workerId + ")";
  }
}
