-- Differential corpus: derived tables and common table expressions over several shards, run by federation.
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

SELECT c.name, t.n FROM (SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id) t JOIN customers c ON c.customer_id = t.customer_id WHERE t.n > 14;
SELECT t.customer_id, t.total FROM (SELECT customer_id, SUM(amount) AS total FROM orders GROUP BY customer_id) t WHERE t.total > 10000000000;
-- expect: ci
SELECT t.tier, COUNT(*) FROM (SELECT c.tier FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.qty > 8) t GROUP BY t.tier;
SELECT x.id, x.label FROM (SELECT order_id AS id, UPPER(status) AS label FROM orders WHERE customer_id = 7) x JOIN customers c ON c.customer_id = 7;
SELECT t.order_id, t.rn FROM (SELECT order_id, ROW_NUMBER() OVER (ORDER BY amount, order_id) AS rn FROM orders) t WHERE t.rn < 10;
SELECT MAX(t.n), MIN(t.n), AVG(t.n) FROM (SELECT customer_id, COUNT(*) AS n FROM orders WHERE customer_id IS NOT NULL GROUP BY customer_id) t;
SELECT t.cnt, COUNT(*) FROM (SELECT order_id, COUNT(*) AS cnt FROM order_items GROUP BY order_id) t GROUP BY t.cnt;
SELECT * FROM (SELECT customer_id FROM orders WHERE qty = 10 UNION SELECT customer_id FROM customers WHERE tier = 'gold') u WHERE u.customer_id < 100;
SELECT d.customer_id, d.orders_count, c.tier FROM (SELECT customer_id, COUNT(*) AS orders_count FROM orders GROUP BY customer_id HAVING COUNT(*) > 12) d LEFT JOIN customers c ON c.customer_id = d.customer_id;
SELECT count(0) FROM (SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.tier = 'gold') tmp_count;
SELECT count(0) FROM (SELECT order_id FROM orders UNION SELECT order_id FROM order_items) tmp_count;
SELECT t.a FROM (SELECT o.amount AS a FROM orders o WHERE o.customer_id = 3 ORDER BY o.amount DESC LIMIT 2) t;

WITH big AS (SELECT order_id, customer_id FROM orders WHERE amount > 50000) SELECT c.name, COUNT(*) FROM big b JOIN customers c ON c.customer_id = b.customer_id GROUP BY c.name;
WITH per_customer AS (SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id) SELECT n, COUNT(*) FROM per_customer GROUP BY n;
WITH gold AS (SELECT customer_id FROM customers WHERE tier = 'gold') SELECT o.order_id FROM orders o WHERE o.customer_id IN (SELECT customer_id FROM gold) AND o.qty > 8;
WITH a AS (SELECT customer_id FROM orders WHERE qty = 1), b AS (SELECT customer_id FROM orders WHERE qty = 2) SELECT COUNT(*) FROM a JOIN b ON a.customer_id = b.customer_id;
WITH t AS (SELECT order_id, amount FROM orders WHERE customer_id = 12) SELECT x.order_id, y.order_id FROM t x JOIN t y ON x.amount < y.amount;
WITH totals AS (SELECT i.order_id, SUM(i.price * i.quantity) AS total FROM order_items i GROUP BY i.order_id) SELECT o.order_id, o.amount, t.total FROM orders o JOIN totals t ON t.order_id = o.order_id WHERE o.customer_id = 4;
-- expect: ordered
WITH ranked AS (SELECT order_id, customer_id, RANK() OVER (PARTITION BY customer_id ORDER BY amount DESC) AS r FROM orders WHERE customer_id < 6) SELECT customer_id, order_id FROM ranked WHERE r = 1 ORDER BY customer_id, order_id;
