package org.shardjdbc.benchmarks;

/**
 * One measured case: a contender running a workload with a number of client threads and an added round trip.
 *
 * @param delayMillis the round trip added between client and servers
 * @param workload what ran
 * @param threads client threads, each issuing queries one after another
 * @param contender who answered (see {@link Contender#ALL})
 * @param meanMicros the mean latency of one query
 * @param p50Micros the median latency
 * @param p99Micros the 99th percentile latency
 * @param samples how many latencies the figures come from
 */
record Measurement(double delayMillis, Workload workload, int threads, String contender, double meanMicros,
    double p50Micros, double p99Micros, long samples) {

  /** Queries per second of all threads together: in a closed loop, threads / mean latency (Little's law). */
  double throughput() {
    return threads * 1e6 / meanMicros;
  }
}
