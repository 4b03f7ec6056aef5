package org.shardjdbc.integrations.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * An item of an order: logical table {@code order_items}, bound to {@code orders} by {@code order_id}.
 *
 * <p>The join column is not updatable: an item never moves to another order, and so Hibernate never writes the shard
 * key in an UPDATE (the driver refuses a change of a row's shard key). Its foreign key references the order's
 * physical table beside it ({@code order_items_3} references {@code orders_3}).
 */
@Entity
@Table(name = "order_items")
public class OrderItem {
  @Id
  @SnowflakeId
  @Column(name = "item_id")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "order_id", nullable = false, updatable = false)
  private PurchaseOrder order;

  @Column(nullable = false, length = 32)
  private String sku;

  @Column(nullable = false)
  private int quantity;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal price;

  protected OrderItem() {}

  OrderItem(PurchaseOrder order, String sku, int quantity, BigDecimal price) {
    this.order = order;
    this.sku = sku;
    this.quantity = quantity;
    this.price = price;
  }

  public Long getId() {
    return id;
  }

  public PurchaseOrder getOrder() {
    return order;
  }

  public String getSku() {
    return sku;
  }

  public int getQuantity() {
    return quantity;
  }

  public void setQuantity(int quantity) {
    this.quantity = quantity;
  }

  public BigDecimal getPrice() {
    return price;
  }
}
