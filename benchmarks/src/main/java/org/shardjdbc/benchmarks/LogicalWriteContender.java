package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.shardjdbc.driver.jdbc.ShardDataSource;

/**
 * A contender that writes the logical statement as an application does, on a connection of its {@link DataSource}:
 * this driver ({@link ShardDataSource}) or ShardingSphere-JDBC.
 */
final class LogicalWriteContender implements WriteContender {
  private final DataSource dataSource;
  private final AutoCloseable closer;

  private LogicalWriteContender(DataSource dataSource, AutoCloseable closer) {
    this.dataSource = dataSource;
    this.closer = closer;
  }

  static LogicalWriteContender shard(BenchCluster cluster, Path workDirectory) throws SQLException {
    Path config = write(workDirectory, "shard-writes.yaml", WriteTables.shardYaml(cluster));
    ShardDataSource dataSource = new ShardDataSource(config.toString());
    return new LogicalWriteContender(dataSource, dataSource);
  }

  static LogicalWriteContender shardingSphere(BenchCluster cluster, Path workDirectory) throws SQLException {
    Path config = write(workDirectory, "shardingsphere-writes.yaml", WriteTables.shardingSphereYaml(cluster));
    DataSource dataSource;
    try {
      dataSource = YamlShardingSphereDataSourceFactory.createDataSource(config.toFile());
    } catch (IOException e) {
      throw new SQLException("ShardingSphere could not read " + config + ": " + e.getMessage(), e);
    }
    return new LogicalWriteContender(dataSource, (AutoCloseable) dataSource);
  }

  private static Path write(Path directory, String name, String content) throws SQLException {
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(name);
      Files.writeString(file, content);
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new SQLException("writing " + name + " into " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long write(WriteWorkload workload, long[] ids) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(workload.logicalSql())) {
      if (workload != WriteWorkload.BATCH_INSERT) {
        WriteContender.bind(workload, statement, ids[0]);
        return statement.executeUpdate();
      }
      for (long id : ids) {
        WriteContender.bind(workload, statement, id);
        statement.addBatch();
      }
      long rows = 0;
      for (int count : statement.executeBatch()) {
        // ShardingSphere passes on what mysql-connector-j reports for a batch it rewrote into multi-row INSERTs:
        // SUCCESS_NO_INFO for each row (this driver reports MySQL's counts, 1 per row)
        rows += count == Statement.SUCCESS_NO_INFO ? 1 : count;
      }
      return rows;
    }
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + closer + ": " + e, e);
    }
  }
}
