package org.shardjdbc.driver.federate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLDataException;
import java.sql.SQLException;

/**
 * Numbers as MySQL computes them: integers add, subtract and multiply as BIGINT (an overflow is MySQL's error 1690),
 * DECIMAL exactly (the scale of a sum is the larger scale, of a product the sum of scales), and anything with a
 * DOUBLE as doubles. Values are those mysql-connector-j returns: Long (BIGINT), Integer (INT), BigDecimal, Double.
 */
final class MysqlArithmetic {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** The kind of number an operation computes in. */
  enum Kind {
    INTEGER,
    DECIMAL,
    DOUBLE
  }

  private MysqlArithmetic() {}

  static Kind kindOf(Field field) {
    return field.isApproximate() ? Kind.DOUBLE : field.isDecimal() ? Kind.DECIMAL : Kind.INTEGER;
  }

  static Kind wider(Kind a, Kind b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  static BigDecimal toDecimal(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(value.toString());
    }
    if (value instanceof Boolean bool) {
      return bool ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    return BigDecimal.valueOf(((Number) value).longValue());
  }

  static double toDouble(Object value) {
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    return ((Number) value).doubleValue();
  }

  static long toLong(Object value) {
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      return toDecimal(value).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
    return ((Number) value).longValue();
  }

  /** {@code a + b}, {@code a - b} or {@code a * b} in the given kind; null if either is null. */
  static Object apply(char operator, Object a, Object b, Kind kind, String expression) throws SQLException {
    if (a == null || b == null) {
      return null;
    }
    switch (kind) {
      case DOUBLE: {
        double x = toDouble(a);
        double y = toDouble(b);
        return operator == '+' ? x + y : operator == '-' ? x - y : x * y;
      }
      case DECIMAL: {
        BigDecimal x = toDecimal(a);
        BigDecimal y = toDecimal(b);
        return operator == '+' ? x.add(y) : operator == '-' ? x.subtract(y) : x.multiply(y);
      }
      case INTEGER: {
        BigInteger x = BigInteger.valueOf(toLong(a));
        BigInteger y = BigInteger.valueOf(toLong(b));
        BigInteger result = operator == '+' ? x.add(y) : operator == '-' ? x.subtract(y) : x.multiply(y);
        if (result.compareTo(LONG_MIN) < 0 || result.compareTo(LONG_MAX) > 0) {
          throw new SQLDataException("BIGINT value is out of range in '" + expression + "'", "22003", 1690);
        }
        return result.longValue();
      }
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  /** {@code -a}; an integer's negation is a BIGINT. */
  static Object negate(Object a, Kind kind, String expression) throws SQLException {
    return a == null ? null : apply('-', 0L, a, kind, expression);
  }

  /** A value as a column of the given field's type holds it (Integer for INT, Long for BIGINT, BigDecimal at scale). */
  static Object convert(Object value, Field field) {
    if (value == null || value instanceof Boolean && !field.isNumeric()) {
      return value;
    }
    if (field.isDecimal()) {
      return toDecimal(value).setScale(field.scale(), RoundingMode.HALF_UP);
    }
    if (field.isApproximate()) {
      return toDouble(value);
    }
    if (field.isIntegral() && field.jdbcType() != java.sql.Types.BOOLEAN && value instanceof Number) {
      long number = toLong(value);
      return Integer.class.getName().equals(field.className()) ? (Object) Math.toIntExact(number) : (Object) number;
    }
    return value;
  }
}
