-- Differential corpus: JOIN … USING and NATURAL JOIN across shards (federation) and on the shard key (fast path).
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

-- MySQL's coalesced columns: the common columns once, first, in the first table's order; an unqualified name is
-- the left table's column (the right table's in a RIGHT join)
SELECT o.order_id, c.name FROM orders o JOIN customers c USING (customer_id) WHERE o.order_id < 100;
SELECT * FROM orders o JOIN customers c USING (customer_id) WHERE c.customer_id = 17;
SELECT customer_id, o.order_id, c.name FROM orders o JOIN customers c USING (customer_id) WHERE customer_id < 10;
SELECT CUSTOMER_ID, Customer_Id + 1 AS next_id FROM orders o JOIN customers c USING (Customer_Id) WHERE customer_ID < 4;
SELECT * FROM customers c LEFT JOIN orders o USING (customer_id) WHERE c.customer_id BETWEEN 490 AND 500;
SELECT * FROM orders o RIGHT JOIN customers c USING (customer_id) WHERE c.customer_id > 480;
SELECT customer_id, o.order_id, c.tier FROM orders o LEFT JOIN customers c USING (customer_id) WHERE o.customer_id IS NULL OR o.customer_id > 495;
SELECT customer_id, o.order_id, c.tier FROM customers c RIGHT JOIN orders o USING (customer_id) WHERE o.order_id BETWEEN -5000 AND 5000;
SELECT o.*, customer_id FROM orders o JOIN customers c USING (customer_id) WHERE c.tier = 'gold' AND o.qty > 8;
SELECT c.*, o.order_id FROM orders o JOIN customers c USING (customer_id) WHERE customer_id IN (3, 4);
SELECT * FROM orders o JOIN customers c USING (customer_id) WHERE c.customer_id < 0;
-- expect: ordered
SELECT customer_id, COUNT(o.order_id) AS n, SUM(o.amount) FROM customers c LEFT JOIN orders o USING (customer_id) GROUP BY customer_id ORDER BY customer_id LIMIT 20;
-- expect: ordered
SELECT customer_id, COUNT(*) AS n FROM orders JOIN customers USING (customer_id) GROUP BY customer_id HAVING n > 14 ORDER BY n DESC, customer_id;
SELECT customer_id, SUM(amount) FROM orders JOIN customers USING (customer_id) WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'gold') GROUP BY customer_id HAVING COUNT(*) > 3;
SELECT customer_id, name, order_id FROM customers c JOIN orders o USING (customer_id) WHERE o.order_id < 3000 AND NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.order_id);
SELECT customer_id, order_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY order_id) AS rn FROM orders JOIN customers USING (customer_id) WHERE customer_id < 5;
-- strings join by their collation: the coalesced column is one table's spelling ('paid', 'PAID', 'Paid ')
SELECT status, o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 USING (status) WHERE o1.order_id = 21 AND o2.customer_id < 50;
SELECT status, o1.order_id, o2.order_id FROM (SELECT status, order_id FROM orders WHERE customer_id < 25) o1 RIGHT JOIN (SELECT status, order_id FROM orders WHERE customer_id = 3) o2 USING (status);
SELECT * FROM orders o1 JOIN orders o2 USING (customer_id, status) WHERE o1.order_id = 1220;
SELECT * FROM (SELECT customer_id, status, order_id FROM orders WHERE customer_id < 5) a JOIN (SELECT status, customer_id, qty FROM orders WHERE customer_id < 5) b USING (status, customer_id);
SELECT * FROM (SELECT customer_id, status, order_id FROM orders WHERE customer_id < 5) a RIGHT JOIN (SELECT status, customer_id, qty FROM orders WHERE customer_id < 7) b USING (status, customer_id);
-- DECIMAL(12,2) against DECIMAL(10,2): the coalesced column keeps the left one's type
SELECT amount, a.order_id, b.item_id FROM (SELECT order_id, amount FROM orders WHERE customer_id < 20) a JOIN (SELECT item_id, price AS amount FROM order_items WHERE item_id < 3000) b USING (amount);
SELECT * FROM (SELECT item_id, price AS amount FROM order_items WHERE item_id < 200) b LEFT JOIN (SELECT order_id, amount FROM orders WHERE customer_id < 100) a USING (amount);
-- NATURAL joins: the same with every common column
SELECT * FROM orders NATURAL JOIN customers WHERE order_id BETWEEN 0 AND 300;
SELECT order_id, name FROM orders NATURAL LEFT JOIN customers WHERE order_id < 500;
SELECT * FROM customers NATURAL RIGHT JOIN orders WHERE order_id BETWEEN -1000 AND 1000;
SELECT * FROM customers NATURAL JOIN countries;
SELECT * FROM (SELECT 'Germany' AS name, 1 AS n UNION ALL SELECT 'GERMANY ', 2 UNION ALL SELECT NULL, 3) x NATURAL JOIN countries;
SELECT * FROM (SELECT customer_id, status FROM orders WHERE order_id < 100) a NATURAL JOIN (SELECT customer_id, status, qty FROM orders WHERE order_id BETWEEN 100 AND 2000) b;
SELECT * FROM (SELECT order_id AS x FROM orders WHERE order_id < 50) a NATURAL JOIN (SELECT name AS y FROM customers WHERE customer_id < 3) b;
-- three tables, and bound tables on the shard key (a join each shard answers alone)
SELECT * FROM orders o JOIN order_items i USING (order_id) JOIN customers c USING (customer_id) WHERE c.customer_id < 6;
SELECT customer_id, order_id, i.item_id, c.name FROM orders o LEFT JOIN order_items i USING (order_id) LEFT JOIN customers c USING (customer_id) WHERE o.customer_id IN (1, 2);
SELECT * FROM orders o JOIN order_items i USING (order_id) WHERE o.order_id = 21;
SELECT order_id, i.item_id, o.status FROM orders o JOIN order_items i USING (order_id) WHERE o.customer_id < 5;
SELECT * FROM orders NATURAL JOIN order_items WHERE order_id IN (21, 386, 1099);
SELECT order_id, COUNT(*) FROM orders NATURAL LEFT JOIN order_items WHERE customer_id = 3 GROUP BY order_id;
-- params: 10
SELECT customer_id, name, order_id FROM orders JOIN customers USING (customer_id) WHERE customer_id < ?;
-- what MySQL rejects: a USING column one side lacks, an ambiguous name
-- expect: error
SELECT * FROM orders o JOIN customers c USING (tier);
-- expect: error
SELECT customer_id FROM orders o JOIN customers c USING (customer_id) JOIN orders o2 ON o2.order_id = o.order_id;
