-- Differential corpus: aggregates over every shard and over pruned shards, NULLs, empty inputs, overflow.
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

SELECT COUNT(*) FROM orders;
SELECT COUNT(*) FROM order_items;
SELECT COUNT(1) FROM orders;
SELECT COUNT(*) AS n, SUM(qty) AS total_qty FROM orders;
SELECT COUNT(amount), COUNT(note), COUNT(status), COUNT(paid_at) FROM orders;
SELECT COUNT(*) n FROM orders WHERE customer_id IS NULL;

-- COUNT(DISTINCT): case and accent variants count once under the collation
SELECT COUNT(DISTINCT customer_id) FROM orders;
SELECT COUNT(DISTINCT status) FROM orders;
SELECT COUNT(DISTINCT note) FROM orders;
SELECT COUNT(DISTINCT country_code) FROM orders;
SELECT COUNT(DISTINCT status, country_code) FROM orders;
SELECT COUNT(DISTINCT order_id) FROM order_items;
SELECT COUNT(DISTINCT sku) FROM order_items;
SELECT COUNT(DISTINCT qty) FROM orders WHERE order_id BETWEEN -100000 AND 100000;

-- SUM: INT gives DECIMAL (beyond 2^31 here), DECIMAL near its maximum, DOUBLE (exact: multiples of 1/16)
SELECT SUM(qty) FROM orders;
SELECT SUM(amount) FROM orders;
SELECT SUM(discount) FROM orders;
SELECT SUM(qty * qty) FROM orders;
SELECT SUM(order_id) FROM orders;
SELECT SUM(discount * qty) FROM orders;
SELECT SUM(price * quantity) FROM order_items;
SELECT SUM(CASE WHEN status = 'paid' THEN 1 ELSE 0 END) FROM orders;
SELECT COUNT(CASE WHEN amount > 500 THEN 1 END) FROM orders;

-- AVG: INT and DECIMAL give DECIMAL with 4 more digits of scale, DOUBLE gives DOUBLE
SELECT AVG(qty), AVG(amount), AVG(discount) FROM orders;
SELECT AVG(order_id) FROM orders;
-- the shards leave an AVG of a number or a date to the merge and report only its type and name
SELECT AVG(created_at), AVG(paid_at), Avg( amount ), avg(qty) AS q, AVG(`discount`) FROM orders;
-- expect: ci
SELECT status, AVG(amount) AS a, AVG(customer_id) FROM orders WHERE qty > 2 GROUP BY status;
SELECT AVG(discount * 2) FROM orders;
SELECT AVG(price), SUM(quantity), COUNT(DISTINCT sku) FROM order_items;
SELECT AVG(amount) FROM orders WHERE status = 'new';
SELECT AVG(qty) FROM orders WHERE qty < 100;

-- MIN / MAX on numbers, dates and strings
SELECT MIN(order_id), MAX(order_id) FROM orders;
SELECT MIN(amount), MAX(amount), MIN(discount), MAX(discount) FROM orders;
SELECT MIN(created_at), MAX(created_at), MIN(paid_at), MAX(paid_at) FROM orders;
-- expect: ci
SELECT MIN(status), MAX(status) FROM orders;
-- expect: ci
SELECT MIN(note), MAX(note) FROM orders;
-- expect: ci
SELECT MIN(country_code), MAX(country_code) FROM orders;
SELECT MAX(item_id), MIN(item_id) FROM order_items;
SELECT MIN(amount) FROM orders WHERE country_code = 'ZZ';
SELECT MAX(created_at) FROM orders WHERE status IS NULL;
-- expect: ci
SELECT MIN(sku), MAX(sku) FROM order_items;

-- all aggregates together, with filters
SELECT COUNT(*), SUM(amount), AVG(amount), MIN(amount), MAX(amount) FROM orders WHERE status = 'paid';
SELECT COUNT(*) FROM orders WHERE order_id IN (0, 21, 175);
SELECT SUM(amount) FROM orders WHERE order_id BETWEEN -200 AND 200;
SELECT COUNT(*), SUM(qty), AVG(discount) FROM orders WHERE order_id = 1220;
SELECT COUNT(*) FROM orders o WHERE o.discount > 1.0;
SELECT COUNT(*) FROM orders WHERE note = 'é';

-- empty inputs: COUNT 0, the others NULL
SELECT COUNT(*), SUM(amount), AVG(qty), MIN(order_id), MAX(note) FROM orders WHERE order_id = 5;
SELECT COUNT(*), SUM(qty) FROM orders WHERE 1 = 0;
SELECT COUNT(*) FROM orders WHERE amount > 1000000000000;
SELECT SUM(amount) FROM orders WHERE amount IS NULL;
SELECT AVG(discount), MIN(created_at) FROM orders WHERE order_id IN (5, 69, 63);
SELECT COUNT(DISTINCT status) FROM orders WHERE order_id = 999999;
