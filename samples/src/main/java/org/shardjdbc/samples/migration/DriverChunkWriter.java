package org.shardjdbc.samples.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a chunk through {@code jdbc:shard:} as one multi-row upsert: the driver sends each row to the shard of its
 * {@code order_id}, and a chunk that needs several physical statements is written all or nothing.
 */
final class DriverChunkWriter implements ChunkWriter {
  private final Connection shard;

  private DriverChunkWriter(Connection shard) {
    this.shard = shard;
  }

  static ChunkWriter.Factory factory(Path config) {
    String url = "jdbc:shard:" + config.toAbsolutePath();
    return () -> new DriverChunkWriter(DriverManager.getConnection(url));
  }

  @Override
  public void write(List<Object[]> rows) throws SQLException {
    try (PreparedStatement upsert = shard.prepareStatement(ChunkWriter.upsert("orders", rows.size()))) {
      int parameter = 1;
      for (Object[] row : rows) {
        for (Object value : row) {
          upsert.setObject(parameter++, value);
        }
      }
      upsert.executeUpdate();
    }
  }

  @Override
  public void close() throws SQLException {
    shard.close();
  }
}
