-- Differential corpus: aggregates over joins and subqueries across shards (GROUP BY, HAVING, DISTINCT), run by federation.
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

-- expect: ci
SELECT c.tier, COUNT(*) AS n FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.tier = 'gold' GROUP BY c.tier;
SELECT c.customer_id, COUNT(*), SUM(o.amount), AVG(o.amount), MIN(o.amount), MAX(o.amount) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 25 GROUP BY c.customer_id;
SELECT c.customer_id, COUNT(o.order_id), SUM(o.qty), AVG(o.qty), SUM(o.discount), AVG(o.discount) FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id > 480 GROUP BY c.customer_id;
SELECT COUNT(*), COUNT(DISTINCT o.customer_id), COUNT(DISTINCT c.tier), SUM(DISTINCT o.qty) FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
SELECT COUNT(DISTINCT o.status), COUNT(DISTINCT o.note, o.country_code) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.tier = 'silver';
SELECT c.customer_id, SUM(o.qty * o.amount) AS weighted FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 12 GROUP BY c.customer_id HAVING SUM(o.qty) > 20;
-- expect: ordered
SELECT c.customer_id, COUNT(*) AS n FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.customer_id ORDER BY n DESC, c.customer_id LIMIT 10;
-- expect: ordered
SELECT c.customer_id, SUM(o.amount) AS total FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.customer_id ORDER BY total DESC, c.customer_id LIMIT 5;
-- expect: ci
SELECT o.status, COUNT(*), SUM(o.amount) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.tier = 'bronze' GROUP BY o.status;
-- expect: ci
SELECT c.tier, o.country_code, COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.tier, o.country_code;
-- expect: ci
SELECT DISTINCT c.tier FROM orders o JOIN customers c ON o.customer_id = c.customer_id;
-- expect: ci
SELECT i.sku, COUNT(*) FROM order_items i JOIN orders o ON o.customer_id = i.quantity WHERE i.item_id < 300 GROUP BY i.sku;
SELECT COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.amount IS NULL;
SELECT SUM(o.amount), COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 99999;
SELECT MAX(c.name), MIN(o.created_at), MAX(o.paid_at) FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
SELECT o.customer_id, COUNT(*) FROM orders o WHERE o.customer_id IN (SELECT customer_id FROM customers WHERE tier = 'gold') GROUP BY o.customer_id HAVING COUNT(*) > 10;
SELECT c.customer_id, COUNT(DISTINCT i.sku) FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN order_items i ON i.order_id = o.order_id WHERE c.customer_id < 6 GROUP BY c.customer_id;
SELECT o.customer_id, SUM(o.amount) + MAX(c.customer_id) AS s FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 4 GROUP BY o.customer_id;
SELECT COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id AND c.tier = 'gold' JOIN countries co ON co.code = o.country_code;
-- params: 'gold', 10
SELECT c.customer_id, COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.tier = ? GROUP BY c.customer_id HAVING COUNT(*) > ?;
