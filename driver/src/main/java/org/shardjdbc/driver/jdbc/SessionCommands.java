package org.shardjdbc.driver.jdbc;

import java.sql.SQLException;
import org.shardjdbc.driver.session.LogicalSession;
import org.shardjdbc.planner.session.SessionCommand;
import org.shardjdbc.planner.session.SessionSetting;

/**
 * Runs transaction control, {@code SET} and {@code USE} (read by the planner into a {@link SessionCommand}) on the
 * logical connection's session; nothing is sent to a pooled physical connection as written. Open results are closed
 * before a transaction ends, as at {@link ShardConnection#commit()}.
 */
final class SessionCommands {
  private SessionCommands() {}

  /** What a command does, for the SQL log. */
  static String effect(SessionCommand command) {
    if (command instanceof SessionCommand.SetVariables || command instanceof SessionCommand.Use) {
      return "applied to the logical connection, and to each physical connection it uses";
    }
    if (command instanceof SessionCommand.LastInsertId) {
      return "answered by the logical connection";
    }
    return "transaction control of the logical connection, on each data source its transaction uses";
  }

  static void apply(ShardConnection connection, SessionCommand command) throws SQLException {
    LogicalSession session = connection.session();
    if (command instanceof SessionCommand.Begin begin) {
      connection.closeResultsBeforeTransactionEnds();
      session.begin(begin.accessMode(), begin.consistentSnapshot());
    } else if (command instanceof SessionCommand.Commit commit) {
      connection.closeResultsBeforeTransactionEnds();
      if (commit.chain()) {
        session.endAndChain(true);
      } else {
        session.commit();
      }
    } else if (command instanceof SessionCommand.Rollback rollback) {
      connection.closeResultsBeforeTransactionEnds();
      if (rollback.chain()) {
        session.endAndChain(false);
      } else {
        session.rollback();
      }
    } else if (command instanceof SessionCommand.Savepoint savepoint) {
      session.savepoint(savepoint.name());
    } else if (command instanceof SessionCommand.RollbackToSavepoint rollbackTo) {
      session.rollbackTo(rollbackTo.name());
    } else if (command instanceof SessionCommand.ReleaseSavepoint release) {
      session.releaseSavepoint(release.name());
    } else if (command instanceof SessionCommand.SetVariables set) {
      if (!session.autoCommit() && set.settings().contains(new SessionSetting.Autocommit(true))) {
        connection.closeResultsBeforeTransactionEnds();
      }
      session.set(set.settings());
    } else if (command instanceof SessionCommand.Use use) {
      session.use(use.database());
    } else {
      throw new IllegalStateException("unknown session command " + command);
    }
  }
}
