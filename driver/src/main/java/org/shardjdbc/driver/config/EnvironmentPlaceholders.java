package org.shardjdbc.driver.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:default}} in configuration values with environment variables.
 *
 * <p>A name starts with a letter or {@code _}, so node ranges such as {@code orders_${000..015}} are left alone.
 * The default runs to the first closing brace; there is no nesting.
 */
final class EnvironmentPlaceholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final Function<String, String> environment;

  EnvironmentPlaceholders(Function<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * @return the value with every placeholder replaced
   * @throws IllegalArgumentException naming the variable when one is not set and has no default
   */
  String substitute(String value) {
    if (value.indexOf("${") < 0) {
      return value;
    }
    Matcher matcher = PLACEHOLDER.matcher(value);
    StringBuilder result = new StringBuilder(value.length());
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement = environment.apply(name);
      if (replacement == null) {
        replacement = matcher.group(2);
      }
      if (replacement == null) {
        throw new IllegalArgumentException("environment variable " + name + " is not set (write ${" + name
            + ":default} to give a default)");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
