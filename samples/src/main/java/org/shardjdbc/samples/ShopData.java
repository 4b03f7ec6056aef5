package org.shardjdbc.samples;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The shop's rows, generated from a seed so that every run shows the same answers.
 *
 * <p>Orders have ids 1..n; order k has 3 items when k is odd and 2 when it is even (2.5 per order on average). Every
 * order has its own {@code created_at}, in a random order unrelated to its id, so that ORDER BY created_at must merge
 * rows from every shard.
 */
record ShopData(List<Country> countries, List<Customer> customers, List<Order> orders, List<Item> items) {

  record Country(String code, String name, String region) {}

  record Customer(long customerId, String name, String email, String countryCode) {}

  record Order(long orderId, long customerId, String countryCode, String status, BigDecimal total, LocalDateTime createdAt) {}

  record Item(long orderId, int itemNo, String product, int quantity, BigDecimal price) {}

  static final int DEFAULT_ORDERS = 20_000;
  static final int CUSTOMERS = 500;

  private static final List<Country> COUNTRIES = List.of(
      new Country("AT", "Austria", "Europe"),
      new Country("BR", "Brazil", "Americas"),
      new Country("CA", "Canada", "Americas"),
      new Country("CH", "Switzerland", "Europe"),
      new Country("DE", "Germany", "Europe"),
      new Country("FR", "France", "Europe"),
      new Country("IN", "India", "Asia"),
      new Country("JP", "Japan", "Asia"),
      new Country("KE", "Kenya", "Africa"),
      new Country("NZ", "New Zealand", "Oceania"),
      new Country("US", "United States", "Americas"),
      new Country("VN", "Vietnam", "Asia"));
  /** Statuses, each repeated by its weight. */
  private static final List<String> STATUSES = List.of(
      "NEW", "PAID", "PAID", "SHIPPED", "SHIPPED", "SHIPPED", "DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED",
      "CANCELLED");
  private static final List<String> PRODUCTS = List.of(
      "tea", "coffee", "mug", "kettle", "teapot", "grinder", "filter", "scale", "spoon", "tin");
  private static final LocalDateTime FIRST_DAY = LocalDateTime.of(2024, 1, 1, 0, 0);
  private static final long YEAR_SECONDS = 366L * 24 * 3600;

  ShopData {
    countries = List.copyOf(countries);
    customers = List.copyOf(customers);
    orders = List.copyOf(orders);
    items = List.copyOf(items);
  }

  /**
   * Generates the shop.
   *
   * @param orderCount the number of orders; items are 2.5 times as many
   * @param seed the same seed gives the same rows
   */
  static ShopData generate(int orderCount, long seed) {
    if (orderCount < 1) {
      throw new IllegalArgumentException("orderCount " + orderCount + ": must be at least 1");
    }
    Random random = new Random(seed);
    List<Customer> customers = new ArrayList<>();
    for (int id = 1; id <= CUSTOMERS; id++) {
      String country = COUNTRIES.get(random.nextInt(COUNTRIES.size())).code();
      customers.add(new Customer(id, String.format("Customer %03d", id), "customer" + id + "@example.com", country));
    }
    List<Integer> timeSlots = new ArrayList<>();
    for (int slot = 0; slot < orderCount; slot++) {
      timeSlots.add(slot);
    }
    Collections.shuffle(timeSlots, random);
    long slotSeconds = Math.max(1, YEAR_SECONDS / orderCount);

    List<Order> orders = new ArrayList<>(orderCount);
    List<Item> items = new ArrayList<>(orderCount * 5 / 2 + 1);
    for (long orderId = 1; orderId <= orderCount; orderId++) {
      Customer customer = customers.get(random.nextInt(customers.size()));
      BigDecimal total = BigDecimal.ZERO;
      int itemCount = orderId % 2 == 1 ? 3 : 2;
      for (int itemNo = 1; itemNo <= itemCount; itemNo++) {
        int quantity = 1 + random.nextInt(4);
        BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(9800), 2);
        items.add(new Item(orderId, itemNo, PRODUCTS.get(random.nextInt(PRODUCTS.size())), quantity, price));
        total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
      }
      long second = timeSlots.get((int) orderId - 1) * slotSeconds + random.nextLong(slotSeconds);
      orders.add(new Order(orderId, customer.customerId(), customer.countryCode(),
          STATUSES.get(random.nextInt(STATUSES.size())), total, FIRST_DAY.plusSeconds(second)));
    }
    return new ShopData(COUNTRIES, customers, orders, items);
  }
}
