package org.shardjdbc.integrations.mybatis;

import java.math.BigDecimal;

/** A row of {@code orders} as MyBatis maps it (columns to properties by name, with underscores to camel case). */
public class OrderRow {
  private Long orderId;
  private long customerId;
  private String status;
  private BigDecimal total;

  public OrderRow() {}

  public OrderRow(long customerId, String status, BigDecimal total) {
    this.customerId = customerId;
    this.status = status;
    this.total = total;
  }

  public Long getOrderId() {
    return orderId;
  }

  public void setOrderId(Long orderId) {
    this.orderId = orderId;
  }

  public long getCustomerId() {
    return customerId;
  }

  public void setCustomerId(long customerId) {
    this.customerId = customerId;
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

  public void setTotal(BigDecimal total) {
    this.total = total;
  }
}
