package org.shardjdbc.driver.config;

import org.shardjdbc.planner.model.ShardingAlgorithm;

/** A user's algorithm, as a configuration names it by class: the first digit of the key, modulo the shard count. */
public class FirstDigitAlgorithm implements ShardingAlgorithm {
  @Override
  public int shardOf(Object key, int shardCount) {
    String text = key.toString();
    return text.isEmpty() || !Character.isDigit(text.charAt(0)) ? ALL_SHARDS : (text.charAt(0) - '0') % shardCount;
  }

  /** Has no constructor without arguments. */
  public static class NeedsArgument extends FirstDigitAlgorithm {
    public NeedsArgument(int argument) {}
  }

  /** Fails when created. */
  public static class Failing extends FirstDigitAlgorithm {
    public Failing() {
      throw new IllegalStateException("no license");
    }
  }

  /** Not an algorithm at all. */
  public static class NotAnAlgorithm {}
}
