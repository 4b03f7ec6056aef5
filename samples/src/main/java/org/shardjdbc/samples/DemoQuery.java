package org.shardjdbc.samples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One query of a demo: what it shows, its SQL against the logical tables, and its parameters.
 *
 * @param title what the query shows, printed above it
 * @param sql the SQL against logical tables, with {@code ?} for each parameter
 * @param params the parameter values, in order (a list that may hold SQL NULL)
 */
record DemoQuery(String title, String sql, List<Object> params) {
  DemoQuery {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(sql, "sql");
    params = Collections.unmodifiableList(new ArrayList<>(params));
  }

  @Override
  public String toString() {
    return params.isEmpty() ? sql : sql + "  -- params " + params;
  }
}
