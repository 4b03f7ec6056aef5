package org.shardjdbc.driver.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CollationTest {
  private static void assertSame(Collation collation, String a, String b) {
    assertEquals(0, collation.compare(a, b), collation + ": '" + a + "' = '" + b + "'");
    assertEquals(collation.key(a), collation.key(b), collation + ": key('" + a + "') = key('" + b + "')");
  }

  private static void assertBefore(Collation collation, String a, String b) {
    assertTrue(collation.compare(a, b) < 0, collation + ": '" + a + "' < '" + b + "'");
    assertTrue(collation.compare(b, a) > 0, collation + ": '" + b + "' > '" + a + "'");
    assertNotEquals(collation.key(a), collation.key(b), collation + ": key('" + a + "') != key('" + b + "')");
  }

  @Test
  void generalCi_ignoresCaseAndLatinAccents() {
    assertSame(Collation.GENERAL_CI, "abc", "ÀBÇ");
    assertSame(Collation.GENERAL_CI, "résumé", "RESUME");
    assertBefore(Collation.GENERAL_CI, "a", "b");
    assertBefore(Collation.GENERAL_CI, "Z", "_"); // '_' weighs 0x5F, after 'Z' (0x5A) and so after 'z' too
  }

  @Test
  void generalCi_sharpSIsOneS() {
    assertSame(Collation.GENERAL_CI, "ß", "s");
    assertBefore(Collation.GENERAL_CI, "ß", "ss");
  }

  @Test
  void generalCi_padSpace_ignoresTrailingSpacesButNotTabs() {
    assertSame(Collation.GENERAL_CI, "a", "a   ");
    assertSame(Collation.GENERAL_CI, "", " ");
    assertBefore(Collation.GENERAL_CI, "a\t", "a");
    assertBefore(Collation.GENERAL_CI, "a", "a b");
    assertBefore(Collation.GENERAL_CI, " a", "a");
  }

  @Test
  void generalCi_everyCharacterAboveTheBmpWeighsFffd() {
    assertSame(Collation.GENERAL_CI, "😀", "😃");
    assertSame(Collation.GENERAL_CI, "x😀", "x\uFFFD");
    assertBefore(Collation.GENERAL_CI, "\uFFFC", "😀");
  }

  @Test
  void generalNoPadCi_countsTrailingSpaces() {
    assertBefore(Collation.GENERAL_NO_PAD_CI, "a", "a ");
    assertSame(Collation.GENERAL_NO_PAD_CI, "a", "A");
  }

  @Test
  void binaryPad_isCodePointOrderIgnoringTrailingSpaces() {
    assertBefore(Collation.BINARY_PAD, "A", "a");
    assertBefore(Collation.BINARY_PAD, "a\t", "a");
    assertSame(Collation.BINARY_PAD, "a", "a  ");
    // UTF-16 would put U+1F600 (a surrogate pair) before U+FFFD; code point order puts it after.
    assertBefore(Collation.BINARY_PAD, "\uFFFD", "😀");
    assertBefore(Collation.BINARY_PAD, "\uE000", "𠀀");
  }

  @Test
  void binaryNoPad_countsTrailingSpaces() {
    assertBefore(Collation.BINARY_NO_PAD, "a", "a ");
    assertBefore(Collation.BINARY_NO_PAD, "", " ");
  }

  @Test
  void latin1SwedishCi_sortsSwedishLettersAfterZ() {
    assertBefore(Collation.LATIN1_SWEDISH_CI, "z", "å");
    assertBefore(Collation.LATIN1_SWEDISH_CI, "Å", "Ä");
    assertBefore(Collation.LATIN1_SWEDISH_CI, "Ä", "Ö");
    assertSame(Collation.LATIN1_SWEDISH_CI, "ä", "Æ");
    assertSame(Collation.LATIN1_SWEDISH_CI, "é", "E");
    assertSame(Collation.LATIN1_SWEDISH_CI, "a", "A ");
  }

  @Test
  void latin1Bin_isCp1252ByteOrder() {
    assertBefore(Collation.LATIN1_BIN, "€", "ÿ"); // 0x80 < 0xFF although U+20AC > U+00FF
    assertBefore(Collation.LATIN1_BIN, "A", "a");
    assertSame(Collation.LATIN1_BIN, "a", "a ");
  }

  @Test
  void latin1_charactersOutsideLatin1WeighAsQuestionMark() {
    assertSame(Collation.LATIN1_SWEDISH_CI, "中", "?");
    assertSame(Collation.LATIN1_BIN, "😀", "?");
  }

  @ParameterizedTest
  @EnumSource(Collation.class)
  void key_agreesWithCompare_onRandomStrings(Collation collation) {
    List<String> strings = randomStrings(new Random(7), 300);
    for (String a : strings) {
      for (String b : strings) {
        int ab = Integer.signum(collation.compare(a, b));
        int ba = Integer.signum(collation.compare(b, a));
        assertEquals(-ab, ba, collation + ": compare('" + a + "', '" + b + "') is not antisymmetric");
        assertEquals(ab == 0, collation.key(a).equals(collation.key(b)),
            collation + ": key and compare disagree on '" + a + "' and '" + b + "'");
      }
    }
  }

  @Test
  void forCollationId_mapsTheWellKnownIds() {
    assertEquals(Collation.GENERAL_CI, Collation.forCollationId(45));
    assertEquals(Collation.GENERAL_CI, Collation.forCollationId(33));
    assertEquals(Collation.BINARY_PAD, Collation.forCollationId(46));
    assertEquals(Collation.BINARY_NO_PAD, Collation.forCollationId(63));
    assertEquals(Collation.BINARY_PAD, Collation.forCollationId(83));
    assertEquals(Collation.LATIN1_SWEDISH_CI, Collation.forCollationId(8));
    assertEquals(Collation.LATIN1_BIN, Collation.forCollationId(47));
    assertEquals(Collation.GENERAL_NO_PAD_CI, Collation.forCollationId(1069));
    assertEquals(Collation.BINARY_NO_PAD, Collation.forCollationId(1070));
  }

  /** Ids that stand for several collations, or for different ones on MySQL and MariaDB, are not known exactly. */
  @Test
  void forCollationId_knowsNoIdThatIsAmbiguous() {
    assertNull(Collation.forCollationId(224)); // utf8mb4_unicode_ci, and every uca1400 collation on MariaDB 11.4
    assertNull(Collation.forCollationId(246)); // utf8mb4_unicode_520_ci
    assertNull(Collation.forCollationId(255)); // utf8mb4_0900_ai_ci
    assertNull(Collation.forCollationId(309)); // utf8mb4_0900_bin: NO PAD on MySQL, PAD SPACE on MariaDB
    assertNull(Collation.forCollationId(2304)); // utf8mb4_uca1400_ai_ci
    assertNull(Collation.forCollationId(1032)); // latin1_swedish_nopad_ci: mysql-connector-j decodes it as UTF-8
    assertNull(Collation.forCollationId(1071)); // latin1_nopad_bin: likewise
  }

  /** Strings drawn from characters where collations differ: case, accents, spaces, controls, other planes. */
  static List<String> randomStrings(Random random, int count) {
    String[] pool = {
      "a", "A", "b", "B", "z", "Z", "s", "S", "0", "1", "9", " ", " ", "\t", "-", "_", ".", "!", "'",
      "é", "É", "è", "à", "À", "ä", "Ä", "å", "Å", "ö", "Ö", "ü", "Ü", "ß", "ÿ", "æ", "Æ", "ø", "Ø", "ð", "þ", "µ",
      "ł", "Ł", "œ", "Œ", "ſ", "ǅ", "ẞ", "Σ", "σ", "ς", "ά", "Ω", "ω", "Й", "й", "ё", "Ж", "中", "字", "한", "ع",
      "א", "Ａ", "ａ", "ⓐ", "Ⓐ", "Ⅻ", "ⅻ", "ﬁ", "\u0301", "\u00A0", "\u2000", "\u200B", "€", "\uFFFD", "\uE000",
      "😀", "👍", "🏽", "𠀀"
    };
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int length = random.nextInt(6);
      StringBuilder s = new StringBuilder();
      for (int j = 0; j < length; j++) {
        s.append(pool[random.nextInt(pool.length)]);
      }
      strings.add(s.toString());
    }
    return strings;
  }
}
