package org.shardjdbc.samples.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.shardjdbc.driver.config.DataSourceConfig;
import org.shardjdbc.driver.config.ShardConfig;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * The SKIP LOCKED consumer written by hand, for comparison with {@link JobConsumer}: plain mysql-connector-j
 * connections, one per data source, each in a transaction; the claim reads the physical tables one after another, each
 * asked for the jobs still missing, as the driver does; each job is marked done in its physical table and logged in
 * {@code job_log} on the default data source; then every connection touched commits. Only the layout is read from the
 * configuration file.
 *
 * <pre>
 * java … RawJdbcJobConsumer CONFIG.yaml WORKER [--batch N]
 * </pre>
 */
public final class RawJdbcJobConsumer {
  private final LogicalTable jobs;
  private final Map<String, Connection> connections;
  private final Connection logConnection;
  private final String worker;
  private final Set<Connection> touched = new LinkedHashSet<>();
  private long processed;

  private RawJdbcJobConsumer(LogicalTable jobs, Map<String, Connection> connections, String defaultDataSource, String worker) {
    this.jobs = jobs;
    this.connections = connections;
    this.logConnection = connections.get(defaultDataSource);
    this.worker = worker;
  }

  public static void main(String[] args) throws Exception {
    ShardConfig config = ShardConfig.load(Path.of(args[0]).toAbsolutePath().toString());
    int batch = args.length > 3 && args[2].equals("--batch") ? Integer.parseInt(args[3]) : 10;
    Map<String, Connection> connections = new LinkedHashMap<>();
    try {
      for (DataSourceConfig dataSource : config.dataSources().values()) {
        Connection connection = DriverManager.getConnection(dataSource.url(), dataSource.username(), dataSource.password());
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connections.put(dataSource.name(), connection);
      }
      RawJdbcJobConsumer consumer = new RawJdbcJobConsumer(config.model().table("jobs"), connections,
          config.model().defaultDataSource(), args[1]);
      System.out.println("ready");
      consumer.consume(batch);
      System.out.println("processed " + consumer.processed);
    } catch (SQLException e) {
      System.out.println("error: " + e.getMessage());
      System.exit(1);
    } finally {
      for (Connection connection : connections.values()) {
        connection.close();
      }
    }
  }

  private record Job(DataNode node, long id, String payload) {}

  private void consume(int batch) throws SQLException, InterruptedException {
    while (true) {
      List<Job> claimed = claim(batch);
      if (claimed.isEmpty()) {
        commitTouched();
        if (newJobs() == 0) {
          return;
        }
        Thread.sleep(20);
        continue;
      }
      try {
        markDone(claimed);
        commitTouched();
        processed += claimed.size();
      } catch (SQLException e) {
        rollbackTouched();
        if (!Deadlocks.isRetryable(e)) {
          throw e;
        }
      }
    }
  }

  private void markDone(List<Job> claimed) throws SQLException {
    for (Job job : claimed) {
      String result = Work.result(job.payload());
      try (PreparedStatement done = connection(job.node()).prepareStatement("UPDATE " + job.node().table()
          + " SET status = 'done', worker = ?, result = ? WHERE job_id = ?")) {
        done.setString(1, worker);
        done.setString(2, result);
        done.setLong(3, job.id());
        done.executeUpdate();
      }
      try (PreparedStatement log = logConnection.prepareStatement(
          "INSERT INTO job_log (job_id, worker, result) VALUES (?, ?, ?)")) {
        touched.add(logConnection);
        log.setLong(1, job.id());
        log.setString(2, worker);
        log.setString(3, result);
        log.executeUpdate();
      }
    }
  }

  private List<Job> claim(int batch) throws SQLException {
    List<Job> claimed = new ArrayList<>();
    for (int shard = 0; shard < jobs.shardCount() && claimed.size() < batch; shard++) {
      DataNode node = jobs.node(shard);
      try (PreparedStatement select = connection(node).prepareStatement("SELECT job_id, payload FROM " + node.table()
          + " WHERE status = 'new' LIMIT " + (batch - claimed.size()) + " FOR UPDATE SKIP LOCKED");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          claimed.add(new Job(node, rows.getLong(1), rows.getString(2)));
        }
      }
    }
    return claimed;
  }

  private long newJobs() throws SQLException {
    long count = 0;
    for (DataNode node : jobs.nodes()) {
      try (PreparedStatement select = connection(node).prepareStatement("SELECT COUNT(*) FROM " + node.table()
          + " WHERE status = 'new'"); ResultSet rows = select.executeQuery()) {
        rows.next();
        count += rows.getLong(1);
      }
    }
    commitTouched();
    return count;
  }

  private Connection connection(DataNode node) {
    Connection connection = connections.get(node.dataSource());
    touched.add(connection);
    return connection;
  }

  private void rollbackTouched() throws SQLException {
    for (Connection connection : touched) {
      connection.rollback();
    }
    touched.clear();
  }

  private void commitTouched() throws SQLException {
    for (Connection connection : touched) {
      connection.commit();
    }
    touched.clear();
  }
}
