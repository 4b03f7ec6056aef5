package org.shardjdbc.planner.parse;

/** A run of tokens, {@code first} to {@code last} inclusive, by index. */
public record TokenSpan(int first, int last) {
  public TokenSpan {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("token span " + first + ".." + last);
    }
  }
}
