-- Differential corpus: window frames over rows of several shards (federation): RANGE with offsets, peers, the
-- default frame of LAST_VALUE and NTH_VALUE.
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

-- RANGE with a numeric offset: the rows whose ORDER BY value is within it; NULL rows are peers of each other only
SELECT order_id, qty, SUM(qty) OVER (ORDER BY qty RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) AS s FROM orders WHERE customer_id < 5;
SELECT order_id, qty, COUNT(*) OVER (ORDER BY qty RANGE 3 PRECEDING) AS c FROM orders WHERE customer_id < 12;
SELECT order_id, amount, COUNT(*) OVER (ORDER BY amount DESC RANGE BETWEEN 100 PRECEDING AND 50 FOLLOWING) AS c FROM orders WHERE customer_id < 10;
SELECT order_id, customer_id, qty, MAX(order_id) OVER (PARTITION BY customer_id ORDER BY qty RANGE BETWEEN 1 FOLLOWING AND 5 FOLLOWING) AS m FROM orders WHERE customer_id < 8;
SELECT order_id, discount, AVG(amount) OVER (ORDER BY discount RANGE BETWEEN 0.5 PRECEDING AND 0.25 FOLLOWING) AS a FROM orders WHERE customer_id < 6;
SELECT order_id, qty, SUM(amount) OVER (ORDER BY qty RANGE BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING) AS s FROM orders WHERE customer_id < 5;
SELECT order_id, qty, SUM(amount) OVER (ORDER BY qty DESC RANGE BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS s FROM orders WHERE customer_id < 5;
SELECT order_id, amount, MIN(amount) OVER (PARTITION BY status ORDER BY amount RANGE BETWEEN 1000.50 PRECEDING AND 1000.50 FOLLOWING) AS m FROM orders WHERE customer_id < 15;
SELECT order_id, qty, COUNT(qty) OVER (ORDER BY qty RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) AS c FROM orders WHERE customer_id < 0;
SELECT o.order_id, c.customer_id, SUM(o.qty) OVER (ORDER BY c.customer_id RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS s FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 20;
-- RANGE with an INTERVAL over dates: MariaDB rejects it, and the driver refuses it (no MySQL 8 here to prove its
-- date arithmetic against)
-- expect: error
SELECT order_id, created_at, COUNT(*) OVER (ORDER BY created_at RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW) AS c FROM orders WHERE customer_id < 5;
-- expect: error
SELECT order_id, paid_at, SUM(qty) OVER (ORDER BY paid_at RANGE BETWEEN INTERVAL 1 MONTH PRECEDING AND INTERVAL 2 DAY FOLLOWING) AS s FROM orders WHERE customer_id < 8;
-- expect: error
SELECT order_id, created_at, MIN(order_id) OVER (ORDER BY created_at DESC RANGE BETWEEN INTERVAL 12 HOUR PRECEDING AND INTERVAL 30 MINUTE FOLLOWING) AS m FROM orders WHERE customer_id < 6;
-- expect: error
SELECT order_id, customer_id, paid_at, COUNT(paid_at) OVER (PARTITION BY customer_id ORDER BY paid_at RANGE INTERVAL 1 YEAR PRECEDING) AS c FROM orders WHERE customer_id < 10;
-- FIRST_VALUE, LAST_VALUE and NTH_VALUE over RANGE frames and the default frame (to the current row's last peer)
SELECT order_id, FIRST_VALUE(order_id) OVER w AS f, LAST_VALUE(order_id) OVER w AS l, NTH_VALUE(order_id, 2) OVER w AS n2 FROM orders WHERE customer_id < 6 WINDOW w AS (ORDER BY order_id RANGE BETWEEN 100000 PRECEDING AND 100000 FOLLOWING);
SELECT order_id, qty, LAST_VALUE(qty) OVER (ORDER BY qty) AS l, NTH_VALUE(qty, 3) OVER (ORDER BY qty) AS n3 FROM orders WHERE customer_id < 4;
SELECT order_id, amount, LAST_VALUE(amount) OVER (PARTITION BY customer_id ORDER BY amount) AS l, NTH_VALUE(amount, 2) OVER (PARTITION BY customer_id ORDER BY amount) AS n2 FROM orders WHERE customer_id < 9;
SELECT order_id, NTH_VALUE(qty, 2) OVER (PARTITION BY customer_id ORDER BY order_id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n2 FROM orders WHERE customer_id < 9;
-- peers by the collation: 'paid', 'PAID' and 'Paid ' are one peer group
SELECT order_id, status, COUNT(*) OVER (ORDER BY status RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS peers FROM orders WHERE customer_id < 10;
SELECT order_id, status, COUNT(*) OVER (ORDER BY status) AS running, RANK() OVER (ORDER BY status) AS r FROM orders WHERE customer_id < 10;
-- PERCENT_RANK and CUME_DIST: peers share a value; the DOUBLE as the server sends it (MariaDB: to 10 decimals)
SELECT order_id, PERCENT_RANK() OVER (ORDER BY qty, order_id) AS pr FROM orders WHERE customer_id < 10;
SELECT order_id, CUME_DIST() OVER (ORDER BY qty) AS cd FROM orders WHERE customer_id < 10;
SELECT order_id, customer_id, PERCENT_RANK() OVER w AS pr, CUME_DIST() OVER w AS cd FROM orders WHERE customer_id < 30 WINDOW w AS (PARTITION BY customer_id ORDER BY status);
SELECT order_id, PERCENT_RANK() OVER (ORDER BY amount DESC) AS pr, CUME_DIST() OVER (ORDER BY amount DESC) AS cd FROM orders WHERE customer_id = 7;
SELECT o.order_id, c.tier, CUME_DIST() OVER (PARTITION BY c.tier ORDER BY o.qty) AS cd FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 25;
SELECT order_id, PERCENT_RANK() OVER w AS pr, CUME_DIST() OVER w AS cd FROM orders WHERE customer_id < 3 WINDOW w AS (PARTITION BY customer_id ORDER BY customer_id);
SELECT order_id, PERCENT_RANK() OVER (ORDER BY qty) AS pr FROM orders WHERE customer_id < 0;
-- MySQL's errors: RANGE with an offset needs exactly one numeric or temporal ORDER BY expression
-- expect: error
SELECT order_id, SUM(qty) OVER (ORDER BY qty, order_id RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM orders WHERE customer_id < 5;
-- expect: error
SELECT order_id, SUM(qty) OVER (ORDER BY status RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM orders WHERE customer_id < 5;
