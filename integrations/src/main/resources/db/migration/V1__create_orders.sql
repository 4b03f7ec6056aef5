-- The shop's tables, written as for one MySQL database: through the driver, each statement creates every physical table.
CREATE TABLE orders (
  order_id    BIGINT        NOT NULL,
  customer_id BIGINT        NOT NULL,
  status      VARCHAR(16)   NOT NULL,
  total       DECIMAL(12,2) NOT NULL,
  created_at  DATETIME(6)   NOT NULL,
  version     INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id)
) ENGINE=InnoDB;

CREATE TABLE order_items (
  item_id  BIGINT        NOT NULL,
  order_id BIGINT        NOT NULL,
  sku      VARCHAR(32)   NOT NULL,
  quantity INT           NOT NULL,
  price    DECIMAL(12,2) NOT NULL,
  PRIMARY KEY (item_id),
  KEY idx_order_items_order (order_id)
) ENGINE=InnoDB;
