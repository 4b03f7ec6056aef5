package org.shardjdbc.planner.route;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.KeyCondition;
import org.shardjdbc.planner.analyze.ValueSource;
import org.shardjdbc.planner.merge.LimitSpec;
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.KeyTypes;
import org.shardjdbc.planner.model.LogicalTable;
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
   * @param keyTypes the types of the key columns, asked only when a key condition has a value to compare
   * @return the physical statements and merge
   * @throws SQLFeatureNotSupportedException when the statement needs several shards and cannot be merged
   */
  public static Route route(Analysis.ShardedSelect analysis, List<Object> parameters, KeyTypes keyTypes)
      throws SQLException {
    LogicalTable table = analysis.routingTable();
    KeyConditionEvaluation evaluation = new KeyConditionEvaluation(table.algorithm(), table.shardCount(), parameters,
        () -> keyType(analysis.tables(), keyTypes));
    BitSet shards = null;
    for (KeyCondition condition : analysis.conditions()) {
      BitSet blockShards = evaluation.shards(condition);
      if (shards != null && (blockShards.cardinality() != 1 || !blockShards.equals(shards))) {
        throw refusal(analysis);
      }
      shards = blockShards;
    }
    if (analysis.conditions().size() > 1 && shards.cardinality() != 1) {
      throw refusal(analysis);
    }
    List<int[]> inListShards = evaluation.inListShards();
    if (shards.cardinality() <= 1) {
      int shard = shards.isEmpty() ? 0 : shards.nextSetBit(0);
      checkDataSource(analysis, shard);
      return new Route(List.of(render(analysis, analysis.singleShard(), shard, parameters, inListShards, -1)), null, null, false);
    }
    if (analysis.multiShard() == null) {
      throw refusal(analysis);
    }
    List<ShardSql> statements = new ArrayList<>(shards.cardinality());
    for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
      checkDataSource(analysis, shard);
      statements.add(render(analysis, analysis.multiShard(), shard, parameters, inListShards, -1));
    }
    ResolvedLimit limit = resolve(analysis.mergePlan().limit(), parameters);
    return new Route(statements, analysis.mergePlan(), limit, analysis.combinable());
  }

  /**
   * Routes one execution of a locking read whose shards are read one after another
   * ({@link Analysis.LockingSelect#shardsInTurn()}).
   *
   * @return the shards in turn, or null when the execution routes to one shard, which runs as written
   * @throws SQLFeatureNotSupportedException as {@link #route}
   */
  public static ShardsInTurn routeInTurn(Analysis.LockingSelect locking, List<Object> parameters, KeyTypes keyTypes)
      throws SQLException {
    Analysis.ShardedSelect analysis = locking.select();
    if (!locking.shardsInTurn()) {
      throw new IllegalArgumentException("not a locking read whose shards are read in turn: " + analysis.multiShard());
    }
    if (analysis.conditions().size() > 1) {
      return null;
    }
    LogicalTable table = analysis.routingTable();
    KeyConditionEvaluation evaluation = new KeyConditionEvaluation(table.algorithm(), table.shardCount(), parameters,
        () -> keyType(analysis.tables(), keyTypes));
    BitSet shards = evaluation.shards(analysis.conditions().get(0));
    if (shards.cardinality() <= 1) {
      return null;
    }
    for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
      checkDataSource(analysis, shard);
    }
    return new ShardsInTurn(analysis, parameters, shards.stream().toArray(), evaluation.inListShards(),
        resolve(analysis.mergePlan().limit(), parameters));
  }

  /** The key type of a statement's sharded tables; {@link KeyType#OTHER} when they differ. */
  private static KeyType keyType(List<LogicalTable> tables, KeyTypes keyTypes) {
    KeyType common = null;
    for (LogicalTable table : tables) {
      KeyType type = keyTypes.keyType(table);
      if (common != null && common != type) {
        return KeyType.OTHER;
      }
      common = type;
    }
    return common == null ? KeyType.OTHER : common;
  }

  private static SQLFeatureNotSupportedException refusal(Analysis.ShardedSelect analysis) {
    String reason = analysis.multiShardRefusal() != null ? analysis.multiShardRefusal()
        : "a statement whose query blocks route to different shards is not supported yet";
    return new SQLFeatureNotSupportedException(reason, "0A000");
  }

  private static void checkDataSource(Analysis.ShardedSelect analysis, int shard) throws SQLFeatureNotSupportedException {
    String required = analysis.requiredDataSource();
    String actual = analysis.routingTable().node(shard).dataSource();
    if (required != null && !required.equals(actual)) {
      throw new SQLFeatureNotSupportedException("the statement joins unsharded tables, which live on " + required
          + ", with shard " + shard + " of " + analysis.routingTable().name() + ", which lives on " + actual
          + ": not supported yet", "0A000");
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

  /**
   * Renders a shard's statement.
   *
   * @param shardLimit the row count of the shard's LIMIT, or -1 for offset + count of the statement's LIMIT
   */
  static ShardSql render(Analysis.ShardedSelect analysis, SqlTemplate template, int shard, List<Object> parameters,
      List<int[]> inListShards, long shardLimit) throws SQLException {
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
        sql.append("LIMIT ").append(shardLimit >= 0 ? shardLimit
            : resolve(new LimitSpec(limit.offset(), limit.count()), parameters).perShardCount());
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
      if (assignment != null && assignment[i] != shard && assignment[i] != KeyConditionEvaluation.EVERY_SHARD) {
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
