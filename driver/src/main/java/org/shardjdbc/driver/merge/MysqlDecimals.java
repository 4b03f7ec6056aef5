package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * DECIMAL division as MySQL and MariaDB compute it ({@code decimal_div}): the quotient keeps whole groups of nine
 * decimals, enough for the dividend's and divisor's decimals (each counted in groups of nine) plus
 * {@code div_precision_increment} (4), and the digits beyond are cut off, not rounded. The result is shown rounded
 * to the dividend's decimals + 4, but AVG(x) * 3, ROUND(AVG(x), 2) and other expressions read the longer quotient:
 * for AVG of 1, 1, 2 the value shown is 1.3333 and AVG(x) * 3 is 4.0000, from 1.333333333 * 3.
 */
final class MysqlDecimals {
  /** {@code div_precision_increment}'s default. */
  static final int DIVISION_INCREMENT = 4;
  private static final int DIGITS_PER_WORD = 9;

  private MysqlDecimals() {}

  /** {@code dividend / divisor} with the server's digits; the divisor is not zero. */
  static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
    int dividendScale = Math.max(dividend.scale(), 0);
    int divisorScale = Math.max(divisor.scale(), 0);
    int dividendDigits = wholeWords(dividendScale);
    int divisorDigits = wholeWords(divisorScale);
    int increment = Math.max(DIVISION_INCREMENT - (dividendDigits - dividendScale) - (divisorDigits - divisorScale), 0);
    return dividend.divide(divisor, wholeWords(dividendDigits + divisorDigits + increment), RoundingMode.DOWN);
  }

  /** The decimals a division result is declared with: the dividend's plus the increment. */
  static int divisionScale(int dividendScale) {
    return Math.max(dividendScale, 0) + DIVISION_INCREMENT;
  }

  private static int wholeWords(int digits) {
    return (digits + DIGITS_PER_WORD - 1) / DIGITS_PER_WORD * DIGITS_PER_WORD;
  }
}
