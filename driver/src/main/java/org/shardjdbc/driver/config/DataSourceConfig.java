package org.shardjdbc.driver.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One physical server of the configuration ({@code dataSources.h1}): how to connect to it and its read replicas.
 *
 * <p>{@link #toString()} masks the password, and any password written in the URL or the pool properties.
 *
 * @param name the data source's name in the configuration ({@code h1})
 * @param url the JDBC URL of the primary
 * @param username the user on the server, or null to leave it to the URL
 * @param password the password on the server, or null
 * @param pool HikariCP properties by name ({@code maximumPoolSize -> 16}), as text, in file order
 * @param replicas the read replicas of this server, in file order
 */
public record DataSourceConfig(
    String name, String url, String username, String password, Map<String, String> pool,
    List<ReplicaConfig> replicas) {
  static final String MASK = "<masked>";
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;)]*");
  private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

  public DataSourceConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    pool = Collections.unmodifiableMap(new LinkedHashMap<>(pool));
    replicas = List.copyOf(replicas);
  }

  @Override
  public String toString() {
    Map<String, String> maskedPool = new LinkedHashMap<>();
    pool.forEach((key, value) -> maskedPool.put(key, isSecret(key) ? MASK : value));
    return "DataSourceConfig[name=" + name + ", url=" + maskUrl(url) + ", username=" + username
        + ", password=" + (password == null ? null : MASK) + ", pool=" + maskedPool + ", replicas=" + replicas + "]";
  }

  /**
   * The database the URL connects to: the path after the hosts, {@code shop} in {@code jdbc:mysql://h1:3306/shop?x=y}
   * (hosts in brackets or parentheses may hold any character); null when the URL names none.
   */
  public String database() {
    int hosts = url.indexOf("//");
    if (hosts < 0) {
      return null;
    }
    int depth = 0;
    for (int i = hosts + 2; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (depth == 0 && (c == '?' || c == ';')) {
        return null;
      } else if (depth == 0 && c == '/') {
        int end = i + 1;
        while (end < url.length() && url.charAt(end) != '?' && url.charAt(end) != ';') {
          end++;
        }
        String database = URLDecoder.decode(url.substring(i + 1, end), StandardCharsets.UTF_8);
        return database.isEmpty() ? null : database;
      }
    }
    return null;
  }

  /** The URL with {@code password=...} and {@code //user:password@} masked. */
  public static String maskUrl(String url) {
    String masked = URL_PASSWORD.matcher(url).replaceAll("$1" + MASK);
    return URL_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
  }

  static boolean isSecret(String key) {
    return key.toLowerCase(Locale.ROOT).contains("password");
  }
}
