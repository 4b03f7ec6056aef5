-- Differential corpus: subqueries over other shards or data sources (IN, NOT IN with NULLs, EXISTS, scalar), run by federation.
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

-- IN and NOT IN: a NULL in the subquery's rows makes NOT IN unknown for every row it does not match
SELECT * FROM orders WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'gold');
SELECT order_id, customer_id FROM orders WHERE customer_id NOT IN (SELECT customer_id FROM customers WHERE tier = 'gold');
SELECT order_id FROM orders WHERE customer_id NOT IN (SELECT customer_id FROM customers);
SELECT order_id FROM orders WHERE qty NOT IN (SELECT quantity FROM order_items WHERE item_id < 100);
SELECT order_id FROM orders WHERE qty NOT IN (SELECT quantity FROM order_items WHERE item_id < 100 AND quantity IS NOT NULL);
SELECT customer_id FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders WHERE order_id BETWEEN 0 AND 5000);
SELECT customer_id FROM customers WHERE customer_id NOT IN (SELECT customer_id FROM orders WHERE order_id BETWEEN 0 AND 5000 AND customer_id IS NOT NULL);
SELECT * FROM customers WHERE customer_id IN (SELECT customer_id FROM orders WHERE status = 'new');
SELECT customer_id, name FROM customers WHERE customer_id IN (SELECT customer_id FROM orders WHERE amount > 1000000);
SELECT * FROM orders WHERE order_id = 21 AND customer_id IN (SELECT customer_id FROM orders WHERE order_id = 386);
SELECT order_id FROM orders WHERE status IN (SELECT tier FROM customers WHERE customer_id < 50);
SELECT order_id, note FROM orders WHERE note IN (SELECT note FROM orders WHERE order_id IN (21, 386)) AND customer_id < 40;
SELECT c.name FROM customers c WHERE c.customer_id IN (SELECT o.customer_id FROM orders o JOIN order_items i ON i.order_id = o.order_id WHERE i.price > 99999999);
SELECT order_id FROM orders WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = 'gold') AND customer_id NOT IN (SELECT customer_id FROM customers WHERE name LIKE '%7');
-- params: 'silver'
SELECT order_id FROM orders WHERE customer_id IN (SELECT customer_id FROM customers WHERE tier = ?) AND qty > 9;

-- EXISTS and NOT EXISTS correlated on columns other than the shard key
SELECT * FROM orders o WHERE EXISTS (SELECT 1 FROM orders o2 WHERE o2.customer_id = o.customer_id AND o2.order_id <> o.order_id) AND o.customer_id > 590;
SELECT c.customer_id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id);
SELECT c.customer_id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id AND o.amount > 90000);
SELECT o.order_id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = o.customer_id);
SELECT o.order_id FROM orders o WHERE o.customer_id < 30 AND NOT EXISTS (SELECT 1 FROM orders o2 WHERE o2.customer_id = o.customer_id AND o2.amount > o.amount);
SELECT i.item_id FROM order_items i WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = i.order_id);
SELECT c.customer_id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.customer_id AND o.status = c.tier);

-- scalar subqueries
SELECT * FROM orders WHERE amount > (SELECT AVG(amount) FROM orders) AND customer_id < 30;
SELECT order_id, (SELECT COUNT(*) FROM orders) FROM orders WHERE order_id = 21;
SELECT c.customer_id, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.customer_id) AS n FROM customers c WHERE c.customer_id < 20;
SELECT c.customer_id, (SELECT SUM(o.amount) FROM orders o WHERE o.customer_id = c.customer_id) AS total FROM customers c WHERE c.customer_id BETWEEN 590 AND 600 OR c.customer_id < 5;
SELECT c.customer_id, (SELECT MAX(o.created_at) FROM orders o WHERE o.customer_id = c.customer_id) AS last_order FROM customers c WHERE c.customer_id < 10;
SELECT o.order_id, (SELECT c.name FROM customers c WHERE c.customer_id = o.customer_id) AS name FROM orders o WHERE o.order_id < 500;
SELECT order_id FROM orders WHERE amount = (SELECT MAX(amount) FROM orders);
SELECT order_id, amount - (SELECT MIN(amount) FROM orders) AS above_min FROM orders WHERE customer_id = 5;
SELECT (SELECT COUNT(*) FROM orders) - (SELECT COUNT(*) FROM order_items) AS difference;
SELECT o.order_id FROM orders o WHERE o.qty > (SELECT AVG(i.quantity) FROM order_items i WHERE i.order_id = o.order_id) AND o.customer_id < 50;
SELECT o.order_id FROM orders o WHERE (SELECT COUNT(*) FROM order_items i WHERE i.price > o.amount) > 14000 AND o.customer_id < 20;

-- ANY, ALL
SELECT order_id FROM orders WHERE amount > ALL (SELECT price FROM order_items WHERE order_id = 0) AND customer_id < 40;
SELECT order_id FROM orders WHERE customer_id = ANY (SELECT customer_id FROM customers WHERE tier = 'bronze') AND qty > 8;
SELECT order_id FROM orders WHERE qty < ALL (SELECT quantity FROM order_items WHERE item_id < 50) AND customer_id < 100;
