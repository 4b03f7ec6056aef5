package org.shardjdbc.planner.merge;

import java.util.List;

/**
 * How one column of a GROUP BY or aggregate query is merged across the shards' partial rows of a group.
 */
public sealed interface ColumnMerge permits ColumnMerge.First, ColumnMerge.Sum, ColumnMerge.Count, ColumnMerge.Min,
    ColumnMerge.Max, ColumnMerge.Average, ColumnMerge.Distinct, ColumnMerge.SameRowAs, ColumnMerge.Computed,
    VarianceMerge, BitwiseMerge,
    GroupConcatMerge {

  /** A group key or a plain column: the value of the group's first row. */
  record First() implements ColumnMerge {
    @Override
    public String toString() {
      return "first";
    }
  }

  /** SUM partials: added exactly; NULL when every partial is NULL. */
  record Sum() implements ColumnMerge {
    @Override
    public String toString() {
      return "sum";
    }
  }

  /** COUNT partials: added exactly, as {@link Sum}; a group of no rows counts 0. */
  record Count() implements ColumnMerge {
    @Override
    public String toString() {
      return "count";
    }
  }

  record Min() implements ColumnMerge {
    @Override
    public String toString() {
      return "min";
    }
  }

  record Max() implements ColumnMerge {
    @Override
    public String toString() {
      return "max";
    }
  }

  /** AVG: SUM over COUNT of the hidden partial columns, at the scale the shard reports for the AVG column. */
  record Average(ColumnRef sum, ColumnRef count) implements ColumnMerge {
    @Override
    public String toString() {
      return "avg(" + sum + "/" + count + ")";
    }
  }

  /**
   * COUNT, SUM or AVG over DISTINCT values: the shards group by the arguments too, and the merge keeps the distinct
   * values (compared as their collation compares them) of each group.
   *
   * @param function COUNT, SUM or AVG
   */
  record Distinct(String function, List<ColumnRef> arguments) implements ColumnMerge {
    public Distinct {
      arguments = List.copyOf(arguments);
    }

    @Override
    public String toString() {
      return function.toLowerCase(java.util.Locale.ROOT) + "(distinct " + arguments + ")";
    }
  }

  /**
   * A value that belongs with another column's value: the server's weights of a group key or of a MIN or MAX (see
   * {@link CollationKey}), taken from the shard row whose value the merge keeps for {@code column}.
   */
  record SameRowAs(ColumnRef column) implements ColumnMerge {
    @Override
    public String toString() {
      return "row-of(" + column + ")";
    }
  }

  /** A select item computed over other merged columns, evaluated once the group is complete. */
  record Computed(RowExpression expression) implements ColumnMerge {
    @Override
    public String toString() {
      return "computed(" + expression + ")";
    }
  }
}
