package org.shardjdbc.planner.analyze;

import java.sql.SQLFeatureNotSupportedException;

/**
 * The refusal of a SELECT that needs rows of several shards at once (a join of tables that are not bound to each
 * other, a subquery or UNION over other shards, a merge the shards' partial results cannot give): the driver plans such
 * a query with federation instead, and reports this refusal only when federation cannot run it either.
 */
public final class CrossShardQueryException extends SQLFeatureNotSupportedException {
  public CrossShardQueryException(String reason) {
    super(reason, "0A000");
  }
}
