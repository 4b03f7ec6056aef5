package org.shardjdbc.driver.replica;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import org.shardjdbc.driver.config.ReadWriteSplittingConfig;
import org.shardjdbc.driver.config.ShardConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that the configuration file changed (its modification time or size), and reads its
 * {@code readWriteSplitting} section again. A file that no longer reads or checks is logged and ignored; the
 * settings stay as they were.
 */
final class ConfigFileWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigFileWatch.class);

  private final String location;
  private final Path file;
  private String lastSeen;

  /** @param location the configuration's location, as in the URL */
  ConfigFileWatch(String location) {
    this.location = location;
    this.file = ShardConfig.file(location);
    this.lastSeen = stamp();
  }

  /** Whether the location is a file whose changes can be noticed (not a resource inside a jar). */
  boolean watchable() {
    return file != null;
  }

  /** The file's {@code readWriteSplitting} section if the file changed since the last call and still checks, else null. */
  ReadWriteSplittingConfig changed() {
    String stamp = stamp();
    if (stamp == null || stamp.equals(lastSeen)) {
      return null;
    }
    lastSeen = stamp;
    try {
      return ShardConfig.load(location).readWriteSplitting();
    } catch (SQLException e) {
      LOG.warn("{} changed, but its read/write splitting settings are not applied: {}", location, e.getMessage());
      return null;
    }
  }

  private String stamp() {
    if (file == null) {
      return null;
    }
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.lastModifiedTime() + "/" + attributes.size();
    } catch (IOException e) {
      return null;
    }
  }
}
