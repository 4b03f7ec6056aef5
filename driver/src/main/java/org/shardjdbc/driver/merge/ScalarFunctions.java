package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The functions the merge evaluates over aggregates, with MySQL's semantics: DECIMAL and integers exactly (ROUND
 * half away from zero, TRUNCATE toward zero), DOUBLE as the server's {@code my_double_round} does (half to even),
 * CAST to DECIMAL, SIGNED, DOUBLE and CHAR as the server converts. The result takes its column's type afterwards
 * ({@link MergeColumns#coerce}).
 */
final class ScalarFunctions {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private ScalarFunctions() {}

  /** ROUND(value, decimals) or TRUNCATE(value, decimals); null when either is NULL. */
  static Object round(Object value, Object decimals, boolean truncate) {
    if (value == null || decimals == null) {
      return null;
    }
    long places = RowExpressionEvaluator.toDecimal(decimals).setScale(0, RoundingMode.HALF_UP).longValue();
    if (RowExpressionEvaluator.isApproximate(value)) {
      return MysqlDoubles.round(RowExpressionEvaluator.toDouble(value), places, truncate);
    }
    int scale = (int) Math.max(-99, Math.min(places, 99));
    return RowExpressionEvaluator.toDecimal(value).setScale(scale, truncate ? RoundingMode.DOWN : RoundingMode.HALF_UP);
  }

  /** The first operand value that is not NULL (COALESCE, IFNULL). */
  static Object coalesce(List<Object> values) {
    for (Object value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  static Object abs(Object value) {
    if (value == null) {
      return null;
    }
    return RowExpressionEvaluator.isApproximate(value) ? Math.abs(RowExpressionEvaluator.toDouble(value))
        : RowExpressionEvaluator.toDecimal(value).abs();
  }

  /** FLOOR or CEIL(ING). */
  static Object floorOrCeiling(Object value, boolean ceiling) {
    if (value == null) {
      return null;
    }
    if (RowExpressionEvaluator.isApproximate(value)) {
      double number = RowExpressionEvaluator.toDouble(value);
      return ceiling ? Math.ceil(number) : Math.floor(number);
    }
    return RowExpressionEvaluator.toDecimal(value).setScale(0, ceiling ? RoundingMode.CEILING : RoundingMode.FLOOR);
  }

  /** CAST(value AS DECIMAL(precision, scale)): rounded half away from zero, clipped to the type's range. */
  static Object castToDecimal(Object value, Object precision, Object scale) {
    if (value == null) {
      return null;
    }
    int digits = RowExpressionEvaluator.toDecimal(precision).intValue();
    int places = RowExpressionEvaluator.toDecimal(scale).intValue();
    BigDecimal exact = value instanceof Double || value instanceof Float
        ? MysqlDoubles.toDecimal(((Number) value).doubleValue()) : RowExpressionEvaluator.toDecimal(value);
    BigDecimal rounded = exact.setScale(places, RoundingMode.HALF_UP);
    BigDecimal max = BigDecimal.ONE.movePointRight(digits - places).subtract(BigDecimal.ONE.movePointLeft(places));
    if (rounded.compareTo(max) > 0) {
      return max;
    }
    return rounded.compareTo(max.negate()) < 0 ? max.negate() : rounded;
  }

  /** CAST(value AS SIGNED): DECIMAL rounded half away from zero, DOUBLE half to even, clipped to BIGINT. */
  static Object castToSigned(Object value) {
    if (value == null) {
      return null;
    }
    BigDecimal number;
    if (value instanceof Double || value instanceof Float) {
      double rounded = Math.rint(((Number) value).doubleValue());
      if (Double.isNaN(rounded)) {
        return 0L;
      }
      number = Double.isInfinite(rounded) ? (rounded > 0 ? LONG_MAX : LONG_MIN) : new BigDecimal(rounded);
    } else if (value instanceof String text) {
      number = leadingInteger(text);
    } else {
      number = RowExpressionEvaluator.toDecimal(value).setScale(0, RoundingMode.HALF_UP);
    }
    return number.max(LONG_MIN).min(LONG_MAX).longValue();
  }

  /** CAST(value AS DOUBLE). */
  static Object castToDouble(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof BigDecimal decimal ? decimal.doubleValue() : RowExpressionEvaluator.toDouble(value);
  }

  /** CAST(value AS CHAR) of a value of a column whose DOUBLE values have {@code fixedDecimals} (-1: not fixed). */
  static Object castToText(Object value, int fixedDecimals) {
    return value == null ? null : MysqlText.of(value, fixedDecimals);
  }

  /** A string read as an integer, as MySQL does: its leading sign and digits, 0 when there are none. */
  private static BigDecimal leadingInteger(String text) {
    String trimmed = text.stripLeading();
    int end = 0;
    if (end < trimmed.length() && (trimmed.charAt(end) == '-' || trimmed.charAt(end) == '+')) {
      end++;
    }
    int digitsStart = end;
    while (end < trimmed.length() && Character.isDigit(trimmed.charAt(end))) {
      end++;
    }
    return end == digitsStart ? BigDecimal.ZERO : new BigDecimal(trimmed.substring(0, end));
  }
}
