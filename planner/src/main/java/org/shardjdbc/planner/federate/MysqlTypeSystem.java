package org.shardjdbc.planner.federate;

import java.sql.Types;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite types as MySQL has them: DECIMAL up to 65 digits with up to 30 after the point, date-times and times with up
 * to 6 fractional digits (Calcite's defaults are 19 digits and milliseconds). {@link #typeOf} maps a server's column to
 * its Calcite type: {@code TINYINT(1)} stays an integer unless the server reports it as BIT, and an unsigned integer
 * becomes the next wider type (an unsigned BIGINT a DECIMAL(20)), which holds all its values.
 */
public final class MysqlTypeSystem extends RelDataTypeSystemImpl {
  public static final MysqlTypeSystem INSTANCE = new MysqlTypeSystem();

  private MysqlTypeSystem() {}

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    switch (typeName) {
      case DECIMAL:
        return 65;
      case TIMESTAMP:
      case TIME:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return 6;
      default:
        return super.getMaxPrecision(typeName);
    }
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 30 : super.getMaxScale(typeName);
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.TIMESTAMP || typeName == SqlTypeName.TIME ? 0 : super.getDefaultPrecision(typeName);
  }

  /** The Calcite type of a server's column, nullable as the column is. */
  public static RelDataType typeOf(ServerColumn column, RelDataTypeFactory factory) {
    String name = column.typeName().toUpperCase(Locale.ROOT);
    boolean unsigned = name.contains("UNSIGNED");
    RelDataType type;
    switch (column.jdbcType()) {
      case Types.BIT:
      case Types.BOOLEAN:
        type = column.precision() <= 1 ? factory.createSqlType(SqlTypeName.BOOLEAN) : factory.createSqlType(SqlTypeName.VARBINARY);
        break;
      case Types.TINYINT:
        type = factory.createSqlType(unsigned ? SqlTypeName.SMALLINT : SqlTypeName.TINYINT);
        break;
      case Types.SMALLINT:
        type = factory.createSqlType(unsigned ? SqlTypeName.INTEGER : SqlTypeName.SMALLINT);
        break;
      case Types.INTEGER:
        type = factory.createSqlType(unsigned ? SqlTypeName.BIGINT : SqlTypeName.INTEGER);
        break;
      case Types.BIGINT:
        type = unsigned ? factory.createSqlType(SqlTypeName.DECIMAL, 20, 0) : factory.createSqlType(SqlTypeName.BIGINT);
        break;
      case Types.DECIMAL:
      case Types.NUMERIC:
        type = factory.createSqlType(SqlTypeName.DECIMAL, Math.max(1, Math.min(65, column.precision())),
            Math.max(0, Math.min(30, column.scale())));
        break;
      case Types.REAL:
      case Types.FLOAT:
        type = factory.createSqlType(name.startsWith("DOUBLE") ? SqlTypeName.DOUBLE : SqlTypeName.REAL);
        break;
      case Types.DOUBLE:
        type = factory.createSqlType(SqlTypeName.DOUBLE);
        break;
      case Types.DATE:
        type = name.startsWith("YEAR") ? factory.createSqlType(SqlTypeName.SMALLINT) : factory.createSqlType(SqlTypeName.DATE);
        break;
      case Types.TIME:
        type = factory.createSqlType(SqlTypeName.TIME, Math.max(0, Math.min(6, column.scale())));
        break;
      case Types.TIMESTAMP:
        type = factory.createSqlType(SqlTypeName.TIMESTAMP, Math.max(0, Math.min(6, column.scale())));
        break;
      case Types.NULL:
        return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.NULL), true);
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB:
        type = factory.createSqlType(SqlTypeName.VARBINARY, Math.max(1, column.precision()));
        break;
      default:
        type = factory.createSqlType(SqlTypeName.VARCHAR, Math.max(1, Math.min(column.precision(), 1 << 24)));
        break;
    }
    return factory.createTypeWithNullability(type, column.nullable());
  }
}
