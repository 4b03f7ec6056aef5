package org.shardjdbc.planner.model;

import java.util.Objects;

/** One physical table: its data source (server) and its name there. */
public record DataNode(String dataSource, String table) {
  public DataNode {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(table, "table");
  }

  @Override
  public String toString() {
    return dataSource + "." + table;
  }
}
