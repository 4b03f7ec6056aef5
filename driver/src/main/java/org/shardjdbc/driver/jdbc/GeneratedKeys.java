package org.shardjdbc.driver.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shardjdbc.driver.merge.MergePipeline;

/**
 * The keys an execution generated, in row order, for {@code getGeneratedKeys()}: the keys the driver's key generator
 * made, one BIGINT column {@code GENERATED_KEY} as mysql-connector-j labels it, or the rows a server returned for an
 * INSERT into an unsharded table, with that result's metadata.
 *
 * @param rows the keys' rows
 * @param metadata the server's metadata, or null for the driver's own keys
 */
record GeneratedKeys(List<Object[]> rows, ResultSetMetaData metadata) {
  static final GeneratedKeys NONE = new GeneratedKeys(List.of(), null);

  GeneratedKeys {
    rows = List.copyOf(rows);
  }

  /** Keys the driver's key generator made. */
  static GeneratedKeys of(List<Long> keys) {
    if (keys.isEmpty()) {
      return NONE;
    }
    List<Object[]> rows = new ArrayList<>(keys.size());
    for (Long key : keys) {
      rows.add(new Object[] {key});
    }
    return new GeneratedKeys(rows, null);
  }

  /** These keys and then another execution's, as after a batch. */
  GeneratedKeys and(GeneratedKeys more) {
    if (more.rows.isEmpty()) {
      return this;
    }
    List<Object[]> all = new ArrayList<>(rows);
    all.addAll(more.rows);
    return new GeneratedKeys(all, metadata != null ? metadata : more.metadata);
  }

  ResultSet resultSet(Statement owner) throws java.sql.SQLException {
    MergePipeline.Merged merged = metadata != null ? MergePipeline.ofRows(rows, metadata)
        : MergePipeline.ofRows(rows, List.of("GENERATED_KEY"), Types.BIGINT, "BIGINT");
    return new MergedResultSet(owner, merged, Map.of(), null);
  }
}
