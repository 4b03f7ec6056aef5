-- Differential corpus: joins that need rows of several shards at once, run by federation (Calcite plans, the driver joins).
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

-- sharded orders with the unsharded customers (on the default data source only)
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id;
SELECT o.order_id, c.tier FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id = 21;
SELECT o.order_id, c.name, c.tier FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE o.status = 'paid' AND c.tier = 'gold';
SELECT o.order_id, o.amount, c.name FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE o.amount > 1000000;
SELECT c.customer_id, c.name, o.order_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id BETWEEN 490 AND 500;
SELECT c.customer_id, o.order_id FROM orders o RIGHT JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id > 480;
SELECT o.order_id, o.customer_id FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id IS NULL;
SELECT c.customer_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id WHERE o.order_id IS NULL;
SELECT o.order_id, c.name FROM orders o, customers c WHERE o.customer_id = c.customer_id AND c.tier = 'silver' AND o.qty > 5;
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id AND c.name LIKE '%5';
SELECT o.order_id, c.name FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id AND o.status = 'paid' WHERE o.customer_id < 10;
SELECT o.order_id, c.name FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id AND c.tier IN ('gold', 'silver') WHERE o.order_id BETWEEN -1000 AND 1000;
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id + 1 WHERE o.order_id < 500;
SELECT o.order_id, c.customer_id FROM orders o JOIN customers c ON c.customer_id BETWEEN o.customer_id AND o.customer_id + 1 WHERE o.order_id IN (21, 386, 1099);
SELECT o.order_id, c.customer_id FROM orders o JOIN customers c ON o.amount > c.customer_id * 2000 WHERE o.order_id IN (0, 21, 175) AND c.customer_id < 30;
-- expect: ordered
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id ORDER BY o.order_id LIMIT 10;
-- expect: ordered
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id ORDER BY o.amount DESC, o.order_id LIMIT 5 OFFSET 3;
-- expect: ordered
SELECT c.name, o.order_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id WHERE c.customer_id < 4 ORDER BY c.name, o.order_id;
-- expect: ordered
SELECT o.order_id, c.customer_id FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id ORDER BY c.customer_id, o.order_id LIMIT 12;
-- expect: ordered
SELECT o.order_id, c.customer_id FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id ORDER BY c.customer_id DESC, o.order_id DESC LIMIT 12;

-- expressions over both tables, and expressions over one computed by its shards
SELECT o.order_id, o.qty + c.customer_id AS s, o.qty * c.customer_id, c.customer_id - o.qty FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id < 10;
SELECT o.order_id, o.amount + c.customer_id, o.amount * c.customer_id, -o.amount FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id < 6;
SELECT o.order_id, o.discount + c.customer_id FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id < 6;
SELECT o.order_id, o.amount * o.qty AS total, UPPER(c.name), LENGTH(o.note) FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE o.customer_id = 3;
SELECT o.order_id, CASE WHEN o.qty > c.customer_id THEN 'more' ELSE 'less' END AS cmp FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id < 8;
SELECT o.order_id, COALESCE(c.tier, 'none') AS tier FROM orders o LEFT JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id < 2000;
SELECT o.order_id, c.name, o.customer_id = c.customer_id AS same FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE o.order_id < 1000;
SELECT o.order_id, DATE(o.created_at), YEAR(o.created_at), c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id = 11;
SELECT o.order_id, CONCAT(o.status, '/', o.note) AS sn, c.tier FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id IN (12, 13);
SELECT o.order_id, o.status REGEXP '^p' AS p, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 14;
SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.note REGEXP '^caf' OR c.tier = 'bronze' AND (o.qty XOR 1);
SELECT o.order_id, o.qty DIV 2, o.qty ^ 3, o.qty | 8, c.customer_id FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 15;
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE BINARY o.status = 'paid' AND c.customer_id < 20;
SELECT o.order_id, 'x' AS tag, 42 AS answer, NULL AS nothing, 1.5 AS half FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 9;
SELECT o.*, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 16;
SELECT * FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE c.customer_id = 17;
SELECT orders.order_id, customers.name FROM orders JOIN customers ON orders.customer_id = customers.customer_id WHERE customers.customer_id = 18;

-- self-joins on columns other than the shard key; joins on strings compare by the collation
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.customer_id = o2.customer_id WHERE o1.order_id = 21;
SELECT COUNT(*) FROM orders o1 JOIN orders o2 ON o1.customer_id = o2.customer_id AND o1.order_id < o2.order_id WHERE o1.customer_id < 5;
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.note = o2.note WHERE o1.order_id = 21 AND o2.customer_id < 50;
SELECT i1.item_id, i2.item_id FROM order_items i1 JOIN order_items i2 ON i1.sku = i2.sku WHERE i1.item_id = 5 AND i2.item_id < 3000;
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o2.created_at = o1.created_at AND o2.order_id <> o1.order_id WHERE o1.customer_id = 7;
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.status = o2.status AND o1.country_code = o2.country_code WHERE o1.order_id = 1220 AND o2.order_id < 3000;
SELECT COUNT(*) FROM orders o JOIN order_items i ON o.amount = i.price;
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.qty = i.quantity WHERE o.order_id BETWEEN 0 AND 100 AND i.item_id < 40;

-- bound tables joined on other columns, a cross join, three tables
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.customer_id = i.quantity;
SELECT i.item_id, o.order_id FROM order_items i JOIN orders o ON i.item_id = o.order_id;
SELECT COUNT(*) FROM orders o1 CROSS JOIN orders o2 WHERE o1.order_id = 21;
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON o.order_id = i.order_id JOIN customers c ON c.customer_id = o.customer_id;
SELECT o.order_id, c.name, co.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id JOIN countries co ON co.code = o.country_code WHERE o.customer_id < 20;
SELECT c.customer_id, o.order_id, i.item_id FROM customers c LEFT JOIN orders o ON o.customer_id = c.customer_id LEFT JOIN order_items i ON i.order_id = o.order_id WHERE c.customer_id IN (1, 2, 3);
SELECT c.customer_id, o.order_id FROM customers c JOIN orders o ON o.customer_id = c.customer_id JOIN order_items i ON i.order_id = o.order_id AND i.quantity = 5 WHERE c.customer_id < 15;

-- prepared statements
-- params: 'gold'
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE c.tier = ? AND o.qty > 8;
-- params: 8, 'paid'
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE o.customer_id < ? AND o.status = ?;
-- expect: ordered
-- params: 7
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id ORDER BY o.order_id LIMIT ?;
-- expect: ordered
-- params: 2, 4
SELECT o.order_id, c.name FROM orders o JOIN customers c ON o.customer_id = c.customer_id ORDER BY o.order_id DESC LIMIT ?, ?;
-- params: 21
SELECT o1.order_id, o2.order_id FROM orders o1 JOIN orders o2 ON o1.customer_id = o2.customer_id WHERE o1.order_id = ?;
