package org.shardjdbc.driver.merge;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.driver.execute.PhysicalResult;
import org.shardjdbc.planner.merge.ColumnMerge;
import org.shardjdbc.planner.merge.ColumnRef;
import org.shardjdbc.planner.merge.GroupConcatMerge;
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

  /** The merged rows, the metadata of the columns the user sees, and the warnings the merge raises as it reads. */
  public record Merged(RowSourceHandle rows, ResultSetMetaData metadata, int visibleColumns, MergeWarnings warnings) {}

  /**
   * @param results the shards' open results, at least one; closed by the returned rows
   * @param parameters the execution's parameter values, for HAVING and computed columns
   * @param maxRows the statement's maxRows, 0 for no limit
   */
  public static Merged build(List<PhysicalResult> results, MergePlan plan, ResolvedLimit limit, List<Object> parameters,
      int maxRows) throws SQLException {
    try {
      ResultSetMetaData metadata = results.get(0).resultSet().getMetaData();
      int hidden = plan.hiddenColumns();
      MergeColumns columns = new MergeColumns(metadata, isMariaDb(results.get(0)), plan.collationKeys(), hidden);
      int width = columns.width();
      RowExpressionEvaluator evaluator = new RowExpressionEvaluator(columns, hidden, parameters);
      MergeWarnings warnings = new MergeWarnings();
      List<RowSource> sources = new ArrayList<>(results.size());
      for (PhysicalResult result : results) {
        if (limit != null && !plan.aggregates() && limit.perShardCount() > UNREAD_ROWS_WORTH_A_CONNECTION) {
          result.abortUnread(limit.perShardCount());
        }
        sources.add(new ShardRows(result, columns));
      }
      RowSource rows = plan.shardOrder().isEmpty() || sources.size() == 1 ? new ConcatenatedRows(sources)
          : new SortedMergeRows(sources, order(plan.shardOrder(), width, hidden, columns));
      if (plan.aggregates()) {
        rows = new GroupedRows(rows, plan.columnMerges(), groupKeys(plan, width, hidden, columns),
            aggregateOrders(plan, evaluator, columns), columns, evaluator, warnings);
        if (plan.having() != null) {
          evaluator.requireComparable(plan.having());
          rows = new FilteredRows(rows, plan.having(), evaluator);
        }
        rows = new DisplayedRows(rows, plan.columnMerges(), columns);
      }
      if (!plan.finalOrder().isEmpty()) {
        rows = new SortedRows(rows, order(plan.finalOrder(), width, hidden, columns));
      }
      int visible = width - hidden;
      if (plan.distinct()) {
        ColumnOrder[] distinct = new ColumnOrder[visible];
        for (int i = 0; i < visible; i++) {
          distinct[i] = columns.order(i, "DISTINCT");
        }
        rows = new DistinctRows(rows, distinct);
      }
      if (limit != null) {
        rows = new LimitedRows(rows, limit.offset(), limit.count());
      }
      if (plan.countRows()) {
        rows = new CountedRows(rows);
        return new Merged(new RowSourceHandle(rows), new SyntheticMetadata(List.of(plan.countLabel()), java.sql.Types.BIGINT,
            "BIGINT"), 1, warnings);
      }
      if (maxRows > 0) {
        rows = new LimitedRows(rows, 0, maxRows);
      }
      return new Merged(new RowSourceHandle(rows), metadata, visible, warnings);
    } catch (SQLException | RuntimeException e) {
      for (PhysicalResult result : results) {
        result.close();
      }
      throw e;
    }
  }

  /** Rows the driver computes itself (a federated plan's operators), described by the given metadata. */
  public static Merged of(RowSource rows, ResultSetMetaData metadata) throws SQLException {
    return new Merged(new RowSourceHandle(rows), metadata, metadata.getColumnCount(), new MergeWarnings());
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
      MergeColumns columns = new MergeColumns(metadata, isMariaDb(results.get(0)), List.of(), 0);
      List<RowSource> sources = new ArrayList<>(results.size());
      for (PhysicalResult result : results) {
        sources.add(new ShardRows(result, columns));
      }
      return new Merged(new RowSourceHandle(new ConcatenatedRows(sources)), metadata, columns.width(), new MergeWarnings());
    } catch (SQLException | RuntimeException e) {
      for (PhysicalResult result : results) {
        result.close();
      }
      throw e;
    }
  }

  private static boolean isMariaDb(PhysicalResult result) throws SQLException {
    return result.statement().getConnection().getMetaData().getDatabaseProductVersion().contains("MariaDB");
  }

  /** Rows the driver made itself (EXPLAIN), as text columns with the given labels. */
  public static Merged ofRows(List<Object[]> rows, List<String> labels) {
    return ofRows(rows, labels, java.sql.Types.VARCHAR, "VARCHAR");
  }

  /** Rows the driver made itself, every column of one type ({@link java.sql.Types}). */
  public static Merged ofRows(List<Object[]> rows, List<String> labels, int type, String typeName) {
    return ofRows(rows, new SyntheticMetadata(labels, type, typeName), labels.size());
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
    return new Merged(new RowSourceHandle(source), metadata, width, new MergeWarnings());
  }

  private static RowOrder order(List<SortKey> keys, int width, int hidden, MergeColumns columns)
      throws SQLFeatureNotSupportedException {
    ColumnOrder[] orders = new ColumnOrder[keys.size()];
    boolean[] descending = new boolean[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      int column = keys.get(i).column().resolve(width, hidden);
      columns.requireOrderAsStrings(column);
      orders[i] = columns.order(column, "ORDER BY");
      descending[i] = keys.get(i).descending();
    }
    return new RowOrder(orders, descending);
  }

  private static ColumnOrder[] groupKeys(MergePlan plan, int width, int hidden, MergeColumns columns)
      throws SQLFeatureNotSupportedException {
    ColumnOrder[] keys = new ColumnOrder[plan.groupKeys().size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = columns.order(plan.groupKeys().get(i).resolve(width, hidden), "GROUP BY");
    }
    return keys;
  }

  /**
   * How MIN, MAX and DISTINCT aggregates compare their columns; refuses the comparisons of strings in computed items
   * and GROUP_CONCAT that the driver cannot make exactly (they have no weights from the server).
   */
  private static ColumnOrder[] aggregateOrders(MergePlan plan, RowExpressionEvaluator evaluator, MergeColumns columns)
      throws SQLFeatureNotSupportedException {
    ColumnOrder[] orders = new ColumnOrder[columns.width()];
    for (int i = 0; i < plan.columnMerges().size(); i++) {
      ColumnMerge merge = plan.columnMerges().get(i);
      if (merge instanceof ColumnMerge.Min || merge instanceof ColumnMerge.Max) {
        orders[i] = columns.order(i, "MIN or MAX");
      } else if (merge instanceof ColumnMerge.Distinct distinct) {
        for (ColumnRef argument : distinct.arguments()) {
          int column = evaluator.index(argument);
          orders[column] = columns.order(column, distinct.function() + "(DISTINCT)");
        }
      } else if (merge instanceof ColumnMerge.Computed computed) {
        evaluator.requireComparable(computed.expression());
      } else if (merge instanceof GroupConcatMerge groupConcat) {
        for (SortKey key : groupConcat.order()) {
          columns.requireOrderAsStrings(evaluator.index(key.column()));
          columns.requireCollation(evaluator.index(key.column()), "GROUP_CONCAT(... ORDER BY)");
        }
        if (groupConcat.distinct()) {
          for (ColumnRef argument : groupConcat.arguments()) {
            columns.requireCollation(evaluator.index(argument), "GROUP_CONCAT(DISTINCT)");
          }
        }
      }
    }
    return orders;
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
