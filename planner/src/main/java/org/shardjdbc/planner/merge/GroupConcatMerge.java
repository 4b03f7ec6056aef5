package org.shardjdbc.planner.merge;

import java.util.List;
import java.util.Objects;

/**
 * {@code GROUP_CONCAT([DISTINCT] x, … [ORDER BY k [DESC], …] [SEPARATOR s])}: the shards group by the values too, so
 * that every value reaches the merge once with its number of rows; the merge sorts them by the ORDER BY keys (as
 * their columns compare), drops duplicates for DISTINCT (as the arguments' collations compare), joins them with the
 * separator and cuts the result at {@code group_concat_max_len} bytes as the server does, with its warning.
 *
 * <pre>
 * SELECT status, GROUP_CONCAT(note ORDER BY order_id SEPARATOR '; ') FROM orders GROUP BY status
 * → each shard:
 * SELECT status, GROUP_CONCAT(…), MIN(CONCAT(note)) AS `__h0`, COUNT(*) AS `__h1`, order_id AS `__h2`,
 *     &#64;&#64;group_concat_max_len AS `__h3`
 *   FROM orders_07 GROUP BY status, CAST(CONCAT(note) AS BINARY), order_id ORDER BY 1
 * </pre>
 *
 * <p>Values whose ORDER BY keys are equal come in an order MySQL does not define either.
 *
 * @param distinct whether duplicates are dropped
 * @param text the hidden column with one row's value as text, {@code MIN(CONCAT(x, …))} (NULL when an argument is)
 * @param rows the hidden column {@code COUNT(*)}: how many rows have that value; null for DISTINCT
 * @param arguments the hidden columns of the arguments, compared for DISTINCT; empty otherwise
 * @param order the ORDER BY keys, on hidden columns
 * @param separator the separator
 * @param maxLength the hidden column {@code @@group_concat_max_len}, the shard session's limit in bytes
 */
public record GroupConcatMerge(boolean distinct, ColumnRef text, ColumnRef rows, List<ColumnRef> arguments,
    List<SortKey> order, String separator, ColumnRef maxLength) implements ColumnMerge {

  public GroupConcatMerge {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(separator, "separator");
    Objects.requireNonNull(maxLength, "maxLength");
    arguments = List.copyOf(arguments);
    order = List.copyOf(order);
    if (distinct ? rows != null || arguments.isEmpty() : rows == null || !arguments.isEmpty()) {
      throw new IllegalArgumentException("GROUP_CONCAT" + (distinct ? "(DISTINCT)" : "") + ": rows " + rows
          + ", arguments " + arguments);
    }
  }

  @Override
  public String toString() {
    return "group_concat(" + (distinct ? "distinct " + arguments + " " : "") + text + (rows == null ? "" : " x " + rows)
        + (order.isEmpty() ? "" : " order " + order) + " separator '" + separator + "' max " + maxLength + ")";
  }
}
