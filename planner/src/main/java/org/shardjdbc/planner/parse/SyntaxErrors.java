package org.shardjdbc.planner.parse;

import java.sql.SQLSyntaxErrorException;

/** Builds the syntax errors of SPEC §6: SQLState 42000, with the line and column in the user's text. */
public final class SyntaxErrors {
  static final String SQL_STATE = "42000";

  private SyntaxErrors() {}

  /** A syntax error at {@code offset} of {@code sql}, with its line and column. */
  public static SQLSyntaxErrorException at(String sql, int offset, String problem) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < sql.length(); i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    String near = offset < sql.length() ? sql.substring(offset, Math.min(sql.length(), offset + 40)) : "";
    return new SQLSyntaxErrorException(
        "SQL syntax error at line " + line + ", column " + column + ": " + problem + (near.isEmpty() ? " at the end" : " near '" + near + "'"),
        SQL_STATE);
  }
}
