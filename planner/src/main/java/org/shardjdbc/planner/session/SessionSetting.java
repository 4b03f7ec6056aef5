package org.shardjdbc.planner.session;

import java.util.List;
import java.util.Objects;

/** One assignment of a {@code SET} statement, in terms of what the logical connection does with it. */
public sealed interface SessionSetting {

  /** {@code autocommit}: the logical connection's own autocommit mode. */
  record Autocommit(boolean on) implements SessionSetting {}

  /** {@code transaction_isolation}, {@code SET SESSION TRANSACTION ISOLATION LEVEL}: for the next transactions. */
  record Isolation(IsolationLevel level) implements SessionSetting {
    public Isolation {
      Objects.requireNonNull(level, "level");
    }
  }

  /** {@code transaction_read_only}, {@code SET SESSION TRANSACTION READ ONLY | READ WRITE}. */
  record ReadOnly(boolean on) implements SessionSetting {}

  /**
   * A session variable the driver sets on every physical connection the logical one uses, and puts back as it was
   * before that connection returns to its pool.
   *
   * @param key what a later assignment replaces: the variable's name in lower case, or {@code names} for
   *     {@code SET NAMES} and {@code SET CHARACTER SET}
   * @param sql the statement that sets it on a physical connection, e.g. {@code SET SESSION time_zone = '+00:00'}
   * @param variables the session variables it changes, in the order they are put back
   */
  record Replayed(String key, String sql, List<String> variables) implements SessionSetting {
    public Replayed {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(sql, "sql");
      variables = List.copyOf(variables);
      if (variables.isEmpty()) {
        throw new IllegalArgumentException(sql + ": changes no variable");
      }
    }
  }
}
