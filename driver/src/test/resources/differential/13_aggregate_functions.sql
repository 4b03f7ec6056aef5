-- Differential corpus: STDDEV/VARIANCE and kin, BIT_AND/OR/XOR, GROUP_CONCAT, and functions over aggregates.
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
-- Two more words, for what MySQL itself does not fix:
--   approx   DOUBLE values agree within a relative 1e-12: the server computes STDDEV and VARIANCE with Welford's
--            recurrence in the order it reads rows, so its own last digits change with that order
--   parts    strings agree when their comma-separated parts are the same multiset: GROUP_CONCAT without an ORDER BY
--            that fixes the order of its values

-- STDDEV and VARIANCE: every name, over DECIMAL, INT, DOUBLE and BIGINT beyond 2^53
-- expect: approx
SELECT STDDEV_POP(amount), STDDEV_SAMP(amount), STDDEV(amount), STD(amount), VAR_POP(amount), VAR_SAMP(amount),
       VARIANCE(amount)
  FROM orders;
-- expect: approx
SELECT STDDEV(qty), VARIANCE(qty), VAR_SAMP(qty), STDDEV_SAMP(qty) FROM orders;
-- expect: approx
SELECT STDDEV_POP(discount), VAR_SAMP(discount), VAR_POP(discount * qty) FROM orders;
-- expect: approx
SELECT VAR_POP(order_id), STDDEV_SAMP(order_id) FROM orders;
-- expect: approx
SELECT STDDEV(price), VAR_SAMP(quantity), STDDEV_POP(price * quantity) FROM order_items;
-- expect: approx
SELECT COUNT(*), AVG(amount), STDDEV(amount), VARIANCE(qty) FROM orders WHERE status = 'paid';
-- expect: approx
SELECT VAR_POP(qty), STDDEV_SAMP(amount) FROM orders WHERE order_id IN (0, 21, 175, 386, 1220);
-- expect: approx
SELECT VAR_SAMP(qty), STDDEV_SAMP(qty) FROM orders WHERE order_id BETWEEN -100000 AND 100000;
-- one row: VAR_SAMP is NULL, VAR_POP 0; no rows: NULL
SELECT VAR_SAMP(amount), VAR_POP(amount), STDDEV(amount), STDDEV_SAMP(qty) FROM orders WHERE order_id = 1220;
SELECT VAR_SAMP(amount), VAR_POP(amount), STDDEV(amount) FROM orders WHERE 1 = 0;
SELECT VAR_SAMP(amount), STDDEV_POP(qty) FROM orders WHERE order_id IN (5, 69, 63);
SELECT VAR_POP(amount), STDDEV_SAMP(amount) FROM orders WHERE amount IS NULL;
-- groups: case variants of the key, groups of one row (VAR_SAMP NULL), groups each shard holds alone (exact)
-- expect: approx ci
SELECT status, STDDEV(amount), VAR_SAMP(qty), COUNT(*) FROM orders GROUP BY status;
-- expect: approx
SELECT customer_id, VAR_SAMP(qty), STDDEV_POP(amount) FROM orders GROUP BY customer_id;
-- expect: ordered
SELECT order_id, STDDEV_POP(price), VAR_SAMP(quantity), VARIANCE(price) FROM order_items GROUP BY order_id
 ORDER BY order_id LIMIT 200;
-- expect: approx ci
SELECT country_code, STDDEV_SAMP(discount) FROM orders GROUP BY country_code;
-- expect: approx
SELECT YEAR(created_at) AS y, VAR_POP(amount), STD(qty) FROM orders GROUP BY y;
-- HAVING and ORDER BY on a standard deviation
-- expect: approx ordered
SELECT customer_id, STDDEV(amount) FROM orders GROUP BY customer_id HAVING STDDEV(amount) > 1000
 ORDER BY STDDEV(amount) DESC, customer_id LIMIT 5;
-- expect: approx
SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id HAVING VAR_SAMP(qty) IS NULL;
-- expect: approx
SELECT qty, STDDEV_POP(discount) FROM orders GROUP BY qty HAVING STDDEV_POP(discount) < 3;
-- with DISTINCT aggregates beside it: the shards group by the DISTINCT argument too
-- expect: approx ci
SELECT status, COUNT(DISTINCT customer_id), STDDEV(amount) FROM orders GROUP BY status;
-- expect: approx
SELECT COUNT(DISTINCT qty), VAR_POP(amount) FROM orders;

-- BIT_AND, BIT_OR, BIT_XOR: BIGINT UNSIGNED; negative numbers in two's complement; no rows: all ones, 0, 0
SELECT BIT_AND(qty), BIT_OR(qty), BIT_XOR(qty) FROM orders;
SELECT BIT_AND(order_id), BIT_OR(order_id), BIT_XOR(order_id) FROM orders;
SELECT BIT_AND(qty), BIT_OR(qty), BIT_XOR(qty) FROM orders WHERE 1 = 0;
SELECT BIT_AND(qty), BIT_OR(qty), BIT_XOR(qty) FROM orders WHERE order_id IN (5, 69, 63);
SELECT BIT_OR(customer_id), BIT_XOR(customer_id) FROM orders WHERE order_id BETWEEN -200 AND 200;
SELECT BIT_XOR(amount), BIT_OR(discount), BIT_AND(quantity) FROM orders o JOIN order_items i ON i.order_id = o.order_id;
-- expect: ci
SELECT status, BIT_OR(customer_id), BIT_XOR(qty), BIT_AND(order_id) FROM orders GROUP BY status;
SELECT order_id, BIT_XOR(item_id), BIT_OR(quantity) FROM order_items GROUP BY order_id;
SELECT customer_id, BIT_XOR(qty) FROM orders GROUP BY customer_id HAVING BIT_XOR(qty) > 5;
-- expect: ordered
SELECT customer_id, BIT_OR(qty) AS bits FROM orders GROUP BY customer_id ORDER BY bits DESC, customer_id LIMIT 10;
SELECT COUNT(DISTINCT status), BIT_XOR(qty) FROM orders;

-- GROUP_CONCAT with ORDER BY on a unique key: one order
SELECT GROUP_CONCAT(order_id ORDER BY order_id) FROM orders WHERE order_id BETWEEN -200 AND 200;
-- expect: ci
SELECT status, GROUP_CONCAT(order_id ORDER BY order_id DESC SEPARATOR '; ') FROM orders WHERE customer_id <= 5
 GROUP BY status;
SELECT order_id, GROUP_CONCAT(item_id ORDER BY item_id), GROUP_CONCAT(sku, ':', quantity ORDER BY item_id DESC)
  FROM order_items GROUP BY order_id;
SELECT GROUP_CONCAT(note, '/', status ORDER BY order_id) FROM orders WHERE customer_id = 3;
SELECT GROUP_CONCAT(amount ORDER BY order_id), GROUP_CONCAT(discount ORDER BY order_id),
       GROUP_CONCAT(created_at ORDER BY order_id), GROUP_CONCAT(paid_at ORDER BY order_id)
  FROM orders WHERE customer_id = 4;
SELECT customer_id, GROUP_CONCAT(qty ORDER BY order_id SEPARATOR '') FROM orders WHERE customer_id < 30 GROUP BY customer_id;
SELECT GROUP_CONCAT(order_id, note ORDER BY 1 DESC SEPARATOR ' | ') FROM orders WHERE customer_id = 7;
SELECT GROUP_CONCAT(order_id ORDER BY amount DESC, order_id) FROM orders WHERE customer_id = 11;
-- DISTINCT, ordered by its argument
SELECT customer_id, GROUP_CONCAT(DISTINCT qty ORDER BY qty) FROM orders WHERE customer_id < 40 GROUP BY customer_id;
SELECT GROUP_CONCAT(DISTINCT qty ORDER BY qty DESC) FROM orders;
SELECT GROUP_CONCAT(DISTINCT discount ORDER BY discount SEPARATOR ' ') FROM orders;
SELECT GROUP_CONCAT(DISTINCT YEAR(created_at) ORDER BY YEAR(created_at)) FROM orders;
-- expect: ci parts
SELECT GROUP_CONCAT(DISTINCT status ORDER BY status) FROM orders;
-- expect: ci parts
SELECT GROUP_CONCAT(DISTINCT country_code ORDER BY country_code) FROM orders WHERE order_id > 0;
-- without ORDER BY, or with ties: the order of the values is MySQL's to choose
-- expect: parts
SELECT customer_id, GROUP_CONCAT(order_id) FROM orders WHERE customer_id < 50 GROUP BY customer_id;
-- expect: ci parts
SELECT status, GROUP_CONCAT(qty) FROM orders WHERE order_id BETWEEN -20000 AND 20000 GROUP BY status;
-- expect: parts
SELECT GROUP_CONCAT(DISTINCT qty) FROM orders;
-- expect: ci parts
SELECT qty, GROUP_CONCAT(status ORDER BY qty) FROM orders WHERE qty < 4 AND customer_id < 100 GROUP BY qty;
-- expect: ci parts
SELECT GROUP_CONCAT(DISTINCT note) FROM orders;
-- expect: ci parts
SELECT sku, GROUP_CONCAT(quantity) FROM order_items WHERE sku LIKE 'SKU-00%' GROUP BY sku;
-- NULLs are skipped; no values give NULL
SELECT GROUP_CONCAT(note ORDER BY order_id) FROM orders WHERE customer_id = 8;
SELECT GROUP_CONCAT(order_id ORDER BY order_id), COUNT(*) FROM orders WHERE 1 = 0;
SELECT GROUP_CONCAT(DISTINCT qty ORDER BY qty), COUNT(DISTINCT status), COUNT(*), SUM(qty), MAX(note)
  FROM orders WHERE amount > 1000000000000;
SELECT GROUP_CONCAT(amount ORDER BY order_id) FROM orders WHERE amount IS NULL;
-- beside other aggregates
-- expect: ci
SELECT status, COUNT(*), SUM(amount), AVG(qty), GROUP_CONCAT(order_id ORDER BY order_id), COUNT(DISTINCT customer_id)
  FROM orders WHERE customer_id BETWEEN 10 AND 12 GROUP BY status;
-- expect: ordered
SELECT customer_id, COUNT(*) AS n, GROUP_CONCAT(order_id ORDER BY order_id) FROM orders GROUP BY customer_id
 ORDER BY n DESC, customer_id LIMIT 5;
SELECT count(0) FROM (SELECT customer_id, GROUP_CONCAT(order_id) FROM orders GROUP BY customer_id) tmp_count;

-- functions over aggregates, evaluated by the merge with MySQL's rounding and types
SELECT ROUND(AVG(amount), 2), TRUNCATE(AVG(amount), 3), CAST(SUM(amount) AS CHAR), SUM(amount) / COUNT(*),
       COALESCE(MAX(amount), 0)
  FROM orders;
-- expect: ci
SELECT status, ROUND(AVG(qty), 1), ROUND(AVG(discount), 2), TRUNCATE(AVG(discount), 1), CAST(AVG(discount) AS CHAR)
  FROM orders GROUP BY status;
SELECT ROUND(SUM(amount), -3), TRUNCATE(SUM(qty), -2), ROUND(AVG(qty)), ROUND(SUM(discount), -1), TRUNCATE(AVG(discount), 0)
  FROM orders;
SELECT CAST(COUNT(*) AS CHAR), CAST(AVG(qty) AS DECIMAL(10,2)), CAST(AVG(amount) AS SIGNED), CAST(SUM(discount) AS SIGNED),
       CAST(AVG(discount) AS DECIMAL(6,3)), CAST(SUM(qty) AS DOUBLE), CAST(MAX(discount) AS CHAR)
  FROM orders;
-- expect: ci
SELECT IFNULL(MIN(note), 'none'), COALESCE(MAX(amount), MIN(qty), 0), COALESCE(MIN(paid_at), MIN(created_at))
  FROM orders WHERE customer_id = 9;
SELECT COALESCE(MAX(amount), 0), IFNULL(SUM(qty), -1), COALESCE(MIN(note), 'none') FROM orders WHERE 1 = 0;
SELECT ABS(SUM(amount)), FLOOR(AVG(amount)), CEIL(AVG(amount)), CEILING(AVG(discount)), FLOOR(-AVG(qty)) FROM orders;
SELECT CAST(BIT_OR(qty) AS CHAR), ROUND(STDDEV(qty), 0) > 0, CAST(COUNT(DISTINCT status) AS CHAR) FROM orders;
SELECT CAST(SUM(discount) / 3 AS CHAR), CAST(AVG(amount) * 2 AS CHAR), CAST(ROUND(AVG(discount), 3) AS CHAR) FROM orders;
SELECT customer_id, ROUND(AVG(amount), 1) AS a FROM orders GROUP BY customer_id HAVING ROUND(AVG(amount), 1) > 500;
-- expect: ordered
SELECT customer_id, ROUND(AVG(amount), 1) AS a FROM orders GROUP BY customer_id ORDER BY a DESC, customer_id LIMIT 5;
-- expect: ordered
SELECT customer_id, TRUNCATE(SUM(amount) / COUNT(*), 2) AS mean FROM orders GROUP BY customer_id
 ORDER BY TRUNCATE(SUM(amount) / COUNT(*), 2), customer_id LIMIT 10;
-- params: 2
SELECT qty, ROUND(AVG(amount), ?) FROM orders GROUP BY qty;
-- params: 1, 100
SELECT customer_id, TRUNCATE(AVG(discount), ?) FROM orders GROUP BY customer_id HAVING SUM(amount) > ?;
-- expect: approx
SELECT ROUND(STDDEV(amount), 2), TRUNCATE(VAR_POP(discount), 4), CAST(STDDEV_POP(qty) AS DECIMAL(20,3)) FROM orders;
-- expressions read AVG and divisions as the server holds them (a quotient of nine more digits), comparisons in
-- MariaDB round each side to its declared decimals, ORDER BY and the result see the value shown
-- expect: ci
SELECT status, AVG(qty) * 3, SUM(amount) / COUNT(*) * 7, ROUND(AVG(qty), 3), TRUNCATE(AVG(amount), 5),
       AVG(qty) - ROUND(AVG(qty), 4), AVG(discount) * 3
  FROM orders GROUP BY status;
SELECT customer_id, AVG(qty) FROM orders GROUP BY customer_id HAVING AVG(qty) > 5.5;
SELECT customer_id FROM orders GROUP BY customer_id HAVING AVG(qty) = ROUND(AVG(qty), 4);
SELECT customer_id, SUM(qty) / COUNT(qty) FROM orders GROUP BY customer_id HAVING SUM(qty) / COUNT(qty) >= 5.0001;
-- expect: ordered
SELECT customer_id, AVG(qty) AS a FROM orders WHERE qty < 100 GROUP BY customer_id ORDER BY a DESC, customer_id
 LIMIT 20;
SELECT DISTINCT ROUND(AVG(qty), 0) FROM orders WHERE qty < 100 GROUP BY customer_id;
