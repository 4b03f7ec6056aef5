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
