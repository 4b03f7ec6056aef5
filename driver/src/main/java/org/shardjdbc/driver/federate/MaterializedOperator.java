package org.shardjdbc.driver.federate;

import java.util.List;

/**
 * An operator that computes all of its rows in {@link #open()} from its input (aggregates, window functions), then
 * hands them out one by one.
 */
abstract class MaterializedOperator extends Operator {
  final Operator input;
  private List<Object[]> output;
  private int position = -1;

  MaterializedOperator(Operator input) {
    this.input = input;
  }

  /** The rows this operator hands out; set once by {@link #open()}. */
  final void materialized(List<Object[]> rows) {
    output = rows;
  }

  @Override
  public boolean next() {
    return ++position < output.size();
  }

  @Override
  public Object[] row() {
    return output.get(position);
  }

  @Override
  public void close() {
    input.close();
    position = output == null ? 0 : output.size();
  }
}
