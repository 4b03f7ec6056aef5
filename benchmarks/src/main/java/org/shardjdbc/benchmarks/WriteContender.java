package org.shardjdbc.benchmarks;

import java.nio.file.Path;
import java.sql.SQLException;

/** One of the systems the write benchmark compares: inserts rows given as (id, account, payload). */
interface WriteContender extends AutoCloseable {

  /**
   * Inserts the rows, one statement for {@link WriteWorkload#SINGLE_INSERT}, one batch for
   * {@link WriteWorkload#BATCH_INSERT}.
   *
   * @return the rows the contender reports inserted
   * @throws SQLException when a row is not inserted
   */
  long insert(WriteWorkload workload, long[] ids) throws SQLException;

  @Override
  void close();

  /**
   * @param name {@link Contender#SHARD} or {@link Contender#RAW}
   * @param workDirectory where the driver's configuration is written
   */
  static WriteContender open(String name, BenchCluster cluster, Path workDirectory) throws SQLException {
    switch (name) {
      case Contender.SHARD:
        return ShardWriteContender.open(cluster, workDirectory);
      case Contender.RAW:
        return RawWriteContender.open(cluster);
      default:
        throw new IllegalArgumentException("write contender '" + name + "': expected shard or raw");
    }
  }

  /** The account and payload of row {@code id}, the same for every contender. */
  static long account(long id) {
    return id % 1000;
  }

  static String payload(long id) {
    return "payload of row " + id;
  }
}
