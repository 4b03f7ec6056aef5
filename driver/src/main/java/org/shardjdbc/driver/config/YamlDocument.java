package org.shardjdbc.driver.config;

import java.io.StringReader;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The YAML text of a configuration file as a tree of SnakeYAML nodes.
 *
 * <p>The tree is composed, never constructed into objects: no class is ever instantiated from the file, and every
 * scalar keeps its text, so that {@code 010} stays ten and {@code 2024-01-01} stays a string (YAML 1.1 would read an
 * octal number and a timestamp). Anchors, aliases and {@code <<} merge keys work.
 *
 * <p>The configuration writes {@code ${...}} inside flow mappings ({@code { password: ${PW} }}), where YAML forbids a
 * plain scalar to contain braces. Before parsing, every {@code ${...}} on one line is therefore masked with
 * private-use characters of the same length (so that reported columns stay right), and {@link #restore} unmasks
 * scalar texts.
 */
final class YamlDocument {
  private static final char MASKED_DOLLAR = '\uE000';
  private static final char MASKED_OPEN = '\uE001';
  private static final char MASKED_CLOSE = '\uE002';
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^{}\\r\\n]*)}");

  private YamlDocument() {}

  /**
   * @return the root node, or null when the file holds no document
   * @throws SQLException for a syntax error, with its line and column
   */
  static Node parse(String source, String text) throws SQLException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == MASKED_DOLLAR || c == MASKED_OPEN || c == MASKED_CLOSE) {
        throw new SQLException(source + ": line " + lineOf(text, i) + ": the private-use character U+"
            + Integer.toHexString(c).toUpperCase() + " is reserved by the loader", "HY000");
      }
    }
    LoaderOptions options = new LoaderOptions();
    options.setMergeOnCompose(true);
    options.setAllowRecursiveKeys(false);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    try {
      return yaml.compose(new StringReader(mask(text)));
    } catch (MarkedYAMLException e) {
      throw new SQLException(source + ": " + describe(e), "HY000", e);
    } catch (YAMLException e) {
      throw new SQLException(source + ": " + restore(String.valueOf(e.getMessage())), "HY000", e);
    }
  }

  private static String describe(MarkedYAMLException e) {
    StringBuilder message = new StringBuilder();
    Mark problemMark = e.getProblemMark();
    if (problemMark != null) {
      message.append(position(problemMark)).append(": ");
    }
    message.append(e.getProblem() == null ? "invalid YAML" : restore(e.getProblem()));
    if (e.getContext() != null) {
      message.append(" (").append(restore(e.getContext()));
      Mark contextMark = e.getContextMark();
      if (contextMark != null) {
        message.append(" at ").append(position(contextMark));
      }
      message.append(')');
    }
    return message.toString();
  }

  private static String position(Mark mark) {
    return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  static String mask(String text) {
    if (text.indexOf("${") < 0) {
      return text;
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder masked = new StringBuilder(text.length());
    while (matcher.find()) {
      matcher.appendReplacement(masked, "");
      masked.append(MASKED_DOLLAR).append(MASKED_OPEN).append(matcher.group(1)).append(MASKED_CLOSE);
    }
    matcher.appendTail(masked);
    return masked.toString();
  }

  /** A scalar's text as written in the file. */
  static String restore(String text) {
    if (text.indexOf(MASKED_DOLLAR) < 0 && text.indexOf(MASKED_CLOSE) < 0) {
      return text;
    }
    return text.replace(MASKED_DOLLAR, '$').replace(MASKED_OPEN, '{').replace(MASKED_CLOSE, '}');
  }
}
