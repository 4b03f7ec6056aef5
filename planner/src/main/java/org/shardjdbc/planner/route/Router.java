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
import org.shardjdbc.planner.model.KeyType;
import org.shardjdbc.planner.model.KeyTypes;
import org.shardjdbc.planner.model.LogicalTable;
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
    return route(analysis, parameters, keyTypes, IntegerValues.IN_TEXT);
  }

  /**
   * Where the integer parameter values of a statement for several shards go ({@link ShardSqlWriter#inlineIntegers()}).
   * A statement for one shard always keeps its markers.
   */
  public enum IntegerValues {
    /** Into the text: what mysql-connector-j sends for them anyway, when it prepares statements on the client. */
    IN_TEXT,
    /**
     * Into the text, except where a server runs its shards' statements as one UNION ALL, no key IN list splits values
     * among them, and the server may prepare them ({@link Route#preparableOnServer()}): there they stay markers, so
     * that the union's text repeats with its shape and the server can keep it prepared.
     */
    IN_TEXT_BUT_UNIONS,
    /**
     * Stay markers: where the servers prepare statements themselves ({@code useServerPrepStmts}), a bound value and a
     * literal can differ ({@code ORDER BY ?}, the type of {@code SELECT ?}); and where the SQL log masks values.
     */
    MARKERS
  }

  /**
   * As {@link #route(Analysis.ShardedSelect, List, KeyTypes)}, saying where integer values of statements for several
   * shards go.
   */
  public static Route route(Analysis.ShardedSelect analysis, List<Object> parameters, KeyTypes keyTypes,
      IntegerValues integerValues) throws SQLException {
    KeyConditionEvaluation evaluation = evaluation(analysis.routingTable(), analysis.tables(), parameters, keyTypes);
    BitSet shards = shards(evaluation, analysis.conditions(), analysis.multiShardRefusal());
    List<int[]> inListShards = evaluation.inListShards();
    if (shards.isEmpty()) {
      int shard = shardOn(analysis.routingTable(), analysis.requiredDataSource());
      checkDataSource(analysis.routingTable(), analysis.requiredDataSource(), shard);
      return new Route(List.of(render(analysis.tables(), analysis.routingTable(), analysis.noShard(), shard, parameters,
          inListShards)), null, null, false);
    }
    if (shards.cardinality() == 1) {
      int shard = shards.nextSetBit(0);
      checkDataSource(analysis.routingTable(), analysis.requiredDataSource(), shard);
      return new Route(List.of(render(analysis.tables(), analysis.routingTable(), analysis.singleShard(), shard,
          parameters, inListShards)), null, null, false);
    }
    if (analysis.multiShard() == null) {
      throw refusal(analysis.multiShardRefusal());
    }
    boolean preparableOnServer = analysis.parametersOnlyInConditions() && bindLikeLiterals(parameters);
    boolean integersInText = switch (integerValues) {
      case IN_TEXT -> true;
      case IN_TEXT_BUT_UNIONS -> !analysis.combinable() || !inListShards.isEmpty() || !preparableOnServer;
      case MARKERS -> false;
    };
    List<ShardSql> statements = new ArrayList<>(shards.cardinality());
    for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
      checkDataSource(analysis.routingTable(), analysis.requiredDataSource(), shard);
      statements.add(render(analysis.tables(), analysis.routingTable(), analysis.multiShard(), shard, parameters,
          inListShards, null, integersInText));
    }
    ResolvedLimit limit = resolve(analysis.mergePlan().limit(), parameters);
    // NULL bound outside the conditions may be a select item of its own, whose type a UNION ALL changes (NULL to
    // BINARY), as it does a bare NULL's (Analysis.ShardedSelect#combinable)
    boolean combinable = analysis.combinable() && (analysis.parametersOnlyInConditions() || !anyNull(parameters));
    return new Route(statements, analysis.mergePlan(), limit, combinable, preparableOnServer);
  }

  private static boolean anyNull(List<Object> parameters) {
    for (Object value : parameters) {
      if (value == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether each value, bound to a statement prepared on the server, has the type of the literal mysql-connector-j
   * writes for it when it prepares on the client: integers, strings, decimals and NULL. Not a double (written as a
   * decimal literal), nor a date or time (written as a string).
   */
  private static boolean bindLikeLiterals(List<Object> parameters) {
    for (Object value : parameters) {
      if (value != null && !(value instanceof Long || value instanceof Integer || value instanceof Short
          || value instanceof Byte || value instanceof String || value instanceof BigDecimal)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Routes one execution of a locking read whose shards are read one after another
   * ({@link Analysis.LockingSelect#shardsInTurn()}).
   *
   * @return the shards in turn, or null when the execution routes to at most one shard, which runs as {@link #route}
   *     says
   * @throws SQLFeatureNotSupportedException as {@link #route}
   */
  public static ShardsInTurn routeInTurn(Analysis.LockingSelect locking, List<Object> parameters, KeyTypes keyTypes)
      throws SQLException {
    Analysis.ShardedSelect analysis = locking.select();
    if (!locking.shardsInTurn()) {
      throw new IllegalArgumentException("not a locking read whose shards are read in turn: " + analysis.multiShard());
    }
    KeyConditionEvaluation evaluation = evaluation(analysis.routingTable(), analysis.tables(), parameters, keyTypes);
    BitSet shards = shards(evaluation, analysis.conditions(), analysis.multiShardRefusal());
    if (shards.cardinality() <= 1) {
      return null;
    }
    for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
      checkDataSource(analysis.routingTable(), analysis.requiredDataSource(), shard);
    }
    return new ShardsInTurn(analysis, parameters, shards.stream().toArray(), evaluation.inListShards(),
        resolve(analysis.mergePlan().limit(), parameters));
  }

  /** A shard's statement of a locking read read in turn, asked for {@code rows} rows. */
  static ShardSql renderInTurn(Analysis.ShardedSelect analysis, int shard, List<Object> parameters,
      List<int[]> inListShards, long rows) throws SQLException {
    List<Object> values = new ArrayList<>();
    String sql = new ShardSqlWriter(shard, parameters, values).shardLimit(rows)
        .append(analysis.multiShard(), inListShards, null).sql();
    List<String> physical = new ArrayList<>(analysis.tables().size());
    for (LogicalTable table : analysis.tables()) {
      physical.add(table.node(shard).table());
    }
    return new ShardSql(analysis.routingTable().node(shard).dataSource(), physical, sql, values);
  }

  /**
   * Routes one execution of an UPDATE, DELETE or INSERT … SELECT: one statement per shard its key conditions leave,
   * none when they leave none (no row can match).
   *
   * @throws SQLFeatureNotSupportedException when it spans several shards and must not
   */
  public static List<ShardSql> route(Analysis.ShardedWrite write, List<Object> parameters, KeyTypes keyTypes)
      throws SQLException {
    KeyConditionEvaluation evaluation = evaluation(write.routingTable(), write.tables(), parameters, keyTypes);
    BitSet shards = shards(evaluation, write.conditions(), write.multiShardRefusal());
    List<int[]> inListShards = evaluation.inListShards();
    if (shards.cardinality() > 1 && write.multiShardRefusal() != null) {
      throw refusal(write.multiShardRefusal());
    }
    List<ShardSql> statements = new ArrayList<>(shards.cardinality());
    for (int shard = shards.nextSetBit(0); shard >= 0; shard = shards.nextSetBit(shard + 1)) {
      checkDataSource(write.routingTable(), write.requiredDataSource(), shard);
      statements.add(render(write.tables(), write.routingTable(), write.template(), shard, parameters, inListShards));
    }
    return statements;
  }

  /** A write of a broadcast table: the same statement on every copy. */
  public static List<ShardSql> route(Analysis.BroadcastWrite write, List<Object> parameters) throws SQLException {
    return everyNode(write.table(), write.template(), parameters);
  }

  /** DDL: one statement per physical table of a sharded or broadcast table, else one on its data source. */
  public static List<ShardSql> route(Analysis.Ddl ddl) throws SQLException {
    if (ddl.routingTable() == null) {
      return List.of(render(List.of(), null, ddl.template(), -1, List.of(), List.of(), ddl.dataSource(), false));
    }
    return everyNode(ddl.routingTable(), ddl.template(), List.of());
  }

  private static List<ShardSql> everyNode(LogicalTable table, SqlTemplate template, List<Object> parameters)
      throws SQLException {
    List<ShardSql> statements = new ArrayList<>(table.shardCount());
    for (int node = 0; node < table.shardCount(); node++) {
      statements.add(render(List.of(table), table, template, node, parameters, List.of()));
    }
    return statements;
  }

  private static KeyConditionEvaluation evaluation(LogicalTable routingTable, List<LogicalTable> tables,
      List<Object> parameters, KeyTypes keyTypes) {
    return new KeyConditionEvaluation(routingTable.algorithm(), routingTable.shardCount(), parameters,
        () -> keyType(tables, keyTypes));
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

  /**
   * The shards the key conditions of an execution leave: with several query blocks, they must all leave the same
   * single shard (or none).
   */
  private static BitSet shards(KeyConditionEvaluation evaluation, List<KeyCondition> conditions,
      String multiShardRefusal) throws SQLException {
    BitSet shards = null;
    for (KeyCondition condition : conditions) {
      BitSet blockShards = evaluation.shards(condition);
      if (shards != null && (blockShards.cardinality() > 1 || !blockShards.equals(shards))) {
        throw refusal(multiShardRefusal);
      }
      shards = blockShards;
    }
    if (conditions.size() > 1 && shards.cardinality() > 1) {
      throw refusal(multiShardRefusal);
    }
    return shards;
  }

  /** A shard on the data source a statement must run on, else shard 0. */
  private static int shardOn(LogicalTable table, String dataSource) {
    for (int shard = 0; dataSource != null && shard < table.shardCount(); shard++) {
      if (table.node(shard).dataSource().equals(dataSource)) {
        return shard;
      }
    }
    return 0;
  }

  /** A refusal that federation may answer instead (for a SELECT). */
  private static CrossShardQueryException refusal(String multiShardRefusal) {
    String reason = multiShardRefusal != null ? multiShardRefusal
        : "a statement whose query blocks route to different shards is not supported yet";
    return new CrossShardQueryException(reason);
  }

  private static void checkDataSource(LogicalTable table, String required, int shard) throws SQLFeatureNotSupportedException {
    String actual = table.node(shard).dataSource();
    if (required != null && !required.equals(actual)) {
      throw new CrossShardQueryException("the statement joins unsharded tables, which live on " + required
          + ", with shard " + shard + " of " + table.name() + ", which lives on " + actual
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

  private static ShardSql render(List<LogicalTable> tables, LogicalTable routingTable, SqlTemplate template, int shard,
      List<Object> parameters, List<int[]> inListShards) throws SQLException {
    return render(tables, routingTable, template, shard, parameters, inListShards, null, false);
  }

  private static ShardSql render(List<LogicalTable> tables, LogicalTable routingTable, SqlTemplate template, int shard,
      List<Object> parameters, List<int[]> inListShards, String dataSource, boolean inlineIntegers)
      throws SQLException {
    List<Object> values = new ArrayList<>();
    ShardSqlWriter writer = new ShardSqlWriter(shard, parameters, values);
    if (inlineIntegers) {
      writer.inlineIntegers();
    }
    String sql = writer.append(template, inListShards, null).sql();
    List<String> physical = new ArrayList<>(tables.size());
    for (LogicalTable table : tables) {
      physical.add(table.node(shard).table());
    }
    return new ShardSql(dataSource != null ? dataSource : routingTable.node(shard).dataSource(), physical, sql, values,
        writer.laterBranchSql(sql));
  }
}
