package org.shardjdbc.planner.analyze;

import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;

/**
 * How a table name written in a statement resolves in the logical database, for every kind of statement:
 * <ul>
 *   <li>{@code orders} and {@code shop.orders}, where {@code shop} is the logical database's name (as
 *       {@code Connection.getCatalog()} reports it, the database of the default data source), name the logical
 *       table; the rewrite puts the physical name in place of both parts;
 *   <li>a logical table's name qualified by another database ({@code legacy.orders}) is refused: the driver cannot
 *       reach a table of that name in another database, and sending it to the default data source would read
 *       whatever table of that name lives there;
 *   <li>any other name ({@code customers}, {@code shop.customers}, {@code legacy.audit}) is a table of the default
 *       data source's server, sent as written.
 * </ul>
 * Database names compare as the server compares them on Linux: case-sensitively.
 */
public final class TableNames {
  private final ShardingModel model;

  public TableNames(ShardingModel model) {
    this.model = model;
  }

  /** Whether a qualifier names the logical database. */
  public boolean isLogicalDatabase(String qualifier) {
    return qualifier.equals(model.database());
  }

  /**
   * @param names the parts of the name as written: {@code [table]} or {@code [database, table]}
   * @return the sharded or broadcast table it names, or null for a table of the default data source
   * @throws SQLFeatureNotSupportedException for a logical table's name qualified by another database
   */
  public LogicalTable resolve(List<String> names) throws SQLFeatureNotSupportedException {
    String name = names.get(names.size() - 1);
    LogicalTable table = model.table(name);
    if (table == null || names.size() == 1 || names.size() == 2 && isLogicalDatabase(names.get(0))) {
      return table;
    }
    String qualified = String.join(".", names);
    throw new SQLFeatureNotSupportedException(qualified + ": " + table.name() + " is a table of the logical database"
        + (model.database() == null ? "" : " " + model.database()) + "; a table of that name in another database"
        + " cannot be reached through the driver", "0A000");
  }
}
