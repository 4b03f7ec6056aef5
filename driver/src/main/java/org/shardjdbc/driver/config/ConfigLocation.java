package org.shardjdbc.driver.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Reads the text of a configuration file from where the URL says: a path ({@code ./shop.yaml},
 * {@code /etc/app/shop.yaml}), a {@code file:} URI or path, or {@code classpath:shop.yaml}.
 */
final class ConfigLocation {
  static final String CLASSPATH_PREFIX = "classpath:";
  static final String FILE_PREFIX = "file:";

  private ConfigLocation() {}

  /**
   * @return the file's text (UTF-8, without a byte order mark)
   * @throws SQLException {@code cannot read <location>: <why>}
   */
  static String read(String location) throws SQLException {
    if (location == null || location.isBlank()) {
      throw new SQLException("no configuration file given: expected a path, file:<path> or classpath:<resource>",
          "HY000");
    }
    byte[] bytes = location.startsWith(CLASSPATH_PREFIX) ? readResource(location) : readFile(location);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw cannotRead(location, "not UTF-8 text", e);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static byte[] readResource(String location) throws SQLException {
    String resource = location.substring(CLASSPATH_PREFIX.length());
    while (resource.startsWith("/")) {
      resource = resource.substring(1);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = ConfigLocation.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw cannotRead(location, "no resource " + resource + " on the class path", null);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw cannotRead(location, String.valueOf(e.getMessage()), e);
    }
  }

  private static byte[] readFile(String location) throws SQLException {
    Path path = path(location);
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw cannotRead(location, path.toAbsolutePath() + " (No such file)", e);
    } catch (AccessDeniedException e) {
      throw cannotRead(location, path.toAbsolutePath() + " (Permission denied)", e);
    } catch (IOException e) {
      throw cannotRead(location, path.toAbsolutePath() + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The file a location reads, so that its changes can be noticed: the path, or a class path resource's file when it
   * is one (not inside a jar); null otherwise.
   */
  static Path file(String location) {
    try {
      if (!location.startsWith(CLASSPATH_PREFIX)) {
        return path(location);
      }
      String resource = location.substring(CLASSPATH_PREFIX.length());
      while (resource.startsWith("/")) {
        resource = resource.substring(1);
      }
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      URL url = (loader != null ? loader : ConfigLocation.class.getClassLoader()).getResource(resource);
      return url != null && url.getProtocol().equals("file") ? Path.of(url.toURI()) : null;
    } catch (SQLException | URISyntaxException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The path of a location that is not on the class path. */
  static Path path(String location) throws SQLException {
    try {
      if (!location.startsWith(FILE_PREFIX)) {
        return Path.of(location);
      }
      String rest = location.substring(FILE_PREFIX.length());
      if (rest.startsWith("/")) {
        try {
          return Path.of(URI.create(location)); // file:/a/b, file:///a/b, file:/a%20b
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
          return Path.of(rest); // not a valid URI (a space, say): a plain path
        }
      }
      return Path.of(rest); // file:./shop.yaml, file:shop.yaml
    } catch (InvalidPathException e) {
      throw cannotRead(location, "not a valid path (" + e.getMessage() + ")", e);
    }
  }

  private static SQLException cannotRead(String location, String why, Throwable cause) {
    return new SQLException("cannot read " + location + ": " + why, "HY000", cause);
  }
}
