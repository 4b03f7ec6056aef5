-- Differential corpus: the unsharded customers (default data source only), the broadcast countries alone, no table.
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

SELECT * FROM customers WHERE customer_id = 7;
-- expect: ordered
SELECT * FROM customers ORDER BY customer_id LIMIT 10;
-- expect: ci
SELECT tier, COUNT(*) FROM customers GROUP BY tier;
SELECT COUNT(*) FROM customers;
SELECT * FROM customers WHERE name LIKE 'Customer 1%';
-- expect: ci
SELECT DISTINCT tier FROM customers;
-- expect: ordered
SELECT * FROM customers WHERE tier = 'gold' ORDER BY customer_id DESC LIMIT 5 OFFSET 2;
-- expect: ci
SELECT MIN(name), MAX(name) FROM customers;
SELECT * FROM customers WHERE customer_id % 50 = 0;
SELECT a.customer_id, b.customer_id FROM customers a JOIN customers b ON a.customer_id = b.customer_id + 1 WHERE a.customer_id < 5;
SELECT * FROM customers WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'gold') AND customer_id < 50;
SELECT tier, COUNT(*) FROM customers WHERE tier IS NULL GROUP BY tier;

SELECT * FROM countries;
SELECT * FROM countries WHERE code = 'DE';
SELECT * FROM countries WHERE code = 'de';
-- expect: ci
SELECT region, COUNT(*) FROM countries GROUP BY region;
-- expect: ordered
SELECT * FROM countries ORDER BY name;
SELECT code, name FROM countries WHERE region IS NULL;
SELECT COUNT(*) FROM countries;
-- expect: ci
SELECT DISTINCT region FROM countries;
-- expect: ordered
SELECT * FROM countries ORDER BY region, code LIMIT 5;
SELECT c1.code, c2.code FROM countries c1 JOIN countries c2 ON c1.region = c2.region AND c1.code < c2.code;
SELECT * FROM countries WHERE code IN (SELECT code FROM countries WHERE region = 'europe');

SELECT 1;
SELECT 1 + 1 AS two, 'a' AS s, NULL AS n, 2.50 AS d;
