package org.shardjdbc.benchmarks;

/**
 * The shape of one benchmark database: {@code orders} and {@code order_items} (bound to it on {@code order_id}) split
 * into {@code dataSources × tablesPerDataSource} physical tables placed by {@code order_id mod shardCount}, data source
 * {@code d} holding the consecutive shards {@code d·tablesPerDataSource …}, and {@code countries} on every data source.
 *
 * @param database the database name on each server ({@code bench}); with fewer servers than data sources, data source
 *     {@code d} is database {@code <database>_<d>}
 * @param dataSources how many data sources (8)
 * @param tablesPerDataSource physical tables of each sharded table per data source (16)
 * @param orders how many orders, ids 1..orders; each has 1 to 3 items
 */
public record BenchLayout(String database, int dataSources, int tablesPerDataSource, long orders) {
  public BenchLayout {
    if (!database.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("database '" + database + "': lower-case letters, digits and _ only");
    }
    if (dataSources < 1 || tablesPerDataSource < 1 || orders < 0) {
      throw new IllegalArgumentException(
          "layout " + dataSources + " x " + tablesPerDataSource + " with " + orders + " orders: must be positive");
    }
  }

  /** Physical tables of {@code orders} (and of {@code order_items}). */
  public int shardCount() {
    return dataSources * tablesPerDataSource;
  }

  /** The shard of an order: {@code floorMod(orderId, shardCount)}, as the driver's {@code mod} algorithm places it. */
  public int shardOf(long orderId) {
    return (int) Math.floorMod(orderId, (long) shardCount());
  }

  public int dataSourceOf(int shard) {
    return shard / tablesPerDataSource;
  }

  /** Digits in a physical table's suffix: enough for the last shard, at least 3 ({@code orders_000}). */
  public int suffixWidth() {
    return Math.max(3, Integer.toString(shardCount() - 1).length());
  }

  /** {@code orders_007}: the physical table of a shard. */
  public String table(String logicalTable, int shard) {
    String digits = Integer.toString(shard);
    return logicalTable + "_" + "0".repeat(Math.max(0, suffixWidth() - digits.length())) + digits;
  }

  /** Customers the orders are spread over: about 10 orders each. */
  public long customers() {
    return Math.max(1, orders / 10);
  }

  /** The offset of the deep page: 100,000, or half the orders when there are fewer than 200,000. */
  public long deepPageOffset() {
    return Math.min(100_000, orders / 2);
  }

  /** Physical tables of the layout, {@code orders} and {@code order_items} together (not counting countries). */
  public int physicalTables() {
    return 2 * shardCount();
  }

  /** The key the data was generated with: a reused database must carry the same one. */
  String signature() {
    return "v1 " + dataSources + "x" + tablesPerDataSource + " orders=" + orders;
  }
}
