package org.shardjdbc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.shardjdbc.driver.jdbc.ShardDataSource;

/**
 * A contender that takes the logical SQL as the application writes it: this driver or ShardingSphere-JDBC. Every
 * query borrows a logical connection, prepares the statement, binds, reads every row and closes, as an application
 * using either as its {@link DataSource} does.
 */
final class LogicalContender implements Contender {
  private final DataSource dataSource;
  private final AutoCloseable closer;
  private final Map<Workload, String> sql = new EnumMap<>(Workload.class);

  private LogicalContender(DataSource dataSource, AutoCloseable closer, BenchLayout layout) {
    this.dataSource = dataSource;
    this.closer = closer;
    for (Workload workload : Workload.values()) {
      sql.put(workload, workload.sql(layout));
    }
  }

  /** This driver, on a configuration file written into {@code workDirectory}. */
  static LogicalContender shard(BenchCluster cluster, BenchLayout layout, Path workDirectory, boolean prefill)
      throws SQLException {
    Path config = write(workDirectory, "shard-" + layout.database() + ".yaml",
        ContenderConfigs.shardYaml(cluster, layout, prefill));
    ShardDataSource dataSource = new ShardDataSource(config.toString());
    return new LogicalContender(dataSource, dataSource, layout);
  }

  /** ShardingSphere-JDBC, on a configuration file written into {@code workDirectory}. */
  static LogicalContender shardingSphere(BenchCluster cluster, BenchLayout layout, Path workDirectory, boolean prefill)
      throws SQLException {
    Path config = write(workDirectory, "shardingsphere-" + layout.database() + ".yaml",
        ContenderConfigs.shardingSphereYaml(cluster, layout, prefill));
    DataSource dataSource;
    try {
      dataSource = YamlShardingSphereDataSourceFactory.createDataSource(config.toFile());
    } catch (IOException e) {
      throw new SQLException("ShardingSphere could not read " + config + ": " + e.getMessage(), e);
    }
    return new LogicalContender(dataSource, (AutoCloseable) dataSource, layout);
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
  public void run(Workload workload, QueryArguments arguments, RowSink sink) throws SQLException {
    List<Object> parameters = arguments.parameters(workload);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.get(workload))) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        RowSink.drain(resultSet, sink);
      }
    }
  }

  @Override
  public void close() {
    try {
      closer.close();
    } catch (Exception e) {
      System.err.println("closing " + closer + ": " + e);
    }
  }
}
