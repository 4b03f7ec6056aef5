package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * DOUBLE values as MySQL and MariaDB turn them into decimal digits and round them, so that a value the merge computes
 * is the value the server would have sent (over the text protocol every value travels as text).
 *
 * <ul>
 *   <li>A DOUBLE with a fixed number of decimals (the result of STDDEV, ROUND(x, 2), a FLOAT(7,2) column) is sent as
 *       the shortest digits that read back as the value when they fit in those decimals, else rounded to them
 *       ({@code my_fcvt}, dtoa mode 5): {@link #fixed}.
 *   <li>Any other DOUBLE is sent as its shortest digits, in {@code 'f'} format for decimal exponents from -14 to
 *       15 and for non-integers up to 17 digits, else as {@code 1.5e20} ({@code my_gcvt}): {@link #text}.
 *   <li>{@code ROUND} and {@code TRUNCATE} scale by a power of ten, round half to even ({@code rint}) or toward zero,
 *       and scale back ({@code my_double_round}): {@link #round}.
 * </ul>
 */
public final class MysqlDoubles {
  /** {@code DBL_DIG}: integers with more digits than this are written in the 'e' format. */
  private static final int MAX_DECIMAL_EXPONENT_FOR_F_FORMAT = 15;
  /** The decimals a DOUBLE keeps when it becomes a DECIMAL ({@code double2decimal}). */
  private static final int DECIMALS_OF_DOUBLE_TO_DECIMAL = 38;
  /** 1e0 … 1e308 as the compiler reads the literals: exact up to 1e22, correctly rounded above. */
  private static final double[] POWERS_OF_TEN = new double[309];

  static {
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = Double.parseDouble("1e" + i);
    }
  }

  private MysqlDoubles() {}

  /** The shortest decimal that reads back as {@code value} (finite), the nearest such if there are several. */
  static BigDecimal shortest(double value) {
    if (value == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == value) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /**
   * The digits the server sends for a DOUBLE with {@code decimals} fixed decimals: the shortest digits when they fit,
   * else the value rounded to that many decimals.
   */
  static BigDecimal fixed(double value, int decimals) {
    BigDecimal shortest = shortest(value);
    if (shortest.scale() <= decimals) {
      return shortest.setScale(decimals);
    }
    return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN);
  }

  /**
   * The text the server sends for a DOUBLE with {@code decimals} fixed decimals: {@link #fixed}, and a minus sign
   * before a negative value that rounds to zero ({@code -0.00}), as {@code my_fcvt} keeps the sign.
   */
  static String fixedText(double value, int decimals) {
    BigDecimal digits = fixed(value, decimals);
    boolean negative = value < 0 || (value == 0 && 1 / value < 0);
    return (negative && digits.signum() == 0 ? "-" : "") + digits.toPlainString();
  }

  /** The DOUBLE a client reads for a value of a column with {@code decimals} fixed decimals. */
  public static double asSent(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    return Double.parseDouble(fixedText(value, decimals));
  }

  /** A DOUBLE made a DECIMAL, as CAST(x AS DECIMAL) reads it before rounding to the target scale. */
  static BigDecimal toDecimal(double value) {
    return fixed(value, DECIMALS_OF_DOUBLE_TO_DECIMAL).stripTrailingZeros();
  }

  /** The text of a DOUBLE whose decimals are not fixed: {@code 0.1}, {@code 100}, {@code 1e15}, {@code -0}. */
  static String text(double value) {
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    BigDecimal shortest = shortest(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    int length = digits.length();
    int pointPosition = length - shortest.scale(); // dtoa's decpt: digits before the decimal point
    StringBuilder text = new StringBuilder(value < 0 ? "-" : "");
    if (pointPosition >= 1 - MAX_DECIMAL_EXPONENT_FOR_F_FORMAT
        && (pointPosition <= MAX_DECIMAL_EXPONENT_FOR_F_FORMAT || length > pointPosition)) {
      if (pointPosition <= 0) {
        text.append("0.").append("0".repeat(-pointPosition)).append(digits);
      } else if (pointPosition < length) {
        text.append(digits, 0, pointPosition).append('.').append(digits, pointPosition, length);
      } else {
        text.append(digits).append("0".repeat(pointPosition - length));
      }
      return text.toString();
    }
    text.append(digits.charAt(0));
    if (length > 1) {
      text.append('.').append(digits, 1, length);
    }
    return text.append('e').append(pointPosition - 1).toString();
  }

  /**
   * ROUND(value, decimals) or TRUNCATE(value, decimals) of a DOUBLE: multiply (or, for negative decimals, divide) by
   * the power of ten, round half to even or toward zero, and scale back.
   */
  static double round(double value, long decimals, boolean truncate) {
    boolean negative = decimals < 0;
    long magnitude = Math.abs(decimals);
    double scale = magnitude >= 0 && magnitude < POWERS_OF_TEN.length ? POWERS_OF_TEN[(int) magnitude] : Double.POSITIVE_INFINITY;
    double divided = value / scale;
    double multiplied = value * scale;
    if (negative && Double.isInfinite(scale)) {
      return 0;
    }
    if (!negative && Double.isInfinite(multiplied)) {
      return value;
    }
    if (truncate) {
      if (value >= 0) {
        return negative ? Math.floor(divided) * scale : Math.floor(multiplied) / scale;
      }
      return negative ? Math.ceil(divided) * scale : Math.ceil(multiplied) / scale;
    }
    return negative ? Math.rint(divided) * scale : Math.rint(multiplied) / scale;
  }
}
