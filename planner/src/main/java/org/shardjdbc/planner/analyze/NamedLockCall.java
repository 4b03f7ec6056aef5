package org.shardjdbc.planner.analyze;

import java.util.Locale;

/**
 * A select item that takes or releases named locks: its value tells how the count of locks the connection holds
 * changed. MySQL's named locks are counted per name: {@code GET_LOCK} of a name the connection holds takes it again,
 * and each {@code RELEASE_LOCK} gives back one.
 *
 * @param column the item's column in the result, from 1
 * @param effect what the function does
 */
public record NamedLockCall(int column, Effect effect) {

  public NamedLockCall {
    if (column < 1) {
      throw new IllegalArgumentException("column " + column + ": columns count from 1");
    }
  }

  /** The named-lock functions that change what a connection holds. */
  public enum Effect {
    /** {@code GET_LOCK(name, timeout)}: 1 when the lock was taken; 0 on timeout, NULL on error, and nothing taken. */
    ACQUIRE,
    /** {@code RELEASE_LOCK(name)}: 1 when one hold was given back; 0 (another's lock) or NULL (no such lock) when not. */
    RELEASE,
    /** {@code RELEASE_ALL_LOCKS()}: gives back every hold, and returns how many there were. */
    RELEASE_ALL;

    /** The function's name in SQL. */
    public String function() {
      switch (this) {
        case ACQUIRE:
          return "GET_LOCK";
        case RELEASE:
          return "RELEASE_LOCK";
        case RELEASE_ALL:
          return "RELEASE_ALL_LOCKS";
      }
      throw new IllegalStateException("unknown effect " + this);
    }

    /** The effect of the function of that name (any case), or null for any other name. */
    public static Effect of(String function) {
      for (Effect effect : values()) {
        if (effect.function().equals(function.toUpperCase(Locale.ROOT))) {
          return effect;
        }
      }
      return null;
    }
  }

  @Override
  public String toString() {
    return effect.function() + "@" + column;
  }
}
