package org.shardjdbc.driver.config;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code transaction:}: how a logical transaction over several data sources commits.
 *
 * @param type local (default) or xa
 */
public record TransactionConfig(Type type) {
  /** Without a {@code transaction:} section. */
  public static final TransactionConfig DEFAULT = new TransactionConfig(Type.LOCAL);

  public TransactionConfig {
    Objects.requireNonNull(type, "type");
  }

  /** How the data sources of one transaction commit. */
  public enum Type {
    /** One after another; a failure part-way is reported with the data sources that did and did not commit. */
    LOCAL,
    /** MySQL XA two-phase commit with a durable log. */
    XA;

    /** The name in the file: {@code local}, {@code xa}. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
