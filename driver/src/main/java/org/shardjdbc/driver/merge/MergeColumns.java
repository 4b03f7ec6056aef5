package org.shardjdbc.driver.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of the shards' rows as the first shard's metadata describes them: their comparators, and how a value
 * the merge computed (an AVG, a SUM of DISTINCT values, an expression) takes the column's type and scale, so that
 * it is what MySQL returns for the same query on one table.
 */
final class MergeColumns {
  private final int[] types;
  private final int[] scales;
  private final List<ValueComparator> comparators;

  MergeColumns(ResultSetMetaData metadata) throws SQLException {
    int width = metadata.getColumnCount();
    types = new int[width];
    scales = new int[width];
    comparators = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      types[i] = metadata.getColumnType(i + 1);
      scales[i] = metadata.getScale(i + 1);
      comparators.add(new ValueComparator(Collation.forColumn(metadata, i + 1)));
    }
  }

  int width() {
    return types.length;
  }

  List<ValueComparator> comparators() {
    return comparators;
  }

  int scale(int column) {
    return scales[column];
  }

  /** A computed value in the column's type: DECIMAL at its scale, integers as Long, floating point as Double. */
  Object coerce(Object value, int column) {
    if (value == null) {
      return null;
    }
    switch (types[column]) {
      case Types.DECIMAL:
      case Types.NUMERIC:
        return RowExpressionEvaluator.toDecimal(value).setScale(Math.max(scales[column], 0), RoundingMode.HALF_UP);
      case Types.BIGINT:
      case Types.INTEGER:
      case Types.SMALLINT:
      case Types.TINYINT:
        BigDecimal exact = RowExpressionEvaluator.toDecimal(value).setScale(0, RoundingMode.HALF_UP);
        return exact.unscaledValue().bitLength() < 64 ? (Object) exact.longValue() : exact;
      case Types.DOUBLE:
      case Types.FLOAT:
      case Types.REAL:
        return RowExpressionEvaluator.toDouble(value);
      default:
        return value;
    }
  }
}
