package org.shardjdbc.planner.route;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.CrossShardQueryException;
import org.shardjdbc.planner.analyze.KeyCondition;
import org.shardjdbc.planner.analyze.ValueSource;
import org.shardjdbc.planner.merge.LimitSpec;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingAlgorithm;
import org.shardjdbc.planner.rewrite.Segment;
import org.shardjdbc.planner.rewrite.ShardSql;
import org.shardjdbc.planner.rewrite.SqlTemplate;

/**
 * Routes one execution of an analyzed SELECT: evaluates the shard-key conditions with the parameter values, picks
 * the shards, and renders each shard's SQL (each shard gets only its own values of a split IN list).
 */
public final class Router {
  private Router() {}

  /**
   * @param analysis the analyzed statement
   * @param parameters the values of its {@code ?} markers (may hold nulls)
   * @return the physical statements and merge
   * @throws SQLFeatureNotSupportedException when the statement needs several shards and cannot be merged
   */
  public static Route route(Analysis.ShardedSelect analysis, List<Object> parameters) throws SQLException {
    LogicalTable table = analysis.routingTable();
    int shardCount = table.shardCount();
    List<int[]> inListShards = new ArrayList<>();
    BitSet shards = null;
    for (KeyCondition condition : analysis.conditions()) {
      BitSet blockShards = evaluate(condition, table.algorithm(), shardCount, parameters, inListShards);
      if (shards != null && (blockShards.cardinality() != 1 || !blockShards.equals(shards))) {
        throw refusal(analysis);
      }
      shards = blockShards;
    }
    if (analysis.conditions().size() > 1 && shards.cardinality() != 1) {
      throw refusal(analysis);
    }
    if (shards.cardinality() <= 1) {
      int shard = shards.isEmpty() ? 0 : shards.nextSetBit(0);
      checkDataSource(analysis, shard);
      return new Route(List.of(render(analysis, analysis.singleShard(), shard, parameters, inListShards)), null, null, false);
    }
    if (analysis.multiShard() == null) {
      throw refusal(analysis);
    }
    List<ShardSql> statements = new ArrayList<>(shards.cardinality());
    for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
      checkDataSource(analysis, shard);
      statements.add(render(analysis, analysis.multiShard(), shard, parameters, inListShards));
    }
    ResolvedLimit limit = resolve(analysis.mergePlan().limit(), parameters);
    return new Route(statements, analysis.mergePlan(), limit, analysis.combinable());
  }

  private static CrossShardQueryException refusal(Analysis.ShardedSelect analysis) {
    String reason = analysis.multiShardRefusal() != null ? analysis.multiShardRefusal()
        : "a statement whose query blocks route to different shards is not supported yet";
    return new CrossShardQueryException(reason);
  }

  private static void checkDataSource(Analysis.ShardedSelect analysis, int shard) throws SQLFeatureNotSupportedException {
    String required = analysis.requiredDataSource();
    String actual = analysis.routingTable().node(shard).dataSource();
    if (required != null && !required.equals(actual)) {
      throw new CrossShardQueryException("the statement joins unsharded tables, which live on " + required
          + ", with shard " + shard + " of " + analysis.routingTable().name() + ", which lives on " + actual
          + ": not supported yet");
    }
  }

  /** The LIMIT of one execution. */
  public static ResolvedLimit resolve(LimitSpec limit, List<Object> parameters) throws SQLException {
    if (limit == null) {
      return null;
    }
    return new ResolvedLimit(longValue(limit.offset(), parameters, "offset"), longValue(limit.count(), parameters, "row count"));
  }

  private static long longValue(ValueSource source, List<Object> parameters, String what) throws SQLException {
    Object value = source.value(parameters);
    try {
      BigDecimal number = value instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(value).trim());
      if (number.signum() < 0) {
        throw new SQLException("LIMIT " + what + " must not be negative: " + value, "42000");
      }
      return number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : number.longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new SQLException("LIMIT " + what + " is not a whole number: " + value, "42000", e);
    }
  }

  static BitSet evaluate(KeyCondition condition, ShardingAlgorithm algorithm, int shardCount, List<Object> parameters,
      List<int[]> inListShards) throws SQLException {
    if (condition instanceof KeyCondition.Any) {
      return all(shardCount);
    }
    if (condition instanceof KeyCondition.None) {
      return new BitSet();
    }
    if (condition instanceof KeyCondition.Equal equal) {
      return shardOf(equal.value().value(parameters), algorithm, shardCount);
    }
    if (condition instanceof KeyCondition.In in) {
      BitSet shards = new BitSet();
      int[] assignment = new int[in.values().size()];
      for (int i = 0; i < assignment.length; i++) {
        Object value = in.values().get(i).value(parameters);
        BitSet valueShards = shardOf(value, algorithm, shardCount);
        assignment[i] = valueShards.cardinality() == 1 ? valueShards.nextSetBit(0) : valueShards.isEmpty() ? -2 : -1;
        shards.or(valueShards);
      }
      if (in.inListId() >= 0) {
        while (inListShards.size() <= in.inListId()) {
          inListShards.add(null);
        }
        inListShards.set(in.inListId(), assignment);
      }
      return shards;
    }
    if (condition instanceof KeyCondition.Range range) {
      Object lower = range.lower() == null ? null : range.lower().value(parameters);
      Object upper = range.upper() == null ? null : range.upper().value(parameters);
      if ((range.lower() != null && lower == null) || (range.upper() != null && upper == null)) {
        return new BitSet();
      }
      return algorithm.shardsBetween(lower, range.lowerInclusive(), upper, range.upperInclusive(), shardCount);
    }
    if (condition instanceof KeyCondition.And and) {
      BitSet shards = all(shardCount);
      for (KeyCondition part : and.conditions()) {
        shards.and(evaluate(part, algorithm, shardCount, parameters, inListShards));
      }
      return shards;
    }
    if (condition instanceof KeyCondition.Or or) {
      BitSet shards = new BitSet();
      for (KeyCondition part : or.conditions()) {
        shards.or(evaluate(part, algorithm, shardCount, parameters, inListShards));
      }
      return shards;
    }
    throw new IllegalStateException("unknown condition " + condition);
  }

  private static BitSet shardOf(Object value, ShardingAlgorithm algorithm, int shardCount) {
    if (value == null) {
      return new BitSet();
    }
    int shard = algorithm.shardOf(value, shardCount);
    if (shard == ShardingAlgorithm.ALL_SHARDS) {
      return all(shardCount);
    }
    BitSet shards = new BitSet();
    if (shard >= 0 && shard < shardCount) {
      shards.set(shard);
    }
    return shards;
  }

  private static BitSet all(int shardCount) {
    BitSet all = new BitSet(shardCount);
    all.set(0, shardCount);
    return all;
  }

  private static ShardSql render(Analysis.ShardedSelect analysis, SqlTemplate template, int shard, List<Object> parameters,
      List<int[]> inListShards) throws SQLException {
    StringBuilder sql = new StringBuilder(128);
    List<Object> values = new ArrayList<>();
    for (Segment segment : template.segments()) {
      if (segment instanceof Segment.Text text) {
        sql.append(text.text());
      } else if (segment instanceof Segment.Parameter parameter) {
        sql.append('?');
        values.add(new ValueSource.Parameter(parameter.index()).value(parameters));
      } else if (segment instanceof Segment.TableName name) {
        String physical = name.table().node(shard).table();
        sql.append(name.quoted() ? "`" + physical + "`" : physical);
      } else if (segment instanceof Segment.KeyInList in) {
        renderInList(in, shard, inListShards, sql, values, parameters);
      } else if (segment instanceof Segment.ShardLimit limit) {
        sql.append("LIMIT ").append(resolve(new LimitSpec(limit.offset(), limit.count()), parameters).perShardCount());
      } else {
        throw new IllegalStateException("unknown segment " + segment);
      }
    }
    List<String> tables = new ArrayList<>(analysis.tables().size());
    for (LogicalTable table : analysis.tables()) {
      tables.add(table.node(shard).table());
    }
    return new ShardSql(analysis.routingTable().node(shard).dataSource(), tables, sql.toString(), values);
  }

  private static void renderInList(Segment.KeyInList in, int shard, List<int[]> inListShards, StringBuilder sql,
      List<Object> values, List<Object> parameters) throws SQLException {
    int[] assignment = in.inListId() < inListShards.size() ? inListShards.get(in.inListId()) : null;
    boolean any = false;
    for (int i = 0; i < in.elements().size(); i++) {
      if (assignment != null && assignment[i] != shard && assignment[i] != -1) {
        continue;
      }
      if (any) {
        sql.append(", ");
      }
      any = true;
      for (Segment segment : in.elements().get(i)) {
        if (segment instanceof Segment.Text text) {
          sql.append(text.text());
        } else if (segment instanceof Segment.Parameter parameter) {
          sql.append('?');
          values.add(new ValueSource.Parameter(parameter.index()).value(parameters));
        }
      }
    }
    if (!any) {
      sql.append("NULL");
    }
  }
}
