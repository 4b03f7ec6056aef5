package org.shardjdbc.planner.session;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.Token;

/**
 * Writes the parameters of a prepared {@code SET} into its text as literals, as the server would bind them, so that
 * the driver can replay the setting on every physical connection. Tools prepare their SETs: Flyway restores a
 * session with {@code SET foreign_key_checks=?, sql_safe_updates=?}.
 *
 * <pre>
 * SET foreign_key_checks=?, sql_safe_updates=?   with 1, 0
 * SET foreign_key_checks=1, sql_safe_updates=0
 * </pre>
 */
public final class SetParameters {
  private SetParameters() {}

  /** Whether the statement's first word is SET (leading white space allowed): cheap enough for every execution. */
  public static boolean isSet(String sql) {
    int i = 0;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return sql.regionMatches(true, i, "SET", 0, 3)
        && (i + 3 == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + 3)) && sql.charAt(i + 3) != '_');
  }

  /**
   * The SET with each {@code ?} replaced by its value as a literal.
   *
   * @param sql a SET statement
   * @param parameters the values of its {@code ?}s in order: null, Boolean, integers, BigDecimal or String
   * @throws SQLFeatureNotSupportedException for a value of another type
   */
  public static String inline(String sql, List<Object> parameters) throws SQLException {
    StringBuilder text = new StringBuilder(sql.length() + 16);
    int copied = 0;
    int index = 0;
    for (Token token : MySqlTokenizer.tokenize(sql)) {
      if (token.kind() == Token.Kind.PARAMETER) {
        if (index >= parameters.size()) {
          throw new SQLException("No value specified for parameter " + (index + 1), "07001");
        }
        text.append(sql, copied, token.start()).append(literal(parameters.get(index++)));
        copied = token.end();
      }
    }
    return text.append(sql, copied, sql.length()).toString();
  }

  private static String literal(Object value) throws SQLException {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Boolean bool) {
      return bool ? "1" : "0";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    if (value instanceof String string) {
      return "'" + string.replace("\\", "\\\\").replace("'", "''") + "'";
    }
    throw new SQLFeatureNotSupportedException("SET with a parameter of type " + value.getClass().getName()
        + " is not supported: give a number, a string, a boolean or NULL", "0A000");
  }
}
