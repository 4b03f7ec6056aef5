package org.shardjdbc.driver.runtime;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.shardjdbc.driver.config.ShardProperties;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL log ({@code sqlLog: true}): one INFO message on logger {@code org.shardjdbc.sql} per logical statement,
 * with its physical statements (data source, physical SQL): reads, writes, DDL, named locks, catalogue statements,
 * federated queries (each execution, with its scans' statements; the plan once, when it is made), and statements the
 * logical connection answers itself (SET, USE, transaction control), with what it does instead; a batch's physical
 * statements are logged as they run, with the logical statements they belong to. Parameter values show as {@code ?} unless
 * {@code sqlLogParameters: true}; the literal after {@code IDENTIFIED BY} or {@code PASSWORD} never shows.
 */
public final class SqlLog {
  private static final Logger LOG = LoggerFactory.getLogger("org.shardjdbc.sql");
  private static final Pattern PASSWORD = Pattern.compile(
      "(?i)(\\bIDENTIFIED\\s+(?:WITH\\s+\\S+\\s+)?(?:BY|AS)\\s+|\\bPASSWORD\\s*(?:=\\s*)?(?:\\(\\s*)?)'(?:[^'\\\\]|\\\\.|'')*'");

  private final boolean enabled;
  private final boolean parameters;

  SqlLog(ShardProperties properties) {
    this.enabled = properties.sqlLog();
    this.parameters = properties.sqlLogParameters();
  }

  /**
   * Logs a logical statement and where it runs.
   *
   * @param sql the logical SQL
   * @param values the logical statement's parameter values
   * @param physical the physical statements it was routed to
   */
  public void statement(String sql, List<Object> values, List<ShardSql> physical) {
    if (!enabled || !LOG.isInfoEnabled()) {
      return;
    }
    StringBuilder message = new StringBuilder("Logical SQL: ").append(masked(sql)).append(parameters(values));
    physical(message, physical);
    LOG.info(message.toString());
  }

  /** Whether statements are logged: a caller that must work to tell the log something asks first. */
  public boolean enabled() {
    return enabled && LOG.isInfoEnabled();
  }

  /**
   * Whether the statements it logs show parameter values as {@code ?}: then no value may be written into a physical
   * statement's text, where the log would show it.
   */
  public boolean masksValues() {
    return enabled() && !parameters;
  }

  /**
   * Logs a logical statement that the logical connection answers itself, sending nothing as written.
   *
   * @param sql the logical SQL
   * @param values the logical statement's parameter values
   * @param effect what the logical connection does instead
   */
  public void answered(String sql, List<Object> values, String effect) {
    if (enabled()) {
      LOG.info("Logical SQL: " + masked(sql) + parameters(values) + "\n  " + effect);
    }
  }

  /**
   * Logs physical statements that run together for statements of a batch.
   *
   * @param sql the logical SQL of the batch's statements they belong to, each text once
   * @param physical the physical statements
   */
  public void batch(Collection<String> sql, List<ShardSql> physical) {
    if (!enabled || !LOG.isInfoEnabled()) {
      return;
    }
    StringBuilder message = new StringBuilder("Logical batch:");
    for (String text : sql) {
      message.append("\n  ").append(masked(text));
    }
    physical(message, physical);
    LOG.info(message.toString());
  }

  /**
   * Logs the plan of a statement that needs rows of several shards at once, when it is planned.
   *
   * @param sql the logical SQL
   * @param plan the plan, with the physical statements of its scans
   */
  public void federated(String sql, String plan) {
    if (enabled && LOG.isInfoEnabled()) {
      LOG.info("Federated plan of " + masked(sql) + ":\n" + plan);
    }
  }

  private void physical(StringBuilder message, List<ShardSql> physical) {
    message.append("\n  routed to ").append(physical.size()).append(physical.size() == 1 ? " statement" : " statements");
    for (ShardSql statement : physical) {
      message.append("\n  ").append(statement.location()).append(": ").append(masked(statement.sql()))
          .append(parameters(statement.parameters()));
    }
  }

  private String parameters(List<Object> values) {
    if (values.isEmpty()) {
      return "";
    }
    return " " + (parameters ? values : Collections.nCopies(values.size(), "?"));
  }

  private static String masked(String sql) {
    return PASSWORD.matcher(sql).replaceAll("$1'***'");
  }
}
