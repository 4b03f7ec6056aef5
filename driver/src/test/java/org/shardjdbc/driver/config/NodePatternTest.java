package org.shardjdbc.driver.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodePatternTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "orders_${000..003}  | orders_000 orders_001 orders_002 orders_003",
      "orders_${0..2}      | orders_0 orders_1 orders_2",
      "orders_${8..11}     | orders_8 orders_9 orders_10 orders_11",
      "orders_${08..11}    | orders_08 orders_09 orders_10 orders_11",
      "orders_${98..101}   | orders_98 orders_99 orders_100 orders_101",
      "${1..2}_orders      | 1_orders 2_orders",
      "t_${5..5}_archive   | t_5_archive",
      "orders              | orders",
      "Bestellungen_${1..1} | Bestellungen_1",
      "zakázky             | zakázky",
      "a$b                 | a$b"})
  void expand_namesInOrder(String pattern, String names) {
    assertEquals(List.of(names.split(" ")), NodePattern.expand(pattern));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "t_${1..2}_${1..2} | 't_${1..2}_${1..2}': only one ${a..b} range per name; list the names instead",
      "t_${3..1}         | 't_${3..1}': the range goes down from 3 to 1",
      "t_${a..b}         | 't_${a..b}': ${...} must be a range of numbers such as ${000..015}",
      "t_${1-3}          | 't_${1-3}': ${...} must be a range of numbers such as ${000..015}",
      "t_${0..100000}    | 't_${0..100000}': 100001 names, more than 100000",
      "my table          | 'my table': 'my table' is not a plain table name (letters, digits, '_' and '$')",
      "db.t_${1..2}      | 'db.t_${1..2}': 'db.t_1' is not a plain table name (letters, digits, '_' and '$')",
      "t`x               | 't`x': 't`x' is not a plain table name (letters, digits, '_' and '$')"})
  void expand_rejects(String pattern, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> NodePattern.expand(pattern)).getMessage());
  }

  @Test
  void expand_emptyIsNoName() {
    assertThrows(IllegalArgumentException.class, () -> NodePattern.expand(""));
  }
}
