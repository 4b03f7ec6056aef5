package org.shardjdbc.driver.testing;

import java.sql.SQLException;

/**
 * When two results' strings of one column count as the same value: exactly ({@link #EXACT}), or as the server's
 * collation of the column says, for values that depend on which row of a group MySQL picks ({@link
 * ServerCollations}: {@code MIN} over {@code 'a'} and {@code 'A'} in a {@code _ci} collation may be either).
 */
public interface StringEquality {
  /** Strings are the same value only when they are equal as Java strings. */
  StringEquality EXACT = new StringEquality() {
    @Override
    public boolean equal(int column, String a, String b) {
      return a.equals(b);
    }

    @Override
    public String key(int column, String value) {
      return value;
    }
  };

  /**
   * Whether two strings of a column are the same value.
   *
   * @param column the 0-based column
   */
  boolean equal(int column, String a, String b) throws SQLException;

  /** A key that two strings of a column share exactly when {@link #equal} says they are the same value. */
  String key(int column, String value) throws SQLException;
}
