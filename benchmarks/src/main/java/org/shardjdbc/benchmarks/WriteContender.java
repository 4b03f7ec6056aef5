package org.shardjdbc.benchmarks;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One of the systems the write benchmark compares: writes rows given as (id, account, payload). */
interface WriteContender extends AutoCloseable {

  /**
   * Runs one operation of the workload: one statement for {@link WriteWorkload#SINGLE_INSERT} and
   * {@link WriteWorkload#UPDATE_BY_KEY} (of {@code ids[0]}), one batch for {@link WriteWorkload#BATCH_INSERT}.
   *
   * @return the rows the contender reports written
   * @throws SQLException when a row is not written
   */
  long write(WriteWorkload workload, long[] ids) throws SQLException;

  /**
   * {@link #write}, and a failure unless it reports every row written.
   *
   * @return the rows written: {@code ids.length}
   */
  default long writeChecked(WriteWorkload workload, long[] ids) throws SQLException {
    long written = write(workload, ids);
    if (written != ids.length) {
      throw new SQLException("the contender wrote " + written + " of " + ids.length + " rows");
    }
    return written;
  }

  @Override
  void close();

  /**
   * @param name {@link Contender#SHARD}, {@link Contender#RAW} or {@link Contender#SHARDINGSPHERE}
   * @param workDirectory where the logical contenders' configuration is written
   */
  static WriteContender open(String name, BenchCluster cluster, Path workDirectory) throws SQLException {
    switch (name) {
      case Contender.SHARD:
        return LogicalWriteContender.shard(cluster, workDirectory);
      case Contender.RAW:
        return RawWriteContender.open(cluster);
      case Contender.SHARDINGSPHERE:
        return LogicalWriteContender.shardingSphere(cluster, workDirectory);
      default:
        throw new IllegalArgumentException("write contender '" + name + "': expected shard, raw or shardingsphere");
    }
  }

  /** The account and payload of row {@code id}, the same for every contender. */
  static long account(long id) {
    return id % 1000;
  }

  static String payload(long id) {
    return "payload of row " + id;
  }

  /** Binds the parameters of one row of the workload's statement. */
  static void bind(WriteWorkload workload, PreparedStatement statement, long id) throws SQLException {
    if (workload == WriteWorkload.UPDATE_BY_KEY) {
      statement.setString(1, "updated " + payload(id));
      statement.setLong(2, id);
      return;
    }
    statement.setLong(1, id);
    statement.setLong(2, account(id));
    statement.setString(3, payload(id));
  }
}
