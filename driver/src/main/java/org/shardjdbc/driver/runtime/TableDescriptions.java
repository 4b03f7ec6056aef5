package org.shardjdbc.driver.runtime;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shardjdbc.driver.execute.DataSourcePool;
import org.shardjdbc.planner.analyze.ResultColumn;
import org.shardjdbc.planner.model.DataNode;
import org.shardjdbc.planner.model.LogicalTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own description of each logical table's columns ({@link ColumnDescription}), for the metadata of
 * results combined per server: a {@code UNION ALL} names no table and loses what the column's definition says
 * (AUTO_INCREMENT, ENUM and SET read as VARCHAR, {@code TINYINT(1)} as TINYINT, TEXT as MEDIUMTEXT), so a select
 * item that is a plain column is described as its table describes it.
 *
 * <p>A table is described by the metadata of {@code SELECT * FROM <first physical table> LIMIT 0}, read once on first
 * use and kept until {@link #invalidate()} (DDL through the driver). The read happens when a result's metadata is
 * first asked for, while the query may hold connections of the same pool: it takes a connection only if one is free
 * at once, and otherwise (or when the read fails) that result keeps the server's description of the union.
 */
public final class TableDescriptions {
  private static final Logger LOG = LoggerFactory.getLogger(TableDescriptions.class);

  private final Map<String, DataSourcePool> pools;
  /** By logical table name, lower case; only tables read. */
  private final Map<String, List<ColumnDescription>> known = new ConcurrentHashMap<>();

  TableDescriptions(Map<String, DataSourcePool> pools) {
    this.pools = pools;
  }

  /**
   * The description of each result column, in order: a column of a sharded or broadcast table as that table
   * describes it, {@link ColumnDescription#EXPRESSION} for an expression, null for any other column.
   *
   * @param columns the select items' origins
   * @param count how many columns the result has
   * @return the descriptions, or null when none can be given (the select items do not give {@code count} columns, or
   *     a table cannot be read now)
   */
  public ColumnDescription[] describe(List<ResultColumn> columns, int count) {
    ColumnDescription[] described = new ColumnDescription[count];
    int next = 0;
    for (ResultColumn column : columns) {
      if (column instanceof ResultColumn.AllColumns all) {
        for (LogicalTable table : all.tables()) {
          List<ColumnDescription> own = table(table);
          if (own == null || next + own.size() > count) {
            return null;
          }
          for (ColumnDescription description : own) {
            described[next++] = description;
          }
        }
      } else if (column instanceof ResultColumn.Column named) {
        if (next == count) {
          return null;
        }
        described[next++] = find(named);
      } else if (column instanceof ResultColumn.Expression) {
        if (next == count) {
          return null;
        }
        described[next++] = ColumnDescription.EXPRESSION;
      } else if (column instanceof ResultColumn.Unknown) {
        if (next == count) {
          return null;
        }
        next++;
      } else {
        throw new IllegalStateException("unknown result column " + column);
      }
    }
    return next == count && Arrays.stream(described).anyMatch(d -> d != null) ? described : null;
  }

  /** Forgets every table's description: the next result that needs one reads it again. */
  void invalidate() {
    known.clear();
  }

  /** The column of the one table among the candidates that has it, or null (none, several, or unreadable). */
  private ColumnDescription find(ResultColumn.Column column) {
    ColumnDescription found = null;
    for (LogicalTable table : column.tables()) {
      List<ColumnDescription> own = table(table);
      if (own == null) {
        return null;
      }
      for (ColumnDescription description : own) {
        if (description.name().equalsIgnoreCase(column.name())) {
          if (found != null) {
            return null;
          }
          found = description;
        }
      }
    }
    return found;
  }

  private List<ColumnDescription> table(LogicalTable table) {
    String key = table.name().toLowerCase(Locale.ROOT);
    List<ColumnDescription> columns = known.get(key);
    if (columns != null) {
      return columns;
    }
    DataNode node = table.node(0);
    DataSourcePool pool = pools.get(node.dataSource());
    try (DataSourcePool.Lease lease = pool == null ? null : pool.tryAcquire()) {
      if (lease == null) {
        return null;
      }
      try (Statement statement = lease.connection().createStatement();
          ResultSet result = statement.executeQuery("SELECT * FROM `" + node.table().replace("`", "``") + "` LIMIT 0")) {
        ResultSetMetaData metadata = result.getMetaData();
        List<ColumnDescription> read = new ArrayList<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
          read.add(ColumnDescription.of(table.name(), metadata, i));
        }
        columns = List.copyOf(read);
      }
    } catch (SQLException e) {
      LOG.debug("cannot describe the columns of {} from {}: its results keep the servers' description", table.name(),
          node, e);
      return null;
    }
    known.put(key, columns);
    return columns;
  }
}
