package org.shardjdbc.driver.runtime;

import java.security.CodeSource;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a {@link LinkageError} raised while a runtime is created (typically an older SnakeYAML, Guava, Jackson or
 * protobuf on the application's class path than the one the driver was built with) into an SQLException that names
 * the class, the jar it was loaded from, and the remedy: the self-contained driver jar.
 */
final class DependencyConflict {
  private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z_][\\w$]*[./])+[A-Z][\\w$]*");

  private DependencyConflict() {}

  static SQLException of(String location, LinkageError error) {
    String className = className(error);
    String loadedFrom = className == null ? null : loadedFrom(className);
    return new SQLException(location + ": cannot start the driver: " + error
        + (className == null ? "" : " (class " + className
            + (loadedFrom == null ? "" : " loaded from " + loadedFrom) + ")")
        + "; a library on the class path is not the version the driver needs: use the self-contained jar"
        + " shard-jdbc-driver-bundle-<version>.jar, whose dependencies are relocated", "08001", error);
  }

  private static String className(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        Matcher matcher = CLASS_NAME.matcher(cause.getMessage());
        if (matcher.find()) {
          return matcher.group().replace('/', '.');
        }
      }
    }
    return null;
  }

  private static String loadedFrom(String className) {
    try {
      Class<?> type = Class.forName(className, false, DependencyConflict.class.getClassLoader());
      CodeSource source = type.getProtectionDomain().getCodeSource();
      return source == null || source.getLocation() == null ? null : source.getLocation().toString();
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return null;
    }
  }
}
