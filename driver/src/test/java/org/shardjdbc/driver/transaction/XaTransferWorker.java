package org.shardjdbc.driver.transaction;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;

/**
 * A process of the XA crash test: moves amounts between an account on h0 (even ids) and one on h1 (odd ids) in XA
 * transactions through the driver, each transfer writing a leg row per account, and prints {@code committed <id>}
 * once its commit has returned; until it is killed. With {@code idle} it only keeps the driver (and so its recovery)
 * running.
 *
 * <p>Arguments: the driver URL, the number of accounts, a seed, and {@code transfer} or {@code idle}.
 */
public final class XaTransferWorker {
  private XaTransferWorker() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int accounts = Integer.parseInt(args[1]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[2]));
    boolean idle = args[3].equals("idle");
    try (Connection connection = DriverManager.getConnection(url)) {
      connection.createStatement().executeQuery("SELECT COUNT(*) FROM accounts").close();
      System.out.println("ready");
      System.out.flush();
      if (idle) {
        Thread.sleep(Long.MAX_VALUE);
      }
      connection.setAutoCommit(false);
      while (true) {
        long id = random.nextLong(1, Long.MAX_VALUE);
        long from = 2L * random.nextInt(accounts / 2);
        long to = 2L * random.nextInt(accounts / 2) + 1;
        long amount = random.nextLong(1, 50);
        if (random.nextBoolean()) {
          long swap = from;
          from = to;
          to = swap;
        }
        try {
          move(connection, id, from, -amount);
          move(connection, id, to, amount);
          connection.commit();
          System.out.println("committed " + id);
        } catch (SQLException e) {
          System.out.println("failed " + id + " " + e.getMessage().replace('\n', ' '));
          try {
            connection.rollback();
          } catch (SQLException ignored) {
            // the next transfer tries again
          }
        }
        System.out.flush();
      }
    }
  }

  private static void move(Connection connection, long transfer, long account, long amount) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE accounts SET balance = balance + ? WHERE account_id = ?")) {
      update.setLong(1, amount);
      update.setLong(2, account);
      if (update.executeUpdate() != 1) {
        throw new SQLException("account " + account + " is missing");
      }
    }
    try (PreparedStatement leg = connection.prepareStatement(
        "INSERT INTO legs (transfer_id, account_id, amount) VALUES (?, ?, ?)")) {
      leg.setLong(1, transfer);
      leg.setLong(2, account);
      leg.setLong(3, amount);
      leg.executeUpdate();
    }
  }
}
