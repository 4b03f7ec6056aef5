package org.shardjdbc.planner.analyze;

import java.util.ArrayList;
import java.util.List;
import org.shardjdbc.planner.rewrite.Segment;
import org.shardjdbc.planner.rewrite.SqlTemplate;

/**
 * One row of an INSERT: its text, parentheses included, and where its shard key comes from.
 *
 * @param values the row as written, {@code (?, 'new')}; a generated key is a {@code GeneratedKey} segment in it
 * @param key the shard key's value, or null when the table's key generator makes it
 * @param text the row's SQL when it is the same for every shard and execution (only text and {@code ?} markers, as
 *     almost every row is), so that routing a row need not render it; null when it must be rendered
 * @param parameters the indexes of the markers in {@code text}, in order; empty when {@code text} is null
 */
public record InsertRow(SqlTemplate values, ValueSource key, String text, List<Integer> parameters) {
  public InsertRow {
    parameters = List.copyOf(parameters);
  }

  public InsertRow(SqlTemplate values, ValueSource key) {
    this(values, key, fixedText(values), fixedText(values) == null ? List.of() : markers(values));
  }

  private static String fixedText(SqlTemplate values) {
    StringBuilder text = new StringBuilder();
    for (Segment segment : values.segments()) {
      if (segment instanceof Segment.Text part) {
        text.append(part.text());
      } else if (segment instanceof Segment.Parameter) {
        text.append('?');
      } else {
        return null;
      }
    }
    return text.toString();
  }

  private static List<Integer> markers(SqlTemplate values) {
    List<Integer> indexes = new ArrayList<>();
    for (Segment segment : values.segments()) {
      if (segment instanceof Segment.Parameter parameter) {
        indexes.add(parameter.index());
      }
    }
    return indexes;
  }
}
