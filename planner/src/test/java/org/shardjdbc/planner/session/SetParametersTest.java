package org.shardjdbc.planner.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetParametersTest {
  @Test
  void isSet_readsTheFirstWordOnly() {
    assertTrue(SetParameters.isSet("SET foreign_key_checks=?"));
    assertTrue(SetParameters.isSet("  \n set autocommit = ?"));
    assertFalse(SetParameters.isSet("SELECT ?"));
    assertFalse(SetParameters.isSet("SETTINGS"));
    assertFalse(SetParameters.isSet("UPDATE t SET a = ?"));
  }

  @Test
  void inline_writesEachValueAsTheServerWouldBindIt() throws SQLException {
    assertEquals("SET foreign_key_checks=1, sql_safe_updates=0",
        SetParameters.inline("SET foreign_key_checks=?, sql_safe_updates=?", List.of(1, 0)));
    assertEquals("SET time_zone = '+00:00', sql_mode = 'it''s \\\\', wait_timeout = NULL, autocommit = 1, x = 2.50",
        SetParameters.inline("SET time_zone = ?, sql_mode = ?, wait_timeout = ?, autocommit = ?, x = ?",
            Arrays.asList("+00:00", "it's \\", null, true, new BigDecimal("2.50"))));
  }

  @Test
  void inline_leavesQuestionMarksInStringsAndComments() throws SQLException {
    assertEquals("SET sql_mode = '?' /* ? */, foreign_key_checks = 0",
        SetParameters.inline("SET sql_mode = '?' /* ? */, foreign_key_checks = ?", List.of(0)));
  }

  @Test
  void inline_missingValue_failsAsAnUnsetParameter() {
    SQLException failure = assertThrows(SQLException.class, () -> SetParameters.inline("SET a = ?, b = ?", List.of(1)));
    assertEquals("07001", failure.getSQLState());
  }

  @Test
  void inline_otherTypes_areRefused() {
    SQLFeatureNotSupportedException failure = assertThrows(SQLFeatureNotSupportedException.class,
        () -> SetParameters.inline("SET a = ?", List.of(1.5d)));
    assertEquals("0A000", failure.getSQLState());
  }
}
