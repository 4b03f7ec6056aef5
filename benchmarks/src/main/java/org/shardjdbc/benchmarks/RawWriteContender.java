package org.shardjdbc.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Raw JDBC as an application that shards by hand writes: HikariCP pools with the same URL and size as the driver's,
 * the physical table computed from the key. A batch is grouped by physical table and each group sent as a JDBC batch,
 * the data sources concurrently on a thread pool (the calling thread takes the last one).
 */
final class RawWriteContender implements WriteContender {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final BenchLayout LAYOUT = WriteTables.LAYOUT;

  private final List<HikariDataSource> pools;
  private final ExecutorService scatter = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "raw-writes-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private RawWriteContender(List<HikariDataSource> pools) {
    this.pools = pools;
  }

  static RawWriteContender open(BenchCluster cluster) {
    List<HikariDataSource> pools = new ArrayList<>();
    for (int d = 0; d < LAYOUT.dataSources(); d++) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("raw-writes-" + d);
      config.setJdbcUrl(WriteTables.jdbcUrl(cluster, d));
      config.setUsername("root");
      config.setPassword("");
      config.setMaximumPoolSize(ContenderConfigs.POOL_SIZE);
      config.setMinimumIdle(ContenderConfigs.POOL_SIZE);
      pools.add(new HikariDataSource(config));
    }
    return new RawWriteContender(pools);
  }

  @Override
  public long write(WriteWorkload workload, long[] ids) throws SQLException {
    if (workload != WriteWorkload.BATCH_INSERT) {
      int shard = LAYOUT.shardOf(ids[0]);
      try (Connection connection = pools.get(LAYOUT.dataSourceOf(shard)).getConnection();
          PreparedStatement statement = connection.prepareStatement(workload.physicalSql(
              LAYOUT.table("write_log", shard)))) {
        WriteContender.bind(workload, statement, ids[0]);
        return statement.executeUpdate();
      }
    }
    Map<Integer, Map<Integer, List<Long>>> byDataSource = new TreeMap<>();
    for (long id : ids) {
      int shard = LAYOUT.shardOf(id);
      byDataSource.computeIfAbsent(LAYOUT.dataSourceOf(shard), d -> new TreeMap<>())
          .computeIfAbsent(shard, s -> new ArrayList<>()).add(id);
    }
    List<Map.Entry<Integer, Map<Integer, List<Long>>>> groups = new ArrayList<>(byDataSource.entrySet());
    List<Future<Long>> futures = new ArrayList<>();
    for (int i = 0; i < groups.size() - 1; i++) {
      Map.Entry<Integer, Map<Integer, List<Long>>> group = groups.get(i);
      futures.add(scatter.submit(() -> insertBatches(group.getKey(), group.getValue())));
    }
    Map.Entry<Integer, Map<Integer, List<Long>>> last = groups.get(groups.size() - 1);
    long rows = insertBatches(last.getKey(), last.getValue());
    for (Future<Long> future : futures) {
      try {
        rows += future.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted", e);
      }
    }
    return rows;
  }

  /** One data source's rows: a JDBC batch per physical table, on one connection. */
  private long insertBatches(int dataSource, Map<Integer, List<Long>> idsByShard) throws SQLException {
    long rows = 0;
    try (Connection connection = pools.get(dataSource).getConnection()) {
      for (Map.Entry<Integer, List<Long>> shard : idsByShard.entrySet()) {
        try (PreparedStatement statement = connection.prepareStatement(WriteWorkload.BATCH_INSERT.physicalSql(
            LAYOUT.table("write_log", shard.getKey())))) {
          for (long id : shard.getValue()) {
            WriteContender.bind(WriteWorkload.BATCH_INSERT, statement, id);
            statement.addBatch();
          }
          statement.executeBatch();
          rows += shard.getValue().size();
        }
      }
    }
    return rows;
  }

  @Override
  public void close() {
    scatter.shutdownNow();
    pools.forEach(HikariDataSource::close);
  }
}
