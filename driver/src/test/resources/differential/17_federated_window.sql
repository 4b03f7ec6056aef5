-- Differential corpus: window functions and WITH ROLLUP over sharded tables, run by federation.
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

SELECT order_id, ROW_NUMBER() OVER (ORDER BY order_id) FROM orders;
SELECT order_id, SUM(amount) OVER (PARTITION BY customer_id) FROM orders;
SELECT order_id, RANK() OVER (ORDER BY amount DESC) FROM orders WHERE status = 'paid';
SELECT order_id, LAG(order_id) OVER (ORDER BY created_at, order_id) FROM orders;
SELECT order_id, customer_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id) AS rn FROM orders WHERE customer_id < 20;
SELECT order_id, DENSE_RANK() OVER (ORDER BY qty) AS dr, RANK() OVER (ORDER BY qty) AS r FROM orders WHERE customer_id < 15;
SELECT order_id, NTILE(4) OVER (ORDER BY order_id) AS quartile FROM orders WHERE customer_id < 25;
SELECT order_id, LEAD(amount, 2) OVER (PARTITION BY customer_id ORDER BY order_id) AS next2 FROM orders WHERE customer_id < 10;
SELECT order_id, LAG(qty, 3) OVER (ORDER BY order_id) AS previous FROM orders WHERE customer_id = 3;
SELECT order_id, FIRST_VALUE(order_id) OVER (PARTITION BY customer_id ORDER BY amount, order_id) AS cheapest FROM orders WHERE customer_id < 12;
SELECT order_id, LAST_VALUE(order_id) OVER (PARTITION BY customer_id ORDER BY order_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_id FROM orders WHERE customer_id < 12;
SELECT order_id, SUM(qty) OVER (ORDER BY order_id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS around FROM orders WHERE customer_id < 30;
SELECT order_id, COUNT(*) OVER (PARTITION BY status) AS same_status FROM orders WHERE customer_id < 40;
SELECT order_id, AVG(amount) OVER (PARTITION BY customer_id ORDER BY order_id ROWS UNBOUNDED PRECEDING) AS running FROM orders WHERE customer_id < 8;
SELECT order_id, SUM(amount) OVER (PARTITION BY customer_id ORDER BY created_at, order_id) AS running_total FROM orders WHERE customer_id < 8;
SELECT order_id, MIN(amount) OVER (PARTITION BY country_code) AS cheapest, MAX(created_at) OVER (PARTITION BY country_code) AS latest FROM orders WHERE customer_id < 30;
SELECT order_id, COUNT(note) OVER (ORDER BY order_id) AS notes_so_far FROM orders WHERE customer_id < 10;
SELECT order_id, SUM(discount) OVER (PARTITION BY customer_id) AS discounts FROM orders WHERE customer_id < 50;
SELECT order_id, ROW_NUMBER() OVER w AS rn, SUM(qty) OVER w AS s FROM orders WHERE customer_id < 10 WINDOW w AS (PARTITION BY customer_id ORDER BY order_id);
SELECT o.order_id, c.name, ROW_NUMBER() OVER (PARTITION BY c.customer_id ORDER BY o.amount DESC, o.order_id) AS rn FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 8;
SELECT customer_id, COUNT(*) AS n, RANK() OVER (ORDER BY COUNT(*) DESC) AS r FROM orders WHERE customer_id < 40 GROUP BY customer_id;
SELECT order_id, amount - AVG(amount) OVER (PARTITION BY customer_id) AS deviation FROM orders WHERE customer_id < 5;
-- expect: ordered
SELECT order_id, ROW_NUMBER() OVER (ORDER BY amount DESC, order_id) AS rn FROM orders ORDER BY rn LIMIT 10;

-- GROUP BY … WITH ROLLUP
SELECT customer_id, COUNT(*), SUM(amount) FROM orders WHERE customer_id < 5 GROUP BY customer_id WITH ROLLUP;
SELECT customer_id, qty, COUNT(*) FROM orders WHERE customer_id < 4 GROUP BY customer_id, qty WITH ROLLUP;
-- expect: ci
SELECT c.tier, COUNT(*), SUM(o.amount) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.tier WITH ROLLUP;
-- expect: ci
SELECT country_code, AVG(qty), MAX(amount) FROM orders WHERE country_code IN ('DE', 'FR', 'US') GROUP BY country_code WITH ROLLUP;
SELECT customer_id, COUNT(*) AS n FROM orders WHERE customer_id < 10 GROUP BY customer_id WITH ROLLUP HAVING n > 12;
SELECT customer_id, COUNT(*) FROM orders WHERE customer_id < 0 GROUP BY customer_id WITH ROLLUP;
