-- Differential corpus: filters on columns other than the shard key (every shard), projections, expressions.
-- Format (read by org.shardjdbc.driver.testing.Corpus; the same in every file of this directory):
--   One query per entry; a query ends at a line that ends with ';'. Other '--' lines are comments.
--   Directive lines just before a query apply to that query only:
--   -- expect: <words>   ordered   compare rows in order (only when ORDER BY ends with a unique column)
--                        ci        compare strings as the unsharded server does in their column's collation
--                                  (ServerCollations): for values that depend on which row of a group MySQL picks
--                        refused   the driver must throw SQLFeatureNotSupportedException (SQLState 0A000)
--                        optional  the driver may refuse it; if it answers, the answer must be right
--                        prepared  run through a PreparedStatement even without parameters
--                        (default: rows compared as a multiset, values exactly)
--   -- params: 1, 'x', NULL, 2.50, 1.5e0, DATE '2024-02-29', TIMESTAMP '2024-02-29 12:00:00'
--                        PreparedStatement parameters (setLong, setString, setNull, setBigDecimal, setDouble,
--                        setDate, setTimestamp)
-- DifferentialQueryTest runs each query through jdbc:shard: (orders and order_items: 4 databases x 16 tables, mod 64
-- on order_id; countries broadcast; customers unsharded) and on one unsharded database with the same rows: labels,
-- JDBC types and values must be equal. CorpusSyntaxTest checks that every query runs on the unsharded database and
-- does not depend on physical row order.
-- Data (ShopData): keys on shards 5, 16, 27, 38, 49, 60, 63 have no orders; shards 0, 1, 2, 17 are hot; order_ids
-- run from -9223372036854775807 to 9223372036854775806; status/note/country_code/sku have case, accent and
-- trailing-space variants; 15 order_items (order_id 640000..640896) have no order.

-- strings compared under utf8mb4_general_ci: 'paid' matches 'PAID' and 'Paid '
SELECT * FROM orders WHERE status = 'paid';
SELECT order_id, status FROM orders WHERE status = 'PAID ';
SELECT order_id, status FROM orders WHERE BINARY status = 'paid';
SELECT order_id FROM orders WHERE status IS NULL;
SELECT order_id, status FROM orders WHERE status = '';
SELECT order_id, status FROM orders WHERE status <> 'paid';
SELECT order_id, status FROM orders WHERE status IN ('new', 'SHIPPED');
SELECT order_id, status FROM orders WHERE NOT (status = 'paid' OR status IS NULL);
SELECT order_id, status FROM orders WHERE TRIM(status) = 'Paid';
SELECT order_id, note FROM orders WHERE note = 'e';
SELECT order_id, note FROM orders WHERE note IN ('é', 'naive');
SELECT order_id, note FROM orders WHERE note LIKE 'caf%';
SELECT order_id, note FROM orders WHERE note LIKE '%é%';
SELECT order_id, note FROM orders WHERE note IS NOT NULL AND note <> '';
SELECT order_id, country_code FROM orders WHERE country_code = 'de';
SELECT order_id, country_code FROM orders WHERE country_code = 'ZZ';

-- numbers, NULLs, huge values
SELECT order_id, amount FROM orders WHERE amount > 1000000;
SELECT order_id, amount FROM orders WHERE amount IS NULL;
SELECT order_id, amount FROM orders WHERE amount < 0;
SELECT order_id, amount FROM orders WHERE amount = 0;
SELECT order_id FROM orders WHERE amount BETWEEN 100 AND 101;
SELECT order_id, qty FROM orders WHERE qty > 1000000;
SELECT order_id, discount FROM orders WHERE discount = 0.125;
SELECT order_id FROM orders WHERE discount IS NULL AND qty IS NULL;
SELECT * FROM orders WHERE customer_id = 7;
SELECT * FROM orders WHERE customer_id IN (1, 2, 3) AND amount > 100;
SELECT order_id FROM orders WHERE customer_id IS NULL;
SELECT * FROM orders WHERE status = 'paid' AND country_code = 'DE' AND amount > 500 AND qty < 5;

-- dates
SELECT order_id, created_at FROM orders WHERE created_at = '2024-02-29 12:00:00';
SELECT order_id, created_at FROM orders WHERE created_at >= '2024-12-01';
SELECT order_id, created_at FROM orders WHERE created_at < '2023-01-02';
SELECT order_id, paid_at FROM orders WHERE paid_at BETWEEN '2024-03-01' AND '2024-03-03';
SELECT order_id, status FROM orders WHERE paid_at IS NULL AND status = 'paid';

-- projections and expressions
SELECT order_id, amount * qty AS total FROM orders WHERE customer_id = 3;
SELECT order_id, UPPER(status), LENGTH(note), CONCAT(status, '/', note) FROM orders WHERE customer_id = 5;
SELECT order_id, DATE(created_at), YEAR(created_at), paid_at FROM orders WHERE customer_id = 11;
SELECT order_id, COALESCE(note, 'none'), IFNULL(amount, 0), CASE WHEN qty > 5 THEN 'big' ELSE 'small' END AS size FROM orders WHERE customer_id = 12;
SELECT order_id, amount / 3, qty DIV 2, qty % 3, ROUND(amount, 1), discount * 2 FROM orders WHERE customer_id = 4;
SELECT order_id, 'x' AS tag, 42 AS answer, NULL AS nothing FROM orders WHERE customer_id = 9;
SELECT 1 FROM orders WHERE order_id = 21;
SELECT order_id AS id, status AS `the status` FROM orders WHERE customer_id = 8;
SELECT o.* FROM orders o WHERE o.customer_id = 13;
SELECT orders.order_id, orders.amount FROM orders WHERE orders.customer_id = 14;
SELECT order_id, qty * qty AS squared FROM orders WHERE qty > 1000000;

-- order_items
SELECT * FROM order_items WHERE sku = 'SKU-001';
SELECT item_id, order_id, price FROM order_items WHERE price > 1000;
SELECT item_id, order_id FROM order_items WHERE quantity IS NULL;
SELECT item_id, sku FROM order_items WHERE sku LIKE 'sku-00%';
SELECT item_id, price * quantity AS line_total FROM order_items WHERE sku = 'SKU-100';
