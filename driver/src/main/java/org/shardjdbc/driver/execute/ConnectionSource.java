package org.shardjdbc.driver.execute;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a logical statement gets its physical connections: borrowed from the pools per statement (autocommit), or
 * the transaction's own connection per data source, kept until commit or rollback.
 */
public interface ConnectionSource {

  /** Whether connections are pinned: then each data source has exactly one, and results are read whole. */
  boolean pinned();

  /** The first connection to a data source for one statement; waits for it if it must. */
  PhysicalConnection first(String dataSource) throws SQLException;

  /** Another connection to the same data source if one is free now, else null; never waits. */
  PhysicalConnection another(String dataSource) throws SQLException;

  /**
   * The first connection to a data source for one of several statements run at once, in two steps: this call waits,
   * as {@link #first} does, for the pool to have room for it, so that a query takes its pools in order; the connection
   * itself is borrowed by {@link Reservation#open()}, which the thread that runs the statement calls. A scatter's
   * connections are then borrowed at the same time rather than one after another: HikariCP checks a connection idle
   * for more than half a second with a round trip to its server before lending it, and a scatter over eight servers
   * after a pause waited for eight round trips in a row. This default borrows the connection at once.
   */
  default Reservation reserve(String dataSource) throws SQLException {
    return Reservation.of(first(dataSource));
  }

  /** The room for a connection taken by {@link #reserve}; exactly one of its methods is called, once. */
  interface Reservation {
    /**
     * Borrows the connection.
     *
     * @throws SQLException naming the data source; nothing is held any more
     */
    PhysicalConnection open() throws SQLException;

    /** Gives the room back without borrowing the connection (another statement of the query failed). */
    void cancel();

    /** A reservation of a connection already borrowed: cancelling it releases the connection. */
    static Reservation of(PhysicalConnection connection) {
      return new Reservation() {
        @Override
        public PhysicalConnection open() {
          return connection;
        }

        @Override
        public void cancel() {
          connection.release();
        }
      };
    }
  }

  /** A physical connection used by one statement; {@link #release()} gives it back when it is borrowed. */
  interface PhysicalConnection {
    Connection connection();

    /**
     * The pool it came from: the data source's name for its primary, the replica's ({@code h1.replicas[0]}) for a
     * replica; the name under which its statements are cancelled and its server's health is kept.
     */
    String dataSource();

    /**
     * The pool's lease under this connection: rows read on it tell the health monitor that its server is busy, not
     * frozen.
     */
    DataSourcePool.Lease lease();

    /** Gives a borrowed connection back to its pool; does nothing to a transaction's connection. */
    void release();

    /**
     * Gives a borrowed connection back as broken: the pool closes it instead of lending it again. Does nothing to a
     * transaction's connection, which stays until commit or rollback.
     */
    void discard();

    /**
     * Whether this is a transaction's connection: the statement must leave it usable (never abort or drop it), and
     * its results are read whole, so that the next statement can use it.
     */
    boolean pinned();
  }
}
