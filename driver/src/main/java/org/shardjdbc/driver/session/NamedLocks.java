package org.shardjdbc.driver.session;

import java.util.List;
import org.shardjdbc.driver.execute.PhysicalSession;
import org.shardjdbc.planner.analyze.NamedLockCall;

/**
 * The named locks ({@code GET_LOCK}) of one logical connection: how many it holds, and the physical connection to
 * the lock data source that holds them, kept out of its pool while it holds any.
 *
 * <p>MySQL counts a connection's locks per name: taking a name it holds takes it again, each {@code RELEASE_LOCK}
 * gives back one, and {@code RELEASE_ALL_LOCKS()} gives back all. The driver counts them from the values each
 * statement's calls return ({@link NamedLockCall}): {@code GET_LOCK} = 1 adds one, {@code RELEASE_LOCK} = 1 removes
 * one, any other value (0 on timeout or for another's lock, NULL on error or for no lock) changes nothing. When a
 * statement of several items fails, some of its calls may have been made: the count is then uncertain, and the
 * connection stays until {@code RELEASE_ALL_LOCKS()} or the end of the logical connection.
 */
final class NamedLocks {
  private PhysicalSession connection;
  private long held;
  private boolean uncertain;

  /** The connection that holds the locks, or null when none is held. */
  PhysicalSession connection() {
    return connection;
  }

  /** Whether the connection may hold a lock, so that it must not go back to its pool. */
  boolean holdsAny() {
    return held > 0 || uncertain;
  }

  /** Counts the values of a statement's one row. */
  void count(List<NamedLockCall> calls, Object[] row) {
    for (NamedLockCall call : calls) {
      Object value = row[call.column() - 1];
      switch (call.effect()) {
        case ACQUIRE:
          if (isOne(value)) {
            held++;
          }
          break;
        case RELEASE:
          if (isOne(value) && held > 0) {
            held--;
          }
          break;
        case RELEASE_ALL:
          held = 0;
          uncertain = false;
          break;
        default:
          throw new IllegalStateException("unknown named-lock call " + call);
      }
    }
  }

  private static boolean isOne(Object value) {
    return value instanceof Number number && number.longValue() == 1;
  }

  /** A statement of several items failed: some of its calls may have taken or released locks. */
  void uncertain() {
    uncertain = true;
  }

  /** Notes the connection that holds the locks. */
  void pin(PhysicalSession session) {
    connection = session;
  }

  /**
   * Forgets the connection and the count: the locks are gone (none held, or the server lost the connection and with
   * it the locks), or about to be released.
   */
  void clear() {
    connection = null;
    held = 0;
    uncertain = false;
  }

  @Override
  public String toString() {
    return (uncertain ? "at least " : "") + held + " named lock(s)" + (connection == null ? "" : " on " + connection.dataSource());
  }
}
