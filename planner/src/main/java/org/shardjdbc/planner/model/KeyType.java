package org.shardjdbc.planner.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The type of a shard key column, as far as routing needs it. MySQL compares a value with a column by the column's
 * type: an integer column reads {@code '9abc'} as 9, a string column compares it as a string under its collation,
 * and a string column compared with the number 9 reads every stored string as a number ({@code '9abc'} again). So
 * which stored keys equal a value, and so which shards must be asked, depends on the type (see {@link MatchingKeys}).
 */
public enum KeyType {
  /** TINYINT, SMALLINT, MEDIUMINT, INT or BIGINT, signed or not. */
  INTEGER,
  /** DECIMAL or NUMERIC. */
  DECIMAL,
  /** FLOAT or DOUBLE: compared as doubles, which no algorithm places exactly; every shard is asked. */
  FLOATING,
  /**
   * CHAR, VARCHAR or TEXT under {@code utf8mb4_general_ci} or {@code utf8mb3_general_ci} (PAD SPACE or NO PAD): the
   * collation the built-in algorithms fold strings by.
   */
  GENERAL_CI_STRING,
  /** CHAR, VARCHAR or TEXT under a binary collation ({@code *_bin}): equal strings are equal characters. */
  BINARY_STRING,
  /**
   * CHAR, VARCHAR or TEXT under any other collation ({@code utf8mb4_unicode_ci}, {@code utf8mb4_0900_ai_ci},
   * {@code latin1_swedish_ci}, ...), which finds strings equal that the built-in algorithms place apart (ignorable
   * characters, expansions, {@code 'ü' = 'y'}).
   */
  OTHER_STRING,
  /** DATE, DATETIME or TIMESTAMP. */
  DATE_TIME,
  /** Any other type (TIME, YEAR, BIT, ENUM, SET, BINARY, BLOB, JSON, ...), or a type that is not known. */
  OTHER;

  private static final Pattern GENERAL_CI = Pattern.compile("utf8(mb3|mb4)?_general(_nopad)?_ci");

  /**
   * The key type of a column as {@code information_schema.COLUMNS} describes it.
   *
   * @param dataType {@code DATA_TYPE}, such as {@code bigint} or {@code varchar}; null when not known
   * @param collation {@code COLLATION_NAME}, such as {@code utf8mb4_general_ci}; null for a column without one
   */
  public static KeyType of(String dataType, String collation) {
    if (dataType == null) {
      return OTHER;
    }
    switch (dataType.toLowerCase(Locale.ROOT)) {
      case "tinyint":
      case "smallint":
      case "mediumint":
      case "int":
      case "integer":
      case "bigint":
        return INTEGER;
      case "decimal":
      case "numeric":
        return DECIMAL;
      case "float":
      case "double":
      case "real":
        return FLOATING;
      case "char":
      case "varchar":
      case "tinytext":
      case "text":
      case "mediumtext":
      case "longtext":
        return stringType(collation);
      case "date":
      case "datetime":
      case "timestamp":
        return DATE_TIME;
      default:
        return OTHER;
    }
  }

  private static KeyType stringType(String collation) {
    if (collation == null) {
      return OTHER_STRING;
    }
    String name = collation.toLowerCase(Locale.ROOT);
    if (GENERAL_CI.matcher(name).matches()) {
      return GENERAL_CI_STRING;
    }
    return name.endsWith("_bin") ? BINARY_STRING : OTHER_STRING;
  }

  /** Whether this is a string type, under whatever collation. */
  public boolean string() {
    return this == GENERAL_CI_STRING || this == BINARY_STRING || this == OTHER_STRING;
  }
}
