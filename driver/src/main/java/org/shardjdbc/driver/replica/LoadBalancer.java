package org.shardjdbc.driver.replica;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.shardjdbc.driver.config.ReadWriteSplittingConfig;

/**
 * Chooses the replica a read goes to among those it may use ({@code readWriteSplitting.loadBalancer}). The
 * candidates change from read to read (a replica lags, fails, comes back), so each balancer works on the list it is
 * given.
 */
abstract class LoadBalancer {
  private final ReadWriteSplittingConfig.LoadBalancer kind;

  LoadBalancer(ReadWriteSplittingConfig.LoadBalancer kind) {
    this.kind = kind;
  }

  /** The name in the configuration this balancer implements. */
  ReadWriteSplittingConfig.LoadBalancer kind() {
    return kind;
  }

  /** @param candidates at least one replica */
  abstract Replica choose(List<Replica> candidates);

  static LoadBalancer of(ReadWriteSplittingConfig.LoadBalancer kind) {
    switch (kind) {
      case ROUND_ROBIN:
        return new RoundRobin();
      case RANDOM:
        return new RandomChoice();
      case WEIGHTED:
        return new SmoothWeighted();
    }
    throw new IllegalArgumentException("unknown load balancer " + kind);
  }

  /** Each candidate in turn. */
  static final class RoundRobin extends LoadBalancer {
    private final AtomicInteger next = new AtomicInteger();

    RoundRobin() {
      super(ReadWriteSplittingConfig.LoadBalancer.ROUND_ROBIN);
    }

    @Override
    Replica choose(List<Replica> candidates) {
      return candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    }
  }

  /** A candidate at random, each as likely. */
  static final class RandomChoice extends LoadBalancer {
    RandomChoice() {
      super(ReadWriteSplittingConfig.LoadBalancer.RANDOM);
    }

    @Override
    Replica choose(List<Replica> candidates) {
      return candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    }
  }

  /**
   * Candidates in proportion to their weights, spread evenly (nginx's smooth weighted round robin): each choice adds
   * every candidate's weight to its credit and takes the candidate with the most credit, which then pays the total.
   * Weights 2 and 1 give a, b, a, a, b, a, …: exactly two of every three reads to a.
   */
  static final class SmoothWeighted extends LoadBalancer {
    private final Map<Replica, Long> credit = new IdentityHashMap<>();

    SmoothWeighted() {
      super(ReadWriteSplittingConfig.LoadBalancer.WEIGHTED);
    }

    @Override
    synchronized Replica choose(List<Replica> candidates) {
      Replica best = null;
      long bestCredit = Long.MIN_VALUE;
      long total = 0;
      for (Replica candidate : candidates) {
        long raised = credit.getOrDefault(candidate, 0L) + candidate.weight();
        credit.put(candidate, raised);
        total += candidate.weight();
        if (raised > bestCredit) {
          best = candidate;
          bestCredit = raised;
        }
      }
      credit.put(best, bestCredit - total);
      return best;
    }
  }
}
