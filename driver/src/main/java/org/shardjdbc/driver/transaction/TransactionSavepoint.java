package org.shardjdbc.driver.transaction;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Set;

/**
 * A savepoint of a {@link LocalTransaction}, set on the data sources the transaction had touched when it was set.
 * Two savepoints are the same only if they are the same object: a name set again is a new savepoint.
 */
public final class TransactionSavepoint implements Savepoint {
  private final LocalTransaction transaction;
  private final int id;
  private final String name;
  private final String serverName;
  private final Set<String> dataSources;

  /**
   * @param name the name the application gave it, or null for an unnamed savepoint
   * @param serverName the name the servers know it by
   * @param dataSources the data sources it was set on
   */
  TransactionSavepoint(LocalTransaction transaction, int id, String name, String serverName, Set<String> dataSources) {
    this.transaction = transaction;
    this.id = id;
    this.name = name;
    this.serverName = serverName;
    this.dataSources = Set.copyOf(dataSources);
  }

  /** The transaction it belongs to. */
  public LocalTransaction transaction() {
    return transaction;
  }

  String serverName() {
    return serverName;
  }

  Set<String> dataSources() {
    return dataSources;
  }

  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw new SQLException("savepoint " + name + " is named: it has no id", "HY000");
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw new SQLException("savepoint " + id + " is unnamed: it has no name", "HY000");
    }
    return name;
  }

  @Override
  public String toString() {
    return "Savepoint(" + serverName + " on " + dataSources + ")";
  }
}
