package org.shardjdbc.planner.session;

import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The session variables a {@code SET} may change through the driver. Each changes how a server runs a statement but
 * not how the driver reads, routes or merges it, so every shard applying it answers as one server would; the driver
 * sets it on each physical connection the logical one uses and puts the old value back before the connection returns
 * to its pool. Others are refused: {@code sql_select_limit} would cut each shard's rows before the merge, a character
 * set would change the bytes the driver decodes, {@code div_precision_increment} the scale the merge computes AVG
 * with, and {@code max_join_size} would fail on one server where several shards pass.
 */
final class ReplayableVariables {
  private static final Set<String> NAMES = Set.of(
      "time_zone", "sql_mode", "foreign_key_checks", "unique_checks", "sql_safe_updates", "innodb_lock_wait_timeout",
      "lock_wait_timeout", "max_execution_time", "max_statement_time", "wait_timeout", "interactive_timeout",
      "net_read_timeout", "sql_notes", "sql_warnings", "sql_big_selects", "lc_time_names", "explicit_defaults_for_timestamp",
      "default_storage_engine", "default_tmp_storage_engine", "big_tables", "sort_buffer_size", "join_buffer_size",
      "tmp_table_size", "max_heap_table_size", "optimizer_switch", "optimizer_search_depth", "long_query_time",
      "group_concat_max_len");

  /**
   * SQL modes that change nothing in how the driver reads a statement. ANSI_QUOTES, PIPES_AS_CONCAT,
   * NO_BACKSLASH_ESCAPES, IGNORE_SPACE, HIGH_NOT_PRECEDENCE, EMPTY_STRING_IS_NULL and the combinations that include
   * them (ANSI, ORACLE, …) make the server read quotes, {@code ||}, escapes or literals otherwise than the driver's
   * tokenizer, which would then route by values the server does not see.
   */
  private static final Set<String> SQL_MODES = Set.of(
      "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_DATE", "NO_ZERO_IN_DATE", "ERROR_FOR_DIVISION_BY_ZERO",
      "NO_ENGINE_SUBSTITUTION", "ONLY_FULL_GROUP_BY", "NO_AUTO_CREATE_USER", "TRADITIONAL", "ALLOW_INVALID_DATES",
      "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "TIME_TRUNCATE_FRACTIONAL", "NO_AUTO_VALUE_ON_ZERO",
      "NO_FIELD_OPTIONS", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS");

  private ReplayableVariables() {}

  static boolean contains(String name) {
    return NAMES.contains(name);
  }

  /** The variables, sorted, for messages. */
  static Set<String> names() {
    return new TreeSet<>(NAMES);
  }

  /**
   * @param modes the value of a {@code SET sql_mode = '…'}
   * @throws SQLFeatureNotSupportedException naming the first mode that changes how statements are read
   */
  static void checkSqlModes(String modes) throws SQLFeatureNotSupportedException {
    for (String mode : modes.split(",")) {
      String name = mode.trim().toUpperCase(Locale.ROOT);
      if (!name.isEmpty() && !SQL_MODES.contains(name)) {
        throw new SQLFeatureNotSupportedException("SET sql_mode: mode " + name + " is not supported: the driver reads "
            + "statements with the server's default modes (supported: " + new TreeSet<>(SQL_MODES) + ")", "0A000");
      }
    }
  }
}
