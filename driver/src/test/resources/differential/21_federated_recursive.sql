-- Differential corpus: WITH RECURSIVE over constants, unsharded and broadcast tables, joined with sharded tables (federation):
-- one server computes the recursive common table, as it would on one database.
-- Format (read by org.shardjdbc.driver.testing.Corpus; the same in every file of this directory):
--   One query per entry; a query ends at a line that ends with ';'. Other '--' lines are comments.
--   Directive lines just before a query apply to that query only:
--   -- expect: <words>   ordered   compare rows in order (only when ORDER BY ends with a unique column)
--                        ci        compare strings as the unsharded server does in their column's collation
--                                  (ServerCollations): for values that depend on which row of a group MySQL picks
--                        refused   the driver must throw SQLFeatureNotSupportedException (SQLState 0A000)
--                        optional  the driver may refuse it; if it answers, the answer must be right
--                        prepared  run through a PreparedStatement even without parameters
--                        error     the unsharded database rejects it: the driver must fail too
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

WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT o.order_id, n.i FROM orders o JOIN n ON o.qty = n.i WHERE o.customer_id < 30;
WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT n.i, COUNT(o.order_id) AS orders FROM n LEFT JOIN orders o ON o.qty = n.i GROUP BY n.i;
-- expect: ordered
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8) SELECT n.i, o.order_id FROM n JOIN orders o ON o.qty = n.i WHERE o.customer_id < 40 ORDER BY n.i DESC, o.order_id LIMIT 7;
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6) SELECT a.i, b.i, o.order_id FROM n a JOIN n b ON b.i = a.i + 1 JOIN orders o ON o.qty = b.i WHERE o.customer_id < 25;
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9) SELECT o.order_id, o.qty FROM orders o WHERE o.qty IN (SELECT i FROM n) AND o.customer_id < 20;
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4), m AS (SELECT i * 2 AS j FROM n) SELECT m.j, COUNT(*) FROM m JOIN orders o ON o.qty = m.j GROUP BY m.j;
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n;
-- the anchor types the columns: DECIMAL scale, a string's length, NULL
WITH RECURSIVE s (x) AS (SELECT CAST(1.5 AS DECIMAL(8,3)) UNION ALL SELECT x * 2 FROM s WHERE x < 100) SELECT s.x, COUNT(o.order_id) FROM s LEFT JOIN orders o ON o.amount < s.x * 1000 AND o.customer_id < 10 GROUP BY s.x;
WITH RECURSIVE w (s, k) AS (SELECT CAST('a' AS CHAR(10)), 1 UNION ALL SELECT CONCAT(s, 'B'), k + 1 FROM w WHERE k < 4) SELECT w.s, w.k, o.order_id FROM w JOIN orders o ON o.qty = w.k WHERE o.customer_id = 3;
WITH RECURSIVE t (i, q) AS (SELECT 1, CAST(NULL AS DECIMAL(5,1)) UNION ALL SELECT i + 1, CASE WHEN i % 2 = 0 THEN i * 1.5 END FROM t WHERE i < 6) SELECT t.i, t.q, o.order_id FROM t LEFT JOIN orders o ON o.qty = t.q AND o.customer_id < 12;
-- UNION (distinct) ends the recursion on repeated rows; duplicates of UNION ALL stay
WITH RECURSIVE c (i) AS (SELECT 1 UNION SELECT i % 3 + 1 FROM c) SELECT c.i, COUNT(*) FROM c JOIN orders o ON o.qty = c.i GROUP BY c.i;
WITH RECURSIVE d (i) AS (SELECT 2 UNION ALL SELECT 2 UNION ALL SELECT i + 1 FROM d WHERE i < 3) SELECT d.i, o.order_id FROM d JOIN orders o ON o.qty = d.i WHERE o.customer_id < 10;
-- an empty anchor: no rows
WITH RECURSIVE n (i) AS (SELECT customer_id FROM customers WHERE customer_id < 0 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT * FROM n JOIN orders o ON o.qty = n.i;
-- recursion over the unsharded customers and the broadcast countries
WITH RECURSIVE chain (customer_id, depth) AS (SELECT customer_id, 0 FROM customers WHERE customer_id = 1 UNION ALL SELECT c.customer_id, chain.depth + 1 FROM chain JOIN customers c ON c.customer_id = chain.customer_id * 2 WHERE chain.depth < 10) SELECT chain.customer_id, chain.depth, COUNT(o.order_id) AS orders FROM chain LEFT JOIN orders o ON o.customer_id = chain.customer_id GROUP BY chain.customer_id, chain.depth;
WITH RECURSIVE r (code, n) AS (SELECT code, 1 FROM countries WHERE code = 'DE' UNION ALL SELECT code, n + 1 FROM r WHERE n < 3) SELECT r.n, r.code, o.order_id, o.country_code FROM r JOIN orders o ON o.country_code = r.code WHERE o.customer_id < 15;
-- expect: ci
WITH RECURSIVE r (region, n) AS (SELECT DISTINCT region, 1 FROM countries UNION ALL SELECT region, n + 1 FROM r WHERE n < 2) SELECT r.region, r.n, COUNT(*) FROM r JOIN countries co ON co.region = r.region JOIN orders o ON o.country_code = co.code WHERE o.customer_id < 30 GROUP BY r.region, r.n;
-- past the server's recursion limit (cte_max_recursion_depth, MariaDB's max_recursive_iterations): as the server does
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) SELECT COUNT(*), MAX(n.i) FROM n LEFT JOIN orders o ON o.order_id = n.i;
-- params: 20
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) SELECT o.order_id, n.i FROM orders o JOIN n ON o.qty = n.i WHERE o.customer_id < ?;
-- a constant derived table that each shard computes beside its own rows (no federation)
SELECT o.order_id FROM orders o JOIN (WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n) d ON d.i = o.qty WHERE o.customer_id < 5;
-- a recursion that reads a sharded table, or sits in a derived table, or has a parameter: refused
-- expect: refused
WITH RECURSIVE walk (id, d) AS (SELECT order_id, 0 FROM orders WHERE order_id < 100 UNION ALL SELECT o.order_id, walk.d + 1 FROM walk JOIN orders o ON o.order_id = walk.id + 1 WHERE walk.d < 3) SELECT * FROM walk JOIN customers c ON c.customer_id = walk.d;
-- expect: refused
SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id JOIN (WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) SELECT i FROM n) d ON d.i = o.qty WHERE o.customer_id < 5;
-- expect: refused
-- params: 3
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT o.order_id FROM orders o JOIN n ON o.qty = n.i WHERE o.customer_id < 30;
