package org.shardjdbc.integrations.hibernate;

import java.sql.SQLException;
import java.util.EnumSet;
import org.hibernate.HibernateException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.EventTypeSets;
import org.shardjdbc.integrations.ShopIds;

/** Makes the ids of {@link SnowflakeId} fields with {@link ShopIds}: 64-bit keys that grow with time and spread over the shards in turn. */
public final class SnowflakeIdGenerator implements BeforeExecutionGenerator {
  @Override
  public Object generate(SharedSessionContractImplementor session, Object owner, Object currentValue,
      EventType eventType) {
    try {
      return ShopIds.next();
    } catch (SQLException e) {
      throw new HibernateException("no snowflake id for " + owner.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public EnumSet<EventType> getEventTypes() {
    return EventTypeSets.INSERT_ONLY;
  }
}
