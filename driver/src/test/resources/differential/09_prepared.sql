-- Differential corpus: PreparedStatement parameters in WHERE, IN, BETWEEN, HAVING and LIMIT.
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

-- params: 21
SELECT * FROM orders WHERE order_id = ?;
-- params: 5
SELECT * FROM orders WHERE order_id = ?;
-- params: NULL
SELECT * FROM orders WHERE order_id = ?;
-- params: -9223372036854775807
SELECT * FROM orders WHERE order_id = ?;
-- params: 9007199254740993
SELECT order_id, amount FROM orders WHERE order_id = ?;
-- params: '1220'
SELECT * FROM orders WHERE order_id = ?;
-- params: 1220.0
SELECT * FROM orders WHERE order_id = ?;
-- params: 0, 21, 175, 386
SELECT * FROM orders WHERE order_id IN (?, ?, ?, ?);
-- params: 21, 21, 1220
SELECT * FROM orders WHERE order_id IN (?, ?, ?);
-- params: 5, 69, NULL
SELECT * FROM orders WHERE order_id IN (?, ?, ?);
-- params: -200, 200
SELECT * FROM orders WHERE order_id BETWEEN ? AND ?;
-- params: 100, 800
SELECT order_id FROM orders WHERE order_id > ? AND order_id < ?;
-- params: 21, 1220
SELECT * FROM orders WHERE order_id = ? OR order_id = ?;
-- params: 0, 736, 2000
SELECT order_id FROM orders WHERE order_id = ? OR order_id IN (?) OR order_id > ?;
-- params: 'PAID', 1220, 1287
SELECT * FROM orders WHERE status = ? AND order_id IN (?, ?);
-- params: 'paid'
SELECT order_id, status FROM orders WHERE status = ?;
-- params: 'é'
SELECT order_id, note FROM orders WHERE note = ?;
-- params: 999999.99
SELECT order_id, amount FROM orders WHERE amount > ?;
-- params: 0.125
SELECT order_id FROM orders WHERE discount = ?;
-- params: 1.5e0
SELECT order_id FROM orders WHERE discount = ?;
-- params: TIMESTAMP '2024-12-01 00:00:00'
SELECT order_id, created_at FROM orders WHERE created_at >= ?;
-- params: DATE '2024-03-01'
SELECT order_id, paid_at FROM orders WHERE paid_at = ?;
-- params: 'de', 1000
SELECT order_id FROM orders WHERE country_code = ? AND qty < ?;

-- LIMIT and OFFSET as parameters
-- expect: ordered
-- params: 3, 5
SELECT * FROM orders WHERE customer_id = ? ORDER BY order_id LIMIT ?;
-- expect: ordered
-- params: 100, 10
SELECT * FROM orders ORDER BY order_id LIMIT ?, ?;
-- expect: ordered
-- params: 10, 4990
SELECT order_id FROM orders ORDER BY order_id LIMIT ? OFFSET ?;
-- expect: ordered
-- params: 100000, 10
SELECT order_id FROM orders ORDER BY order_id LIMIT ?, ?;
-- expect: ordered
-- params: 'paid', 40, 20
SELECT order_id, status FROM orders WHERE status = ? ORDER BY amount DESC, order_id LIMIT ?, ?;

-- integer values of a statement for several shards go into its physical text, as mysql-connector-j writes them
-- params: -5, 3
SELECT order_id, qty - ? AS d FROM orders WHERE customer_id <= ?;
-- params: 2, 0
SELECT ? AS k, COUNT(*), SUM(qty * ?) FROM orders;
-- params: 2
SELECT ?, COUNT(*) FROM orders;
-- params: -9223372036854775807, 9223372036854775806
SELECT COUNT(*) FROM orders WHERE order_id IN (?, ?) OR qty > 1000000;
-- params: 3, 'paid'
SELECT order_id FROM orders WHERE customer_id = ? AND status = ?;

-- a server's UNION ALL keeps its markers, and runs prepared on the server when its text ran before (the test runs
-- every query twice): bound values in the select list, in expressions, in the sort
-- params: 7, 3
SELECT order_id, ? AS tag FROM orders WHERE customer_id = ?;
-- params: 'x', 3
SELECT order_id, ? AS tag FROM orders WHERE customer_id = ?;
-- params: 2.50, NULL, 4
SELECT order_id, amount * ? AS a, ? AS n FROM orders WHERE customer_id = ?;
-- params: 1.5e0, DATE '2024-02-29', 4
SELECT order_id, qty * ? AS q, ? AS d FROM orders WHERE customer_id = ?;
-- expect: ordered
-- params: 2, 5
SELECT order_id, qty * ? AS q FROM orders WHERE customer_id <= ? ORDER BY q DESC, order_id LIMIT 7;
-- expect: ordered
-- params: 'paid', 3, 4
SELECT order_id, status FROM orders WHERE status = ? AND customer_id BETWEEN ? AND ? ORDER BY order_id LIMIT 5;
-- params: 1000, 6
SELECT order_id, order_id DIV ? AS g FROM orders WHERE customer_id = ?;

-- aggregates, groups, joins, wrappers
-- params: -1000, 1000
SELECT COUNT(*), SUM(amount), AVG(qty) FROM orders WHERE order_id BETWEEN ? AND ?;
-- params: 15
SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id HAVING COUNT(*) > ?;
-- expect: ci
-- params: 100
SELECT status, COUNT(*) FROM orders WHERE amount > ? GROUP BY status;
-- params: 736
SELECT o.order_id, i.item_id, i.price FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.order_id = ?;
-- expect: ci
-- params: 'europe'
SELECT c.region, COUNT(*) FROM orders o JOIN countries c ON o.country_code = c.code WHERE c.region = ? GROUP BY c.region;
-- params: 'new'
SELECT count(0) FROM (SELECT * FROM orders WHERE status = ?) tmp_count;
-- params: 'x', 21
SELECT order_id, ? AS tag FROM orders WHERE order_id = ?;
-- params: 7
SELECT * FROM customers WHERE customer_id = ?;
-- params: 'DE'
SELECT * FROM countries WHERE code = ?;
-- expect: prepared
SELECT COUNT(*) FROM orders;
-- expect: prepared ordered
SELECT order_id FROM orders ORDER BY order_id LIMIT 5;
-- params:
SELECT MAX(amount) FROM orders WHERE order_id IN (0, 21);
