package org.shardjdbc.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void render_alignsColumnsAndRightAlignsNumbers() {
    String text = TextTable.render(List.of("status", "orders", "avg_total"),
        List.of(List.of("CANCELLED", "1800", "512.250000"), List.of("NEW", "20", "7.5")), "  ");

    assertEquals("""
          status    | orders |  avg_total
          ----------+--------+-----------
          CANCELLED |   1800 | 512.250000
          NEW       |     20 |        7.5
        """, text);
  }

  @Test
  void render_noRows_printsTheHeader() {
    assertEquals("  a | bb\n  --+---\n", TextTable.render(List.of("a", "bb"), List.of(), "  "));
  }
}
