package org.shardjdbc.driver.execute;

import java.sql.SQLException;
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
   * @param statements the batch's statements whose rows it holds, in the batch's order
   * @param rows how many rows each of them has in it
   * @param separately makes each statement's part as a statement of its own, when the combined one fails
   */
  record CombinedInsert(ShardSql sql, List<Integer> statements, List<Integer> rows, Parts separately)
      implements BatchWork {
    public CombinedInsert {
      statements = List.copyOf(statements);
      rows = List.copyOf(rows);
    }

    @Override
    public String dataSource() {
      return sql.dataSource();
    }
  }

  /** The parts of a combined INSERT as statements of their own, made only when they must run. */
  interface Parts {
    List<Step> make() throws SQLException;
  }
}
