package org.shardjdbc.planner.analyze;

import org.apache.calcite.sql.SqlSelect;
import org.shardjdbc.planner.model.LogicalTable;

/**
 * A table named in a FROM clause.
 *
 * @param table the sharded or broadcast table, or null for an unsharded one
 * @param name the name as written
 * @param alias the name the query block refers to it by (its alias, else its name)
 * @param aliased whether the statement gives it an alias
 * @param firstToken the index of the name's first token: its database qualifier's, else the name's
 * @param nameToken the index of the token of the name; the rewrite replaces the tokens from firstToken to it
 * @param block the query block whose FROM names it
 */
record TableRef(LogicalTable table, String name, String alias, boolean aliased, int firstToken, int nameToken,
    SqlSelect block) {

  boolean sharded() {
    return table != null && table.sharded();
  }

  boolean broadcast() {
    return table != null && table.broadcast();
  }
}
