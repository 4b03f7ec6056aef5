-- Differential corpus: federated joins and IN/EXISTS subqueries whose small side's keys narrow the other side's scan
-- (column IN (…) in its shards' statements: pruned on the shard key, by index otherwise; DifferentialQueryTest runs every
-- query with the default limit of 1,024 keys and with 3, so that each takes both paths: narrowed, and over the limit).
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


-- the small side's keys are the other table's shard key: its scan reads only the shards of those keys
SELECT i.item_id, o.order_id, o.status FROM order_items i JOIN orders o ON o.order_id = i.item_id WHERE i.item_id < 200;
SELECT i.item_id, o.order_id FROM order_items i JOIN orders o ON o.order_id = i.item_id WHERE i.sku = 'sku-007';
SELECT i.item_id, o.order_id FROM order_items i LEFT JOIN orders o ON o.order_id = i.item_id WHERE i.item_id BETWEEN 100 AND 400;
SELECT o.order_id, i.item_id FROM orders o RIGHT JOIN order_items i ON o.order_id = i.item_id WHERE i.item_id IN (21, 145, 386, 1099, 640000);
-- and not its shard key: every shard, by index
SELECT c.customer_id, c.name, o.order_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id = 7;
SELECT c.customer_id, o.order_id, o.amount FROM customers c JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id IN (1, 2, 3, 4, 5);
-- duplicate keys on the small side, passed once
SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id BETWEEN -1000 AND 1000;
SELECT o.order_id, o2.order_id FROM orders o JOIN orders o2 ON o2.customer_id = o.customer_id WHERE o.order_id IN (21, 386, 1099, 175, 0);
-- no key at all on the small side: the other scan reads nothing (on its shard key: no shard)
SELECT i.item_id, o.order_id FROM order_items i JOIN orders o ON o.order_id = i.item_id WHERE i.sku = 'no such sku';
SELECT c.customer_id, o.order_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id = -5;
SELECT c.customer_id, o.order_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id = -5;
-- NULL keys never match: orders without a customer, statuses that are NULL
SELECT o.order_id, o2.order_id FROM orders o JOIN orders o2 ON o2.status = o.status WHERE o.order_id BETWEEN -200 AND 200 AND o2.qty > 90;
SELECT o.order_id, c.customer_id FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE o.customer_id IS NULL AND o.order_id < 3000;
SELECT o.order_id, o2.order_id FROM orders o JOIN orders o2 ON o2.customer_id <=> o.customer_id WHERE o.order_id IN (21, 386, 1099) AND o2.qty > 50;
-- case-insensitive string keys: 'paid' on the small side finds 'PAID' and 'Paid ' on the other
SELECT o.order_id, o2.order_id, o2.status FROM orders o JOIN orders o2 ON o2.status = o.status WHERE o.order_id IN (21, 386) AND o2.qty > 80;
SELECT o.order_id, o2.order_id FROM orders o JOIN orders o2 ON o2.note = o.note WHERE o.order_id IN (21, 175, 386, 1099);
SELECT o.order_id, o2.order_id FROM orders o JOIN orders o2 ON o2.tag_bin = o.tag_bin WHERE o.order_id IN (21, 175, 386, 1099);
SELECT o.order_id, o2.order_id FROM orders o JOIN orders o2 ON o2.tag_nopad = o.tag_nopad WHERE o.order_id IN (21, 175, 386, 1099);
SELECT o.order_id, o2.order_id FROM orders o JOIN orders o2 ON o2.tag_latin1 = o.tag_latin1 WHERE o.order_id IN (21, 175, 386, 1099);
SELECT c.code, o.order_id FROM countries c JOIN orders o ON o.country_code = c.code WHERE c.region = 'asia';
-- keys of other types: INT with BIGINT, with DECIMAL
SELECT c.customer_id, o.order_id FROM customers c JOIN orders o ON o.order_id = c.customer_id WHERE c.customer_id < 40;
SELECT c.customer_id, o.order_id FROM customers c JOIN orders o ON o.amount = c.customer_id WHERE c.customer_id < 100;
-- several keys: one narrows, the join checks them all
SELECT o.order_id, o2.order_id FROM orders o JOIN orders o2 ON o2.customer_id = o.customer_id AND o2.status = o.status WHERE o.order_id IN (21, 386, 1099);
-- an outer join narrows only the side it may drop rows of
SELECT c.customer_id, o.order_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id IN (1, 2, 499, 1000);
SELECT o.order_id, c.name FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id IN (21, 386, 1099);
SELECT o.order_id, c.name FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id AND c.tier = 'gold' WHERE o.qty > 95;
SELECT c.customer_id, o.order_id FROM orders o RIGHT JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id < 5;
-- three tables: each join narrows its own other side
SELECT c.name, o.order_id, i.item_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN order_items i ON i.order_id = o.order_id WHERE c.customer_id = 3;
SELECT c.name, o.order_id, i2.item_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN order_items i2 ON i2.item_id = o.order_id WHERE c.customer_id IN (3, 4);
-- through a derived table grouped by the key
SELECT t.customer_id, t.n FROM (SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id) t JOIN customers c ON c.customer_id = t.customer_id WHERE c.customer_id IN (1, 2, 3);
-- with the user's parameters before the keys
-- params: 7, 5
SELECT c.customer_id, o.order_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id = ? AND o.qty > ?;

-- IN and EXISTS subqueries: the subquery's keys narrow the outer scan, or the outer keys the subquery's
SELECT order_id FROM orders WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'gold');
SELECT COUNT(*) FROM orders WHERE customer_id IN (SELECT customer_id FROM customers WHERE customer_id < 10);
SELECT order_id, status FROM orders WHERE order_id IN (SELECT item_id FROM order_items WHERE item_id < 300);
SELECT c.customer_id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id AND o.qty > 5) AND c.customer_id < 20;
SELECT o.order_id FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = o.customer_id AND c.tier = 'silver') AND o.qty > 90;
SELECT o.order_id FROM orders o WHERE o.status IN (SELECT o2.status FROM orders o2 WHERE o2.order_id IN (21, 386)) AND o.qty > 90;
-- anti-joins keep the rows without a match: never narrowed
SELECT c.customer_id FROM customers c WHERE c.customer_id NOT IN (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL) AND c.customer_id < 100;
SELECT c.customer_id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id) AND c.customer_id < 600;
