package org.shardjdbc.planner.rewrite;

import java.util.List;

/**
 * The user's statement with the places marked where each shard's SQL differs: table names, IN lists, LIMIT.
 * Rendering it for a shard gives that shard's {@link ShardSql}.
 */
public record SqlTemplate(List<Segment> segments) {
  public SqlTemplate {
    segments = List.copyOf(segments);
  }

  /** The length of the template's fixed text: about what a rendering takes, less table names and values. */
  public int textLength() {
    int length = 0;
    for (Segment segment : segments) {
      if (segment instanceof Segment.Text t) {
        length += t.text().length();
      } else if (segment instanceof Segment.TypeOnly t) {
        length += t.text().length();
      }
    }
    return length;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Segment segment : segments) {
      if (segment instanceof Segment.Text t) {
        text.append(t.text());
      } else if (segment instanceof Segment.Parameter) {
        text.append('?');
      } else if (segment instanceof Segment.TableName t) {
        text.append('{').append(t.table().name()).append('}');
      } else if (segment instanceof Segment.KeyInList in) {
        text.append("{IN#").append(in.inListId()).append('}');
      } else if (segment instanceof Segment.GeneratedKey) {
        text.append("{key}");
      } else if (segment instanceof Segment.TypeOnly t) {
        text.append("{type of ").append(t.text()).append('}');
      } else if (segment instanceof Segment.ShardLimit limit) {
        text.append("LIMIT {").append(limit.offset()).append('+').append(limit.count()).append('}');
      } else {
        throw new IllegalStateException("unknown segment " + segment);
      }
    }
    return text.toString();
  }
}
