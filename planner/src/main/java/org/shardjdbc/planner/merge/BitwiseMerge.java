package org.shardjdbc.planner.merge;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code BIT_AND}, {@code BIT_OR} and {@code BIT_XOR}: the shards' partial results combined with the same operation,
 * which is exact because each operation is associative and commutative, and a shard without rows gives its
 * identity (all ones for AND, zero for OR and XOR).
 */
public record BitwiseMerge(Operation operation) implements ColumnMerge {

  /** The bit operation of the aggregate. */
  public enum Operation {
    AND,
    OR,
    XOR
  }

  public BitwiseMerge {
    Objects.requireNonNull(operation, "operation");
  }

  @Override
  public String toString() {
    return "bit_" + operation.name().toLowerCase(Locale.ROOT);
  }
}
