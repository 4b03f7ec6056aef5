-- Differential corpus: queries that need rows of several shards at once; the driver must refuse them.
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

-- joins that are not on the shard key of bound tables, or with a table on another data source
-- expect: refused
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id;
-- expect: refused
SELECT o.order_id, c.tier FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id = 21;
-- expect: refused
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.customer_id = o2.customer_id WHERE o1.order_id = 21;
-- expect: refused
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.customer_id = i.quantity;
-- expect: refused
SELECT i.item_id, o.order_id FROM order_items i JOIN orders o ON i.item_id = o.order_id;
-- expect: refused
SELECT COUNT(*) FROM orders o1 CROSS JOIN orders o2 WHERE o1.order_id = 21;
-- expect: refused
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.order_id = i.order_id JOIN customers c ON c.customer_id = o.customer_id;
-- UNION, INTERSECT, EXCEPT over sharded tables
-- expect: refused
SELECT order_id FROM orders WHERE status = 'new' UNION SELECT order_id FROM orders WHERE status = 'paid';
-- expect: refused
SELECT order_id FROM orders WHERE order_id = 21 UNION ALL SELECT order_id FROM orders WHERE order_id = 386;
-- expect: refused
SELECT order_id FROM orders INTERSECT SELECT order_id FROM order_items;
-- expect: refused
SELECT customer_id FROM customers EXCEPT SELECT customer_id FROM orders;
-- window functions across shards
-- expect: refused
SELECT order_id, ROW_NUMBER() OVER (ORDER BY order_id) FROM orders;
-- expect: refused
SELECT order_id, SUM(amount) OVER (PARTITION BY customer_id) FROM orders;
-- expect: refused
SELECT order_id, RANK() OVER (ORDER BY amount DESC) FROM orders WHERE status = 'paid';
-- expect: refused
SELECT order_id, LAG(order_id) OVER (ORDER BY created_at, order_id) FROM orders;
-- subqueries over other shards or data sources
-- expect: refused
SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'gold');
-- expect: refused
SELECT * FROM orders WHERE amount > (SELECT AVG(amount) FROM orders);
-- expect: refused
SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM orders o2 WHERE o2.customer_id = o.customer_id AND o2.order_id <> o.order_id);
-- expect: refused
SELECT order_id, (SELECT COUNT(*) FROM orders) FROM orders WHERE order_id = 21;
-- expect: refused
SELECT * FROM orders WHERE order_id = 21 AND customer_id IN (SELECT customer_id FROM orders WHERE order_id = 386);
-- expect: refused
SELECT * FROM customers WHERE customer_id IN (SELECT customer_id FROM orders WHERE status = 'new');
-- expect: refused
SELECT t.order_id, t.rn FROM (SELECT order_id, ROW_NUMBER() OVER (ORDER BY amount) AS rn FROM orders) t WHERE t.rn < 10;
