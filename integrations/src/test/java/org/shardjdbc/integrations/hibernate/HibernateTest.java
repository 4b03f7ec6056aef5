package org.shardjdbc.integrations.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.shardjdbc.driver.testing.ShardLayout;
import org.shardjdbc.integrations.ShardedShop;
import org.shardjdbc.planner.model.DataNode;

/**
 * Hibernate 6 through the driver, configured as for one MySQL database: the schema created by hbm2ddl on every
 * physical table and validated, entities written and read through the JPA API, JPQL and the Criteria API over every
 * shard, JDBC batches, and optimistic locking.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HibernateTest {
  private static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);
  private static final int ORDERS = 120;

  private ShardedShop shop;
  private SessionFactory sessionFactory;

  @BeforeAll
  void createSchema() throws Exception {
    shop = ShardedShop.create("it_hibernate_h");
    sessionFactory = ShopPersistence.sessionFactory(shop.dataSource(), "create");
  }

  @AfterAll
  void close() {
    if (sessionFactory != null) {
      sessionFactory.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  @Order(1)
  void create_createsEveryPhysicalTable() throws Exception {
    assertEquals(shop.expectedPhysicalTables("orders", "order_items"), shop.physicalTables());
  }

  @Test
  @Order(1)
  void create_givesEachItemsTableAForeignKeyToItsOrdersTable() throws Exception {
    for (DataNode node : shop.layout().physicalTables("order_items")) {
      ShardLayout.DataSource source = shop.layout().dataSource(node.dataSource());
      try (Connection connection = source.server().connect(source.database());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT referenced_table_name FROM"
              + " information_schema.referential_constraints WHERE constraint_schema = DATABASE()"
              + " AND table_name = '" + node.table() + "'")) {
        assertTrue(rows.next(), node + " has no foreign key");
        assertEquals(node.table().replace("order_items", "orders"), rows.getString(1));
        assertFalse(rows.next());
      }
    }
  }

  @Test
  @Order(2)
  void validate_acceptsTheCreatedSchema() {
    try (SessionFactory validating = ShopPersistence.sessionFactory(shop.dataSource(), "validate")) {
      assertTrue(validating.isOpen());
    }
  }

  @Test
  @Order(3)
  void persistFindMergeRemove_cascadeToItems() throws Exception {
    PurchaseOrder order = new PurchaseOrder(7, "NEW", START);
    order.addItem("apple", 3, new BigDecimal("1.50"));
    order.addItem("pear", 1, new BigDecimal("2.25"));
    inTransaction(em -> em.persist(order));
    long id = order.getId();
    DataNode node = shop.layout().nodeOf("orders", id);
    assertEquals(List.of(id), shop.physicalKeys(node, "order_id"));
    DataNode itemsNode = shop.layout().nodeOf("order_items", id);
    assertEquals(List.of(id, id), shop.physicalKeys(itemsNode, "order_id"));

    PurchaseOrder found = fromTransaction(em -> em.find(PurchaseOrder.class, id));
    assertEquals(new BigDecimal("6.75"), found.getTotal());
    assertEquals(0, found.getVersion());

    found.setStatus("PAID"); // detached: merge copies it back
    PurchaseOrder merged = fromTransaction(em -> em.merge(found));
    assertEquals(1, merged.getVersion());
    inTransaction(em -> {
      PurchaseOrder loaded = em.find(PurchaseOrder.class, id);
      assertEquals("PAID", loaded.getStatus());
      loaded.removeItem(loaded.getItems().get(0)); // orphan removal deletes apple
      loaded.getItems().get(0).setQuantity(4);
    });
    inTransaction(em -> {
      PurchaseOrder loaded = em.find(PurchaseOrder.class, id);
      assertEquals(1, loaded.getItems().size());
      assertEquals("pear", loaded.getItems().get(0).getSku());
      assertEquals(4, loaded.getItems().get(0).getQuantity());
      em.remove(loaded); // cascades to the item
    });
    assertNull(fromTransaction(em -> em.find(PurchaseOrder.class, id)));
    assertEquals(List.of(), shop.physicalKeys(node, "order_id"));
    assertEquals(List.of(), shop.physicalKeys(itemsNode, "order_id"));
  }

  @Test
  @Order(4)
  void batchSize_insertsEachShardsRowsInFewStatements() throws Exception {
    long insertsBefore = ShardedShop.serverInsertStatements();
    List<PurchaseOrder> orders = fromTransaction(em -> {
      List<PurchaseOrder> made = new ArrayList<>();
      for (int i = 0; i < ORDERS; i++) {
        PurchaseOrder order = new PurchaseOrder(i % 10, i % 3 == 0 ? "PAID" : "NEW", START.plusMinutes(i));
        for (int item = 0; item <= i % 3; item++) {
          order.addItem("sku-" + item, item + 1, new BigDecimal("10.00").add(BigDecimal.valueOf(item)));
        }
        em.persist(order);
        made.add(order);
      }
      return made;
    });
    long inserts = ShardedShop.serverInsertStatements() - insertsBefore;

    long items = orders.stream().mapToLong(order -> order.getItems().size()).sum();
    assertEquals(240, items);
    assertEquals(Long.valueOf(ORDERS), fromTransaction(em -> em.createQuery("select count(o) from PurchaseOrder o", Long.class)
        .getSingleResult()));
    assertEquals(Long.valueOf(items), fromTransaction(em -> em.createQuery("select count(i) from OrderItem i", Long.class)
        .getSingleResult()));
    // 120 orders and 240 items in batches of 50: 3 + 5 batches, each at most one multi-row INSERT per physical table
    int physicalTables = 8;
    assertTrue(inserts <= (3 + 5) * physicalTables, inserts + " INSERT statements reached the server");
  }

  @Test
  @Order(5)
  void jpql_joinAggregateAndPage_overEveryShard() {
    List<Object[]> perCustomer = fromTransaction(em -> em.createQuery(
            "select o.customerId, count(distinct o), sum(i.quantity * i.price) from PurchaseOrder o join o.items i"
                + " where o.status = :status group by o.customerId order by o.customerId", Object[].class)
        .setParameter("status", "PAID")
        .getResultList());
    Map<Long, BigDecimal> expectedSums = new TreeMap<>();
    Map<Long, Long> expectedCounts = new TreeMap<>();
    for (int i = 0; i < ORDERS; i += 3) {
      BigDecimal sum = BigDecimal.ZERO;
      for (int item = 0; item <= i % 3; item++) {
        sum = sum.add(new BigDecimal("10.00").add(BigDecimal.valueOf(item)).multiply(BigDecimal.valueOf(item + 1)));
      }
      expectedSums.merge((long) (i % 10), sum, BigDecimal::add);
      expectedCounts.merge((long) (i % 10), 1L, Long::sum);
    }
    assertEquals(expectedSums.size(), perCustomer.size());
    for (Object[] row : perCustomer) {
      long customer = (Long) row[0];
      assertEquals(expectedCounts.get(customer), row[1], "orders of customer " + customer);
      assertEquals(0, expectedSums.get(customer).compareTo((BigDecimal) row[2]), "sum of customer " + customer);
    }

    List<PurchaseOrder> page = fromTransaction(em -> em.createQuery(
            "select o from PurchaseOrder o order by o.createdAt desc", PurchaseOrder.class)
        .setFirstResult(10).setMaxResults(5).getResultList());
    assertEquals(List.of(109, 108, 107, 106, 105), page.stream()
        .map(order -> (int) java.time.Duration.between(START, order.getCreatedAt()).toMinutes()).toList());

    List<Object[]> fetched = fromTransaction(em -> em.createQuery(
            "select o.createdAt, size(o.items) from PurchaseOrder o where o.customerId = 4 order by o.createdAt",
            Object[].class).getResultList());
    assertEquals(12, fetched.size());
    assertEquals(List.of(2, 3, 1), fetched.subList(0, 3).stream().map(row -> (Integer) row[1]).toList());
  }

  @Test
  @Order(6)
  void criteriaApi_filtersJoinsAndOrders() {
    List<Object[]> rows = fromTransaction(em -> {
      CriteriaBuilder cb = em.getCriteriaBuilder();
      CriteriaQuery<Object[]> query = cb.createQuery(Object[].class);
      Root<PurchaseOrder> order = query.from(PurchaseOrder.class);
      Join<PurchaseOrder, OrderItem> item = order.join("items");
      query.multiselect(item.get("sku"), cb.sum(item.get("quantity")), cb.max(order.get("total")))
          .where(cb.and(cb.equal(order.get("status"), "NEW"), cb.greaterThanOrEqualTo(order.get("customerId"), 5L)))
          .groupBy(item.get("sku"))
          .orderBy(cb.desc(item.get("sku")));
      return em.createQuery(query).getResultList();
    });
    // NEW orders are those with i % 3 != 0; i % 3 == 1 has sku-0, sku-1; i % 3 == 2 has sku-0..sku-2
    Map<String, Long> expected = new TreeMap<>(Comparator.reverseOrder());
    for (int i = 0; i < ORDERS; i++) {
      if (i % 3 != 0 && i % 10 >= 5) {
        for (int n = 0; n <= i % 3; n++) {
          expected.merge("sku-" + n, (long) n + 1, Long::sum);
        }
      }
    }
    assertEquals(new ArrayList<>(expected.keySet()), rows.stream().map(row -> (String) row[0]).toList());
    assertEquals(new ArrayList<>(expected.values()), rows.stream().map(row -> ((Number) row[1]).longValue()).toList());
    assertEquals(new BigDecimal("68.00"), rows.get(0)[2]); // sku-2 is only in orders of 10 + 2 * 11 + 3 * 12
  }

  @Test
  @Order(7)
  void version_secondConcurrentUpdateFails() {
    PurchaseOrder order = new PurchaseOrder(99, "NEW", START);
    inTransaction(em -> em.persist(order));
    try (EntityManager first = sessionFactory.createEntityManager();
        EntityManager second = sessionFactory.createEntityManager()) {
      first.getTransaction().begin();
      second.getTransaction().begin();
      first.find(PurchaseOrder.class, order.getId()).setStatus("PAID");
      second.find(PurchaseOrder.class, order.getId()).setStatus("CANCELLED");
      first.getTransaction().commit();
      PersistenceException failure = assertThrows(PersistenceException.class, () -> second.getTransaction().commit());
      assertTrue(failure instanceof OptimisticLockException || failure.getCause() instanceof OptimisticLockException,
          failure.toString());
    }
    PurchaseOrder stored = fromTransaction(em -> em.find(PurchaseOrder.class, order.getId()));
    assertNotNull(stored);
    assertEquals("PAID", stored.getStatus());
    assertEquals(1, stored.getVersion());
  }

  private <T> T fromTransaction(Function<EntityManager, T> work) {
    return sessionFactory.fromTransaction(session -> work.apply(session));
  }

  private void inTransaction(Consumer<EntityManager> work) {
    sessionFactory.inTransaction(work::accept);
  }
}
