package org.shardjdbc.integrations.hibernate;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** An order of the shop: logical table {@code orders}, sharded by {@code order_id}; its items live on its shard. */
@Entity
@Table(name = "orders")
public class PurchaseOrder {
  @Id
  @SnowflakeId
  @Column(name = "order_id")
  private Long id;

  @Column(name = "customer_id", nullable = false)
  private long customerId;

  @Column(nullable = false, length = 16)
  private String status;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal total = BigDecimal.ZERO;

  @Column(name = "created_at", nullable = false)
  private LocalDateTime createdAt;

  @Version
  private int version;

  @OneToMany(mappedBy = "order", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("sku")
  private List<OrderItem> items = new ArrayList<>();

  protected PurchaseOrder() {}

  public PurchaseOrder(long customerId, String status, LocalDateTime createdAt) {
    this.customerId = customerId;
    this.status = status;
    this.createdAt = createdAt;
  }

  /** Adds an item and its amount to the total. */
  public OrderItem addItem(String sku, int quantity, BigDecimal price) {
    OrderItem item = new OrderItem(this, sku, quantity, price);
    items.add(item);
    total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
    return item;
  }

  /** Removes an item (orphan removal deletes its row) and its amount from the total. */
  public void removeItem(OrderItem item) {
    if (items.remove(item)) {
      total = total.subtract(item.getPrice().multiply(BigDecimal.valueOf(item.getQuantity())));
    }
  }

  public Long getId() {
    return id;
  }

  public long getCustomerId() {
    return customerId;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public BigDecimal getTotal() {
    return total;
  }

  public LocalDateTime getCreatedAt() {
    return createdAt;
  }

  public int getVersion() {
    return version;
  }

  public List<OrderItem> getItems() {
    return items;
  }
}
