package org.shardjdbc.driver.merge;

import java.math.BigInteger;
import org.shardjdbc.planner.merge.BitwiseMerge;

/**
 * Combines two shards' BIT_AND, BIT_OR or BIT_XOR results: unsigned 64-bit integers (BIGINT UNSIGNED, read as
 * {@link BigInteger}), or, in MySQL 8, binary strings of equal length combined byte by byte.
 */
final class BitwiseCombination {
  private BitwiseCombination() {}

  static Object combine(BitwiseMerge.Operation operation, Object a, Object b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a instanceof byte[] x && b instanceof byte[] y && x.length == y.length) {
      byte[] result = new byte[x.length];
      for (int i = 0; i < result.length; i++) {
        result[i] = (byte) apply(operation, x[i], y[i]);
      }
      return result;
    }
    BigInteger x = unsigned(a);
    BigInteger y = unsigned(b);
    switch (operation) {
      case AND:
        return x.and(y);
      case OR:
        return x.or(y);
      case XOR:
        return x.xor(y);
    }
    throw new IllegalStateException("unknown bit operation " + operation);
  }

  private static long apply(BitwiseMerge.Operation operation, long x, long y) {
    switch (operation) {
      case AND:
        return x & y;
      case OR:
        return x | y;
      case XOR:
        return x ^ y;
    }
    throw new IllegalStateException("unknown bit operation " + operation);
  }

  private static BigInteger unsigned(Object value) {
    if (value instanceof BigInteger integer) {
      return integer;
    }
    if (value instanceof Long || value instanceof Integer) {
      long bits = ((Number) value).longValue();
      return bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).add(BigInteger.ONE.shiftLeft(64));
    }
    return RowExpressionEvaluator.toDecimal(value).toBigInteger();
  }
}
