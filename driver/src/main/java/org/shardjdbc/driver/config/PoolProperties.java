package org.shardjdbc.driver.config;

import com.zaxxer.hikari.HikariConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the HikariCP properties of a data source ({@code pool: { maximumPoolSize: 16 }}) while the file is read, so
 * that a misspelt name or a bad value fails the configuration rather than the first connection.
 *
 * <p>The names are those of HikariConfig's setters that take text, a number or a boolean, except the ones the data
 * source itself sets; {@code dataSource.<name>} passes a property to the JDBC driver.
 */
final class PoolProperties {
  static final String DRIVER_PROPERTY_PREFIX = "dataSource.";
  /** Set from the data source's own keys or by the driver. */
  private static final Set<String> RESERVED = Set.of("jdbcUrl", "username", "password", "dataSourceClassName",
      "dataSourceJNDI", "driverClassName");
  /** The names allowed in {@code pool:}, sorted. */
  static final List<String> NAMES = names();

  private PoolProperties() {}

  private static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Method method : HikariConfig.class.getMethods()) {
      Class<?>[] parameters = method.getParameterTypes();
      if (method.getName().startsWith("set") && method.getName().length() > 3 && parameters.length == 1
          && !Modifier.isStatic(method.getModifiers()) && isText(parameters[0])) {
        String name = Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4);
        if (!RESERVED.contains(name) && !names.contains(name)) {
          names.add(name);
        }
      }
    }
    Collections.sort(names);
    return List.copyOf(names);
  }

  private static boolean isText(Class<?> type) {
    return type == String.class || type == int.class || type == long.class || type == boolean.class;
  }

  /**
   * @return null when HikariCP accepts the property, else the problem, without the value when it may be secret
   */
  static String problem(String name, String value) {
    if (RESERVED.contains(name)) {
      return "not a pool property: give url, username and password on the data source";
    }
    if (name.startsWith(DRIVER_PROPERTY_PREFIX) && name.length() > DRIVER_PROPERTY_PREFIX.length()) {
      return null;
    }
    if (!NAMES.contains(name)) {
      return "unknown HikariCP property (known: " + String.join(", ", NAMES) + ", or dataSource.<driver property>)";
    }
    String shown = DataSourceConfig.isSecret(name) ? DataSourceConfig.MASK : "'" + value + "'";
    Method setter = setter(name);
    Class<?> type = setter.getParameterTypes()[0];
    String text = value.trim();
    try {
      if (type == boolean.class) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("false") ? null : shown + " is not true or false";
      }
      // the setter is called here rather than through HikariCP's own property loader, which logs the value it rejects
      Object argument = type == int.class ? Integer.valueOf(text) : type == long.class ? Long.valueOf(text) : value;
      setter.invoke(new HikariConfig(), argument);
      return null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return shown + " is not a valid value";
    }
  }

  private static Method setter(String name) {
    String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Method method : HikariConfig.class.getMethods()) {
      if (method.getName().equals(setter) && method.getParameterCount() == 1
          && isText(method.getParameterTypes()[0])) {
        return method;
      }
    }
    throw new IllegalStateException("no setter for HikariCP property " + name);
  }
}
