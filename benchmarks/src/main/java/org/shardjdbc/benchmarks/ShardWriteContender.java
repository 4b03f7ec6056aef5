package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.shardjdbc.driver.jdbc.ShardDataSource;

/** This driver: the logical INSERT on a connection of {@link ShardDataSource}, as an application writes it. */
final class ShardWriteContender implements WriteContender {
  private final ShardDataSource dataSource;

  private ShardWriteContender(ShardDataSource dataSource) {
    this.dataSource = dataSource;
  }

  static ShardWriteContender open(BenchCluster cluster, Path workDirectory) throws SQLException {
    try {
      Files.createDirectories(workDirectory);
      Path config = workDirectory.resolve("shard-writes.yaml");
      Files.writeString(config, WriteTables.shardYaml(cluster));
      return new ShardWriteContender(new ShardDataSource(config.toAbsolutePath().toString()));
    } catch (IOException e) {
      throw new SQLException("writing the write benchmark's configuration into " + workDirectory + ": " + e, e);
    }
  }

  @Override
  public long insert(WriteWorkload workload, long[] ids) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(WriteWorkload.LOGICAL_SQL)) {
      if (workload == WriteWorkload.SINGLE_INSERT) {
        bind(statement, ids[0]);
        return statement.executeUpdate();
      }
      for (long id : ids) {
        bind(statement, id);
        statement.addBatch();
      }
      long rows = 0;
      for (int count : statement.executeBatch()) {
        rows += count;
      }
      return rows;
    }
  }

  static void bind(PreparedStatement statement, long id) throws SQLException {
    statement.setLong(1, id);
    statement.setLong(2, WriteContender.account(id));
    statement.setString(3, WriteContender.payload(id));
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
