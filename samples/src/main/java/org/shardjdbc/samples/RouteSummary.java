package org.shardjdbc.samples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes a route from the rows of the driver's {@code EXPLAIN <select>}: how many physical statements go to which
 * data sources, and the first few of them.
 *
 * <p>EXPLAIN rows are (data_source, physical_sql, params); a row without a data source (a merge step) is shown as it is.
 */
final class RouteSummary {
  /** One row of EXPLAIN. */
  record ExplainRow(String dataSource, String physicalSql, String params) {}

  static final int STATEMENTS_SHOWN = 3;
  private static final int SQL_WIDTH = 120;

  private RouteSummary() {}

  /** Reads the EXPLAIN rows by position: data source, physical SQL, and parameters when there is a third column. */
  static List<ExplainRow> rows(QueryResult explain) {
    List<ExplainRow> rows = new ArrayList<>();
    for (List<String> row : explain.text()) {
      String dataSource = row.isEmpty() || row.get(0).equals("NULL") ? "" : row.get(0);
      rows.add(new ExplainRow(dataSource, row.size() > 1 ? row.get(1) : "", row.size() > 2 ? row.get(2) : ""));
    }
    return rows;
  }

  /**
   * @param rows the EXPLAIN rows
   * @param indent put before every line
   * @return e.g. "route: 128 physical statements on h1 (16), h2 (16), …" and the first few statements, one a line
   */
  static String describe(List<ExplainRow> rows, String indent) {
    Map<String, Integer> perDataSource = new LinkedHashMap<>();
    List<ExplainRow> statements = new ArrayList<>();
    List<ExplainRow> mergeSteps = new ArrayList<>();
    for (ExplainRow row : rows) {
      if (row.dataSource().isBlank()) {
        mergeSteps.add(row);
      } else {
        statements.add(row);
        perDataSource.merge(row.dataSource(), 1, Integer::sum);
      }
    }
    StringBuilder text = new StringBuilder(indent).append("route: ").append(statements.size())
        .append(statements.size() == 1 ? " physical statement" : " physical statements");
    List<String> counts = new ArrayList<>();
    perDataSource.forEach((dataSource, count) -> counts.add(count == 1 ? dataSource : dataSource + " (" + count + ")"));
    if (!counts.isEmpty()) {
      text.append(" on ").append(String.join(", ", counts));
    }
    text.append('\n');
    for (int i = 0; i < Math.min(STATEMENTS_SHOWN, statements.size()); i++) {
      ExplainRow row = statements.get(i);
      text.append(indent).append("  ").append(row.dataSource()).append(": ").append(shorten(row.physicalSql()));
      if (!row.params().isBlank() && !row.params().equals("NULL") && !row.params().equals("[]")) {
        text.append("  ").append(row.params());
      }
      text.append('\n');
    }
    if (statements.size() > STATEMENTS_SHOWN) {
      text.append(indent).append("  … ").append(statements.size() - STATEMENTS_SHOWN).append(" more\n");
    }
    for (ExplainRow step : mergeSteps) {
      text.append(indent).append("  merge: ").append(shorten(step.physicalSql())).append('\n');
    }
    return text.toString();
  }

  private static String shorten(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= SQL_WIDTH ? oneLine : oneLine.substring(0, SQL_WIDTH - 1) + "…";
  }
}
