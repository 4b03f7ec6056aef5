package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * {@link ColumnOrder} over weights as MariaDB gives them (utf8mb4_general_ci: a space weighs 0020, a tab 0009, 'a'
 * 0041; utf8mb4_uca1400_nopad_ai_ci: 'a' 2075, a space 0209); {@link ColumnOrderServerTest} checks it against the
 * server for every collation.
 */
class ColumnOrderTest {
  private static final byte[] PAD_GENERAL = bytes("00200020");
  private static final byte[] NO_PAD = new byte[0];
  private static final ColumnOrder ORDER = new ColumnOrder(0, 1, 2, new ValueComparator(null));

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static Object[] row(String value, String weights, byte[] padding) {
    return new Object[] {value, bytes(weights), padding};
  }

  @Test
  void padSpace_comparesTheRestOfTheLongerStringWithSpaces() {
    assertEquals(0, ORDER.compare(row("a", "0041", PAD_GENERAL), row("a  ", "004100200020", PAD_GENERAL)));
    assertTrue(ORDER.compare(row("a\t", "00410009", PAD_GENERAL), row("a", "0041", PAD_GENERAL)) < 0);
    assertTrue(ORDER.compare(row("a", "0041", PAD_GENERAL), row("a b", "004100200042", PAD_GENERAL)) < 0);
    assertTrue(ORDER.compare(row("a \t", "004100200009", PAD_GENERAL), row("a", "0041", PAD_GENERAL)) < 0);
    assertTrue(ORDER.compare(row("b", "0042", PAD_GENERAL), row("a ", "00410020", PAD_GENERAL)) > 0);
  }

  @Test
  void padSpace_groupsStringsThatDifferInTrailingSpaces() {
    assertEquals(ORDER.groupKey(row("a", "0041", PAD_GENERAL)), ORDER.groupKey(row("A  ", "004100200020", PAD_GENERAL)));
    assertNotEquals(ORDER.groupKey(row("a", "0041", PAD_GENERAL)), ORDER.groupKey(row("a\t", "00410009", PAD_GENERAL)));
  }

  @Test
  void noPad_sortsTheShorterStringFirst() {
    assertTrue(ORDER.compare(row("a", "2075", NO_PAD), row("a ", "20750209", NO_PAD)) < 0);
    assertTrue(ORDER.compare(row("a\t", "20750201", NO_PAD), row("a", "2075", NO_PAD)) > 0);
    assertNotEquals(ORDER.groupKey(row("a", "2075", NO_PAD)), ORDER.groupKey(row("a ", "20750209", NO_PAD)));
  }

  @Test
  void weights_compareAsUnsignedBytes() {
    assertTrue(ORDER.compare(row("x", "7F", NO_PAD), row("y", "80", NO_PAD)) < 0);
  }

  @Test
  void valuesThatAreNotStrings_compareAsValues() {
    assertTrue(ORDER.compare(new Object[] {2L, null, null}, new Object[] {10L, null, null}) < 0);
    assertTrue(ORDER.compare(new Object[] {null, null, null}, new Object[] {"a", bytes("0041"), PAD_GENERAL}) < 0);
  }

  @Test
  void isOneLevel_acceptsOneSpaceTwice() {
    assertTrue(ColumnOrder.isOneLevel(PAD_GENERAL));
    assertTrue(ColumnOrder.isOneLevel(NO_PAD));
    assertFalse(ColumnOrder.isOneLevel(bytes("020902090020002000020002"))); // utf8mb4_uca1400_as_cs
  }
}
