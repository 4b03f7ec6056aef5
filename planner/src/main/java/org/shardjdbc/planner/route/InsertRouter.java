package org.shardjdbc.planner.route;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.InsertRow;
import org.shardjdbc.planner.analyze.ValueSource;
import org.shardjdbc.planner.model.KeyGenerator;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingAlgorithm;
import org.shardjdbc.planner.rewrite.ShardSql;

/**
 * Routes INSERT rows: each row to the shard of its key (made by the table's key generator when the statement leaves
 * it out), the rows of one shard in one statement, {@code INSERT INTO orders_001 (…) VALUES (row), (row) …}.
 */
public final class InsertRouter {
  private InsertRouter() {}

  /**
   * One row of one execution, placed.
   *
   * @param shard the shard of its key
   * @param sql the row's text, with {@code ?} markers
   * @param parameters the values of its markers
   * @param generatedKey the key the generator made for it, or null
   */
  public record PlacedRow(int shard, String sql, List<Object> parameters, Long generatedKey) {}

  /**
   * One execution: the statement of every shard that gets rows, in shard order, and the generated keys in row order.
   *
   * @param statements one per shard that gets rows
   * @param generatedKeys the keys made for the rows, in the order of the rows; empty when the statement gives keys
   */
  public record InsertRoute(List<ShardSql> statements, List<Long> generatedKeys) {}

  /**
   * @throws SQLException when a row's key is NULL or no shard holds it, or no key can be made
   */
  public static InsertRoute route(Analysis.ShardedInsert insert, List<Object> parameters, KeyGenerator keys)
      throws SQLException {
    List<PlacedRow> rows = placeRows(insert, parameters, keys);
    if (rows.size() == 1) {
      PlacedRow row = rows.get(0);
      return new InsertRoute(List.of(statement(insert, row.shard(), rows, parameters)),
          row.generatedKey() == null ? List.of() : List.of(row.generatedKey()));
    }
    TreeMap<Integer, List<PlacedRow>> byShard = new TreeMap<>();
    List<Long> generated = new ArrayList<>();
    for (PlacedRow row : rows) {
      byShard.computeIfAbsent(row.shard(), shard -> new ArrayList<>()).add(row);
      if (row.generatedKey() != null) {
        generated.add(row.generatedKey());
      }
    }
    List<ShardSql> statements = new ArrayList<>(byShard.size());
    for (var entry : byShard.entrySet()) {
      statements.add(statement(insert, entry.getKey(), entry.getValue(), parameters));
    }
    return new InsertRoute(statements, generated);
  }

  /** The rows of one execution, each with its shard and, when the generator made it, its key. */
  public static List<PlacedRow> placeRows(Analysis.ShardedInsert insert, List<Object> parameters, KeyGenerator keys)
      throws SQLException {
    LogicalTable table = insert.table();
    List<PlacedRow> placed = new ArrayList<>(insert.rows().size());
    for (int i = 0; i < insert.rows().size(); i++) {
      InsertRow row = insert.rows().get(i);
      Object key;
      Long generated = null;
      if (row.key() == null) {
        if (keys == null) {
          throw new SQLException("no key generator for " + table.name() + " (keyGenerator: " + table.keyGenerator() + ")",
              "HY000");
        }
        generated = keys.nextKey();
        key = generated;
      } else {
        key = row.key().value(parameters);
      }
      int shard = shardOf(table, key, i);
      if (row.text() != null) {
        List<Object> values = new ArrayList<>(row.parameters().size());
        for (int index : row.parameters()) {
          values.add(new ValueSource.Parameter(index).value(parameters));
        }
        placed.add(new PlacedRow(shard, row.text(), values, generated));
        continue;
      }
      List<Object> values = new ArrayList<>();
      String sql = new ShardSqlWriter(shard, parameters, values).append(row.values(), List.of(), generated).sql();
      placed.add(new PlacedRow(shard, sql, values, generated));
    }
    return placed;
  }

  /**
   * The statement that inserts rows into one shard: the head and tail rendered with {@code parameters} (the values
   * of the execution they belong to; any one of them when the rows of several executions of a statement without
   * markers outside its rows are combined).
   */
  public static ShardSql statement(Analysis.ShardedInsert insert, int shard, List<PlacedRow> rows,
      List<Object> parameters) throws SQLException {
    List<Object> values = new ArrayList<>();
    ShardSqlWriter writer = new ShardSqlWriter(shard, parameters, values).append(insert.head(), List.of(), null);
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        writer.append(", ");
      }
      writer.append(rows.get(i).sql());
      values.addAll(rows.get(i).parameters());
    }
    writer.append(insert.tail(), List.of(), null);
    LogicalTable table = insert.table();
    return new ShardSql(table.node(shard).dataSource(), List.of(table.node(shard).table()), writer.sql(), values);
  }

  private static int shardOf(LogicalTable table, Object key, int row) throws SQLException {
    if (key == null) {
      throw new SQLIntegrityConstraintViolationException("the shard key " + table.name() + "." + table.shardKey()
          + " of row " + (row + 1) + " is NULL: a row needs a key to have a shard", "23000", 1048);
    }
    int shard = table.algorithm().shardOf(key, table.shardCount());
    if (shard == ShardingAlgorithm.ALL_SHARDS || shard < 0 || shard >= table.shardCount()) {
      throw new SQLDataException("the shard key " + table.name() + "." + table.shardKey() + " of row " + (row + 1)
          + " is " + (key instanceof String ? "'" + key + "'" : key) + ", which " + table.algorithm()
          + " places on no shard", "22023");
    }
    return shard;
  }
}
