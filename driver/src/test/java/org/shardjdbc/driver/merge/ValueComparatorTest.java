package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueComparatorTest {
  private final ValueComparator comparator = new ValueComparator(Collation.GENERAL_CI);

  private void assertSame(Object a, Object b) {
    assertEquals(0, comparator.compare(a, b), a + " = " + b);
    assertEquals(0, comparator.compare(b, a), b + " = " + a);
    assertEquals(comparator.groupKey(a), comparator.groupKey(b), "groupKey(" + a + ") = groupKey(" + b + ")");
    assertEquals(comparator.groupKey(a).hashCode(), comparator.groupKey(b).hashCode());
  }

  /** Equal, but of kinds whose group keys differ (a string and a number, a string and bytes). */
  private void assertCompareEqual(Object a, Object b) {
    assertEquals(0, comparator.compare(a, b), a + " = " + b);
    assertEquals(0, comparator.compare(b, a), b + " = " + a);
  }

  private void assertBefore(Object a, Object b) {
    assertTrue(comparator.compare(a, b) < 0, a + " < " + b);
    assertTrue(comparator.compare(b, a) > 0, b + " > " + a);
  }

  @Test
  void null_sortsFirstAscendingAndLastDescending() {
    assertBefore(null, Long.MIN_VALUE);
    assertBefore(null, "");
    assertBefore(null, new byte[0]);
    assertEquals(0, comparator.compare(null, null));
    Comparator<Object> descending = comparator.reversed();
    assertTrue(descending.compare(null, 1) > 0);
    List<Object> values = new ArrayList<>(Arrays.asList(2, null, 1));
    values.sort(descending);
    assertEquals(Arrays.asList(2, 1, null), values);
  }

  @Test
  void null_groupsWithNull() {
    assertNotNull(comparator.groupKey(null));
    assertEquals(comparator.groupKey(null), comparator.groupKey(null));
    assertNotEquals(comparator.groupKey(null), comparator.groupKey(0));
    assertNotEquals(comparator.groupKey(null), comparator.groupKey(""));
  }

  @Test
  void numbers_compareByExactValueAcrossTypes() {
    assertSame(1, 1L);
    assertSame(1L, new BigDecimal("1.000"));
    assertSame(1.0, BigInteger.ONE);
    assertSame((short) 1, (byte) 1);
    assertSame(1.5f, new BigDecimal("1.50"));
    assertSame(true, 1);
    assertSame(false, BigDecimal.ZERO);
    assertSame(-0.0, 0);
    assertSame(-0.0, 0.0);
    assertSame(new BigDecimal("0E-10"), 0L);
    assertBefore(-1, BigDecimal.ZERO);
    assertSame(new BigDecimal("0.1"), 0.1); // as doubles, like MySQL
    assertSame(new BigDecimal("1E-10"), 1e-10);
    assertSame(1e20, new BigInteger("100000000000000000000"));
    assertBefore(new BigDecimal("0.1000000000000000001"), new BigDecimal("0.1000000000000000002"));
    assertBefore(0.1, 0.1f); // the float 0.1 is 0.100000001490116...
    assertBefore(Long.MAX_VALUE, new BigInteger("9223372036854775808"));
    assertBefore(new BigInteger("-9223372036854775809"), Long.MIN_VALUE);
    assertBefore(Double.NEGATIVE_INFINITY, Long.MIN_VALUE);
  }

  @Test
  void longs_compareExactly_butAgainstDoublesAsDoubles() {
    assertBefore(Long.MAX_VALUE - 1, Long.MAX_VALUE);
    assertBefore(new BigDecimal(Long.MAX_VALUE - 1), Long.MAX_VALUE);
    assertBefore(Long.MAX_VALUE, new BigInteger("9223372036854775808"));
    // MySQL compares a BIGINT with a DOUBLE as two doubles, and so does the comparator: these are equal.
    assertEquals(0, comparator.compare(9007199254740993L, 9007199254740992.0));
    assertEquals(0, comparator.compare(Long.MAX_VALUE, (double) Long.MAX_VALUE));
  }

  @Test
  void groupKey_ofNumbers_isLongWhenIntegral() {
    assertEquals(5L, comparator.groupKey(5));
    assertEquals(5L, comparator.groupKey(new BigDecimal("5.00")));
    assertEquals(5L, comparator.groupKey(5.0));
    assertEquals(new BigDecimal("0.1"), comparator.groupKey(0.1));
    assertEquals(new BigDecimal("0.10000000149011612"), comparator.groupKey(0.1f));
    assertEquals(new BigDecimal("2.5"), comparator.groupKey(new BigDecimal("2.50")));
    assertEquals(new BigDecimal("1E+19"), comparator.groupKey(new BigInteger("10000000000000000000")));
    assertEquals(0L, comparator.groupKey(new BigDecimal("0.000")));
  }

  @Test
  void strings_compareThroughTheCollation() {
    assertSame("abc", "ABC ");
    assertSame("Straße", "strase");
    assertBefore("a", "B");
    ValueComparator binary = new ValueComparator(Collation.BINARY_NO_PAD);
    assertTrue(binary.compare("B", "a") < 0);
    assertNotEquals(binary.groupKey("a"), binary.groupKey("a "));
  }

  @Test
  void stringAgainstNumber_comparesAsMySqlDoes() {
    assertBefore(9, "10");
    assertCompareEqual(0, "abc");
    assertCompareEqual(2, " 2x");
    assertCompareEqual("1e3", 1000L);
    assertCompareEqual("-1.5", new BigDecimal("-1.5"));
    assertBefore("0.5", 1);
    assertCompareEqual(".5", 0.5);
    assertCompareEqual("1e", 1);
    assertEquals(0.0, ValueComparator.stringToDouble("-"));
    assertEquals(12.0, ValueComparator.stringToDouble("12.x"));
  }

  @Test
  void bytes_compareUnsignedAndNoPad() {
    assertBefore(new byte[] {0x7F}, new byte[] {(byte) 0x80});
    assertBefore(new byte[] {1}, new byte[] {1, 0});
    assertBefore(new byte[] {'a'}, new byte[] {'a', ' '});
    assertSame(new byte[] {1, 2}, new byte[] {1, 2});
    assertCompareEqual(new byte[] {'a', 'b'}, "ab");
    assertBefore("a", new byte[] {'b'});
  }

  @Test
  void dates_compareWithDateTimesAtMidnight() {
    assertSame(java.sql.Date.valueOf("2024-02-29"), LocalDateTime.of(2024, 2, 29, 0, 0));
    assertSame(LocalDate.of(2024, 2, 29), Timestamp.valueOf("2024-02-29 00:00:00"));
    assertBefore(LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 0, 0, 0, 1000));
    assertBefore(Timestamp.valueOf("2024-01-01 10:00:00.000001"), LocalDateTime.of(2024, 1, 1, 10, 0, 0, 2000));
    assertSame(Timestamp.valueOf("2024-01-01 10:00:00.123456"), LocalDateTime.of(2024, 1, 1, 10, 0, 0, 123456000));
  }

  @Test
  void times_keepTheirMilliseconds() {
    Time withMillis = new Time(Time.valueOf("10:00:00").getTime() + 250);
    assertSame(withMillis, LocalTime.of(10, 0, 0, 250_000_000));
    assertBefore(Time.valueOf("10:00:00"), withMillis);
    assertBefore(LocalTime.of(9, 59), Time.valueOf("10:00:00"));
  }

  @Test
  void incomparableKinds_sortInAFixedTotalOrder() {
    Object[] values = {LocalTime.NOON, LocalDate.EPOCH, new byte[] {1}, "x", 1, Boolean.TRUE};
    for (Object a : values) {
      for (Object b : values) {
        assertEquals(-Integer.signum(comparator.compare(a, b)), Integer.signum(comparator.compare(b, a)),
            a + " and " + b);
      }
    }
    assertBefore(1, LocalDate.EPOCH);
    assertBefore(LocalDate.EPOCH, LocalTime.NOON);
  }
}
