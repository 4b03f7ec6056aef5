package org.shardjdbc.integrations.jooq;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;

/**
 * The shop's logical tables and columns for jOOQ's DSL, written by hand (no code generation needed). {@code order_id}
 * is declared an identity, as jOOQ's code generator declares it when told that it is one (a synthetic identity): the
 * driver makes the key an INSERT leaves out, and jOOQ reads it back from the generated keys for
 * {@code returningResult}.
 */
public final class ShopTables {
  /** {@code orders}, with {@code order_id} as its identity. */
  public static final class Orders extends TableImpl<Record> {
    final TableField<Record, Long> orderId = createField(name("order_id"), SQLDataType.BIGINT.identity(true));
    final TableField<Record, Long> customerId = createField(name("customer_id"), SQLDataType.BIGINT);
    final TableField<Record, String> status = createField(name("status"), SQLDataType.VARCHAR(16));
    final TableField<Record, BigDecimal> total = createField(name("total"), SQLDataType.DECIMAL(12, 2));
    final TableField<Record, LocalDateTime> createdAt = createField(name("created_at"), SQLDataType.LOCALDATETIME(6));

    private Orders() {
      super(name("orders"));
    }
  }

  public static final Orders ORDERS = new Orders();
  public static final Field<Long> ORDER_ID = ORDERS.orderId;
  public static final Field<Long> CUSTOMER_ID = ORDERS.customerId;
  public static final Field<String> STATUS = ORDERS.status;
  public static final Field<BigDecimal> TOTAL = ORDERS.total;
  public static final Field<LocalDateTime> CREATED_AT = ORDERS.createdAt;

  public static final Table<?> ORDER_ITEMS = table(name("order_items"));
  public static final Field<Long> ITEM_ID = field(name("order_items", "item_id"), Long.class);
  public static final Field<Long> ITEM_ORDER_ID = field(name("order_items", "order_id"), Long.class);
  public static final Field<String> SKU = field(name("order_items", "sku"), String.class);
  public static final Field<Integer> QUANTITY = field(name("order_items", "quantity"), Integer.class);
  public static final Field<BigDecimal> PRICE = field(name("order_items", "price"), BigDecimal.class);

  private ShopTables() {}
}
