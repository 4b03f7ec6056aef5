package org.shardjdbc.planner.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.shardjdbc.planner.parse.Token;

/**
 * Builds a {@link SqlTemplate} from the user's text by splicing at token positions: everything not edited, white
 * space and comments included, stays exactly as the user wrote it, and every {@code ?} stays a parameter.
 */
public final class TemplateBuilder {
  private final String sql;
  private final List<Token> tokens;
  private final TreeMap<Integer, List<Segment>> insertions = new TreeMap<>();
  private final TreeMap<Integer, Replacement> replacements = new TreeMap<>();
  private int[] parametersBefore;

  private record Replacement(int last, List<Segment> segments) {}

  public TemplateBuilder(String sql, List<Token> tokens) {
    this.sql = sql;
    this.tokens = tokens;
  }

  /** Puts segments before token {@code index} ({@code tokens.size()} for the end), after earlier insertions there. */
  public TemplateBuilder insertBefore(int index, List<Segment> segments) {
    insertions.computeIfAbsent(index, i -> new ArrayList<>()).addAll(segments);
    return this;
  }

  /** Puts text before token {@code index}, with a space on each side so that it never joins a neighbouring word. */
  public TemplateBuilder insertBefore(int index, String text) {
    return insertBefore(index, List.of(new Segment.Text(" " + text + " ")));
  }

  /** Replaces tokens {@code first..last} (inclusive) with segments; replaced ranges must not overlap. */
  public TemplateBuilder replace(int first, int last, List<Segment> segments) {
    var floor = replacements.floorEntry(last);
    if (floor != null && floor.getValue().last() >= first) {
      throw new IllegalStateException("overlapping rewrites at tokens " + first + ".." + last);
    }
    replacements.put(first, new Replacement(last, List.copyOf(segments)));
    return this;
  }

  public TemplateBuilder remove(int first, int last) {
    return replace(first, last, List.of());
  }

  /** Whether tokens {@code first..last} overlap a range already replaced. */
  public boolean replaced(int first, int last) {
    var floor = replacements.floorEntry(last);
    return floor != null && floor.getValue().last() >= first;
  }

  /** The whole statement with its edits. */
  public SqlTemplate build() {
    return build(0, tokens.size());
  }

  /**
   * Tokens {@code first} to {@code end - 1} with their edits, from the first one's text to the last one's; the whole
   * statement, white space and comments around it included, when the range is all of it. A replacement must lie
   * wholly inside or outside the range; insertions before {@code end} belong to what follows.
   */
  public SqlTemplate build(int first, int end) {
    boolean whole = first == 0 && end == tokens.size();
    List<Segment> segments = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int parameter = countParametersBefore(first);
    int i = first;
    int textEnd = whole || first >= tokens.size() ? 0 : tokens.get(first).start();
    while (i <= end) {
      if (i == end && !whole) {
        break;
      }
      int gapEnd = i < tokens.size() ? tokens.get(i).start() : sql.length();
      text.append(sql, textEnd, gapEnd);
      List<Segment> inserted = insertions.get(i);
      if (inserted != null) {
        if (text.length() == 0 || !Character.isWhitespace(text.charAt(text.length() - 1))) {
          text.append(' ');
        }
        for (Segment segment : inserted) {
          append(segment, segments, text);
        }
        text.append(' ');
      }
      if (i == tokens.size()) {
        break;
      }
      Replacement replacement = replacements.get(i);
      if (replacement != null && replacement.last() >= end) {
        throw new IllegalStateException("a rewrite of tokens " + i + ".." + replacement.last() + " crosses " + end);
      }
      if (replacement != null) {
        for (Segment segment : replacement.segments()) {
          append(segment, segments, text);
        }
        for (int j = i; j <= replacement.last(); j++) {
          if (tokens.get(j).kind() == Token.Kind.PARAMETER) {
            parameter++;
          }
        }
        textEnd = tokens.get(replacement.last()).end();
        i = replacement.last() + 1;
        continue;
      }
      Token token = tokens.get(i);
      if (token.kind() == Token.Kind.PARAMETER) {
        flush(text, segments);
        segments.add(new Segment.Parameter(parameter++));
      } else {
        text.append(token.text());
      }
      textEnd = token.end();
      i++;
    }
    flush(text, segments);
    return new SqlTemplate(segments);
  }

  /**
   * The number of {@code ?} before token {@code index}, from counts made once: an IN list of n values asks this n
   * times, and counting each time made a list of 100,000 values take a minute.
   */
  private int countParametersBefore(int index) {
    if (parametersBefore == null) {
      parametersBefore = new int[tokens.size() + 1];
      for (int i = 0; i < tokens.size(); i++) {
        parametersBefore[i + 1] = parametersBefore[i] + (tokens.get(i).kind() == Token.Kind.PARAMETER ? 1 : 0);
      }
    }
    return parametersBefore[index];
  }

  private static void append(Segment segment, List<Segment> segments, StringBuilder text) {
    if (segment instanceof Segment.Text t) {
      text.append(t.text());
    } else {
      flush(text, segments);
      segments.add(segment);
    }
  }

  private static void flush(StringBuilder text, List<Segment> segments) {
    if (text.length() > 0) {
      segments.add(new Segment.Text(text.toString()));
      text.setLength(0);
    }
  }

  /** The segments of tokens {@code first..last} as written: text, with each {@code ?} a parameter. */
  public List<Segment> segmentsOf(int first, int last) {
    List<Segment> segments = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int parameter = countParametersBefore(first);
    for (int i = first; i <= last; i++) {
      Token token = tokens.get(i);
      if (i > first) {
        text.append(sql, tokens.get(i - 1).end(), token.start());
      }
      if (token.kind() == Token.Kind.PARAMETER) {
        flush(text, segments);
        segments.add(new Segment.Parameter(parameter++));
      } else {
        text.append(token.text());
      }
    }
    flush(text, segments);
    return segments;
  }
}
