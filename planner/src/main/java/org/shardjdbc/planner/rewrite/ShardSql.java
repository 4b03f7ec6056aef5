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
 */
public record ShardSql(String dataSource, List<String> tables, String sql, List<Object> parameters) {
  public ShardSql {
    tables = List.copyOf(tables);
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
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
