-- Differential corpus: outer joins and anti-joins that keep every row of a broadcast or unsharded table, with a
-- sharded table on the other side: exact on one shard when every sharded row they can match lives there, else run
-- by federation (a plain fan-out would return every kept row once per shard), issues #6 and #10.
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

-- every country with the orders of each shard: federation joins the rows of all shards
SELECT c.code, o.order_id FROM countries c LEFT JOIN orders o ON o.country_code = c.code;
SELECT c.code, COUNT(o.order_id) FROM countries c LEFT JOIN orders o ON o.country_code = c.code GROUP BY c.code;
SELECT COUNT(*) FROM countries c LEFT JOIN orders o ON o.country_code = c.code AND o.order_id IN (21, 1220);
SELECT c.code, o.order_id FROM orders o RIGHT JOIN countries c ON o.country_code = c.code;
SELECT COUNT(*) FROM orders o RIGHT JOIN countries c ON o.country_code = c.code;
SELECT cu.customer_id, o.order_id FROM customers cu LEFT JOIN orders o ON o.customer_id = cu.customer_id;
SELECT c.code, o.order_id FROM countries c LEFT JOIN orders o ON o.country_code = c.code WHERE o.order_id = 21 OR o.order_id IS NULL;
SELECT c.code, i.item_id FROM countries c LEFT JOIN orders o ON o.country_code = c.code AND o.order_id = 21 LEFT JOIN order_items i ON i.order_id = o.order_id;
SELECT count(0) FROM (SELECT c.code FROM countries c LEFT JOIN orders o ON o.country_code = c.code) tmp_count;
SELECT c.code FROM countries c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.country_code = c.code);
SELECT c.code FROM countries c WHERE c.code NOT IN (SELECT country_code FROM orders WHERE order_id IN (21, 1220));
SELECT c.code FROM countries c WHERE c.code NOT IN (SELECT country_code FROM orders);

-- the ON condition pins every order the join can match to one shard: exact there
SELECT c.code, o.order_id FROM countries c LEFT JOIN orders o ON o.country_code = c.code AND o.order_id = 21;
-- params: 1220
SELECT c.code, o.order_id, o.status FROM countries c LEFT JOIN orders o ON o.country_code = c.code AND o.order_id = ?;
SELECT COUNT(*), COUNT(o.order_id) FROM countries c LEFT JOIN orders o ON o.country_code = c.code AND o.order_id = 21;
SELECT c.code, o.order_id FROM orders o RIGHT JOIN countries c ON o.country_code = c.code AND o.order_id = 386;
SELECT c.code, o.order_id FROM countries c LEFT JOIN orders o ON o.country_code = c.code AND o.order_id = 5;
SELECT c.code, o.order_id FROM countries c LEFT JOIN orders o ON o.country_code = c.code AND o.order_id = 21.5;
SELECT cu.customer_id, o.order_id FROM customers cu LEFT JOIN orders o ON o.customer_id = cu.customer_id AND o.order_id = 1220;
-- the WHERE clause pins the matched orders: rows with no order never pass it
SELECT c.code, o.order_id FROM countries c LEFT JOIN orders o ON o.country_code = c.code WHERE o.order_id = 21;
SELECT c.code, o.order_id, i.item_id FROM countries c LEFT JOIN orders o ON o.country_code = c.code LEFT JOIN order_items i ON i.order_id = o.order_id WHERE o.order_id = 1220;
-- anti-joins and semi-joins from countries whose subquery is on one shard
SELECT c.code FROM countries c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.country_code = c.code AND o.order_id = 21);
SELECT c.code FROM countries c WHERE c.code NOT IN (SELECT country_code FROM orders WHERE order_id = 21);
SELECT c.code FROM countries c WHERE c.code IN (SELECT country_code FROM orders WHERE order_id = 1220);
-- the sharded table preserved: each shard answers for its own rows
SELECT o.order_id, c.name FROM orders o LEFT JOIN countries c ON c.code = o.country_code WHERE o.order_id BETWEEN 0 AND 400;
SELECT COUNT(*) FROM countries c RIGHT JOIN orders o ON c.code = o.country_code WHERE c.code IS NULL;
