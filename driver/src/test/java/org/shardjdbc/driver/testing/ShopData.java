package org.shardjdbc.driver.testing;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * The generated rows of the differential tests' shop: countries, customers, orders and order_items, the same for a
 * given seed, size and shard count on every machine ({@link Random} is specified).
 *
 * <p>The data is built to bite a sharding driver:
 * <ul>
 *   <li>skewed placement: a few hot shards hold about a third of the orders, and some shards hold none (see
 *       {@link #emptyShards()}); negative order_ids, and keys beyond 2^53 (not exact as a double) near the ends of
 *       BIGINT;
 *   <li>strings that utf8mb4_general_ci compares equal but that differ in case, accents or trailing spaces
 *       ({@code 'paid'}, {@code 'PAID'}, {@code 'Paid '}; {@code 'é'}, {@code 'É'}, {@code 'e'}), empty strings and
 *       NULLs;
 *   <li>DECIMAL amounts near the column's maximum and INT quantities near 2^31, so that SUM needs DECIMAL (and
 *       {@code SUM(qty * qty)} exceeds BIGINT); NULLs in every nullable column;
 *   <li>DOUBLE discounts that are all multiples of 1/16, so that a sum is exact in any order and a sharded SUM or AVG
 *       of them must equal the unsharded one bit for bit;
 *   <li>orders with no items, items whose order does not exist, country codes not in countries and in lower case;
 *   <li>one tag per order, the same string in columns of seven collations ({@link #TAG_COLLATIONS}): case, accent,
 *       trailing-space and tab variants, expansions ({@code 'ß'}, {@code 'æ'}, {@code 'ǆ'}), combining accents, full
 *       width letters and characters above U+FFFF, where the collations disagree; the latin1 column gets {@code '?'}
 *       for a tag latin1 cannot hold.
 * </ul>
 */
public final class ShopData {

  public static final long DEFAULT_SEED = 20240229L;
  /** About 5,000 orders and 15,000 items. */
  public static final int DEFAULT_ORDERS = 5000;

  private static final String TABLE_OPTIONS = " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci";

  /** The DDL of the four tables, after the table name (see {@link ShardLayout#createTable}). */
  /**
   * The columns of the orders' tag and their collations: binary with and without padding, UCA 4.0.0, MariaDB's UCA
   * 14.0.0 (PAD SPACE, and NO PAD with accents and case), {@code utf8mb4_0900_ai_ci} (an alias of a NO PAD uca1400
   * collation on MariaDB 11.4), latin1's default, and general_ci without padding.
   */
  public static final List<String[]> TAG_COLLATIONS = List.of(
      new String[] {"tag_bin", "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"},
      new String[] {"tag_unicode", "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"},
      new String[] {"tag_uca", "CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_ai_ci"},
      new String[] {"tag_uca_cs", "CHARACTER SET utf8mb4 COLLATE utf8mb4_uca1400_nopad_as_cs"},
      new String[] {"tag_0900", "CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci"},
      new String[] {"tag_latin1", "CHARACTER SET latin1 COLLATE latin1_swedish_ci"},
      new String[] {"tag_nopad", "CHARACTER SET utf8mb4 COLLATE utf8mb4_general_nopad_ci"});

  public static final String ORDERS_DEFINITION = "(order_id BIGINT NOT NULL, customer_id INT NULL,"
      + " status VARCHAR(20) NULL, amount DECIMAL(12,2) NULL, qty INT NULL, discount DOUBLE NULL,"
      + " note VARCHAR(50) NULL, country_code CHAR(2) NULL, created_at DATETIME NULL, paid_at DATE NULL,"
      + tagColumns() + " PRIMARY KEY (order_id), KEY idx_customer (customer_id))" + TABLE_OPTIONS;
  public static final String ORDER_ITEMS_DEFINITION = "(item_id BIGINT NOT NULL, order_id BIGINT NOT NULL,"
      + " sku VARCHAR(20) NULL, price DECIMAL(10,2) NULL, quantity INT NULL,"
      + " PRIMARY KEY (item_id), KEY idx_order (order_id))" + TABLE_OPTIONS;
  public static final String COUNTRIES_DEFINITION = "(code CHAR(2) NOT NULL, name VARCHAR(50) NOT NULL,"
      + " region VARCHAR(20) NULL, PRIMARY KEY (code))" + TABLE_OPTIONS;
  public static final String CUSTOMERS_DEFINITION = "(customer_id INT NOT NULL, name VARCHAR(50) NOT NULL,"
      + " tier VARCHAR(10) NULL, PRIMARY KEY (customer_id))" + TABLE_OPTIONS;

  private static final String[][] COUNTRIES = {
      {"DE", "Germany", "Europe"}, {"FR", "France", "Europe"}, {"US", "United States", "Americas"},
      {"GB", "United Kingdom", "europe"}, {"ES", "España", "Europe "}, {"IT", "Italia", "EUROPE"},
      {"CH", "Schweiz", "Europe"}, {"JP", "日本", "Asia"}, {"BR", "Brasil", "Americas"},
      {"CI", "Côte d'Ivoire", "Africa"}, {"CN", "China", "Asia"}, {"AU", "Australia", "Oceania"},
      {"NZ", "New Zealand", null}, {"MX", "México", "americas"}, {"SE", "Sverige", "Europe"},
  };
  /** Country codes of orders, most frequent first; lower case and 'ZZ' (no such country) on purpose. */
  private static final String[] ORDER_COUNTRIES = {
      "DE", "DE", "DE", "DE", "US", "US", "US", "FR", "FR", "GB", "GB", "ES", "IT", "CH", "JP", "BR", "CI", "CN",
      "AU", "NZ", "MX", "de", "fr", "ZZ",
  };
  private static final String[] STATUSES = {
      "paid", "paid", "paid", "paid", "paid", "paid", "PAID", "PAID", "Paid ", "shipped", "shipped", "shipped",
      "shipped", "shipped", "SHIPPED", "Shipped", "new", "new", "new", "new", "cancelled", "cancelled",
      "CANCELLED ", "", null, null,
  };
  private static final String[] NOTES = {
      "é", "É", "e", "E", "e ", "café", "CAFE", "Café ", "cafe", "", "gift wrap", "Gift Wrap", "GIFT WRAP ", "naïve",
      "naive", "ñandú", "rush", "RUSH ", "Zoë", "zoe",
  };
  /** Tags: strings on which collations disagree; each order gets one (or NULL) in every tag column. */
  private static final String[] TAGS = {
      "a", "A", "a ", "A  ", "á", "Á", "à", "ä", "Ä", "å", "Å", "ae", "æ", "Æ", "b", "B", "ß", "ss", "SS", "ẞ",
      "straße", "STRASSE", "Strasse ", "e", "é", "É", "e\u0301", "ê", "o", "ö", "Ö", "oe", "œ", "Œ", "ø", "z", "Z",
      "ı", "i", "I", "İ", "a\t", "a\n", "\ta", "", " ", "a b", "ab", "a-b", "a_b", "ǆ", "ǅ", "Ǆ", "dž", "ﬁ", "fi",
      "Ａ", "ａ", "😀", "😃", "日本", "中", "a\u00A0", "ÿ", "Ÿ", "y", "Ω", "ω",
  };
  private static final Charset LATIN1 = Charset.forName("windows-1252");
  private static final double[] DISCOUNTS = {0.0, 0.0, 0.0625, 0.125, 0.25, 0.5, 0.75, 1.5, 2.25, 10.0};
  private static final String[] TIERS = {"gold", "GOLD", "Gold ", "silver", "Silver", "bronze", "bronze", null};
  private static final LocalDateTime EPOCH = LocalDateTime.of(2023, 1, 1, 0, 0);
  private static final LocalDateTime LEAP_NOON = LocalDateTime.of(2024, 2, 29, 12, 0);

  /** One table's generated rows. */
  public record Table(String name, String definition, List<String> columns, List<Object[]> rows) {
    public Table {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definition, "definition");
      columns = List.copyOf(columns);
      rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }
  }

  private final long seed;
  private final int shardCount;
  private final BitSet emptyShards;
  private final List<Table> tables;

  private ShopData(long seed, int shardCount, BitSet emptyShards, List<Table> tables) {
    this.seed = seed;
    this.shardCount = shardCount;
    this.emptyShards = emptyShards;
    this.tables = List.copyOf(tables);
  }

  /** The default data for a layout with {@code shardCount} shards of orders. */
  public static ShopData generate(int shardCount) {
    return generate(DEFAULT_SEED, DEFAULT_ORDERS, shardCount);
  }

  /**
   * Generates the shop.
   *
   * @param seed the random seed: same seed, same rows
   * @param orderCount the number of orders (items are about three times as many)
   * @param shardCount the number of shards of orders under {@code mod}, to plan hot and empty shards
   */
  public static ShopData generate(long seed, int orderCount, int shardCount) {
    if (orderCount < 1 || shardCount < 1) {
      throw new IllegalArgumentException("orderCount " + orderCount + ", shardCount " + shardCount + ": must be positive");
    }
    Random random = new Random(seed);
    BitSet empty = emptyShards(shardCount);
    List<Integer> hot = new ArrayList<>();
    List<Integer> other = new ArrayList<>();
    for (int shard = 0; shard < shardCount; shard++) {
      if (!empty.get(shard)) {
        (hot.size() < 4 && (shard == 0 || shard == 1 || shard == 2 || shard == 17) ? hot : other).add(shard);
      }
    }
    if (other.isEmpty()) {
      other = hot;
    }
    Set<Long> orderIds = new LinkedHashSet<>();
    for (long special : new long[] {0L, (1L << 53) + 1, -(1L << 53) - 1, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1}) {
      if (!empty.get((int) Math.floorMod(special, (long) shardCount))) {
        orderIds.add(special);
      }
    }
    long blocks = Math.max(16, orderCount);
    while (orderIds.size() < orderCount) {
      List<Integer> shards = random.nextInt(100) < 35 ? hot : other;
      int shard = shards.get(random.nextInt(shards.size()));
      long block = random.nextInt(100) < 5 ? -1 - random.nextInt((int) (blocks / 10) + 1) : random.nextInt((int) blocks);
      orderIds.add(block * shardCount + shard);
    }

    List<Object[]> orders = new ArrayList<>();
    List<Object[]> items = new ArrayList<>();
    long itemId = 1;
    for (long orderId : orderIds) {
      orders.add(withTags(order(random, orderId), orderId));
      int itemCount = itemCount(random);
      for (int i = 0; i < itemCount; i++) {
        items.add(item(random, itemId++, orderId));
      }
    }
    int orphanShard = hot.isEmpty() ? other.get(0) : hot.get(0);
    for (int i = 0; i < 15; i++) {
      long orphanOrderId = (blocks * 2 + i) * shardCount + orphanShard;
      items.add(item(random, itemId++, orphanOrderId));
    }

    List<Object[]> countries = new ArrayList<>();
    for (String[] country : COUNTRIES) {
      countries.add(new Object[] {country[0], country[1], country[2]});
    }
    List<Object[]> customers = new ArrayList<>();
    for (int id = 1; id <= 500; id++) {
      String name = id % 50 == 0 ? NOTES[random.nextInt(NOTES.length)] + " " + id : "Customer " + id;
      customers.add(new Object[] {id, name, TIERS[random.nextInt(TIERS.length)]});
    }

    List<String> orderColumns = new ArrayList<>(List.of("order_id", "customer_id", "status", "amount", "qty",
        "discount", "note", "country_code", "created_at", "paid_at"));
    for (String[] tag : TAG_COLLATIONS) {
      orderColumns.add(tag[0]);
    }
    List<Table> tables = List.of(
        new Table("countries", COUNTRIES_DEFINITION, List.of("code", "name", "region"), countries),
        new Table("customers", CUSTOMERS_DEFINITION, List.of("customer_id", "name", "tier"), customers),
        new Table("orders", ORDERS_DEFINITION, orderColumns, orders),
        new Table("order_items", ORDER_ITEMS_DEFINITION, List.of("item_id", "order_id", "sku", "price", "quantity"),
            items));
    return new ShopData(seed, shardCount, empty, tables);
  }

  /** Shards with no orders: every 11th from 5 on, and the last one (with 4+ shards). */
  private static BitSet emptyShards(int shardCount) {
    BitSet empty = new BitSet(shardCount);
    if (shardCount >= 4) {
      for (int shard = 5; shard < shardCount; shard += 11) {
        empty.set(shard);
      }
      empty.set(shardCount - 1);
    }
    return empty;
  }

  private static Object[] order(Random random, long orderId) {
    Integer customerId = chance(random, 5) ? null
        : chance(random, 30) ? 1 + random.nextInt(20) : 1 + random.nextInt(600);
    String status = STATUSES[random.nextInt(STATUSES.length)];
    BigDecimal amount;
    int kind = random.nextInt(100);
    if (kind < 3) {
      amount = null;
    } else if (kind < 4) {
      amount = new BigDecimal(new String[] {"9999999999.99", "9876543210.12", "8888888888.88"}[random.nextInt(3)]);
    } else if (kind < 6) {
      amount = new BigDecimal("0.00");
    } else if (kind < 8) {
      amount = BigDecimal.valueOf(-1 - random.nextInt(9999), 2);
    } else {
      amount = BigDecimal.valueOf(1 + random.nextInt(99999), 2);
    }
    Integer qty = chance(random, 3) ? null
        : random.nextInt(1000) < 4 ? 2_000_000_000 + random.nextInt(147_483_647) : 1 + random.nextInt(10);
    Double discount = chance(random, 10) ? null : DISCOUNTS[random.nextInt(DISCOUNTS.length)];
    String note = chance(random, 40) ? null : NOTES[random.nextInt(NOTES.length)];
    String country = chance(random, 5) ? null : ORDER_COUNTRIES[random.nextInt(ORDER_COUNTRIES.length)];
    LocalDateTime createdAt = chance(random, 3) ? LEAP_NOON : EPOCH.plusSeconds(random.nextInt(730 * 24 * 3600));
    String settled = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
    LocalDate paidAt = (settled.equals("paid") || settled.equals("shipped")) && !chance(random, 5)
        ? createdAt.toLocalDate().plusDays(random.nextInt(6)) : null;
    return new Object[] {orderId, customerId, status, amount, qty, discount, note, country, createdAt, paidAt};
  }

  private static String tagColumns() {
    StringBuilder columns = new StringBuilder();
    for (String[] tag : TAG_COLLATIONS) {
      columns.append(' ').append(tag[0]).append(" VARCHAR(20) ").append(tag[1]).append(" NULL,");
    }
    return columns.toString();
  }

  /**
   * The order's row with its tag in every tag column, drawn from a generator of its own (seeded by the order id), so
   * that the other columns are what they were before tags existed.
   */
  private static Object[] withTags(Object[] order, long orderId) {
    Random random = new Random(orderId * 31 + 7);
    String tag = chance(random, 8) ? null : TAGS[random.nextInt(TAGS.length)];
    Object[] row = Arrays.copyOf(order, order.length + TAG_COLLATIONS.size());
    for (int i = 0; i < TAG_COLLATIONS.size(); i++) {
      boolean latin1 = TAG_COLLATIONS.get(i)[0].equals("tag_latin1");
      row[order.length + i] = latin1 && tag != null && !LATIN1.newEncoder().canEncode(tag) ? "?" : tag;
    }
    return row;
  }

  private static Object[] item(Random random, long itemId, long orderId) {
    int number = 1 + random.nextInt(200);
    String sku = String.format("SKU-%03d", number);
    int variant = random.nextInt(100);
    if (variant < 3) {
      sku = sku.toLowerCase(Locale.ROOT);
    } else if (variant < 5) {
      sku = sku + " ";
    }
    BigDecimal price = chance(random, 2) ? null
        : random.nextInt(200) == 0 ? new BigDecimal("99999999.99") : BigDecimal.valueOf(50 + random.nextInt(49951), 2);
    Integer quantity = chance(random, 2) ? null : 1 + random.nextInt(5);
    return new Object[] {itemId, orderId, sku, price, quantity};
  }

  /** 0 to 6 items, about 3 on average; one order in ten has none. */
  private static int itemCount(Random random) {
    int roll = random.nextInt(100);
    return roll < 10 ? 0 : roll < 20 ? 1 : roll < 35 ? 2 : roll < 60 ? 3 : roll < 80 ? 4 : roll < 90 ? 5 : 6;
  }

  private static boolean chance(Random random, int percent) {
    return random.nextInt(100) < percent;
  }

  /** The tables in load order: countries, customers, orders, order_items. */
  public List<Table> tables() {
    return tables;
  }

  public Table table(String name) {
    for (Table table : tables) {
      if (table.name().equals(name)) {
        return table;
      }
    }
    throw new IllegalArgumentException("no generated table '" + name + "'");
  }

  /** The orders shards (indexes under {@code mod} with {@link #shardCount()} shards) that hold no order. */
  public BitSet emptyShards() {
    return (BitSet) emptyShards.clone();
  }

  public int shardCount() {
    return shardCount;
  }

  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("ShopData(seed=" + seed + ", shards=" + shardCount);
    for (Table table : tables) {
      text.append(", ").append(table.name()).append('=').append(table.rows().size());
    }
    return text.append(", empty shards=").append(emptyShards).append(')').toString();
  }
}
