package org.shardjdbc.planner.merge;

import java.util.Objects;

/**
 * {@code VAR_POP}, {@code VAR_SAMP}, {@code VARIANCE}, {@code STD}, {@code STDDEV}, {@code STDDEV_POP} and
 * {@code STDDEV_SAMP} from each shard's count, sum and variance of the argument (Chan, Golub and LeVeque's
 * combination of partial variances): the sum of squared deviations of the group is the shards' own, plus what the
 * shards' means deviate from the group's mean.
 *
 * <p>The server computes these in DOUBLE with Welford's recurrence in the order it reads the rows, so its own result
 * for the same rows depends on that order in the last bits; the merge is exact but for the shards' partial variances
 * (the server's own arithmetic) and the one rounding to DOUBLE at the end. A group that one shard holds alone gets
 * that shard's value bit for bit.
 *
 * @param count the hidden column {@code COUNT(x)}
 * @param sum the hidden column {@code SUM(x)}: exact for integers and DECIMAL
 * @param variance the hidden column {@code VAR_POP(x) + 0e0}, or {@code VAR_SAMP(x) + 0e0} for a sample statistic
 *     (adding a DOUBLE zero sends all of its digits: a variance is otherwise sent rounded to the argument's decimals
 *     plus 4)
 * @param sample whether the statistic divides by n - 1 (VAR_SAMP, STDDEV_SAMP) rather than n
 * @param root whether it is a standard deviation (the square root of the variance)
 */
public record VarianceMerge(ColumnRef count, ColumnRef sum, ColumnRef variance, boolean sample, boolean root)
    implements ColumnMerge {

  public VarianceMerge {
    Objects.requireNonNull(count, "count");
    Objects.requireNonNull(sum, "sum");
    Objects.requireNonNull(variance, "variance");
  }

  /** The SQL name of the partial variance each shard computes. */
  public String partialFunction() {
    return sample ? "VAR_SAMP" : "VAR_POP";
  }

  @Override
  public String toString() {
    return (root ? "stddev_" : "var_") + (sample ? "samp" : "pop") + "(" + count + ", " + sum + ", " + variance + ")";
  }
}
