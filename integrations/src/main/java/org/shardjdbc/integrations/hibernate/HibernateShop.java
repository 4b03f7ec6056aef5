package org.shardjdbc.integrations.hibernate;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.hibernate.SessionFactory;
import org.shardjdbc.driver.jdbc.ShardDataSource;
import org.shardjdbc.integrations.SampleRunner;

/**
 * Hibernate 6 over the driver, written as for one MySQL database: {@code create} makes every physical table,
 * {@code validate} accepts them, orders with items are persisted in JDBC batches, read with JPQL (a join, aggregates,
 * a page) and the Criteria API, changed, and removed with their items.
 *
 * <pre>
 * mvn -B -q install -DskipTests &amp;&amp; mvn -B -q -pl integrations exec:java
 * </pre>
 */
public final class HibernateShop {
  private HibernateShop() {}

  public static void main(String[] args) {
    SampleRunner.main(args, HibernateShop::run);
  }

  /**
   * Runs the sample on a configuration whose databases may be empty (the tables are created).
   *
   * @return 0 when every step gave what it should
   */
  public static int run(Path configFile, PrintStream out) {
    try (ShardDataSource dataSource = new ShardDataSource(configFile.toString())) {
      try (SessionFactory created = ShopPersistence.sessionFactory(dataSource, "create")) {
        out.println("hbm2ddl create: done");
      }
      try (SessionFactory sessions = ShopPersistence.sessionFactory(dataSource, "validate")) {
        out.println("hbm2ddl validate: the logical tables match the entities");
        return run(sessions, out);
      }
    }
  }

  private static int run(SessionFactory sessions, PrintStream out) {
    LocalDateTime start = LocalDateTime.of(2026, 1, 1, 9, 0);
    List<Long> ids = sessions.fromTransaction(session -> {
      List<PurchaseOrder> orders = new java.util.ArrayList<>();
      for (int i = 0; i < 100; i++) {
        PurchaseOrder order = new PurchaseOrder(i % 7, i % 4 == 0 ? "PAID" : "NEW", start.plusMinutes(i));
        order.addItem("tea", 1 + i % 3, new BigDecimal("4.20"));
        order.addItem("cake", 1, new BigDecimal("3.10"));
        session.persist(order);
        orders.add(order);
      }
      return orders.stream().map(PurchaseOrder::getId).toList();
    });
    out.println("persisted 100 orders with 200 items in batches of " + ShopPersistence.BATCH_SIZE + "; first ids "
        + ids.subList(0, 3));

    List<Object[]> perCustomer = sessions.fromTransaction(session -> session.createQuery(
        "select o.customerId, count(distinct o), sum(i.quantity * i.price) from PurchaseOrder o join o.items i"
            + " group by o.customerId order by o.customerId", Object[].class).getResultList());
    perCustomer.forEach(row -> out.println("  customer " + row[0] + ": " + row[1] + " orders, " + row[2]));

    List<PurchaseOrder> page = sessions.fromTransaction(session -> session.createQuery(
            "select o from PurchaseOrder o order by o.createdAt desc", PurchaseOrder.class)
        .setFirstResult(20).setMaxResults(3).getResultList());
    out.println("rows 21..23 by created_at desc: " + page.stream().map(PurchaseOrder::getCreatedAt).toList());

    long paid = sessions.fromTransaction(session -> {
      CriteriaBuilder cb = session.getCriteriaBuilder();
      CriteriaQuery<Long> query = cb.createQuery(Long.class);
      Root<PurchaseOrder> order = query.from(PurchaseOrder.class);
      return session.createQuery(query.select(cb.count(order)).where(cb.equal(order.get("status"), "PAID")))
          .getSingleResult();
    });
    out.println("Criteria API: " + paid + " paid orders");

    long first = ids.get(0);
    sessions.inTransaction(session -> session.find(PurchaseOrder.class, first).setStatus("SHIPPED"));
    int version = sessions.fromTransaction(session -> session.find(PurchaseOrder.class, first).getVersion());
    sessions.inTransaction(session -> session.remove(session.find(PurchaseOrder.class, first)));
    long left = sessions.fromTransaction(session -> session.createQuery("select count(i) from OrderItem i", Long.class)
        .getSingleResult());
    out.println("order " + first + " shipped (version " + version + "), then removed with its items: " + left
        + " items left");
    boolean ok = perCustomer.size() == 7 && page.size() == 3 && paid == 25 && version == 1 && left == 198;
    out.println(ok ? "every step gave what it should" : "A STEP GAVE SOMETHING ELSE");
    return ok ? 0 : 1;
  }
}
