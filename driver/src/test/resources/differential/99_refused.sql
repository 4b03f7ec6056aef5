-- Differential corpus: queries across shards that the driver must refuse, naming the construct: what the driver would
-- have to evaluate itself and cannot with MySQL's meaning, and what federation does not do.
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

-- MySQL operators over several tables: the shards evaluate them over one table, the driver does not
-- expect: refused
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.note REGEXP c.name;
-- expect: refused
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.qty XOR c.customer_id;
-- XOR binds more weakly than AND: its operand is c.tier = 'bronze' AND o.qty, over both tables
-- expect: refused
SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.note REGEXP '^caf' OR c.tier = 'bronze' AND o.qty XOR 1;
-- expect: refused
SELECT o.order_id, o.qty | c.customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
-- expect: refused
SELECT o.order_id FROM orders o JOIN customers c ON o.status COLLATE utf8mb4_bin = c.tier;
-- expect: refused
SELECT o.order_id, o.qty DIV c.customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
-- functions over several tables, or over the side of an outer join that has no match
-- expect: refused
SELECT o.order_id, CONCAT(o.status, c.tier) FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
-- expect: refused
SELECT o.order_id FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE UPPER(c.name) = 'X';
-- expect: refused
SELECT o.order_id, o.amount / c.customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
-- expect: refused
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.note LIKE c.name;
-- expect: refused
SELECT o.order_id FROM orders o JOIN customers c ON o.created_at > c.name;
-- expect: refused
SELECT c.customer_id, GROUP_CONCAT(o.order_id) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.customer_id;
-- GROUP_CONCAT over rows the driver joins: its text (numbers, DOUBLE digits, dates), DISTINCT and ORDER BY by the
-- collation, SEPARATOR, the cut at group_concat_max_len (with its warning) and its result type are the server's
-- expect: refused
SELECT c.tier, GROUP_CONCAT(DISTINCT o.status ORDER BY o.status SEPARATOR '|') FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 20 GROUP BY c.tier;
-- expect: refused
SELECT GROUP_CONCAT(o.amount ORDER BY o.order_id DESC) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 3;
-- expect: refused
SELECT d.customer_id, GROUP_CONCAT(c.name SEPARATOR '; ') FROM (SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id) d JOIN customers c ON c.customer_id = d.n GROUP BY d.customer_id;
-- expect: refused
SELECT c.customer_id, (SELECT GROUP_CONCAT(o.order_id) FROM orders o WHERE o.customer_id = c.customer_id) FROM customers c WHERE c.customer_id < 5;
-- expect: refused
SELECT STDDEV(o.amount) FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
-- expect: refused
SELECT o.order_id, NOW() FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY o.order_id;
-- locking reads, user variables, frames with offsets
-- expect: refused
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id FOR UPDATE;
-- expect: refused
SELECT SQL_CALC_FOUND_ROWS o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id LIMIT 5;
-- expect: refused
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = @nobody;
