package org.shardjdbc.driver.config;

import java.util.Locale;
import java.util.Objects;

/**
 * {@code transaction:}: how a logical transaction over several data sources commits.
 *
 * @param type local (default) or xa
 * @param leaseMs with xa, how long an application process may go without renewing its lease on the transaction log
 *     before another process takes its prepared transactions over and finishes them
 */
public record TransactionConfig(Type type, long leaseMs) {
  /** The lease of an XA process when the file names none. */
  public static final long DEFAULT_LEASE_MS = 10_000;

  /** Without a {@code transaction:} section. */
  public static final TransactionConfig DEFAULT = new TransactionConfig(Type.LOCAL, DEFAULT_LEASE_MS);

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
