package org.shardjdbc.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sharding the application did by hand before: one HikariCP pool per server, mysql-connector-j, the physical
 * table computed from the key, and every scatter written out with a thread pool and merged in Java.
 *
 * <p>Two variants. <b>Per table</b> ({@code raw}) sends one statement per physical table, 128 for a scatter, each on
 * its own pooled connection, and reads each result whole. <b>Per server</b> ({@code raw_union}) sends one statement per
 * server, a {@code UNION ALL} of its tables' statements with the server doing the first level of sorting and
 * aggregation, and streams the deep page. The report compares the driver with the better of the two.
 *
 * <p>The pool's threads are the application's ("the scatter pool"); the calling thread runs the last statement
 * itself, as a careful hand-written scatter does.
 */
final class RawJdbcContender implements Contender {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final String ORDER_COLUMNS = "order_id, customer_id, status, total, created_at";
  private static final String JOIN_COLUMNS = "o.order_id, o.status, i.item_no, i.product, i.price";
  private static final String PAGE_COLUMNS = "order_id, status, created_at";
  /** Position of created_at in ORDER_COLUMNS and PAGE_COLUMNS rows. */
  private static final int TOP_CREATED_AT = 4;
  private static final int PAGE_CREATED_AT = 2;

  private final BenchLayout layout;
  private final boolean unionPerServer;
  private final List<HikariDataSource> pools;
  private final ExecutorService scatter;

  /** One statement on one data source. */
  private record Physical(int dataSource, String sql, List<Object> parameters) {}

  private RawJdbcContender(BenchLayout layout, boolean unionPerServer, List<HikariDataSource> pools) {
    this.layout = layout;
    this.unionPerServer = unionPerServer;
    this.pools = pools;
    this.scatter = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "raw-scatter-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  static RawJdbcContender open(BenchCluster cluster, BenchLayout layout, boolean unionPerServer, boolean prefill) {
    List<HikariDataSource> pools = new ArrayList<>();
    for (int d = 0; d < layout.dataSources(); d++) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("raw-" + d);
      config.setJdbcUrl(cluster.dataSource(layout, d).jdbcUrl());
      config.setUsername("root");
      config.setPassword("");
      config.setMaximumPoolSize(ContenderConfigs.POOL_SIZE);
      if (prefill) {
        config.setMinimumIdle(ContenderConfigs.POOL_SIZE);
      }
      pools.add(new HikariDataSource(config));
    }
    return new RawJdbcContender(layout, unionPerServer, pools);
  }

  @Override
  public void run(Workload workload, QueryArguments arguments, RowSink sink) throws SQLException {
    switch (workload) {
      case POINT_SELECT:
        pointSelect(arguments.keys()[0], sink);
        return;
      case IN_LIST:
        byKeys(arguments.keys(), "SELECT " + ORDER_COLUMNS + " FROM %1$s WHERE order_id IN (%3$s)", sink);
        return;
      case JOIN_IN_LIST:
        byKeys(arguments.keys(), "SELECT " + JOIN_COLUMNS + " FROM %1$s o JOIN %2$s i ON i.order_id = o.order_id"
            + " WHERE o.order_id IN (%3$s)", sink);
        return;
      case SCATTER_FILTER:
        scatterFilter(arguments.customerId(), sink);
        return;
      case COUNT_SUM:
        countSum(sink);
        return;
      case GROUP_BY_AVG:
        groupByAvg(sink);
        return;
      case ORDER_BY_LIMIT:
        newestTen(sink);
        return;
      case DEEP_PAGE:
        page(layout.deepPageOffset(), 10, sink);
        return;
      case FULL_SCAN:
        page(0, layout.orders(), sink);
        return;
    }
    throw new IllegalArgumentException("raw JDBC has no plan for " + workload);
  }

  private void pointSelect(long key, RowSink sink) throws SQLException {
    int shard = layout.shardOf(key);
    Physical physical = new Physical(layout.dataSourceOf(shard),
        "SELECT " + ORDER_COLUMNS + " FROM " + layout.table("orders", shard) + " WHERE order_id = ?", List.of(key));
    for (Object[] row : readWhole(physical)) {
      sink.row(row);
    }
  }

  /**
   * Statements for a set of keys: per table, the table's own keys; per server, a UNION ALL of those.
   *
   * @param template a statement on one table pair: %1$s orders table, %2$s items table, %3$s the placeholders
   */
  private void byKeys(long[] keys, String template, RowSink sink) throws SQLException {
    Map<Integer, List<Object>> keysByShard = new TreeMap<>();
    for (long key : keys) {
      keysByShard.computeIfAbsent(layout.shardOf(key), shard -> new ArrayList<>()).add(key);
    }
    List<Physical> statements = new ArrayList<>();
    Map<Integer, List<Physical>> byServer = new TreeMap<>();
    for (Map.Entry<Integer, List<Object>> entry : keysByShard.entrySet()) {
      int shard = entry.getKey();
      String sql = String.format(template, layout.table("orders", shard), layout.table("order_items", shard),
          Workload.placeholders(entry.getValue().size()));
      Physical physical = new Physical(layout.dataSourceOf(shard), sql, entry.getValue());
      if (unionPerServer) {
        byServer.computeIfAbsent(physical.dataSource(), d -> new ArrayList<>()).add(physical);
      } else {
        statements.add(physical);
      }
    }
    for (List<Physical> members : byServer.values()) {
      statements.add(unionAll(members, "", ""));
    }
    emit(scatter(statements), sink);
  }

  private void scatterFilter(long customerId, RowSink sink) throws SQLException {
    emit(scatter(perTableOrUnion("SELECT order_id, status, total, created_at FROM %s WHERE customer_id = ?",
        List.of(customerId), "", "")), sink);
  }

  private void countSum(RowSink sink) throws SQLException {
    long count = 0;
    BigDecimal sum = null;
    for (List<Object[]> rows : scatter(perTableOrUnion("SELECT COUNT(*) AS c, SUM(total) AS s FROM %s", List.of(),
        "SELECT SUM(c), SUM(s) FROM (", ") t"))) {
      for (Object[] row : rows) {
        count += ((Number) row[0]).longValue();
        if (row[1] != null) {
          sum = sum == null ? (BigDecimal) row[1] : sum.add((BigDecimal) row[1]);
        }
      }
    }
    sink.row(new Object[] {count, sum});
  }

  private void groupByAvg(RowSink sink) throws SQLException {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (List<Object[]> rows : scatter(perTableOrUnion(
        "SELECT status, COUNT(*) AS c, SUM(total) AS s FROM %s GROUP BY status", List.of(),
        "SELECT status, SUM(c), SUM(s) FROM (", ") t GROUP BY status"))) {
      for (Object[] row : rows) {
        String status = (String) row[0];
        counts.computeIfAbsent(status, s -> new long[1])[0] += ((Number) row[1]).longValue();
        sums.merge(status, (BigDecimal) row[2], BigDecimal::add);
      }
    }
    for (Map.Entry<String, long[]> entry : counts.entrySet()) {
      long count = entry.getValue()[0];
      // MySQL's AVG of a DECIMAL(12,2): 4 more decimals (div_precision_increment), rounded half up
      BigDecimal average = sums.get(entry.getKey()).divide(BigDecimal.valueOf(count), 6, RoundingMode.HALF_UP);
      sink.row(new Object[] {entry.getKey(), count, average});
    }
  }

  private void newestTen(RowSink sink) throws SQLException {
    String perTable = "SELECT " + ORDER_COLUMNS + " FROM %s ORDER BY created_at DESC LIMIT 10";
    List<Object[]> all = new ArrayList<>();
    for (List<Object[]> rows : scatter(perTableOrUnion(unionPerServer ? "(" + perTable + ")" : perTable, List.of(), "",
        " ORDER BY created_at DESC LIMIT 10"))) {
      all.addAll(rows);
    }
    all.sort(newestFirst(TOP_CREATED_AT));
    for (int i = 0; i < Math.min(10, all.size()); i++) {
      sink.row(all.get(i));
    }
  }

  /**
   * Rows {@code offset+1 … offset+count} by created_at descending. Per table: every table's first offset+count rows
   * read whole, then merged. Per server: the servers' sorted streams merged as they arrive, in constant memory.
   */
  private void page(long offset, long count, RowSink sink) throws SQLException {
    long perSource = offset + count;
    String perTable = "SELECT " + PAGE_COLUMNS + " FROM %s ORDER BY created_at DESC LIMIT " + perSource;
    if (!unionPerServer) {
      List<List<Object[]>> results = scatter(perTableOrUnion(perTable, List.of(), "", ""));
      mergeSorted(cursors(results), offset, count, sink);
      return;
    }
    List<Physical> statements = perTableOrUnion("(" + perTable + ")", List.of(), "",
        " ORDER BY created_at DESC LIMIT " + perSource);
    List<Streaming> streams = openStreams(statements);
    try {
      List<Cursor> cursors = new ArrayList<>();
      for (Streaming stream : streams) {
        cursors.add(stream);
      }
      mergeSorted(cursors, offset, count, sink);
    } finally {
      for (Streaming stream : streams) {
        stream.close();
      }
    }
  }

  private static Comparator<Object[]> newestFirst(int column) {
    return (a, b) -> compareValues(b[column], a[column]);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }

  /** A sorted source of rows for the k-way merge. */
  private interface Cursor {
    /** The next row, or null at the end. */
    Object[] next() throws SQLException;
  }

  private static List<Cursor> cursors(List<List<Object[]>> results) {
    List<Cursor> cursors = new ArrayList<>();
    for (List<Object[]> rows : results) {
      java.util.Iterator<Object[]> iterator = rows.iterator();
      cursors.add(() -> iterator.hasNext() ? iterator.next() : null);
    }
    return cursors;
  }

  private static void mergeSorted(List<Cursor> cursors, long offset, long count, RowSink sink) throws SQLException {
    record Head(Object[] row, Cursor cursor) {}
    PriorityQueue<Head> heads = new PriorityQueue<>(Math.max(1, cursors.size()),
        (a, b) -> compareValues(b.row()[PAGE_CREATED_AT], a.row()[PAGE_CREATED_AT]));
    for (Cursor cursor : cursors) {
      Object[] row = cursor.next();
      if (row != null) {
        heads.add(new Head(row, cursor));
      }
    }
    long skipped = 0;
    long emitted = 0;
    while (emitted < count && !heads.isEmpty()) {
      Head head = heads.poll();
      if (skipped < offset) {
        skipped++;
      } else {
        sink.row(head.row());
        emitted++;
      }
      Object[] next = head.cursor().next();
      if (next != null) {
        heads.add(new Head(next, head.cursor()));
      }
    }
  }

  /** One statement per table, or per server a {@code prefix + UNION ALL of the tables' statements + suffix}. */
  private List<Physical> perTableOrUnion(String template, List<Object> parameters, String prefix, String suffix) {
    List<Physical> statements = new ArrayList<>();
    for (int d = 0; d < layout.dataSources(); d++) {
      List<Physical> members = new ArrayList<>();
      for (int shard = d * layout.tablesPerDataSource(); shard < (d + 1) * layout.tablesPerDataSource(); shard++) {
        members.add(new Physical(d, String.format(template, layout.table("orders", shard)), parameters));
      }
      if (unionPerServer) {
        statements.add(unionAll(members, prefix, suffix));
      } else {
        statements.addAll(members);
      }
    }
    return statements;
  }

  private static Physical unionAll(List<Physical> members, String prefix, String suffix) {
    StringBuilder sql = new StringBuilder(prefix);
    List<Object> parameters = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      sql.append(i == 0 ? "" : " UNION ALL ").append(members.get(i).sql());
      parameters.addAll(members.get(i).parameters());
    }
    return new Physical(members.get(0).dataSource(), sql.append(suffix).toString(), parameters);
  }

  private static void emit(List<List<Object[]>> results, RowSink sink) {
    for (List<Object[]> rows : results) {
      for (Object[] row : rows) {
        sink.row(row);
      }
    }
  }

  /** Runs the statements at once, all but the last on the scatter pool, and returns each one's rows in order. */
  private List<List<Object[]>> scatter(List<Physical> statements) throws SQLException {
    List<Future<List<Object[]>>> futures = new ArrayList<>(statements.size());
    for (int i = 0; i < statements.size() - 1; i++) {
      Physical physical = statements.get(i);
      futures.add(scatter.submit(() -> readWhole(physical)));
    }
    List<List<Object[]>> results = new ArrayList<>(statements.size());
    List<Object[]> last = statements.isEmpty() ? null : readWhole(statements.get(statements.size() - 1));
    for (Future<List<Object[]>> future : futures) {
      results.add(await(future, futures));
    }
    if (last != null) {
      results.add(last);
    }
    return results;
  }

  private static <T> T await(Future<T> future, List<? extends Future<?>> all) throws SQLException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      for (Future<?> other : all) {
        other.cancel(true);
      }
      if (e.getCause() instanceof SQLException failure) {
        throw failure;
      }
      throw new SQLException("scatter failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a shard", e);
    }
  }

  private List<Object[]> readWhole(Physical physical) throws SQLException {
    try (Connection connection = pools.get(physical.dataSource()).getConnection();
        PreparedStatement statement = prepare(connection, physical);
        ResultSet resultSet = statement.executeQuery()) {
      List<Object[]> rows = new ArrayList<>();
      RowSink.drain(resultSet, rows::add);
      return rows;
    }
  }

  private static PreparedStatement prepare(Connection connection, Physical physical) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(physical.sql());
    try {
      for (int i = 0; i < physical.parameters().size(); i++) {
        statement.setObject(i + 1, physical.parameters().get(i));
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  /** A result streamed row by row (mysql-connector-j's streaming mode), holding its connection until closed. */
  private static final class Streaming implements Cursor, AutoCloseable {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet resultSet;
    private final int columns;

    Streaming(Connection connection, PreparedStatement statement, ResultSet resultSet) throws SQLException {
      this.connection = connection;
      this.statement = statement;
      this.resultSet = resultSet;
      this.columns = resultSet.getMetaData().getColumnCount();
    }

    @Override
    public Object[] next() throws SQLException {
      if (!resultSet.next()) {
        return null;
      }
      Object[] row = new Object[columns];
      for (int i = 0; i < columns; i++) {
        row[i] = resultSet.getObject(i + 1);
      }
      return row;
    }

    @Override
    public void close() {
      for (AutoCloseable closeable : new AutoCloseable[] {resultSet, statement, connection}) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing the rest matters more
        }
      }
    }
  }

  private List<Streaming> openStreams(List<Physical> statements) throws SQLException {
    List<Future<Streaming>> futures = new ArrayList<>();
    for (Physical physical : statements) {
      Callable<Streaming> open = () -> {
        Connection connection = pools.get(physical.dataSource()).getConnection();
        try {
          PreparedStatement statement = prepare(connection, physical);
          statement.setFetchSize(Integer.MIN_VALUE);
          return new Streaming(connection, statement, statement.executeQuery());
        } catch (SQLException | RuntimeException e) {
          connection.close();
          throw e;
        }
      };
      futures.add(scatter.submit(open));
    }
    List<Streaming> streams = new ArrayList<>();
    SQLException failure = null;
    for (Future<Streaming> future : futures) {
      try {
        streams.add(future.get());
      } catch (ExecutionException e) {
        failure = failure != null ? failure
            : e.getCause() instanceof SQLException s ? s : new SQLException(String.valueOf(e.getCause()), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new SQLException("interrupted while opening the streams", e);
        break;
      }
    }
    if (failure != null) {
      for (Streaming stream : streams) {
        stream.close();
      }
      throw failure;
    }
    return streams;
  }

  @Override
  public void close() {
    scatter.shutdownNow();
    for (HikariDataSource pool : pools) {
      pool.close();
    }
  }
}
