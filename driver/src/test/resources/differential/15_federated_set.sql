-- Differential corpus: UNION, UNION ALL, INTERSECT and EXCEPT over sharded tables, with ORDER BY and LIMIT, run by federation.
-- Format (read by org.shardjdbc.driver.testing.Corpus; the same in every file of this directory):
--   One query per entry; a query ends at a line that ends with ';'. Other '--' lines are comments.
--   Directive lines just before a query apply to that query only:
--   -- expect: <words>   ordered   compare rows in order (only when ORDER BY ends with a unique column)
--                        ci        compare strings as utf8mb4_general_ci does (case, accents, trailing spaces
--                                  ignored): for values that depend on which row of a group MySQL picks
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

SELECT order_id FROM orders WHERE status = 'new' UNION SELECT order_id FROM orders WHERE status = 'paid';
SELECT order_id FROM orders WHERE order_id = 21 UNION ALL SELECT order_id FROM orders WHERE order_id = 386;
SELECT order_id FROM orders INTERSECT SELECT order_id FROM order_items;
SELECT customer_id FROM customers EXCEPT SELECT customer_id FROM orders;
SELECT customer_id FROM orders UNION SELECT customer_id FROM customers;
SELECT customer_id FROM orders WHERE customer_id < 10 UNION ALL SELECT customer_id FROM customers WHERE customer_id < 5;
SELECT customer_id, qty FROM orders WHERE customer_id < 4 UNION SELECT customer_id, quantity FROM order_items i JOIN orders o ON o.order_id = i.order_id WHERE o.customer_id < 4;
SELECT order_id FROM order_items EXCEPT SELECT order_id FROM orders;
SELECT qty FROM orders INTERSECT ALL SELECT quantity FROM order_items WHERE item_id < 200;
SELECT qty FROM orders WHERE customer_id < 50 EXCEPT ALL SELECT quantity FROM order_items WHERE item_id < 300;
SELECT customer_id FROM orders WHERE qty = 1 INTERSECT SELECT customer_id FROM orders WHERE qty = 10 INTERSECT SELECT customer_id FROM customers WHERE tier = 'gold';
SELECT customer_id FROM orders UNION SELECT item_id FROM order_items WHERE item_id < 10;
SELECT amount FROM orders WHERE customer_id = 3 UNION SELECT price FROM order_items WHERE order_id = 0;
SELECT customer_id, NULL FROM orders WHERE customer_id < 3 UNION SELECT NULL, item_id FROM order_items WHERE item_id < 3;
SELECT created_at FROM orders WHERE customer_id = 8 UNION SELECT created_at FROM orders WHERE customer_id = 9;
-- expect: ci
SELECT status FROM orders UNION SELECT tier FROM customers;
-- expect: ci
SELECT note FROM orders WHERE customer_id < 100 UNION SELECT name FROM customers WHERE customer_id % 50 = 0;
SELECT sku FROM order_items WHERE sku LIKE 'sku-00%' UNION ALL SELECT note FROM orders WHERE note LIKE 'caf%' AND customer_id < 100;
SELECT COUNT(*) FROM (SELECT order_id FROM orders UNION ALL SELECT order_id FROM order_items) t;
SELECT COUNT(*) FROM (SELECT order_id FROM orders UNION SELECT order_id FROM order_items) t;
-- expect: ordered
SELECT order_id FROM orders WHERE customer_id = 3 UNION SELECT item_id FROM order_items WHERE order_id = 0 ORDER BY 1 LIMIT 5;
-- expect: ordered
SELECT order_id AS id FROM orders WHERE customer_id < 10 UNION ALL SELECT customer_id FROM customers WHERE customer_id < 10 ORDER BY id DESC LIMIT 7;
-- expect: ordered
(SELECT order_id FROM orders ORDER BY order_id LIMIT 3) UNION ALL (SELECT order_id FROM orders ORDER BY order_id DESC LIMIT 3) ORDER BY order_id;
-- expect: ordered
SELECT customer_id FROM customers EXCEPT SELECT customer_id FROM orders ORDER BY customer_id LIMIT 10 OFFSET 2;
-- expect: ordered
-- params: 4, 3
SELECT order_id FROM orders WHERE customer_id < ? UNION SELECT order_id FROM orders WHERE qty = 10 ORDER BY order_id LIMIT ?;
