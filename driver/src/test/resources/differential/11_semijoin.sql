-- Differential corpus: co-located semi-joins (key IN (SELECT key FROM a bound table ...)) that each shard answers alone.
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

-- each shard answers the IN on its own: the subquery's rows for a key live on that key's shard
SELECT order_id, status FROM orders WHERE order_id IN (SELECT order_id FROM order_items WHERE sku = 'SKU-001');
SELECT o.order_id FROM orders o WHERE o.order_id IN (SELECT i.order_id FROM order_items i WHERE i.quantity >= 5) AND o.amount > 500;
SELECT COUNT(*) FROM orders WHERE order_id IN (SELECT order_id FROM order_items WHERE price > 400);
-- expect: ci
SELECT status, COUNT(*) FROM orders WHERE order_id IN (SELECT order_id FROM order_items WHERE quantity = 1) GROUP BY status;
-- expect: ordered
SELECT order_id, amount FROM orders WHERE order_id IN (SELECT order_id FROM order_items WHERE sku LIKE 'SKU-1%') ORDER BY amount DESC, order_id LIMIT 7;
-- the subquery's key condition routes the whole statement
SELECT * FROM orders WHERE order_id IN (SELECT order_id FROM order_items WHERE order_id = 1099);
SELECT * FROM orders WHERE order_id IN (SELECT order_id FROM order_items WHERE order_id IN (0, 21, 736, 1220));
-- params: 736
SELECT * FROM orders WHERE order_id IN (SELECT order_id FROM order_items WHERE order_id = ?);
-- the reverse direction: items of orders that match
SELECT item_id, sku FROM order_items WHERE order_id IN (SELECT order_id FROM orders WHERE status = 'paid' AND amount < 100);
SELECT * FROM orders WHERE order_id NOT IN (SELECT order_id FROM order_items WHERE quantity > 3);
SELECT * FROM orders WHERE customer_id IN (SELECT order_id FROM order_items WHERE quantity > 3);
SELECT * FROM orders WHERE order_id IN (SELECT MAX(order_id) FROM order_items);
SELECT * FROM orders WHERE order_id IN (SELECT order_id FROM order_items GROUP BY order_id HAVING COUNT(*) > 3);

-- correlated on the key: the subquery reads only rows of the outer row's key, which live on the outer row's shard
SELECT o.order_id FROM orders o WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.order_id AND i.quantity > 3);
SELECT o.order_id, o.status FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.order_id);
SELECT order_id FROM orders WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = orders.order_id AND i.price > 450);
-- expect: ordered
SELECT o.order_id, (SELECT COUNT(*) FROM order_items i WHERE i.order_id = o.order_id) AS items FROM orders o ORDER BY items DESC, o.order_id LIMIT 15;
SELECT o.order_id FROM orders o WHERE o.amount > (SELECT SUM(i.price) FROM order_items i WHERE i.order_id = o.order_id);
SELECT COUNT(*) FROM orders o WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.order_id GROUP BY i.order_id HAVING COUNT(*) >= 3);
SELECT o.order_id FROM orders o WHERE EXISTS (SELECT 1 FROM order_items i WHERE i.item_id = o.order_id);
