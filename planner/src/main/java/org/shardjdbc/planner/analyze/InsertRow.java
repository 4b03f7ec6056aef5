package org.shardjdbc.planner.analyze;

import org.shardjdbc.planner.rewrite.SqlTemplate;

/**
 * One row of an INSERT: its text, parentheses included, and where its shard key comes from.
 *
 * @param values the row as written, {@code (?, 'new')}; a generated key is a {@code GeneratedKey} segment in it
 * @param key the shard key's value, or null when the table's key generator makes it
 */
public record InsertRow(SqlTemplate values, ValueSource key) {}
