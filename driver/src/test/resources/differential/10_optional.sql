-- Differential corpus: shapes a driver may refuse (SPEC §1: refuse rather than answer wrongly); if answered, exact.
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

-- expressions over aggregates
-- expect: optional
SELECT SUM(qty) / COUNT(*) FROM orders;
-- expect: optional
SELECT SUM(amount) + 0, COUNT(*) * 2, MAX(qty) - MIN(qty) FROM orders;
-- expect: optional
SELECT customer_id, SUM(amount) / COUNT(amount) AS mean FROM orders WHERE customer_id < 10 GROUP BY customer_id;
-- DISTINCT inside SUM and AVG
-- expect: optional
SELECT SUM(DISTINCT qty) FROM orders;
-- expect: optional
SELECT AVG(DISTINCT discount) FROM orders;
-- GROUP_CONCAT with an order that makes it deterministic
-- expect: optional
SELECT customer_id, GROUP_CONCAT(order_id ORDER BY order_id) FROM orders WHERE customer_id < 5 GROUP BY customer_id;
-- count wrappers whose inner query groups or de-duplicates across shards
-- expect: optional
SELECT count(0) FROM (SELECT customer_id FROM orders GROUP BY customer_id) tmp_count;
-- expect: optional
SELECT count(0) FROM (SELECT DISTINCT status FROM orders) tmp_count;
-- expect: optional
SELECT count(0) FROM (SELECT order_id FROM order_items GROUP BY order_id) tmp_count;
-- expect: optional
SELECT MAX(t.amount) FROM (SELECT amount FROM orders WHERE status = 'new') t;
-- semi-join and self-join on the shard key of bound tables: correct shard by shard
-- expect: optional
SELECT o1.order_id, o2.amount FROM orders o1 JOIN orders o2 ON o1.order_id = o2.order_id WHERE o1.customer_id = 3;
-- the unsharded table alone: UNION and window functions on one data source
-- expect: optional
SELECT customer_id FROM customers WHERE customer_id < 3 UNION SELECT customer_id FROM customers WHERE customer_id > 498;
-- expect: optional
SELECT customer_id, ROW_NUMBER() OVER (ORDER BY customer_id) AS rn FROM customers WHERE customer_id <= 10;
-- the broadcast table with the unsharded one: both are on the default data source
-- expect: optional
SELECT cu.customer_id, co.name FROM customers cu JOIN countries co ON co.code = 'DE' WHERE cu.customer_id < 4;
-- a window function on one shard
-- expect: optional
SELECT item_id, SUM(price) OVER (ORDER BY item_id) FROM order_items WHERE order_id = 0;
-- HAVING without GROUP BY
-- expect: optional
SELECT COUNT(*) FROM orders HAVING COUNT(*) > 10;
