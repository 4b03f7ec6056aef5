-- Differential corpus: subqueries inside one shard, derived tables, and MyBatis PageHelper's count wrappers.
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

-- the shard key pins the outer query and the subquery to the same shard
SELECT * FROM orders WHERE order_id = 1220 AND customer_id IN (SELECT customer_id FROM orders WHERE order_id = 1220);
SELECT * FROM orders o WHERE o.order_id = 736 AND EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = 736 AND i.quantity > 1);
SELECT * FROM orders o WHERE o.order_id = 21 AND NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = 21);
SELECT o.order_id, (SELECT COUNT(*) FROM order_items i WHERE i.order_id = 736) AS items FROM orders o WHERE o.order_id = 736;
SELECT * FROM orders WHERE order_id = 386 AND amount > (SELECT MIN(price) FROM order_items WHERE order_id = 386);
SELECT * FROM order_items WHERE order_id = 0 AND price >= (SELECT AVG(price) FROM order_items WHERE order_id = 0);
SELECT * FROM (SELECT order_id, amount FROM orders WHERE order_id = 21) t;
SELECT t.n FROM (SELECT COUNT(*) AS n FROM order_items WHERE order_id = 0) t;
SELECT x.id FROM (SELECT order_id AS id FROM orders WHERE order_id = 1099) x WHERE x.id > 0;

-- SELECT count(0) FROM (<query>) tmp_count
SELECT count(0) FROM (SELECT * FROM orders) tmp_count;
SELECT count(0) FROM (SELECT * FROM orders WHERE status = 'paid') tmp_count;
SELECT count(0) FROM (SELECT order_id, amount FROM orders WHERE amount > 100 ORDER BY amount DESC) tmp_count;
SELECT count(0) FROM (SELECT o.order_id FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE i.quantity > 2) tmp_count;
SELECT count(0) FROM (SELECT * FROM orders WHERE order_id IN (0, 21, 175)) tmp_count;
SELECT count(0) FROM (SELECT * FROM orders WHERE order_id = 5) tmp_count;
SELECT count(0) FROM (SELECT order_id FROM order_items WHERE order_id = 0 GROUP BY order_id) tmp_count;
SELECT count(0) FROM (SELECT o.order_id, c.name FROM orders o LEFT JOIN countries c ON o.country_code = c.code) tmp_count;
SELECT count(0) FROM (SELECT * FROM customers WHERE tier = 'gold') tmp_count;
SELECT count(0) FROM (SELECT * FROM order_items WHERE sku = 'SKU-007') tmp_count;
SELECT count(0) FROM (SELECT order_id FROM orders WHERE order_id BETWEEN -1000 AND 1000) tmp_count;
SELECT COUNT(0) FROM (SELECT * FROM orders WHERE customer_id = 7) AS tmp_count;
