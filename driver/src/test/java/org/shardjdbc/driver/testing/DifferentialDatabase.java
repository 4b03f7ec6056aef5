package org.shardjdbc.driver.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * The same generated shop loaded twice: unsharded into one database ({@code t_single}), and sharded over a
 * {@link ShardLayout} (by default {@link ShardLayout#shop}: t_h0..t_h3 x 16 tables = 64 shards of orders and of
 * order_items, countries broadcast to every database, customers unsharded in the default data source's database).
 *
 * <p>SPEC §1's golden rule says a SELECT through {@link #shardUrl()} returns the rows of the same SELECT on
 * {@link #connectSingle()}. Rows are loaded through plain physical connections in batches, never through the driver.
 *
 * <p>{@link #shared()} loads once per JVM into {@link TestServers#shared()}; tests must not write to those databases.
 */
public final class DifferentialDatabase {

  /** The unsharded database's name on the shared server. */
  public static final String SINGLE_DATABASE = "t_single";

  private static DifferentialDatabase shared;

  private final ShardLayout sharded;
  private final ShardLayout single;
  private final ShopData data;

  private DifferentialDatabase(ShardLayout sharded, ShardLayout single, ShopData data) {
    this.sharded = Objects.requireNonNull(sharded, "sharded");
    this.single = Objects.requireNonNull(single, "single");
    this.data = Objects.requireNonNull(data, "data");
  }

  /**
   * The standard shop (default seed and size) on the shared server: {@link ShardLayout#shop(TestServer)} and
   * {@value #SINGLE_DATABASE}, loaded on first call.
   */
  public static synchronized DifferentialDatabase shared() throws SQLException {
    if (shared == null) {
      TestServer server = TestServers.shared();
      ShardLayout layout = ShardLayout.shop(server);
      shared = load(layout, singleLayout(server, SINGLE_DATABASE),
          ShopData.generate(layout.table("orders").shardCount()));
    }
    return shared;
  }

  /** A layout of one data source and no sharded tables: every table is a plain table of that one database. */
  public static ShardLayout singleLayout(TestServer server, String database) {
    return ShardLayout.builder().dataSource(server, database).build();
  }

  /**
   * Recreates the databases of both layouts and loads the data into each: sharded as {@code sharded} says,
   * unsharded into the one database of {@code single}.
   *
   * @param sharded a layout with sharded orders and order_items (bound, same shard count as {@code data}) and
   *     broadcast countries
   * @param single a layout with one data source and no sharded tables ({@link #singleLayout})
   */
  public static DifferentialDatabase load(ShardLayout sharded, ShardLayout single, ShopData data) throws SQLException {
    if (single.dataSources().size() != 1 || !single.model().tables().isEmpty()) {
      throw new IllegalArgumentException("the unsharded layout must be one data source with no sharded tables: " + single);
    }
    if (sharded.table("orders").shardCount() != data.shardCount()) {
      throw new IllegalArgumentException("data generated for " + data.shardCount() + " shards, layout has "
          + sharded.table("orders").shardCount());
    }
    long started = System.nanoTime();
    for (ShardLayout layout : new ShardLayout[] {single, sharded}) {
      layout.recreateDatabases();
      for (ShopData.Table table : data.tables()) {
        layout.createTable(table.name(), table.definition());
        layout.insert(table.name(), table.columns(), table.rows());
      }
    }
    System.out.printf("DifferentialDatabase: loaded %s into %s and %s in %d ms%n", data, single,
        sharded, (System.nanoTime() - started) / 1_000_000);
    return new DifferentialDatabase(sharded, single, data);
  }

  /** The sharded layout (its configuration, model and physical tables). */
  public ShardLayout layout() {
    return sharded;
  }

  /** The unsharded layout: one database holding every table. */
  public ShardLayout single() {
    return single;
  }

  public ShopData data() {
    return data;
  }

  /** {@code jdbc:shard:<path of the sharded layout's YAML>}. */
  public String shardUrl() {
    return sharded.url();
  }

  /** A new logical connection through the driver ({@code DriverManager}, no credentials); the caller closes it. */
  public Connection connectShard() throws SQLException {
    return DriverManager.getConnection(shardUrl());
  }

  /** A new physical connection to the unsharded database; the caller closes it. */
  public Connection connectSingle() throws SQLException {
    ShardLayout.DataSource dataSource = single.defaultDataSource();
    return dataSource.server().connect(dataSource.database());
  }
}
