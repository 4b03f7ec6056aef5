package org.shardjdbc.integrations.hibernate;

import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * The shop's Hibernate set-up, as an application that does not know about shards writes it: the entities, a
 * {@link DataSource} (here the driver's), JDBC batches of 50 and a schema action. The dialect is Hibernate's guess
 * from the connection's metadata.
 */
public final class ShopPersistence {
  /** {@code hibernate.jdbc.batch_size}. */
  public static final int BATCH_SIZE = 50;

  private ShopPersistence() {}

  /**
   * Builds the session factory (a JPA {@code EntityManagerFactory}).
   *
   * @param dataSource where the connections come from: the driver's {@code ShardDataSource}
   * @param schemaAction {@code jakarta.persistence.schema-generation.database.action}: {@code create},
   *     {@code validate}, {@code none}, …
   */
  public static SessionFactory sessionFactory(DataSource dataSource, String schemaAction) {
    Configuration configuration = new Configuration()
        .addAnnotatedClass(PurchaseOrder.class)
        .addAnnotatedClass(OrderItem.class)
        .setProperty(AvailableSettings.HBM2DDL_AUTO, schemaAction)
        .setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, BATCH_SIZE)
        .setProperty(AvailableSettings.ORDER_INSERTS, true)
        .setProperty(AvailableSettings.ORDER_UPDATES, true);
    configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    return configuration.buildSessionFactory();
  }
}
