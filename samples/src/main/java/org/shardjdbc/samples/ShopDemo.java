package org.shardjdbc.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop demo: a logical database of orders sharded over 8 MySQL servers, queried through {@code jdbc:shard:}.
 *
 * <p>{@code orders} and {@code order_items} are 128 tables each, 16 per server, placed by {@code order_id mod 128};
 * {@code countries} is broadcast and {@code customers} lives on h1 (see {@code shop.yaml}). The demo loads 20,000
 * orders and 50,000 items through plain JDBC, then runs one query of each kind through the driver and prints its rows,
 * its time, and its route (from the driver's {@code EXPLAIN}).
 *
 * <pre>
 * mvn -B -q -pl samples exec:java                                             # on an embedded MariaDB
 * mvn -B -q -pl samples exec:java -Dexec.args="/path/to/shop.yaml"          # on real servers that hold the shop
 * mvn -B -q -pl samples exec:java -Dexec.args="/path/to/shop.yaml --load"   # create and load the shop there first
 * </pre>
 *
 * <p>On the embedded server every answer is also checked against the same rows held unsharded in one database. The
 * exit status is 0 when every query ran (and matched), 1 when one did not or the demo could not start, 2 for bad
 * arguments.
 */
public final class ShopDemo {
  static final long SEED = 2024;
  static final int ROWS_SHOWN = 10;
  static final String USAGE = """
      usage: ShopDemo [CONFIG.yaml [--load]]
        no arguments   start an embedded MariaDB with 8 databases standing for 8 servers, load the shop, run the queries
        CONFIG.yaml    run the queries on the servers of that configuration (tables orders and order_items sharded
                       by order_id with mod, countries broadcast, customers on the default data source)
        --load         first drop, create and load the shop's tables there through plain JDBC connections""";
  private static final Pattern PASSWORD = Pattern.compile("(password\\s*:\\s*)(\\$\\{[^}]*}|\"[^\"]*\"|'[^']*'|[^,}\\s#]+)");

  private final PrintStream out;

  private ShopDemo(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the demo and exits with its status.
   *
   * @param args none for the embedded server; or a configuration file, optionally followed by {@code --load}
   */
  public static void main(String[] args) {
    Path workRoot = Path.of(System.getProperty("java.io.tmpdir"), "shard-jdbc-samples");
    System.exit(run(List.of(args), System.out, workRoot));
  }

  /**
   * Runs the demo, printing to {@code out}; the embedded server, if any, is stopped before this returns.
   *
   * @param workRoot where the embedded server's directory is made
   * @return 0 when every query ran (and matched the unsharded copy), 1 otherwise, 2 for bad arguments
   */
  static int run(List<String> args, PrintStream out, Path workRoot) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      out.println("shop demo: " + e.getMessage());
      out.println(USAGE);
      return 2;
    }
    if (arguments.help()) {
      out.println(USAGE);
      return 0;
    }
    long start = System.nanoTime();
    ShopDemo demo = new ShopDemo(out);
    int status;
    try {
      status = arguments.config() == null ? demo.runEmbedded(workRoot) : demo.runOnServers(arguments);
    } catch (Exception e) {
      out.println("shop demo failed: " + describe(e));
      status = 1;
    }
    out.printf("%nshop demo %s in %.1f s%n", status == 0 ? "finished" : "FAILED", seconds(start));
    return status;
  }

  private int runEmbedded(Path workRoot) throws Exception {
    out.println("Starting an embedded MariaDB (under " + workRoot + ") ...");
    long start = System.nanoTime();
    try (EmbeddedShop shop = EmbeddedShop.start(workRoot)) {
      out.printf("8 data sources h1..h8 as 8 databases on one embedded MariaDB at 127.0.0.1:%d (started in %.1f s);"
          + " give a config path to run against real servers%n", shop.port(), seconds(start));
      try (Connection reference = DriverManager.getConnection(shop.referenceUrl(), "root", "")) {
        return runQueries(shop.configFile(), true, reference);
      }
    }
  }

  private int runOnServers(Arguments arguments) throws Exception {
    out.println("Running on the servers of " + arguments.config()
        + (arguments.load() ? "" : " (their tables must hold the shop; add --load to create and load them)"));
    return runQueries(arguments.config(), arguments.load(), null);
  }

  /** Prints the configuration, loads the shop if asked, then runs every query; returns the exit status. */
  private int runQueries(Path configFile, boolean load, Connection reference) throws IOException, SQLException {
    Path config = configFile.toAbsolutePath();
    out.println();
    out.println("Configuration " + config + ":");
    String text;
    try {
      text = Files.readString(config);
    } catch (IOException e) {
      throw new IOException(config + ": cannot read the configuration (" + e.getClass().getSimpleName() + ")", e);
    }
    out.print(indent(maskPasswords(text), "  | "));
    if (load) {
      load(config, reference);
    }
    String url = "jdbc:shard:" + config;
    out.println();
    out.println("Connecting to " + url);
    Connection shard;
    try {
      shard = DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw new SQLException("cannot connect to " + url + ": " + e.getMessage()
          + " (the shard-jdbc-driver jar registers jdbc:shard: through META-INF/services/java.sql.Driver)",
          e.getSQLState(), e.getErrorCode(), e);
    }
    int failed = 0;
    try (shard) {
      List<DemoQuery> queries = ShopQueries.all();
      for (int i = 0; i < queries.size(); i++) {
        out.printf("%n[%d/%d] %s%n", i + 1, queries.size(), queries.get(i).title());
        if (!show(queries.get(i), shard, reference)) {
          failed++;
        }
      }
      out.printf("%n%d of %d queries %s%n", queries.size() - failed, queries.size(),
          reference == null ? "ran" : "ran and matched the unsharded copy");
    }
    return failed == 0 ? 0 : 1;
  }

  private void load(Path config, Connection reference) throws IOException, SQLException {
    ShopLayout layout = ShopLayout.read(config);
    ShopData data = ShopData.generate(ShopData.DEFAULT_ORDERS, SEED);
    long start = System.nanoTime();
    ShopSchema.load(layout, data);
    out.printf("%nLoaded %,d orders and %,d items into %d + %d tables on %d data sources, countries on every one and"
            + " %d customers on %s, through plain JDBC, in %.1f s%n",
        data.orders().size(), data.items().size(), layout.orders().size(), layout.orderItems().size(),
        layout.dataSources().size(), data.customers().size(), layout.defaultDataSource(), seconds(start));
    if (reference != null) {
      start = System.nanoTime();
      ShopSchema.loadUnsharded(reference, data);
      out.printf("Loaded the same rows unsharded into database %s in %.1f s: every answer below is checked against it%n",
          EmbeddedShop.REFERENCE_DATABASE, seconds(start));
    }
  }

  /** Runs one query through the driver and prints it; returns whether it ran and matched the unsharded copy. */
  private boolean show(DemoQuery query, Connection shard, Connection reference) {
    out.println("  " + query.sql());
    if (!query.params().isEmpty()) {
      out.println("  params " + query.params());
    }
    boolean same;
    try {
      long start = System.nanoTime();
      QueryResult result = QueryResult.run(shard, "", query);
      double firstMillis = millis(start);
      start = System.nanoTime();
      QueryResult.run(shard, "", query);
      double againMillis = millis(start);
      printRows(result);
      QueryResult expected = reference == null ? result : QueryResult.run(reference, "", query);
      same = result.sameRows(expected);
      out.printf("  %d %s in %.1f ms (first run %.1f ms)%s%n", result.rows().size(),
          result.rows().size() == 1 ? "row" : "rows", againMillis, firstMillis,
          reference == null ? "" : same ? "; the same rows as the unsharded copy" : "; DIFFERENT from the unsharded copy:");
      if (!same) {
        printRows(expected);
      }
    } catch (SQLException | RuntimeException e) {
      out.println("  FAILED: " + queryFailure(e));
      return false;
    }
    try {
      out.print(RouteSummary.describe(RouteSummary.rows(QueryResult.run(shard, "EXPLAIN ", query)), "  "));
    } catch (SQLException | RuntimeException e) {
      out.println("  EXPLAIN FAILED: " + queryFailure(e));
      return false;
    }
    return same;
  }

  /** Names an unchecked exception's class: the driver must throw only SQLExceptions (SPEC §6). */
  private static String queryFailure(Exception e) {
    return e instanceof RuntimeException ? "unchecked " + e.getClass().getName() + ": " + describe(e) : describe(e);
  }

  private void printRows(QueryResult result) {
    List<List<String>> rows = result.text();
    out.print(TextTable.render(result.columns(), rows.subList(0, Math.min(ROWS_SHOWN, rows.size())), "  "));
    if (rows.size() > ROWS_SHOWN) {
      out.println("  … " + (rows.size() - ROWS_SHOWN) + " more");
    }
  }

  /** The configuration text with every non-empty password replaced by {@code <masked>}. */
  static String maskPasswords(String yaml) {
    Matcher matcher = PASSWORD.matcher(yaml);
    StringBuilder masked = new StringBuilder();
    while (matcher.find()) {
      String value = matcher.group(2);
      boolean empty = value.equals("\"\"") || value.equals("''");
      matcher.appendReplacement(masked, Matcher.quoteReplacement(matcher.group(1) + (empty ? value : "<masked>")));
    }
    return matcher.appendTail(masked).toString();
  }

  private static String indent(String text, String indent) {
    StringBuilder indented = new StringBuilder();
    text.lines().forEach(line -> indented.append((indent + line).stripTrailing()).append('\n'));
    return indented.toString();
  }

  /** The exception's message and those of its causes, each once. */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      if (!text.toString().contains(message)) {
        text.append("; caused by ").append(cause.getClass().getSimpleName()).append(": ").append(message);
      }
    }
    return text.toString();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  /** The command line: a configuration file or none (embedded), {@code --load}, {@code --help}. */
  record Arguments(Path config, boolean load, boolean help) {
    static Arguments parse(List<String> args) {
      Path config = null;
      boolean load = false;
      for (String arg : args) {
        if (arg.equals("--help") || arg.equals("-h")) {
          return new Arguments(null, false, true);
        } else if (arg.equals("--load")) {
          load = true;
        } else if (arg.startsWith("-")) {
          throw new IllegalArgumentException("unknown option '" + arg + "'");
        } else if (config == null) {
          config = Path.of(arg);
        } else {
          throw new IllegalArgumentException("one configuration file only, got '" + config + "' and '" + arg + "'");
        }
      }
      if (load && config == null) {
        throw new IllegalArgumentException("--load needs a configuration file (the embedded server is always loaded)");
      }
      return new Arguments(config, load, false);
    }
  }
}
