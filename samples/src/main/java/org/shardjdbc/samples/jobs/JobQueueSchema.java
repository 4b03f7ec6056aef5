package org.shardjdbc.samples.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The queue's tables, created through the driver: {@code jobs}, sharded by {@code job_id} (every physical table of
 * it), and {@code job_log}, unsharded on the default data source, one row per job processed.
 */
final class JobQueueSchema {
  private JobQueueSchema() {}

  /** Creates the tables if they are missing, and empties them. */
  static void reset(Connection shard) throws SQLException {
    try (Statement statement = shard.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS jobs (job_id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL,"
          + " status VARCHAR(10) NOT NULL DEFAULT 'new', worker VARCHAR(40), result CHAR(16),"
          + " KEY idx_status (status, job_id))");
      statement.execute("CREATE TABLE IF NOT EXISTS job_log (log_id BIGINT AUTO_INCREMENT PRIMARY KEY,"
          + " job_id BIGINT NOT NULL, worker VARCHAR(40) NOT NULL, result CHAR(16) NOT NULL,"
          + " logged_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), KEY idx_job (job_id))");
      statement.execute("TRUNCATE TABLE jobs");
      statement.execute("TRUNCATE TABLE job_log");
    }
  }

  /** Inserts jobs {@code 0 .. count-1} as new, in batches: what producers do. */
  static void produce(Connection shard, int count) throws SQLException {
    try (PreparedStatement insert = shard.prepareStatement("INSERT INTO jobs (job_id, payload) VALUES (?, ?)")) {
      for (int id = 0; id < count; id++) {
        insert.setLong(1, id);
        insert.setString(2, "job " + id + ": resize image " + Integer.toHexString(id * 7919));
        insert.addBatch();
        if (id % 1000 == 999 || id == count - 1) {
          insert.executeBatch();
        }
      }
    }
  }
}
