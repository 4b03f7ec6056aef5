package org.shardjdbc.driver.config;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:default}} in configuration values with environment variables.
 *
 * <p>A name starts with a letter or {@code _}, so node ranges such as {@code orders_${000..015}} are left alone.
 * The default runs to the first closing brace; there is no nesting.
 *
 * <p>Values taken from the environment are what a file does not want to hold, passwords above all: {@link #mask}
 * hides every one of at least {@value #MASKED_LENGTH} characters in texts about the configuration (shorter ones would
 * hide digits and words everywhere; a password is never shown whatever its length).
 */
final class EnvironmentPlaceholders {
  static final int MASKED_LENGTH = 4;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");

  private final Function<String, String> environment;
  private final Set<String> substituted = new LinkedHashSet<>();

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
      if (replacement != null && replacement.length() >= MASKED_LENGTH) {
        substituted.add(replacement);
      }
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

  /** The text with every value substituted from the environment so far replaced by {@code <masked>}. */
  String mask(String text) {
    String masked = text;
    for (String value : substituted) {
      masked = masked.replace(value, DataSourceConfig.MASK);
    }
    return masked;
  }

  /** The values substituted from the environment so far. */
  Set<String> substituted() {
    return Set.copyOf(substituted);
  }
}
