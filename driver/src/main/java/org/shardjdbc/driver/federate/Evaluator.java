package org.shardjdbc.driver.federate;

import java.sql.SQLException;

/** An expression compiled for one execution: its value over one row. */
@FunctionalInterface
interface Evaluator {
  Object evaluate(Object[] row) throws SQLException;
}
