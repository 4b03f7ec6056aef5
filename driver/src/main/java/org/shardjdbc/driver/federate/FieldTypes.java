package org.shardjdbc.driver.federate;

import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.List;
import org.shardjdbc.planner.federate.PlanNode;

/**
 * The types MySQL gives what the driver computes: the common type of CASE branches, COALESCE operands and UNION
 * columns, and the types of aggregates and window functions (measured on MariaDB 11.4: SUM of INT is DECIMAL(32,0),
 * SUM of DECIMAL(12,2) is DECIMAL(34,2), AVG adds 4 digits of scale, COUNT and ROW_NUMBER are BIGINT).
 */
final class FieldTypes {
  private FieldTypes() {}

  /**
   * The type of a value that may come from any of the fields: integers widen to BIGINT, integers and DECIMALs to
   * DECIMAL of the largest scale, numbers with a DOUBLE to DOUBLE; strings of one collation stay strings; NULL takes
   * the others' type. Other mixes are refused.
   */
  static Field aggregate(List<Field> fields) throws SQLFeatureNotSupportedException {
    Field result = null;
    for (Field field : fields) {
      if (field.jdbcType() == Types.NULL) {
        continue;
      }
      if (result == null) {
        result = field.computed().withNulls();
        continue;
      }
      result = widen(result, field);
    }
    return result == null ? Field.nullField() : result;
  }

  private static Field widen(Field a, Field b) throws SQLFeatureNotSupportedException {
    if (a.isNumeric() && b.isNumeric() && !a.isUnsigned() && !b.isUnsigned()) {
      if (a.isApproximate() || b.isApproximate()) {
        return Field.doubleField();
      }
      if (a.isDecimal() || b.isDecimal()) {
        int scale = Math.max(a.scale(), b.scale());
        int digits = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
        return Field.decimal(digits + scale, scale);
      }
      if (a.jdbcType() == b.jdbcType() && a.className().equals(b.className())) {
        return a;
      }
      return a.jdbcType() == Types.BIGINT || b.jdbcType() == Types.BIGINT || a.jdbcType() == Types.BOOLEAN
          || b.jdbcType() == Types.BOOLEAN ? Field.bigint() : Field.integer();
    }
    if (a.isString() && b.isString()) {
      if (a.collation() != b.collation() && !a.literal() && !b.literal()) {
        throw different(a, b);
      }
      Field column = a.literal() ? b : a;
      return Field.varchar(Math.max(a.precision(), b.precision()), column.collation(), a.literal() && b.literal());
    }
    if (a.jdbcType() == b.jdbcType() && a.className().equals(b.className())) {
      return a;
    }
    throw different(a, b);
  }

  private static SQLFeatureNotSupportedException different(Field a, Field b) {
    return new SQLFeatureNotSupportedException("values of types " + a.typeName() + " and " + b.typeName()
        + (a.isString() ? " (collations " + a.collation() + " and " + b.collation() + ")" : "")
        + " in one column of a query that needs rows of several shards at once are not supported", "0A000");
  }

  /** The type of an aggregate over a column. */
  static Field aggregate(PlanNode.AggregateFunction function, Field input) throws SQLFeatureNotSupportedException {
    switch (function) {
      case COUNT:
        return Field.bigint();
      case SUM:
      case SUM0:
        return sum(input);
      case AVG:
        return average(input);
      case MIN:
      case MAX:
      case SINGLE_VALUE:
        return input.withNulls();
      case GROUPING:
        return Field.integer();
      case LITERAL:
        return Field.booleanField();
    }
    throw new IllegalStateException(function.name());
  }

  static Field sum(Field input) throws SQLFeatureNotSupportedException {
    checkNumeric("SUM", input);
    if (input.isApproximate()) {
      return Field.doubleField();
    }
    return Field.decimal(input.precision() + 22, input.isDecimal() ? input.scale() : 0);
  }

  static Field average(Field input) throws SQLFeatureNotSupportedException {
    checkNumeric("AVG", input);
    if (input.isApproximate()) {
      return Field.doubleField();
    }
    int scale = (input.isDecimal() ? input.scale() : 0) + 4;
    return Field.decimal(input.precision() + 4, scale);
  }

  private static void checkNumeric(String function, Field input) throws SQLFeatureNotSupportedException {
    if (!input.isNumeric() || input.isUnsigned() && input.jdbcType() == Types.BIGINT) {
      throw new SQLFeatureNotSupportedException(function + " of " + input.typeName() + " values in a query that needs rows "
          + "of several shards at once is not supported", "0A000");
    }
  }

  /** The type of a window function over its first argument's column (null when it has none). */
  static Field window(PlanNode.WindowFunction function, Field argument) throws SQLFeatureNotSupportedException {
    switch (function) {
      case ROW_NUMBER:
      case RANK:
      case DENSE_RANK:
      case NTILE:
      case COUNT:
        return Field.bigint();
      case LAG:
      case LEAD:
      case FIRST_VALUE:
      case LAST_VALUE:
      case NTH_VALUE:
      case MIN:
      case MAX:
        return argument.withNulls();
      case SUM:
      case SUM0:
        return sum(argument);
      case AVG:
        return average(argument);
      case PERCENT_RANK:
      case CUME_DIST:
        return Field.doubleField();
    }
    throw new IllegalStateException(function.name());
  }
}
