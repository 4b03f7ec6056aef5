package org.shardjdbc.driver.execute;

import java.util.List;
import org.shardjdbc.planner.rewrite.ShardSql;

/** A physical statement of a logical batch, and which of the batch's statements it belongs to. */
public sealed interface BatchWork {

  /** The data source it runs on. */
  String dataSource();

  /**
   * One physical statement of one of the batch's statements.
   *
   * @param statement the index of the statement in the batch
   * @param sql the physical statement
   * @param returnsKeys whether to read the keys the server generates (an INSERT into an unsharded table)
   */
  record Step(int statement, ShardSql sql, boolean returnsKeys) implements BatchWork {
    @Override
    public String dataSource() {
      return sql.dataSource();
    }
  }

  /**
   * The rows of several of the batch's INSERT statements into one shard, as one multi-row INSERT. Every row of a
   * plain INSERT counts 1 and a failed INSERT inserts none of its rows (InnoDB), so when it succeeds each statement
   * counts its rows, and when it fails each statement's own part runs again on its own to tell which one fails.
   *
   * @param sql the combined statement
   * @param parts each statement's part of it, as a statement of its own, in the batch's order
   * @param rows how many rows each part inserts
   */
  record CombinedInsert(ShardSql sql, List<Step> parts, List<Integer> rows) implements BatchWork {
    public CombinedInsert {
      parts = List.copyOf(parts);
      rows = List.copyOf(rows);
    }

    @Override
    public String dataSource() {
      return sql.dataSource();
    }
  }
}
