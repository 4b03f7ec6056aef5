package org.shardjdbc.planner.federate;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A {@link TableOccurrence} as Calcite sees it: the table's columns as the server types them, then the columns its
 * scan computes. Calcite only plans with it; the rows come from the scan the driver runs.
 */
final class FederationTable extends AbstractTable {
  private final TableOccurrence occurrence;
  private final double rowCount;

  FederationTable(TableOccurrence occurrence, double rowCount) {
    this.occurrence = occurrence;
    this.rowCount = rowCount;
  }

  TableOccurrence occurrence() {
    return occurrence;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory factory) {
    RelDataTypeFactory.Builder row = factory.builder();
    for (ServerColumn column : occurrence.columns()) {
      row.add(column.name(), MysqlTypeSystem.typeOf(column, factory));
    }
    List<ServerColumn> types = occurrence.virtualTypes();
    int value = 0;
    for (TableOccurrence.VirtualColumn column : occurrence.virtualColumns()) {
      row.add(column.name(), column.condition()
          ? factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.BOOLEAN), true)
          : MysqlTypeSystem.typeOf(types.get(value++), factory));
    }
    return row.build();
  }

  /** The rows of the table that the scan's conditions keep, estimated: at least one. */
  @Override
  public Statistic getStatistic() {
    return Statistics.of(Math.max(1, rowCount * occurrence.selectivity()), List.of());
  }
}
