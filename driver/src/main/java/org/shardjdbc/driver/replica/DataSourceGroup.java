package org.shardjdbc.driver.replica;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A data source with read replicas: its primary, where writes, locking reads and transactions go; its replicas,
 * which plain reads outside transactions may use when they answer and lag no more than allowed; the load balancer
 * that chooses among them; and the primary's heartbeat, by which the monitor measures their lag.
 */
public final class DataSourceGroup {
  private final String name;
  private final HikariDataSource heartbeatPool;
  private final List<Replica> replicas;
  private final Heartbeat heartbeat;
  private volatile ServerFlavour flavour;

  /**
   * @param name the data source's name
   * @param heartbeatPool a one-connection pool of the primary for the heartbeat
   * @param replicas its replicas, in file order
   * @param heartbeatTable the heartbeat table ({@code readWriteSplitting.heartbeat.table})
   */
  DataSourceGroup(String name, HikariDataSource heartbeatPool, List<Replica> replicas, String heartbeatTable) {
    this.name = name;
    this.heartbeatPool = heartbeatPool;
    this.replicas = List.copyOf(replicas);
    this.heartbeat = new Heartbeat(heartbeatTable);
  }

  public String name() {
    return name;
  }

  public List<Replica> replicas() {
    return replicas;
  }

  HikariDataSource heartbeatPool() {
    return heartbeatPool;
  }

  Heartbeat heartbeat() {
    return heartbeat;
  }

  /** The primary's flavour, learned from the first of its connections that asks. */
  ServerFlavour flavour(Connection primaryConnection) throws SQLException {
    ServerFlavour known = flavour;
    if (known == null) {
      known = ServerFlavour.of(primaryConnection);
      flavour = known;
    }
    return known;
  }

  /** The primary's flavour, or null before any connection told it. */
  public ServerFlavour flavour() {
    return flavour;
  }

  /** The replicas reads may use now, in file order, leaving out {@code excluded}. */
  List<Replica> available(long now, long maxLagMs, long freshNanos, Collection<Replica> excluded) {
    List<Replica> available = new ArrayList<>(replicas.size());
    for (Replica replica : replicas) {
      if (!excluded.contains(replica) && replica.available(now, maxLagMs, freshNanos)) {
        available.add(replica);
      }
    }
    return available;
  }
}
