package org.shardjdbc.planner.rewrite;

import java.util.List;
import org.shardjdbc.planner.analyze.ValueSource;
import org.shardjdbc.planner.model.LogicalTable;

/** A piece of a {@link SqlTemplate}. */
public sealed interface Segment {

  /** Text copied as it is. */
  record Text(String text) implements Segment {}

  /** The user's {@code index}-th (0-based) {@code ?}, sent on as a parameter. */
  record Parameter(int index) implements Segment {}

  /** A logical table's name, replaced by the shard's physical table; back-quoted where the user quoted it. */
  record TableName(LogicalTable table, boolean quoted) implements Segment {}

  /**
   * The parenthesised value list of {@code key IN (…)}: each shard gets only the values that live on it.
   *
   * @param inListId which of the statement's splittable lists this is
   * @param elements each value's own segments (a literal's text or a parameter)
   */
  record KeyInList(int inListId, List<List<Segment>> elements) implements Segment {
    public KeyInList {
      elements = elements.stream().map(List::copyOf).toList();
    }
  }

  /** {@code LIMIT offset + count}: a shard cannot know which of its rows the merge will skip. */
  record ShardLimit(ValueSource offset, ValueSource count) implements Segment {}

  /** The shard key an INSERT row leaves out, made by the table's key generator for each execution. */
  record GeneratedKey() implements Segment {}

  /**
   * A select item whose values the merge never reads, only its type: an AVG that the merge computes from a hidden SUM
   * and COUNT, written {@code AVG(CASE WHEN 0 THEN x END)}. Every statement computes it, but a second or later branch
   * of a server's UNION ALL writes NULL instead ({@link ShardSql#laterBranchSql()}): a union's column takes its type
   * from all branches, and NULL does not change it, so only the first branch pays for an aggregate of every row.
   *
   * @param text the item, as a statement of its own writes it; no parameters
   */
  record TypeOnly(String text) implements Segment {}
}
