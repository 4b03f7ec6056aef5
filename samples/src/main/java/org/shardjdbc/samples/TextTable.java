package org.shardjdbc.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Renders rows as an aligned text table; columns whose every value is a number are right-aligned. */
final class TextTable {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private TextTable() {}

  /**
   * @param columns the column labels
   * @param rows the rows, each with one cell per column
   * @param indent put before every line
   * @return the lines, each ending with a line break
   */
  static String render(List<String> columns, List<List<String>> rows, String indent) {
    int[] widths = new int[columns.size()];
    boolean[] numeric = new boolean[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      widths[c] = columns.get(c).length();
      numeric[c] = !rows.isEmpty();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
        numeric[c] &= NUMBER.matcher(row.get(c)).matches();
      }
    }
    StringBuilder text = new StringBuilder();
    line(text, indent, columns, widths, numeric);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    text.append(indent).append(String.join("-+-", rule)).append('\n');
    for (List<String> row : rows) {
      line(text, indent, row, widths, numeric);
    }
    return text.toString();
  }

  private static void line(StringBuilder text, String indent, List<String> cells, int[] widths, boolean[] numeric) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String padding = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : " | ").append(numeric[c] ? padding + cell : cell + padding);
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }
}
