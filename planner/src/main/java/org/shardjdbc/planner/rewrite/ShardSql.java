package org.shardjdbc.planner.rewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One physical statement: where it runs, its SQL and its parameters.
 *
 * @param dataSource the data source (server) to run it on
 * @param tables the physical tables it reads, for messages
 * @param sql the physical SQL, with {@code ?} markers
 * @param parameters the values of the markers, in order (may hold nulls)
 * @param laterBranchSql the same statement as a second or later branch of a server's UNION ALL
 *     ({@link CombineShardsPerServer}), with the same parameters: its type-only items ({@link Segment.TypeOnly})
 *     written as NULL; {@code sql} itself when it has none
 */
public record ShardSql(String dataSource, List<String> tables, String sql, List<Object> parameters,
    String laterBranchSql) {
  public ShardSql {
    tables = List.copyOf(tables);
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  /** A statement without type-only items: the same SQL in any branch of a UNION ALL. */
  public ShardSql(String dataSource, List<String> tables, String sql, List<Object> parameters) {
    this(dataSource, tables, sql, parameters, sql);
  }

  /** The same statement, to run on another data source (a replica of its own), for messages that name it. */
  public ShardSql on(String otherDataSource) {
    return new ShardSql(otherDataSource, tables, sql, parameters, laterBranchSql);
  }

  /** Where it runs, for messages: {@code h1 (orders_001, order_items_001)}. */
  public String location() {
    return tables.isEmpty() ? dataSource : dataSource + " (" + String.join(", ", tables) + ")";
  }

  @Override
  public String toString() {
    return dataSource + ": " + sql + (parameters.isEmpty() ? "" : " " + parameters);
  }
}
