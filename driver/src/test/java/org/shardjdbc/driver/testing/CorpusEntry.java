package org.shardjdbc.driver.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One query of the differential corpus (see {@link Corpus} for the file format) with what the test expects of it.
 *
 * @param file the corpus file's name, e.g. {@code point.sql}
 * @param line the line of the query's first SQL line in that file
 * @param sql the query, without the final {@code ;}
 * @param params the PreparedStatement parameters in order (Long, BigDecimal, Double, String, Date, Timestamp or null);
 *     empty for none
 * @param prepared run through a PreparedStatement (always when there are parameters), else a plain Statement
 * @param ordered compare rows in order (only when ORDER BY gives a total order); else compare as multisets
 * @param ci compare strings as the unsharded server does in their column's collation (for values that depend on
 *     which row of a group MySQL picks), see {@link ServerCollations}
 * @param refused the driver must refuse the query with SQLFeatureNotSupportedException (SQLState 0A000)
 * @param optional the driver may refuse the query (SQLFeatureNotSupportedException); if it answers, the answer must be
 *     right
 * @param approximate compare DOUBLE values within a relative 1e-12 (see {@link QueryResult#APPROXIMATE}): only for
 *     STDDEV, VARIANCE and their kin, whose last bits the server's own result changes with the order it reads rows
 * @param parts compare strings as the multisets of their comma-separated parts: for GROUP_CONCAT whose ORDER BY does
 *     not fix the order of its values, which MySQL leaves undefined
 * @param error the unsharded server rejects the query with an error, and the driver must fail with an SQLException
 *     too, never answer it
 */
public record CorpusEntry(String file, int line, String sql, List<Object> params, boolean prepared, boolean ordered,
    boolean ci, boolean refused, boolean optional, boolean approximate, boolean parts, boolean error) {

  public CorpusEntry {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sql, "sql");
    params = Collections.unmodifiableList(new ArrayList<>(params)); // may hold SQL NULLs: no List.copyOf
    if (refused && (optional || ordered || ci || approximate || parts)) {
      throw new IllegalArgumentException(file + ":" + line + ": 'refused' excludes ordered, ci, optional, approx and parts");
    }
    if (error && (refused || optional || ordered || ci || approximate || parts)) {
      throw new IllegalArgumentException(file + ":" + line + ": 'error' excludes every other expectation");
    }
  }

  /** An entry whose values are compared exactly. */
  public CorpusEntry(String file, int line, String sql, List<Object> params, boolean prepared, boolean ordered,
      boolean ci, boolean refused, boolean optional) {
    this(file, line, sql, params, prepared, ordered, ci, refused, optional, false, false, false);
  }

  /**
   * The first way in which {@code actual} differs from {@code expected} under this entry's comparison.
   *
   * @param server the unsharded database, which says when the strings of a {@code ci} entry are the same value
   */
  public String firstDifference(QueryResult expected, QueryResult actual, Connection server) throws SQLException {
    StringEquality strings = ci ? new ServerCollations(server, this, expected.labels().size()) : StringEquality.EXACT;
    return expected.firstDifference(actual, ordered, strings, approximate, parts);
  }

  /** {@code file:line}, for messages. */
  public String location() {
    return file + ":" + line;
  }

  /** A short display name: location, one-line SQL (cut at 120 characters), parameters. */
  public String displayName() {
    String oneLine = sql.replaceAll("\\s+", " ");
    if (oneLine.length() > 120) {
      oneLine = oneLine.substring(0, 117) + "...";
    }
    return location() + " " + oneLine + (params.isEmpty() ? "" : " " + params);
  }

  /** The query and its parameters, for failure messages. */
  public String describe() {
    return location() + (refused ? " [refused]" : "") + (ordered ? " [ordered]" : "") + (ci ? " [ci]" : "")
        + (optional ? " [optional]" : "") + (approximate ? " [approx]" : "") + (parts ? " [parts]" : "") + "\n  " + sql.replace("\n", "\n  ")
        + (prepared ? "\n  params: " + params : "");
  }

  /**
   * Runs the query on a connection and reads the whole result.
   *
   * @throws SQLException from preparing, executing or reading
   */
  public QueryResult execute(Connection connection) throws SQLException {
    if (!prepared) {
      try (Statement statement = connection.createStatement();
          ResultSet resultSet = statement.executeQuery(sql)) {
        return QueryResult.read(resultSet);
      }
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        bind(statement, i + 1, params.get(i));
      }
      try (ResultSet resultSet = statement.executeQuery()) {
        return QueryResult.read(resultSet);
      }
    }
  }

  static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.NULL);
    } else if (value instanceof Long) {
      statement.setLong(index, (Long) value);
    } else if (value instanceof BigDecimal) {
      statement.setBigDecimal(index, (BigDecimal) value);
    } else if (value instanceof Double) {
      statement.setDouble(index, (Double) value);
    } else if (value instanceof String) {
      statement.setString(index, (String) value);
    } else if (value instanceof Date) {
      statement.setDate(index, (Date) value);
    } else if (value instanceof Timestamp) {
      statement.setTimestamp(index, (Timestamp) value);
    } else {
      throw new IllegalArgumentException("parameter " + index + ": unsupported " + value.getClass().getName());
    }
  }
}
