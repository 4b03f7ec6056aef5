package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.planner.merge.VarianceMerge;

/**
 * Combines the shards' counts, sums and variances of a group into its variance or standard deviation (see
 * {@link VarianceMerge}): with n_i rows, sum S_i and sum of squared deviations M_i on shard i, the group's sum of
 * squared deviations is {@code sum(M_i) + sum(n_i * (S_i / n_i - S / n)^2)}. The arithmetic is decimal with 60
 * digits, so that the second term loses nothing to cancellation, and the result is rounded to DOUBLE once, as the
 * server's DOUBLE result is.
 */
final class VarianceAccumulator implements GroupAccumulator {
  private static final MathContext PRECISION = new MathContext(60);

  private final VarianceMerge merge;
  private final int countColumn;
  private final int sumColumn;
  private final int varianceColumn;
  private final List<BigDecimal> counts = new ArrayList<>();
  private final List<BigDecimal> sums = new ArrayList<>();
  private BigDecimal squaredDeviations = BigDecimal.ZERO;

  VarianceAccumulator(VarianceMerge merge, RowExpressionEvaluator columns) {
    this.merge = merge;
    this.countColumn = columns.index(merge.count());
    this.sumColumn = columns.index(merge.sum());
    this.varianceColumn = columns.index(merge.variance());
  }

  @Override
  public void add(Object[] row) {
    long count = row[countColumn] == null ? 0 : ((Number) row[countColumn]).longValue();
    if (count == 0) {
      return;
    }
    Object variance = row[varianceColumn];
    if (variance != null) {
      // the shard's VAR_POP is M / n and its VAR_SAMP M / (n - 1); VAR_SAMP of one row is NULL, and M is 0
      long divisor = merge.sample() ? count - 1 : count;
      squaredDeviations = squaredDeviations.add(exact(variance).multiply(BigDecimal.valueOf(divisor)));
    }
    counts.add(BigDecimal.valueOf(count));
    sums.add(exact(row[sumColumn]));
  }

  @Override
  public Object result() {
    BigDecimal count = BigDecimal.ZERO;
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < counts.size(); i++) {
      count = count.add(counts.get(i));
      sum = sum.add(sums.get(i));
    }
    long n = count.longValueExact();
    if (n == 0 || (merge.sample() && n == 1)) {
      return null;
    }
    BigDecimal deviations = squaredDeviations;
    if (counts.size() > 1) {
      BigDecimal mean = sum.divide(count, PRECISION);
      for (int i = 0; i < counts.size(); i++) {
        BigDecimal shardMean = sums.get(i).divide(counts.get(i), PRECISION);
        BigDecimal difference = shardMean.subtract(mean);
        deviations = deviations.add(difference.multiply(difference).multiply(counts.get(i)), PRECISION);
      }
    }
    double variance = deviations.divide(BigDecimal.valueOf(merge.sample() ? n - 1 : n), PRECISION).doubleValue();
    return merge.root() ? Math.sqrt(variance) : variance;
  }

  private static BigDecimal exact(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(((Number) value).doubleValue());
    }
    return RowExpressionEvaluator.toDecimal(value);
  }
}
