package org.shardjdbc.driver.federate;

import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardjdbc.driver.merge.Collation;
import org.shardjdbc.driver.merge.ValueComparator;
import org.shardjdbc.planner.federate.PlanExpression;
import org.shardjdbc.planner.federate.PlanNode;

/**
 * A hash join. The build side (the smaller input, or the right one of a SEMI or ANTI join) is read whole into a hash
 * table keyed by its join keys, each key as MySQL compares it (strings by their collation's weights, numbers by value,
 * so that {@code 'ABC'} meets {@code 'abc '} under utf8mb4_general_ci and 1 meets 1.0); the probe side streams past it.
 * A NULL key matches nothing unless the key is null-safe ({@code <=>}). Without equality keys every row of the build
 * side is a candidate (a nested loop). The residual condition is checked on each candidate pair.
 *
 * <p>Rows of an outer join's preserved side that find no match come out with NULLs for the other side: probe rows as
 * they are probed, build rows once the probe side is done.
 *
 * <p>Where the plan says so ({@link PlanNode.KeyFilter}), the build side's distinct keys, when they are few enough,
 * narrow a scan of the probe side before it opens: the servers then return only probe rows that may match.
 */
final class HashJoinOperator extends Operator {
  private final Operator left;
  private final Operator right;
  private final PlanNode.Join join;
  private final List<Object> parameters;
  private final MemoryBudget memory;
  private final ScanOperator keyTarget;
  private final int keyLimit;
  private Operator build;
  private Operator probe;
  private int[] buildKeys;
  private int[] probeKeys;
  private boolean[] nullSafe;
  private ValueComparator[] comparators;
  private Map<Object, List<Object[]>> table;
  private Set<Object[]> matchedBuildRows;
  private Evaluator residual;
  private List<Field> fields;
  private int leftWidth;
  private int rightWidth;
  private boolean emitUnmatchedProbe;
  private boolean emitUnmatchedBuild;

  private Object[] probeRow;
  private List<Object[]> candidates;
  private int candidate;
  private boolean probeMatched;
  private List<Object[]> unmatchedBuild;
  private int unmatchedPosition = -1;
  private Object[] row;

  /**
   * @param keyTarget the operator of the plan's {@link PlanNode.KeyFilter#target()}, or null
   * @param keyLimit the most distinct keys passed to it ({@code federationJoinKeyLimit})
   */
  HashJoinOperator(Operator left, Operator right, PlanNode.Join join, List<Object> parameters, MemoryBudget memory,
      ScanOperator keyTarget, int keyLimit) {
    this.left = left;
    this.right = right;
    this.join = join;
    this.parameters = parameters;
    this.memory = memory;
    this.keyTarget = keyTarget;
    this.keyLimit = keyLimit;
  }

  @Override
  void open() throws SQLException {
    build = join.buildLeft() ? left : right;
    probe = join.buildLeft() ? right : left;
    build.open();
    List<Object[]> buildRows;
    try {
      buildRows = readAll(build, memory, "the build side of a hash join");
    } catch (SQLException | RuntimeException e) {
      build.close();
      throw e;
    }
    if (keyTarget != null) {
      narrowProbe(buildRows);
    }
    probe.open();
    List<Field> leftFields = left.fields();
    List<Field> rightFields = right.fields();
    leftWidth = leftFields.size();
    rightWidth = rightFields.size();
    int keys = join.leftKeys().size();
    buildKeys = new int[keys];
    probeKeys = new int[keys];
    nullSafe = new boolean[keys];
    comparators = new ValueComparator[keys];
    for (int i = 0; i < keys; i++) {
      int leftKey = join.leftKeys().get(i);
      int rightKey = join.rightKeys().get(i);
      buildKeys[i] = join.buildLeft() ? leftKey : rightKey;
      probeKeys[i] = join.buildLeft() ? rightKey : leftKey;
      nullSafe[i] = join.nullSafe().get(i);
      comparators[i] = ExpressionCompiler.comparatorOf(leftFields.get(leftKey), rightFields.get(rightKey));
    }
    table = new HashMap<>();
    for (Object[] buildRow : buildRows) {
      Object key = key(buildRow, buildKeys);
      if (key != null) {
        table.computeIfAbsent(key, k -> new ArrayList<>(1)).add(buildRow);
      } else if (preservesBuild()) {
        table.computeIfAbsent(NO_KEY, k -> new ArrayList<>()).add(buildRow);
      }
    }
    PlanNode.JoinKind kind = join.kind();
    boolean semiOrAnti = kind == PlanNode.JoinKind.SEMI || kind == PlanNode.JoinKind.ANTI;
    List<Field> joined = new ArrayList<>();
    for (Field field : leftFields) {
      joined.add(kind == PlanNode.JoinKind.RIGHT || kind == PlanNode.JoinKind.FULL ? field.withNulls() : field);
    }
    for (Field field : rightFields) {
      joined.add(kind == PlanNode.JoinKind.LEFT || kind == PlanNode.JoinKind.FULL ? field.withNulls() : field);
    }
    residual = join.residual() == null ? null : new ExpressionCompiler(joined, parameters).compile(join.residual()).evaluator();
    fields = semiOrAnti ? leftFields : joined;
    emitUnmatchedProbe = kind == PlanNode.JoinKind.FULL || kind == PlanNode.JoinKind.ANTI
        || (join.buildLeft() ? kind == PlanNode.JoinKind.RIGHT : kind == PlanNode.JoinKind.LEFT);
    emitUnmatchedBuild = preservesBuild();
    if (emitUnmatchedBuild) {
      matchedBuildRows = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
      unmatchedBuild = buildRows;
    }
  }

  /**
   * Passes the build rows' distinct non-NULL values of the filter's key to the probe side's scan, unless there are more
   * than the limit or the servers could compare them otherwise than the join does (see {@link #comparesAsTheJoin}).
   * Values the build key's comparator groups together are passed once: the probe column compares the same way.
   */
  private void narrowProbe(List<Object[]> buildRows) throws SQLException {
    PlanNode.KeyFilter filter = join.keyFilter();
    int column = (join.buildLeft() ? join.leftKeys() : join.rightKeys()).get(filter.key());
    Field field = build.fields().get(column);
    if (!comparesAsTheJoin(field)) {
      return;
    }
    ValueComparator comparator = field.comparator();
    Map<Object, Object> keys = new LinkedHashMap<>();
    for (Object[] buildRow : buildRows) {
      Object value = buildRow[column];
      if (value != null && keys.putIfAbsent(comparator.groupKey(value), value) == null && keys.size() > keyLimit) {
        return;
      }
    }
    keyTarget.narrowTo(filter.statementPrefix(), new ArrayList<>(keys.values()));
  }

  /**
   * Whether a server compares a column with values of this field as the join compares the two: exact numbers (by
   * value, INT with DECIMAL included), and strings whose collation the driver knows and whose character set holds the
   * connection's UTF-8 (a parameter takes the column's collation). Not floating point, temporal or latin1 values, which
   * the servers convert before comparing.
   */
  private static boolean comparesAsTheJoin(Field field) {
    if (field.isString()) {
      return field.collation() != null && field.collation() != Collation.LATIN1_SWEDISH_CI
          && field.collation() != Collation.LATIN1_BIN;
    }
    return field.isDecimal() || field.isIntegral() && field.jdbcType() != Types.BIT && field.jdbcType() != Types.BOOLEAN;
  }

  /** The key for rows that cannot match (a NULL key), kept only when the build side is preserved. */
  private static final Object NO_KEY = new Object();

  private boolean preservesBuild() {
    PlanNode.JoinKind kind = join.kind();
    return kind == PlanNode.JoinKind.FULL || (join.buildLeft() ? kind == PlanNode.JoinKind.LEFT : kind == PlanNode.JoinKind.RIGHT);
  }

  /** The hash key of a row's join keys, or null when a key that is not null-safe is NULL (the row matches nothing). */
  private Object key(Object[] row, int[] columns) {
    if (columns.length == 1) {
      Object value = row[columns[0]];
      return value == null && !nullSafe[0] ? null : comparators[0].groupKey(value);
    }
    Object[] key = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      Object value = row[columns[i]];
      if (value == null && !nullSafe[i]) {
        return null;
      }
      key[i] = comparators[i].groupKey(value);
    }
    return Arrays.asList(key);
  }

  @Override
  List<Field> fields() {
    return fields;
  }

  @Override
  public boolean next() throws SQLException {
    PlanNode.JoinKind kind = join.kind();
    while (true) {
      if (unmatchedPosition >= 0) {
        return nextUnmatchedBuild();
      }
      if (candidates != null) {
        while (candidate < candidates.size()) {
          Object[] buildRow = candidates.get(candidate++);
          Object[] joined = join.buildLeft() ? combine(buildRow, probeRow) : combine(probeRow, buildRow);
          if (residual != null && !Boolean.TRUE.equals(ExpressionCompiler.truth(residual.evaluate(joined)))) {
            continue;
          }
          probeMatched = true;
          if (matchedBuildRows != null) {
            matchedBuildRows.add(buildRow);
          }
          if (kind == PlanNode.JoinKind.SEMI) {
            candidates = null;
            row = probeRow;
            return true;
          }
          if (kind == PlanNode.JoinKind.ANTI) {
            candidates = null;
            break;
          }
          row = joined;
          return true;
        }
        List<Object[]> done = candidates;
        candidates = null;
        if (done != null && !probeMatched && emitUnmatchedProbe) {
          row = kind == PlanNode.JoinKind.ANTI ? probeRow
              : join.buildLeft() ? combine(null, probeRow) : combine(probeRow, null);
          return true;
        }
        continue;
      }
      if (!probe.next()) {
        if (emitUnmatchedBuild) {
          unmatchedPosition = 0;
          continue;
        }
        return false;
      }
      probeRow = probe.row();
      probeMatched = false;
      Object key = key(probeRow, probeKeys);
      List<Object[]> matches = key == null ? null : buildKeys.length == 0 ? table.get(List.of()) : table.get(key);
      candidates = matches == null ? List.of() : matches;
      candidate = 0;
    }
  }

  private boolean nextUnmatchedBuild() {
    while (unmatchedPosition < unmatchedBuild.size()) {
      Object[] buildRow = unmatchedBuild.get(unmatchedPosition++);
      if (!matchedBuildRows.contains(buildRow)) {
        row = join.buildLeft() ? combine(buildRow, null) : combine(null, buildRow);
        return true;
      }
    }
    return false;
  }

  private Object[] combine(Object[] leftRow, Object[] rightRow) {
    Object[] joined = new Object[leftWidth + rightWidth];
    if (leftRow != null) {
      System.arraycopy(leftRow, 0, joined, 0, leftWidth);
    }
    if (rightRow != null) {
      System.arraycopy(rightRow, 0, joined, leftWidth, rightWidth);
    }
    return joined;
  }

  @Override
  public Object[] row() {
    return row;
  }

  @Override
  public void close() {
    left.close();
    right.close();
  }
}
