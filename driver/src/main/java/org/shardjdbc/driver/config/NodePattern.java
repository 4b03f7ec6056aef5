package org.shardjdbc.driver.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Physical table names from a pattern of the configuration: {@code orders_${000..015}} is {@code orders_000} to
 * {@code orders_015}.
 *
 * <p>{@code ${a..b}} is the inclusive range from a to b; the number of digits written for a sets the zero padding
 * ({@code ${0..15}} gives {@code 0}, {@code 1}, ..., {@code 15}). A pattern holds at most one range; a name without
 * one is itself.
 */
final class NodePattern {
  private static final Pattern RANGE = Pattern.compile("\\$\\{([0-9]{1,18})\\.\\.([0-9]{1,18})}");
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$\\x{80}-\\x{FFFF}&&[^\\s\\x{A0}]]+");
  private static final int MAX_NAMES = 100_000;

  private NodePattern() {}

  /**
   * @return the names, in order
   * @throws IllegalArgumentException if the pattern has several ranges, a range that goes down or is too long, a
   *     {@code ${...}} that is no range, or makes a name that is not a plain MySQL identifier
   */
  static List<String> expand(String pattern) {
    Matcher range = RANGE.matcher(pattern);
    if (!range.find()) {
      if (pattern.contains("${")) {
        throw new IllegalArgumentException("'" + pattern + "': ${...} must be a range of numbers such as ${000..015}");
      }
      checkName(pattern, pattern);
      return List.of(pattern);
    }
    String prefix = pattern.substring(0, range.start());
    String suffix = pattern.substring(range.end());
    if (prefix.contains("${") || suffix.contains("${")) {
      throw new IllegalArgumentException("'" + pattern + "': only one ${a..b} range per name; list the names instead");
    }
    long first = Long.parseLong(range.group(1));
    long last = Long.parseLong(range.group(2));
    if (first > last) {
      throw new IllegalArgumentException("'" + pattern + "': the range goes down from " + first + " to " + last);
    }
    if (last - first >= MAX_NAMES) {
      throw new IllegalArgumentException("'" + pattern + "': " + (last - first + 1) + " names, more than "
          + MAX_NAMES);
    }
    int width = range.group(1).length();
    List<String> names = new ArrayList<>((int) (last - first + 1));
    for (long number = first; number <= last; number++) {
      String digits = Long.toString(number);
      String name = prefix + "0".repeat(Math.max(0, width - digits.length())) + digits + suffix;
      checkName(pattern, name);
      names.add(name);
    }
    return names;
  }

  private static void checkName(String pattern, String name) {
    if (!PLAIN_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + pattern + "': '" + name
          + "' is not a plain table name (letters, digits, '_' and '$')");
    }
  }
}
