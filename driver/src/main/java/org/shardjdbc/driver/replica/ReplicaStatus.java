package org.shardjdbc.driver.replica;

/**
 * What the driver knows about one replica now: {@link ReadWriteSplitting#replicas()}.
 *
 * @param dataSource the data source it is a replica of ({@code h1})
 * @param replica its name, its place in the configuration ({@code h1.replicas[0]})
 * @param url its JDBC URL, passwords masked
 * @param state whether reads may go to it
 * @param lagMs its replication lag at the last probe, in milliseconds: how long ago the first heartbeat it had not
 *     applied was committed on the primary (a lower bound, exact to within one heartbeat interval); -1 when unknown
 * @param problem why it is {@link State#DOWN} or {@link State#UNKNOWN}, or null
 * @param probedMillisAgo how long ago the last probe answered or failed, -1 before the first
 */
public record ReplicaStatus(String dataSource, String replica, String url, State state, long lagMs, String problem,
    long probedMillisAgo) {

  /** Whether reads may go to a replica. */
  public enum State {
    /** Not probed yet, or not lately (splitting was off, or the monitor is behind): reads do not go to it. */
    UNKNOWN,
    /** Answering, and lagging no more than {@code maxReplicationLagMs}: reads may go to it. */
    AVAILABLE,
    /** Answering, but lagging more than {@code maxReplicationLagMs}: reads skip it until it catches up. */
    LAGGING,
    /** Failing (a probe or a read could not reach it, or it gave no answer in time): reads skip it until a probe succeeds. */
    DOWN
  }

  @Override
  public String toString() {
    return replica + " " + state + (lagMs >= 0 ? " lag " + lagMs + " ms" : "") + (problem == null ? "" : " (" + problem + ")");
  }
}
