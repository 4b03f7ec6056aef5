package org.shardjdbc.driver.merge;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.driver.execute.PhysicalResult;
import org.shardjdbc.planner.merge.ColumnRef;
import org.shardjdbc.planner.merge.MergePlan;
import org.shardjdbc.planner.merge.SortKey;
import org.shardjdbc.planner.route.ResolvedLimit;

/**
 * Builds the chain of streaming operators a {@link MergePlan} asks for over the shards' open results: k-way merge
 * or concatenation, group merge, HAVING, re-sort, DISTINCT, LIMIT, row count.
 */
public final class MergePipeline {
  /**
   * Past this many rows a shard may return, a result left unread (a deep page stops early) is cheaper to drop with
   * its connection than to read to its end.
   */
  private static final long UNREAD_ROWS_WORTH_A_CONNECTION = 10_000;

  private MergePipeline() {}

  /** The merged rows and the metadata of the columns the user sees. */
  public record Merged(RowSourceHandle rows, ResultSetMetaData metadata, int visibleColumns) {}

  /**
   * @param results the shards' open results, at least one; closed by the returned rows
   * @param parameters the execution's parameter values, for HAVING and computed columns
   * @param maxRows the statement's maxRows, 0 for no limit
   */
  public static Merged build(List<PhysicalResult> results, MergePlan plan, ResolvedLimit limit, List<Object> parameters,
      int maxRows) throws SQLException {
    try {
      ResultSetMetaData metadata = results.get(0).resultSet().getMetaData();
      MergeColumns columns = new MergeColumns(metadata);
      int width = columns.width();
      int hidden = plan.hiddenColumns();
      List<ValueComparator> comparators = columns.comparators();
      RowExpressionEvaluator evaluator = new RowExpressionEvaluator(comparators, width, hidden, parameters);
      List<RowSource> sources = new ArrayList<>(results.size());
      for (PhysicalResult result : results) {
        if (limit != null && !plan.aggregates() && limit.perShardCount() > UNREAD_ROWS_WORTH_A_CONNECTION) {
          result.abortUnread();
        }
        sources.add(new ShardRows(result, width));
      }
      RowSource rows = plan.shardOrder().isEmpty() || sources.size() == 1 ? new ConcatenatedRows(sources)
          : new SortedMergeRows(sources, order(plan.shardOrder(), width, hidden, comparators));
      if (plan.aggregates()) {
        int[] groupKeys = plan.groupKeys().stream().mapToInt(key -> key.resolve(width, hidden)).toArray();
        rows = new GroupedRows(rows, plan.columnMerges(), groupKeys, comparators, columns, evaluator);
        if (plan.having() != null) {
          rows = new FilteredRows(rows, plan.having(), evaluator);
        }
      }
      if (!plan.finalOrder().isEmpty()) {
        rows = new SortedRows(rows, order(plan.finalOrder(), width, hidden, comparators));
      }
      int visible = width - hidden;
      if (plan.distinct()) {
        rows = new DistinctRows(rows, visible, comparators);
      }
      if (limit != null) {
        rows = new LimitedRows(rows, limit.offset(), limit.count());
      }
      if (plan.countRows()) {
        rows = new CountedRows(rows);
        return new Merged(new RowSourceHandle(rows), new SyntheticMetadata(List.of(plan.countLabel()), java.sql.Types.BIGINT, "BIGINT"), 1);
      }
      if (maxRows > 0) {
        rows = new LimitedRows(rows, 0, maxRows);
      }
      return new Merged(new RowSourceHandle(rows), metadata, visible);
    } catch (SQLException | RuntimeException e) {
      for (PhysicalResult result : results) {
        result.close();
      }
      throw e;
    }
  }

  /** Rows the driver computes itself (a federated plan's operators), described by the given metadata. */
  public static Merged of(RowSource rows, ResultSetMetaData metadata) throws SQLException {
    return new Merged(new RowSourceHandle(rows), metadata, metadata.getColumnCount());
  }

  /**
   * The shards' rows one result after another, unmerged (a federated scan of one table), described by the first
   * result's metadata.
   *
   * @param results the shards' open results, at least one; closed by the returned rows
   */
  public static Merged concatenated(List<PhysicalResult> results) throws SQLException {
    try {
      ResultSetMetaData metadata = results.get(0).resultSet().getMetaData();
      int width = metadata.getColumnCount();
      List<RowSource> sources = new ArrayList<>(results.size());
      for (PhysicalResult result : results) {
        sources.add(new ShardRows(result, width));
      }
      return new Merged(new RowSourceHandle(new ConcatenatedRows(sources)), metadata, width);
    } catch (SQLException | RuntimeException e) {
      for (PhysicalResult result : results) {
        result.close();
      }
      throw e;
    }
  }

  /** Rows the driver made itself (EXPLAIN), as text columns with the given labels. */
  public static Merged ofRows(List<Object[]> rows, List<String> labels) {
    return ofRows(rows, new SyntheticMetadata(labels, java.sql.Types.VARCHAR, "VARCHAR"), labels.size());
  }

  /** Rows read whole from somewhere else (metadata results), described by that result's metadata. */
  public static Merged ofRows(List<Object[]> rows, ResultSetMetaData metadata) throws SQLException {
    return ofRows(rows, metadata, metadata.getColumnCount());
  }

  private static Merged ofRows(List<Object[]> rows, ResultSetMetaData metadata, int width) {
    RowSource source = new RowSource() {
      private int position = -1;

      @Override
      public boolean next() {
        return ++position < rows.size();
      }

      @Override
      public Object[] row() {
        return rows.get(position);
      }

      @Override
      public void close() {
        position = rows.size();
      }
    };
    return new Merged(new RowSourceHandle(source), metadata, width);
  }

  private static RowOrder order(List<SortKey> keys, int width, int hidden, List<ValueComparator> comparators) {
    int[] columns = new int[keys.size()];
    boolean[] descending = new boolean[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      ColumnRef column = keys.get(i).column();
      columns[i] = column.resolve(width, hidden);
      descending[i] = keys.get(i).descending();
    }
    return new RowOrder(columns, descending, comparators);
  }

  /** The public face of a row stream, for the result set that reads it. */
  public static final class RowSourceHandle implements AutoCloseable {
    private final RowSource rows;

    RowSourceHandle(RowSource rows) {
      this.rows = rows;
    }

    public boolean next() throws SQLException {
      return rows.next();
    }

    public Object[] row() {
      return rows.row();
    }

    @Override
    public void close() {
      rows.close();
    }
  }
}
