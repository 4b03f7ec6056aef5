-- Differential corpus: joins of bound tables on the shard key, and joins with the broadcast countries.
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

-- orders and order_items are bound on order_id: each shard joins its own rows
SELECT o.order_id, i.item_id, i.sku FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.order_id = 0;
SELECT o.order_id, i.item_id, i.price FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.order_id IN (0, 736, 1099, 1220);
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON i.order_id = o.order_id WHERE i.order_id IN (736, 1099);
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.order_id = 386 AND i.order_id = 386;
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.order_id BETWEEN -100 AND 100;
SELECT COUNT(*) FROM orders o JOIN order_items i ON o.order_id = i.order_id;
SELECT o.order_id, i.item_id FROM orders o INNER JOIN order_items i ON o.order_id = i.order_id WHERE o.status = 'new' AND i.quantity > 3;
SELECT * FROM orders o JOIN order_items i USING (order_id) WHERE o.order_id = 736;
SELECT * FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.customer_id = 6;
SELECT o.order_id, i.sku FROM orders o, order_items i WHERE o.order_id = i.order_id AND o.order_id = 736;
SELECT o.order_id AS id, i.sku AS product FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.order_id = 386;
SELECT DISTINCT o.customer_id FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE i.sku = 'SKU-042';
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.order_id = i.order_id AND i.quantity > 2 WHERE o.customer_id = 10;
-- expect: ordered
SELECT o.order_id, i.item_id, i.price FROM orders o JOIN order_items i ON o.order_id = i.order_id ORDER BY i.item_id LIMIT 20;
-- expect: ordered
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.order_id = i.order_id ORDER BY o.amount DESC, i.item_id LIMIT 15;
-- expect: ordered
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.order_id = i.order_id ORDER BY 2 DESC LIMIT 10 OFFSET 100;

-- LEFT and RIGHT joins: orders without items, items without orders
SELECT o.order_id, i.item_id FROM orders o LEFT JOIN order_items i ON o.order_id = i.order_id WHERE o.customer_id = 7;
SELECT o.order_id FROM orders o LEFT JOIN order_items i ON o.order_id = i.order_id WHERE i.item_id IS NULL;
SELECT COUNT(*) FROM orders o LEFT JOIN order_items i ON o.order_id = i.order_id WHERE i.item_id IS NULL;
SELECT o.order_id, i.item_id FROM orders o LEFT JOIN order_items i ON o.order_id = i.order_id AND i.quantity > 4 WHERE o.order_id IN (0, 21, 736);
SELECT i.item_id, i.order_id, o.order_id FROM orders o RIGHT JOIN order_items i ON o.order_id = i.order_id WHERE o.order_id IS NULL;
SELECT o.order_id, COUNT(i.item_id) FROM orders o LEFT JOIN order_items i ON o.order_id = i.order_id WHERE o.customer_id < 15 GROUP BY o.order_id;

-- aggregates over the join
-- expect: ci
SELECT o.status, COUNT(*), SUM(i.price * i.quantity) FROM orders o JOIN order_items i ON o.order_id = i.order_id GROUP BY o.status;
-- expect: ordered
SELECT o.order_id, SUM(i.price) FROM orders o JOIN order_items i ON o.order_id = i.order_id GROUP BY o.order_id ORDER BY SUM(i.price) DESC, o.order_id LIMIT 10;
SELECT SUM(i.quantity), AVG(i.price), MAX(o.created_at) FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.country_code = 'FR';
SELECT COUNT(DISTINCT o.order_id), COUNT(DISTINCT i.sku) FROM orders o JOIN order_items i ON o.order_id = i.order_id;

-- the broadcast countries: every database holds a full copy
SELECT o.order_id, c.name FROM orders o JOIN countries c ON o.country_code = c.code WHERE o.order_id IN (0, 21, 175, 386);
SELECT c.name, COUNT(*) FROM orders o JOIN countries c ON o.country_code = c.code GROUP BY c.name;
SELECT o.order_id, o.country_code, c.name FROM orders o LEFT JOIN countries c ON c.code = o.country_code WHERE o.customer_id = 2;
SELECT COUNT(*) FROM orders o LEFT JOIN countries c ON o.country_code = c.code WHERE c.code IS NULL;
-- expect: ci
SELECT c.region, COUNT(*), SUM(o.amount) FROM orders o JOIN countries c ON o.country_code = c.code GROUP BY c.region;
SELECT c.name, o.order_id FROM countries c JOIN orders o ON o.country_code = c.code WHERE o.order_id = 1099;
SELECT o.order_id, c.name FROM orders o JOIN countries c ON o.country_code = c.code WHERE c.region = 'Asia';
-- expect: ordered
SELECT o.order_id, c.name FROM orders o JOIN countries c ON o.country_code = c.code ORDER BY c.name, o.order_id LIMIT 30;
SELECT c.code, COUNT(*) FROM orders o JOIN order_items i ON o.order_id = i.order_id JOIN countries c ON c.code = o.country_code GROUP BY c.code;
SELECT o.order_id, i.item_id, c.name FROM orders o JOIN order_items i ON o.order_id = i.order_id JOIN countries c ON c.code = o.country_code WHERE o.order_id = 0;
SELECT i.item_id, c.name FROM order_items i JOIN orders o ON o.order_id = i.order_id LEFT JOIN countries c ON c.code = o.country_code WHERE i.order_id IN (1220, 1287, 1584);
