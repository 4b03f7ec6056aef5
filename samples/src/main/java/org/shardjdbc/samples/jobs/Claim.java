package org.shardjdbc.samples.jobs;

import java.util.Locale;

/** How a consumer claims a job so that no other consumer takes it at the same time. */
public enum Claim {
  /**
   * {@code SELECT … FROM jobs WHERE status = 'new' LIMIT n FOR UPDATE SKIP LOCKED} in the transaction that marks the
   * jobs done: the row locks are the claim, and a consumer that dies loses them with its connection.
   */
  SKIP_LOCKED,
  /**
   * {@code SELECT GET_LOCK('jobs-<id>', 0)} on a job still new: the named lock is the claim, held until the job is
   * marked done (in a transaction of its own) and released; a consumer that dies loses it with its connection.
   */
  GET_LOCK;

  /** The name on the command line: {@code skip-locked}, {@code get-lock}. */
  public String option() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Claim of(String option) {
    for (Claim claim : values()) {
      if (claim.option().equals(option)) {
        return claim;
      }
    }
    throw new IllegalArgumentException("unknown claim '" + option + "' (skip-locked or get-lock)");
  }
}
