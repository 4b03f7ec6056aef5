package org.shardjdbc.planner.route;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * One execution of a locking read with LIMIT and no ORDER BY, grouping or DISTINCT over several shards, read one
 * shard after another: each shard is asked only for the rows still missing, so that together they lock no more rows
 * than the statement returns (with an offset, also the rows it skips, as MySQL locks them).
 *
 * <pre>
 * SELECT * FROM jobs WHERE status = 'new' LIMIT 10 FOR UPDATE SKIP LOCKED
 *   jobs_00: … LIMIT 10 FOR UPDATE SKIP LOCKED    returns 4
 *   jobs_01: … LIMIT 6 FOR UPDATE SKIP LOCKED     returns 6: done, jobs_02 … are not read
 * </pre>
 *
 * Without ORDER BY any rows that match are a right answer, so reading shards in order gives exactly the rows of the
 * statement on one database; the rows are then concatenated and limited by {@link #mergePlan()}.
 */
public final class ShardsInTurn {
  private final Analysis.ShardedSelect analysis;
  private final List<Object> parameters;
  private final int[] shards;
  private final List<int[]> inListShards;
  private final ResolvedLimit limit;

  ShardsInTurn(Analysis.ShardedSelect analysis, List<Object> parameters, int[] shards, List<int[]> inListShards,
      ResolvedLimit limit) {
    this.analysis = analysis;
    this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    this.shards = shards.clone();
    this.inListShards = List.copyOf(inListShards);
    this.limit = limit;
  }

  /** How many shards there are to read, at most. */
  public int turns() {
    return shards.length;
  }

  /**
   * The statement of the {@code turn}-th shard, in shard order.
   *
   * @param rows the rows still wanted: the offset still to skip plus the count still missing
   */
  public ShardSql statement(int turn, long rows) throws SQLException {
    return Router.renderInTurn(analysis, shards[turn], parameters, inListShards, rows);
  }

  /** The statement's LIMIT, for this execution. */
  public ResolvedLimit limit() {
    return limit;
  }

  /** How the shards' rows become the result: concatenation and the LIMIT. */
  public MergePlan mergePlan() {
    return analysis.mergePlan();
  }

  /** The first turn's statement, and the shards that may follow. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    try {
      text.append(statement(0, limit.perShardCount())).append('\n');
    } catch (SQLException e) {
      text.append(e.getMessage()).append('\n');
    }
    text.append("then, while rows are missing, shards");
    for (int i = 1; i < shards.length; i++) {
      text.append(' ').append(shards[i]);
    }
    text.append(", each with LIMIT <rows still missing>\n");
    return text.append(mergePlan()).toString();
  }
}
