-- Differential corpus: GROUP BY, HAVING, DISTINCT.
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

-- groups of case-variant strings: MySQL shows one of the variants
-- expect: ci
SELECT status, COUNT(*) FROM orders GROUP BY status;
-- expect: ordered ci
SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status;
-- expect: ci
SELECT COUNT(*), status FROM orders GROUP BY status;
-- expect: ci
SELECT status, SUM(amount), AVG(amount), MIN(amount), MAX(amount) FROM orders GROUP BY status;
-- expect: ci
SELECT status, MIN(note), MAX(note) FROM orders GROUP BY status;
-- expect: ci
SELECT note, COUNT(*) FROM orders GROUP BY note;
-- expect: ci
SELECT country_code, status, COUNT(*) FROM orders GROUP BY country_code, status;
-- expect: ordered ci
SELECT country_code, COUNT(*) FROM orders GROUP BY country_code ORDER BY COUNT(*) DESC, country_code;
-- expect: ordered ci
SELECT status AS s, COUNT(*) AS n FROM orders GROUP BY s ORDER BY n DESC, s;
-- expect: ci
SELECT status, COUNT(DISTINCT customer_id) FROM orders GROUP BY status;
-- expect: ci
SELECT status, COUNT(*) FROM orders WHERE order_id IN (0, 21, 175, 386) GROUP BY status;
SELECT LOWER(TRIM(status)) AS st, COUNT(*) FROM orders GROUP BY st;
SELECT COUNT(*) FROM orders GROUP BY status;

-- numbers and dates
SELECT customer_id, COUNT(*), SUM(amount) FROM orders GROUP BY customer_id;
-- expect: ordered
SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id ORDER BY n DESC, customer_id;
SELECT YEAR(created_at) AS y, COUNT(*) FROM orders GROUP BY YEAR(created_at);
-- expect: ordered
SELECT YEAR(created_at) y, MONTH(created_at) m, SUM(amount) FROM orders GROUP BY y, m ORDER BY y, m;
-- expect: ordered
SELECT qty, COUNT(*) FROM orders GROUP BY qty ORDER BY qty;
-- expect: ordered
SELECT qty, COUNT(*) FROM orders GROUP BY 1 ORDER BY 1 DESC;
SELECT qty, AVG(amount), AVG(discount) FROM orders GROUP BY qty;
-- expect: ordered
SELECT discount, COUNT(*), SUM(qty) FROM orders GROUP BY discount ORDER BY discount DESC;
SELECT customer_id, COUNT(DISTINCT status) FROM orders GROUP BY customer_id;
SELECT customer_id, MAX(created_at), MIN(paid_at) FROM orders WHERE customer_id <= 20 GROUP BY customer_id;
SELECT paid_at, COUNT(*) FROM orders WHERE paid_at >= '2024-11-01' GROUP BY paid_at;
SELECT customer_id, qty, COUNT(*) FROM orders WHERE customer_id < 30 GROUP BY customer_id, qty;
-- expect: ordered
SELECT customer_id FROM orders GROUP BY customer_id ORDER BY SUM(amount) DESC, customer_id LIMIT 10;
SELECT status, COUNT(*) FROM orders WHERE order_id = 5 GROUP BY status;

-- grouped by the shard key: each group lives on one shard
SELECT order_id, COUNT(*) FROM order_items GROUP BY order_id;
-- expect: ordered
SELECT order_id, COUNT(*), SUM(price) FROM order_items GROUP BY order_id ORDER BY COUNT(*) DESC, order_id LIMIT 20;
-- expect: ci
SELECT sku, COUNT(*) FROM order_items GROUP BY sku;
-- expect: ordered ci
SELECT sku, SUM(quantity) FROM order_items GROUP BY sku ORDER BY SUM(quantity) DESC, sku LIMIT 10;
-- expect: ordered ci
SELECT country_code, AVG(qty) FROM orders GROUP BY country_code ORDER BY AVG(qty) DESC, country_code LIMIT 5;

-- HAVING, also on aggregates that are not selected
SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id HAVING COUNT(*) > 20;
SELECT customer_id, SUM(amount) s FROM orders GROUP BY customer_id HAVING s > 10000000000;
-- expect: ci
SELECT status, COUNT(*) c FROM orders GROUP BY status HAVING c > 500;
-- expect: ci
SELECT country_code, COUNT(*) FROM orders GROUP BY country_code HAVING MAX(amount) > 9000000000;
-- expect: ordered
SELECT customer_id FROM orders GROUP BY customer_id HAVING SUM(qty) > 100 ORDER BY customer_id;
-- expect: ci
SELECT status FROM orders GROUP BY status HAVING COUNT(*) > 300;
SELECT qty, COUNT(*) FROM orders GROUP BY qty HAVING qty IS NULL OR qty > 1000;
SELECT customer_id, AVG(amount) FROM orders GROUP BY customer_id HAVING AVG(amount) < 100;

-- DISTINCT
-- expect: ci
SELECT DISTINCT status FROM orders;
SELECT DISTINCT customer_id FROM orders;
-- expect: ci
SELECT DISTINCT country_code, status FROM orders;
-- expect: ordered
SELECT DISTINCT qty FROM orders ORDER BY qty;
SELECT DISTINCT YEAR(created_at) FROM orders;
-- expect: ci
SELECT DISTINCT note FROM orders WHERE note LIKE 'c%';
-- expect: ordered
SELECT DISTINCT discount FROM orders ORDER BY discount DESC;
-- expect: ordered
SELECT DISTINCT customer_id FROM orders ORDER BY customer_id LIMIT 10;
-- expect: ordered
SELECT DISTINCT customer_id FROM orders ORDER BY customer_id DESC LIMIT 5, 10;
SELECT DISTINCT order_id FROM order_items WHERE quantity > 4;
SELECT DISTINCT LOWER(TRIM(sku)) FROM order_items WHERE sku LIKE '%-01%';
-- expect: ci
SELECT DISTINCT status, qty > 5 FROM orders;
