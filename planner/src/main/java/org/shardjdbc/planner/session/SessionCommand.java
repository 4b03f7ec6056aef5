package org.shardjdbc.planner.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A statement that acts on the logical connection itself and is never sent to a server as written: a pooled
 * physical connection must not keep a transaction, a session variable or another default database after the
 * logical connection has given it back.
 */
public sealed interface SessionCommand {

  /** Whether a transaction is read-only, read-write, or as the session says. */
  enum AccessMode {
    SESSION_DEFAULT,
    READ_ONLY,
    READ_WRITE
  }

  /**
   * {@code BEGIN [WORK]} or {@code START TRANSACTION [READ ONLY | READ WRITE] [, WITH CONSISTENT SNAPSHOT]}: commits
   * the open transaction, if any, and starts one that ends at COMMIT or ROLLBACK whatever autocommit says.
   */
  record Begin(AccessMode accessMode, boolean consistentSnapshot) implements SessionCommand {
    public Begin {
      Objects.requireNonNull(accessMode, "accessMode");
    }
  }

  /** {@code COMMIT [WORK] [AND [NO] CHAIN]}; with chain, a new transaction with the same characteristics follows. */
  record Commit(boolean chain) implements SessionCommand {}

  /** {@code ROLLBACK [WORK] [AND [NO] CHAIN]}. */
  record Rollback(boolean chain) implements SessionCommand {}

  /** {@code SAVEPOINT name}. */
  record Savepoint(String name) implements SessionCommand {
    public Savepoint {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code ROLLBACK [WORK] TO [SAVEPOINT] name}. */
  record RollbackToSavepoint(String name) implements SessionCommand {
    public RollbackToSavepoint {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code RELEASE SAVEPOINT name}. */
  record ReleaseSavepoint(String name) implements SessionCommand {
    public ReleaseSavepoint {
      Objects.requireNonNull(name, "name");
    }
  }

  /** {@code SET a = 1, b = 2}: every assignment, applied in order. */
  record SetVariables(List<SessionSetting> settings) implements SessionCommand {
    public SetVariables {
      if (settings.isEmpty()) {
        throw new IllegalArgumentException("SET without assignments");
      }
      settings = Collections.unmodifiableList(new ArrayList<>(settings));
    }
  }

  /** {@code USE database}. */
  record Use(String database) implements SessionCommand {
    public Use {
      Objects.requireNonNull(database, "database");
    }
  }
}
