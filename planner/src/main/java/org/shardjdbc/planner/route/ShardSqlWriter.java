package org.shardjdbc.planner.route;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.shardjdbc.planner.analyze.ValueSource;
import org.shardjdbc.planner.merge.LimitSpec;
import org.shardjdbc.planner.rewrite.Segment;
import org.shardjdbc.planner.rewrite.SqlTemplate;

/**
 * Renders templates for one shard into physical SQL and its parameter values: table names become the shard's,
 * {@code ?} markers stay markers with the execution's values, a key IN list keeps the shard's own values.
 */
final class ShardSqlWriter {
  /** Empty until the first template sizes it: one allocation of about the rendering's length, not a regrowth. */
  private final StringBuilder sql = new StringBuilder(0);
  private final List<Object> values;
  private final List<Object> parameters;
  private final int shard;
  private long shardLimit = -1;
  private boolean inlineIntegers;
  /** Where the type-only items are in {@link #sql}: start and end offsets, in pairs; null while there are none. */
  private int[] typeOnly;
  private int typeOnlyEnds;

  /**
   * @param shard the shard (node index) whose table names to write
   * @param parameters the execution's parameter values
   * @param values where the physical statement's parameter values go
   */
  ShardSqlWriter(int shard, List<Object> parameters, List<Object> values) {
    this.shard = shard;
    this.parameters = parameters;
    this.values = values;
  }

  /**
   * Writes the shard's LIMIT as {@code LIMIT rows} instead of the statement's offset + count: for a shard read in turn
   * ({@link ShardsInTurn}).
   */
  ShardSqlWriter shardLimit(long rows) {
    this.shardLimit = rows;
    return this;
  }

  /**
   * Writes a parameter whose value is a {@code Long}, {@code Integer}, {@code Short} or {@code Byte} as its digits
   * instead of a marker: the very text mysql-connector-j sends for it, since its prepared statements substitute
   * values into the text on the client. A physical statement left without markers then goes as a plain statement,
   * which the connector does not scan for markers: for a server's UNION ALL of 16 tables that scan was three
   * quarters of the driver's CPU time of a scatter query.
   */
  ShardSqlWriter inlineIntegers() {
    this.inlineIntegers = true;
    return this;
  }

  /** Appends a template; {@code inListShards} tells which shard each value of a key IN list is on. */
  ShardSqlWriter append(SqlTemplate template, List<int[]> inListShards, Object generatedKey) throws SQLException {
    sql.ensureCapacity(sql.length() + template.textLength() + 64);
    for (Segment segment : template.segments()) {
      if (segment instanceof Segment.Text text) {
        sql.append(text.text());
      } else if (segment instanceof Segment.Parameter parameter) {
        appendParameter(parameter);
      } else if (segment instanceof Segment.TableName name) {
        String physical = name.table().node(shard).table();
        sql.append(name.quoted() ? "`" + physical + "`" : physical);
      } else if (segment instanceof Segment.KeyInList in) {
        appendInList(in, inListShards);
      } else if (segment instanceof Segment.ShardLimit limit) {
        sql.append("LIMIT ").append(shardLimit >= 0 ? shardLimit
            : Router.resolve(new LimitSpec(limit.offset(), limit.count()), parameters).perShardCount());
      } else if (segment instanceof Segment.GeneratedKey) {
        sql.append(generatedKey);
      } else if (segment instanceof Segment.TypeOnly item) {
        appendTypeOnly(item);
      } else {
        throw new IllegalStateException("unknown segment " + segment);
      }
    }
    return this;
  }

  ShardSqlWriter append(String text) {
    sql.append(text);
    return this;
  }

  String sql() {
    return sql.toString();
  }

  /**
   * The statement as a later branch of a UNION ALL ({@link org.shardjdbc.planner.rewrite.ShardSql#laterBranchSql()}).
   *
   * @param sql what {@link #sql()} returned, returned itself when there are no type-only items
   */
  String laterBranchSql(String sql) {
    if (typeOnly == null) {
      return sql;
    }
    StringBuilder later = new StringBuilder(sql.length());
    int copied = 0;
    for (int i = 0; i < typeOnlyEnds; i += 2) {
      later.append(sql, copied, typeOnly[i]).append("NULL");
      copied = typeOnly[i + 1];
    }
    return later.append(sql, copied, sql.length()).toString();
  }

  private void appendTypeOnly(Segment.TypeOnly item) {
    if (typeOnly == null) {
      typeOnly = new int[4];
    } else if (typeOnlyEnds == typeOnly.length) {
      typeOnly = Arrays.copyOf(typeOnly, typeOnly.length * 2);
    }
    typeOnly[typeOnlyEnds++] = sql.length();
    sql.append(item.text());
    typeOnly[typeOnlyEnds++] = sql.length();
  }

  private void appendParameter(Segment.Parameter parameter) throws SQLException {
    Object value = new ValueSource.Parameter(parameter.index()).value(parameters);
    if (inlineIntegers && (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte)) {
      sql.append(((Number) value).longValue());
    } else {
      sql.append('?');
      values.add(value);
    }
  }

  private void appendInList(Segment.KeyInList in, List<int[]> inListShards) throws SQLException {
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
          appendParameter(parameter);
        }
      }
    }
    if (!any) {
      sql.append("NULL");
    }
  }
}
