-- Differential corpus: what federation must evaluate as MySQL does: operators, comparisons across types and collations, NULLs, DECIMAL scale, labels.
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

-- MySQL's operators above the join: || and && are OR and AND, <=> is null-safe
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.qty = 1 || c.tier = 'gold';
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.qty = 1 && c.tier = 'gold';
SELECT o.order_id, c.customer_id FROM orders o JOIN customers c ON o.status <=> c.tier WHERE c.customer_id < 5 AND o.customer_id < 20;
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE NOT (o.qty > c.customer_id) AND c.customer_id < 9;
SELECT o.order_id, o.qty IN (c.customer_id, 5) AS hit FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 7;
SELECT o.order_id, o.qty BETWEEN c.customer_id AND c.customer_id + 3 AS near FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 7;
-- comparisons across types: joins of INT, DECIMAL, DOUBLE and strings (a DATE with a DATETIME is refused)
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.qty = i.price WHERE o.customer_id < 40 AND i.item_id < 2000;
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.discount = i.price WHERE o.customer_id < 40 AND i.item_id < 2000;
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.qty = i.quantity AND o.discount < i.price WHERE o.customer_id = 3 AND i.item_id < 100;
-- expect: refused
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.paid_at = o2.created_at WHERE o1.customer_id < 50;
SELECT o.order_id, c.customer_id FROM orders o JOIN customers c ON o.status = c.customer_id WHERE c.customer_id < 3 AND o.customer_id < 10;
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.note = i.quantity WHERE o.customer_id < 10 AND i.item_id < 50;
-- strings compare in their collations: general_ci, binary, no pad, CHAR padding; two collations in one comparison
-- are refused (the server would pick one by coercibility)
SELECT o.order_id, c.customer_id FROM orders o JOIN customers c ON o.note = c.name WHERE o.customer_id < 100;
SELECT o.order_id, co.code FROM orders o JOIN countries co ON co.code = o.country_code WHERE o.customer_id < 30;
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.tag_bin = o2.tag_bin WHERE o1.customer_id = 3 AND o2.customer_id < 60;
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.tag_nopad = o2.tag_nopad WHERE o1.customer_id = 3 AND o2.customer_id < 60;
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.tag_latin1 = o2.tag_latin1 WHERE o1.customer_id = 3 AND o2.customer_id < 60;
-- expect: refused
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.tag_latin1 = o2.note WHERE o1.customer_id = 3 AND o2.customer_id < 60;
-- expect: refused
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.tag_bin = o2.note WHERE o1.customer_id = 3 AND o2.customer_id < 60;
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.note < o2.note WHERE o1.order_id = 21 AND o2.customer_id < 30;
SELECT o.order_id FROM orders o WHERE o.note IN (SELECT c.name FROM customers c) AND o.customer_id < 200;
SELECT o.order_id FROM orders o WHERE o.tag_bin IN (SELECT o2.tag_bin FROM orders o2 WHERE o2.order_id = 21);
-- ORDER BY strings and NULLs after a join
-- expect: ordered
SELECT o.order_id, o.note FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 9 ORDER BY o.note, o.order_id;
-- expect: ordered
SELECT o.order_id, o.note FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 9 ORDER BY o.note DESC, o.order_id DESC;
-- expect: ordered
SELECT o.order_id, c.tier FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id BETWEEN -3000 AND 3000 ORDER BY c.tier, o.order_id;
-- expect: ordered
SELECT o.order_id, c.tier FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id BETWEEN -3000 AND 3000 ORDER BY c.tier DESC, o.order_id;
-- expect: ordered
SELECT o.order_id, o.tag_bin FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 6 ORDER BY o.tag_bin, o.order_id;
-- expect: ordered
SELECT o.order_id, o.amount FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 20 ORDER BY o.amount DESC, o.order_id LIMIT 15;
-- expect: ordered
SELECT o.order_id, o.discount FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 20 ORDER BY o.discount, o.order_id LIMIT 15;
-- expect: ordered
SELECT c.customer_id, COUNT(o.order_id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id GROUP BY c.customer_id ORDER BY n, c.customer_id LIMIT 20;
-- DECIMAL scale and types of arithmetic and aggregates above the join
SELECT o.order_id, o.amount * c.customer_id, o.amount + 1, o.qty * 1.5, o.qty - c.customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 4;
SELECT c.customer_id, AVG(o.qty), AVG(o.amount), SUM(o.qty), SUM(o.discount), AVG(o.discount) FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 30 GROUP BY c.customer_id;
SELECT AVG(o.qty), AVG(o.amount), SUM(o.amount), MAX(o.amount), MIN(o.qty), COUNT(o.note) FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
-- expect: ci
SELECT c.tier, SUM(o.qty * o.qty), AVG(o.amount * o.qty) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.tier;
SELECT o.order_id, CASE WHEN o.qty > c.customer_id THEN o.amount ELSE c.customer_id END AS v FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 6;
SELECT o.order_id, COALESCE(o.amount, c.customer_id) AS v, COALESCE(o.note, c.name) AS s FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 6;
SELECT o.order_id, c.customer_id + 0.5, c.customer_id * 2, -c.customer_id, o.discount * c.customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 4;
-- labels as written
SELECT count( * ), Sum(o.qty), MAX( o.amount ) AS `Max`, o.qty+c.customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 3 GROUP BY o.qty+c.customer_id;
SELECT o.order_id AS "id", c.name AS 'who', o.qty Quantity FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 4;
SELECT o.ORDER_ID, c.Name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 5;
-- NOT IN and IN with NULLs on either side, and empty subqueries
SELECT o.order_id FROM orders o WHERE o.customer_id NOT IN (SELECT c.customer_id FROM customers c WHERE c.customer_id < 0) AND o.order_id < 2000;
SELECT o.order_id, o.customer_id IN (SELECT c.customer_id FROM customers c WHERE c.tier = 'gold') AS gold FROM orders o WHERE o.order_id < 3000;
SELECT o.order_id, o.qty NOT IN (SELECT i.quantity FROM order_items i WHERE i.item_id < 40) AS other FROM orders o WHERE o.customer_id < 30;
SELECT c.customer_id FROM customers c WHERE c.tier NOT IN (SELECT o.status FROM orders o WHERE o.customer_id < 50);
SELECT c.customer_id FROM customers c WHERE (c.customer_id, c.tier) IN (SELECT o.customer_id, o.status FROM orders o);
SELECT o.order_id FROM orders o WHERE EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = o.customer_id AND c.tier IS NULL);
-- GROUP BY and DISTINCT on strings: equal strings form one group (which spelling is MySQL's choice)
-- expect: ci
SELECT o.status, COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY o.status;
-- expect: ci
SELECT DISTINCT o.note FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
SELECT COUNT(DISTINCT o.note), COUNT(DISTINCT o.tag_bin), COUNT(DISTINCT o.country_code) FROM orders o JOIN customers c ON c.customer_id = o.customer_id;
-- expect: ci
SELECT o.country_code, MAX(o.note), MIN(c.name) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY o.country_code;
-- window functions over strings and NULL partitions
SELECT o.order_id, RANK() OVER (PARTITION BY o.status ORDER BY o.order_id) AS r FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 40;
SELECT o.order_id, DENSE_RANK() OVER (ORDER BY o.note) AS r FROM orders o WHERE o.customer_id < 40;
SELECT o.order_id, COUNT(*) OVER (PARTITION BY o.customer_id) AS n FROM orders o WHERE o.order_id BETWEEN -5000 AND 5000;
-- set operations over columns of different types take MySQL's common type (numbers with strings, dates with
-- datetimes are refused)
-- expect: refused
SELECT qty FROM orders WHERE customer_id = 3 UNION SELECT status FROM orders WHERE customer_id = 4;
SELECT amount FROM orders WHERE customer_id = 3 UNION ALL SELECT qty FROM orders WHERE customer_id = 4;
SELECT discount FROM orders WHERE customer_id = 3 UNION ALL SELECT amount FROM orders WHERE customer_id = 4;
-- expect: refused
SELECT created_at FROM orders WHERE customer_id = 3 UNION ALL SELECT paid_at FROM orders WHERE customer_id = 4;
SELECT qty FROM orders WHERE customer_id = 5 UNION SELECT price FROM order_items WHERE item_id < 30;
-- comparisons above the join in collations, as values
SELECT o.order_id, o.status = c.tier AS same, CASE o.status WHEN c.tier THEN 1 ELSE 0 END AS same_case FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 60;
SELECT o.order_id, o.note < c.name AS before_name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id < 20;
SELECT o.order_id FROM orders o WHERE o.qty IN (SELECT i.price FROM order_items i WHERE i.item_id < 100) AND o.customer_id < 100;
-- scalar subqueries with no row are NULL; ordinals and aliases in GROUP BY, HAVING and ORDER BY
SELECT c.customer_id, (SELECT MAX(o.amount) FROM orders o WHERE o.customer_id = c.customer_id AND o.qty > 1000000) AS m FROM customers c WHERE c.customer_id < 10;
-- expect: ordered ci
SELECT c.tier AS t, COUNT(*) AS n FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY 1 HAVING n > 100 ORDER BY 2 DESC, 1;
-- expect: ordered
SELECT o.order_id, o.amount * c.customer_id AS weighted FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id BETWEEN 2 AND 9 ORDER BY o.amount * c.customer_id DESC, o.order_id LIMIT 12;
-- expect: ordered
SELECT DISTINCT c.customer_id, c.tier FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.qty = 7 ORDER BY c.customer_id LIMIT 15;
-- expect: refused
SELECT COUNT(*), COUNT(c.customer_id), SUM(c.customer_id IS NULL) FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id AND c.tier = 'gold';
-- window frames and averages keep MySQL's DECIMAL scale
SELECT order_id, SUM(amount) OVER (ORDER BY order_id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s, AVG(qty) OVER () AS a FROM orders WHERE customer_id < 6;
-- expect: ci
SELECT order_id, AVG(amount) OVER (PARTITION BY status) AS a, MAX(note) OVER (PARTITION BY customer_id) AS m FROM orders WHERE customer_id BETWEEN 10 AND 12;
SELECT order_id, LAG(amount, 1) OVER (ORDER BY order_id) AS previous, LEAD(note, 2) OVER (ORDER BY order_id) AS next_note FROM orders WHERE customer_id < 4;
-- an executable comment is code to the servers, and so to federation
SELECT o.order_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id /*! WHERE c.customer_id < 5 */;
