package org.shardjdbc.samples.jobs;

import java.sql.SQLException;

/** Failures after which a transaction can simply be tried again: the server chose it as a deadlock's victim. */
final class Deadlocks {
  private Deadlocks() {}

  /** A deadlock (1213, SQLState 40001) or lock wait timeout (1205) anywhere in the failure's causes. */
  static boolean isRetryable(SQLException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && (sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205
          || "40001".equals(sql.getSQLState()))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    SQLException next = failure.getNextException();
    return next != null && next != failure && isRetryable(next);
  }
}
