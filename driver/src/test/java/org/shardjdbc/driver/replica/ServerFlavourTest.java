package org.shardjdbc.driver.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** GTID positions compared and merged without a server (MariaDB); MySQL's GTID sets are left to the server. */
class ServerFlavourTest {

  @Test
  void covers_mariaDb_comparesTheSequenceOfEachDomainOfThePosition() {
    ServerFlavour mariaDb = ServerFlavour.MARIADB;
    assertTrue(mariaDb.covers("1-1-10", "1-1-10"));
    assertTrue(mariaDb.covers("1-1-10,2-2-5", "1-1-9"));
    assertTrue(mariaDb.covers("0-3-7,1-1-10", "1-1-4,0-1-7"));
    assertFalse(mariaDb.covers("1-1-10", "1-1-11"));
    assertFalse(mariaDb.covers("1-1-10", "2-2-1"), "a domain the replica has not seen");
    assertFalse(mariaDb.covers("", "1-1-1"));
    assertFalse(mariaDb.covers(null, "1-1-1"));
    assertTrue(mariaDb.covers("", ""));
  }

  @Test
  void merge_mariaDb_keepsTheHighestSequencePerDomain() {
    ServerFlavour mariaDb = ServerFlavour.MARIADB;
    assertEquals("1-1-12", mariaDb.merge("1-1-10", "1-1-12"));
    assertEquals("1-1-12", mariaDb.merge("1-1-12", "1-1-10"));
    assertEquals(Set.of("1-1-12", "2-2-5"), Set.of(mariaDb.merge("1-1-10,2-2-5", "1-1-12").split(",")));
    assertEquals("1-1-3", mariaDb.merge("", "1-1-3"));
  }

  @Test
  void mySql_setsAreComparedByTheServer_andTheLaterReadWins() {
    assertNull(ServerFlavour.MYSQL.covers("a:1-10", "a:1-5"));
    assertEquals("a:1-12", ServerFlavour.MYSQL.merge("a:1-10", "a:1-12"));
  }
}
