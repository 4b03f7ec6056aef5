package org.shardjdbc.planner.route;

/** Rows kept after the merge: skip {@code offset}, return at most {@code count}. */
public record ResolvedLimit(long offset, long count) {
  public ResolvedLimit {
    if (offset < 0 || count < 0) {
      throw new IllegalArgumentException("LIMIT " + offset + ", " + count + ": must not be negative");
    }
  }

  /** A shard cannot know which of its rows the merge will skip, so it returns offset + count. */
  public long perShardCount() {
    long sum = offset + count;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
