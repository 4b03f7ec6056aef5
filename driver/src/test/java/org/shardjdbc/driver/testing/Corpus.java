package org.shardjdbc.driver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the differential corpus: the {@code *.sql} files of a classpath directory (by default {@code differential/}).
 *
 * <p>The format (each file repeats it in its header):
 * <pre>
 * -- free comment lines are ignored
 * -- expect: ordered ci          (optional; words: ordered, ci, refused, optional, prepared, approx, parts, error)
 * -- params: 1, 'x', NULL        (optional; runs the query as a PreparedStatement with these parameters)
 * SELECT ...
 *   FROM ... ;                   (a query ends at a line ending with ';')
 * </pre>
 * Directives apply to the next query only. Parameter literals: integers (setLong), decimals such as {@code 1.50}
 * (setBigDecimal), {@code 1.5e0} (setDouble), {@code 'text'} with {@code ''} for a quote (setString), NULL (setNull),
 * {@code DATE '2024-02-29'} (setDate), {@code TIMESTAMP '2024-02-29 12:00:00'} (setTimestamp). Without an
 * {@code expect:} line a query's rows are compared as a multiset with exact values.
 */
public final class Corpus {

  /** The classpath directory of the differential corpus. */
  public static final String DIRECTORY = "differential";

  private static final Pattern DIRECTIVE = Pattern.compile("--\\s*(expect|params)\\s*:(.*)");
  private static final Pattern INTEGER = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
  private static final Pattern DOUBLE = Pattern.compile("-?\\d+(\\.\\d+)?[eE][-+]?\\d+");
  private static final Pattern TYPED = Pattern.compile("(?i)(DATE|TIMESTAMP)\\s*'([^']*)'");

  private Corpus() {}

  /** Every entry of every {@code *.sql} file under {@value #DIRECTORY}/ on the classpath, files in name order. */
  public static List<CorpusEntry> load() {
    Map<String, String> files = readFiles(DIRECTORY);
    List<CorpusEntry> entries = new ArrayList<>();
    files.forEach((name, text) -> entries.addAll(parse(name, text)));
    return entries;
  }

  /** The text of every {@code *.sql} file in a classpath directory, by file name, sorted. */
  public static Map<String, String> readFiles(String directory) {
    URL url = Corpus.class.getClassLoader().getResource(directory);
    if (url == null) {
      throw new IllegalStateException("no directory '" + directory + "' on the test classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem jar;
        try {
          jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          jar = FileSystems.getFileSystem(uri);
        }
        return readSqlFiles(jar.getPath(directory));
      }
      return readSqlFiles(Path.of(uri));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("reading " + url, e);
    }
  }

  private static Map<String, String> readSqlFiles(Path directory) throws IOException {
    try (Stream<Path> paths = Files.list(directory)) {
      List<Path> files = paths.filter(path -> path.getFileName().toString().endsWith(".sql")).sorted()
          .collect(Collectors.toList());
      Map<String, String> texts = new TreeMap<>();
      for (Path file : files) {
        texts.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
      return texts;
    }
  }

  /**
   * Parses one corpus file.
   *
   * @throws IllegalArgumentException naming file and line for an unknown expectation word, a bad parameter, a
   *     directive inside a query, or a query or directive left open at the end of the file
   */
  public static List<CorpusEntry> parse(String file, String text) {
    List<CorpusEntry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    StringBuilder sql = new StringBuilder();
    int sqlLine = 0;
    int directiveLine = 0;
    List<Object> params = null;
    boolean ordered = false;
    boolean ci = false;
    boolean refused = false;
    boolean optional = false;
    boolean prepared = false;
    boolean approximate = false;
    boolean parts = false;
    boolean error = false;
    for (int index = 0; index < lines.length; index++) {
      int lineNumber = index + 1;
      String line = lines[index].trim();
      if (line.startsWith("--")) {
        Matcher directive = DIRECTIVE.matcher(line);
        if (!directive.matches()) {
          continue; // a comment
        }
        if (sql.length() > 0) {
          throw new IllegalArgumentException(file + ":" + lineNumber + ": directive inside the query that starts at line "
              + sqlLine + " (is its ';' missing?)");
        }
        directiveLine = directiveLine == 0 ? lineNumber : directiveLine;
        String value = directive.group(2).trim();
        if (directive.group(1).equals("params")) {
          params = parseParams(file, lineNumber, value);
          prepared = true;
          continue;
        }
        for (String word : value.split("[\\s,]+")) {
          switch (word) {
            case "ordered":
              ordered = true;
              break;
            case "unordered":
              ordered = false;
              break;
            case "ci":
              ci = true;
              break;
            case "refused":
              refused = true;
              break;
            case "optional":
              optional = true;
              break;
            case "prepared":
              prepared = true;
              break;
            case "approx":
              approximate = true;
              break;
            case "parts":
              parts = true;
              break;
            case "error":
              error = true;
              break;
            case "":
              break;
            default:
              throw new IllegalArgumentException(file + ":" + lineNumber + ": unknown expectation '" + word
                  + "' (known: ordered, unordered, ci, refused, optional, prepared, approx, parts, error)");
          }
        }
        continue;
      }
      if (line.isEmpty() && sql.length() == 0) {
        continue;
      }
      if (sql.length() == 0) {
        sqlLine = lineNumber;
      }
      sql.append(lines[index].stripTrailing()).append('\n');
      if (line.endsWith(";")) {
        String query = sql.toString().trim();
        query = query.substring(0, query.length() - 1).trim();
        entries.add(new CorpusEntry(file, sqlLine, query, params == null ? List.of() : params, prepared, ordered, ci,
            refused, optional, approximate, parts, error));
        sql.setLength(0);
        directiveLine = 0;
        params = null;
        ordered = false;
        ci = false;
        refused = false;
        optional = false;
        prepared = false;
        approximate = false;
        parts = false;
        error = false;
      }
    }
    if (sql.length() > 0) {
      throw new IllegalArgumentException(file + ":" + sqlLine + ": query not terminated by ';' at the end of a line");
    }
    if (directiveLine != 0) {
      throw new IllegalArgumentException(file + ":" + directiveLine + ": directive not followed by a query");
    }
    return entries;
  }

  /** Parses {@code 1, 'x', NULL, 2.50, DATE '2024-02-29'}; an empty value means no parameters. */
  static List<Object> parseParams(String file, int line, String text) {
    List<Object> params = new ArrayList<>();
    int position = 0;
    while (position < text.length()) {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
      if (position == text.length()) {
        break;
      }
      int end;
      Object value;
      if (text.charAt(position) == '\'') {
        StringBuilder string = new StringBuilder();
        end = position + 1;
        while (true) {
          if (end >= text.length()) {
            throw new IllegalArgumentException(file + ":" + line + ": unterminated string in params: " + text);
          }
          char c = text.charAt(end);
          if (c == '\'' && end + 1 < text.length() && text.charAt(end + 1) == '\'') {
            string.append('\'');
            end += 2;
          } else if (c == '\'') {
            end++;
            break;
          } else {
            string.append(c);
            end++;
          }
        }
        value = string.toString();
      } else {
        Matcher typed = TYPED.matcher(text).region(position, text.length());
        if (typed.lookingAt()) {
          end = typed.end();
          try {
            value = typed.group(1).equalsIgnoreCase("DATE") ? Date.valueOf(typed.group(2))
                : Timestamp.valueOf(typed.group(2));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + line + ": bad " + typed.group(0) + " in params", e);
          }
        } else {
          end = text.indexOf(',', position);
          end = end < 0 ? text.length() : end;
          value = literal(file, line, text.substring(position, end).trim());
        }
      }
      params.add(value);
      while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      if (end < text.length() && text.charAt(end) != ',') {
        throw new IllegalArgumentException(file + ":" + line + ": expected ',' at column " + (end + 1) + " of params: "
            + text);
      }
      position = end + 1;
    }
    return params;
  }

  private static Object literal(String file, int line, String token) {
    if (token.equalsIgnoreCase("NULL")) {
      return null;
    }
    if (INTEGER.matcher(token).matches()) {
      return Long.valueOf(token);
    }
    if (DECIMAL.matcher(token).matches()) {
      return new BigDecimal(token);
    }
    if (DOUBLE.matcher(token).matches()) {
      return Double.valueOf(token);
    }
    throw new IllegalArgumentException(file + ":" + line + ": bad parameter '" + token
        + "' (integer, decimal, 1.5e0, 'string', NULL, DATE '...', TIMESTAMP '...')");
  }
}
