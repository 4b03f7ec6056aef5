package org.shardjdbc.benchmarks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * A hash of a query's rows that is equal for equal answers whichever contender gave them: what a benchmark
 * invocation returns, so that JMH consumes every value and the work cannot be optimised away.
 *
 * <p>Values are compared as the application would see them, not as each driver types them: every number as a decimal
 * rounded to 2 places (ShardingSphere returns a merged COUNT as BigDecimal, MySQL a SUM of counts as DECIMAL, and AVG
 * scales differ), and DATETIME as a LocalDateTime whether it arrives as that or as a Timestamp. Rows of an ordered
 * query are hashed in order; otherwise as a multiset.
 */
final class ResultDigest implements RowSink {
  private final boolean ordered;
  private long hash;
  private long rows;

  ResultDigest(boolean ordered) {
    this.ordered = ordered;
  }

  @Override
  public void row(Object[] values) {
    long rowHash = 17;
    for (Object value : values) {
      rowHash = rowHash * 31 + normalize(value).hashCode();
    }
    hash = ordered ? hash * 1_000_003 + rowHash : hash + mix(rowHash);
    rows++;
  }

  long rows() {
    return rows;
  }

  /** The digest: rows and values together. */
  long value() {
    return hash * 31 + rows;
  }

  private static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The value as it is compared: numbers as BigDecimal with scale 2, date-times as LocalDateTime, others as they are. */
  static Object normalize(Object value) {
    if (value == null) {
      return "(null)";
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.setScale(2, RoundingMode.HALF_UP);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue(), 0).setScale(2);
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer).setScale(2);
    }
    if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue()).setScale(2, RoundingMode.HALF_UP);
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime();
    }
    if (value instanceof LocalDateTime) {
      return value;
    }
    return value.toString();
  }
}
