package org.shardjdbc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopDataTest {
  @Test
  void generate_makes20000OrdersWith50000Items() {
    ShopData data = ShopData.generate(ShopData.DEFAULT_ORDERS, ShopDemo.SEED);

    assertEquals(20_000, data.orders().size());
    assertEquals(50_000, data.items().size());
    assertEquals(ShopData.CUSTOMERS, data.customers().size());
  }

  @Test
  void generate_sameSeed_sameRows() {
    assertEquals(ShopData.generate(1000, 7), ShopData.generate(1000, 7));
  }

  @Test
  void generate_everyOrderHasItsOwnCreationTime() {
    ShopData data = ShopData.generate(ShopData.DEFAULT_ORDERS, ShopDemo.SEED);

    Set<Object> times = new HashSet<>();
    data.orders().forEach(order -> times.add(order.createdAt()));
    assertEquals(data.orders().size(), times.size());
  }

  @Test
  void generate_totalIsTheSumOfTheItems() {
    ShopData data = ShopData.generate(10, 1);

    ShopData.Order first = data.orders().get(0);
    var sum = data.items().stream().filter(item -> item.orderId() == first.orderId())
        .map(item -> item.price().multiply(java.math.BigDecimal.valueOf(item.quantity())))
        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
    assertEquals(sum, first.total());
  }
}
