package org.shardjdbc.planner.session;

import java.sql.Connection;
import java.util.Locale;

/** MySQL's transaction isolation levels, with their JDBC constants. */
public enum IsolationLevel {
  READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
  REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

  private final int jdbcLevel;

  IsolationLevel(int jdbcLevel) {
    this.jdbcLevel = jdbcLevel;
  }

  /** The {@code Connection.TRANSACTION_*} constant. */
  public int jdbcLevel() {
    return jdbcLevel;
  }

  /** The level of a {@code Connection.TRANSACTION_*} constant, or null for none of MySQL's four. */
  public static IsolationLevel ofJdbc(int jdbcLevel) {
    for (IsolationLevel level : values()) {
      if (level.jdbcLevel == jdbcLevel) {
        return level;
      }
    }
    return null;
  }

  /** The level named as MySQL writes it: {@code READ-COMMITTED} or {@code READ COMMITTED}; null for another name. */
  public static IsolationLevel ofName(String name) {
    String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replaceAll("\\s+", "_");
    for (IsolationLevel level : values()) {
      if (level.name().equals(normalized)) {
        return level;
      }
    }
    return null;
  }

  /** As in {@code SET TRANSACTION ISOLATION LEVEL}: {@code READ COMMITTED}. */
  public String sql() {
    return name().replace('_', ' ');
  }
}
