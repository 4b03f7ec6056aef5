package org.shardjdbc.planner.federate;

import java.util.List;
import java.util.Objects;

/**
 * A recursive common table expression whose anchor and recursive parts read no sharded table: one server computes it
 * whole, from the user's own text, so that its recursion, its limits ({@code cte_max_recursion_depth}) and its column
 * types (the anchor's) are the server's. Each reference to it in the query is a scan of
 * {@code WITH RECURSIVE <definition> SELECT … FROM <name>} on that server.
 *
 * @param name the common table's name
 * @param definition {@code WITH RECURSIVE name [(columns)] AS (…)}, as the user wrote it (without parameters)
 * @param dataSource the data source that holds every table it reads (the default one when it reads none)
 * @param columns its columns, as that server types them
 */
record RecursiveTable(String name, String definition, String dataSource, List<ServerColumn> columns) {
  RecursiveTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(dataSource, "dataSource");
    columns = List.copyOf(columns);
  }
}
