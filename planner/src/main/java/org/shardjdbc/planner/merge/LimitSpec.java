package org.shardjdbc.planner.merge;

import org.shardjdbc.planner.analyze.ValueSource;

/**
 * A LIMIT as written: {@code LIMIT count}, {@code LIMIT offset, count} or {@code LIMIT count OFFSET offset}; the
 * values are literals or parameters, known per execution.
 */
public record LimitSpec(ValueSource offset, ValueSource count) {
  @Override
  public String toString() {
    return "LIMIT " + offset + ", " + count;
  }
}
