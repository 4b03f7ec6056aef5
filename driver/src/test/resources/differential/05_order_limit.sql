-- Differential corpus: ORDER BY (columns, aliases, ordinals, expressions, NULLs, collation) and LIMIT/OFFSET.
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

-- expect: ordered
SELECT order_id FROM orders ORDER BY order_id;
-- expect: ordered
SELECT order_id FROM orders ORDER BY order_id DESC;
-- expect: ordered
SELECT order_id, amount FROM orders ORDER BY amount, order_id;
-- expect: ordered
SELECT order_id, amount FROM orders ORDER BY amount DESC, order_id;
-- expect: ordered
SELECT order_id, amount FROM orders ORDER BY amount DESC, order_id DESC;
-- strings sort under the collation: 'paid' = 'PAID' = 'Paid ', 'e' = 'é' = 'E'
-- expect: ordered
SELECT order_id, status FROM orders ORDER BY status, order_id;
-- expect: ordered
SELECT order_id, status FROM orders ORDER BY status DESC, order_id;
-- expect: ordered
SELECT order_id, note FROM orders WHERE note > '' ORDER BY note, order_id;
-- expect: ordered
SELECT order_id, note FROM orders ORDER BY note DESC, order_id DESC LIMIT 400;
-- expect: ordered
SELECT order_id, country_code, created_at FROM orders ORDER BY country_code, created_at, order_id;
-- expect: ordered
SELECT order_id, status FROM orders ORDER BY BINARY status, order_id;
-- expect: ordered
SELECT order_id, note FROM orders WHERE note IS NOT NULL ORDER BY note, order_id LIMIT 300, 200;
-- expect: ordered
SELECT order_id, country_code FROM orders WHERE country_code IN ('DE', 'fr') ORDER BY country_code DESC, order_id LIMIT 50 OFFSET 550;
-- expect: ordered
SELECT order_id, created_at FROM orders ORDER BY created_at DESC, order_id LIMIT 10;
-- expect: ordered
SELECT order_id, paid_at FROM orders ORDER BY paid_at, order_id LIMIT 30;
-- expect: ordered
SELECT order_id, discount FROM orders ORDER BY discount DESC, order_id LIMIT 25;
-- expect: ordered
SELECT order_id, qty FROM orders ORDER BY qty DESC, order_id LIMIT 10;
-- expect: ordered
SELECT order_id, status FROM orders WHERE customer_id = 1 ORDER BY status, order_id;
-- expect: ordered
SELECT order_id, note FROM orders WHERE customer_id < 5 ORDER BY note DESC, order_id;
-- expect: ordered
SELECT order_id, country_code, amount FROM orders ORDER BY country_code ASC, amount DESC, order_id ASC LIMIT 50;

-- ordinals, aliases, expressions, columns that are not selected
-- expect: ordered
SELECT order_id, customer_id FROM orders ORDER BY 2, 1 LIMIT 40;
-- expect: ordered
SELECT order_id, amount * qty AS total FROM orders ORDER BY total DESC, order_id LIMIT 20;
-- expect: ordered
SELECT order_id FROM orders ORDER BY amount * qty DESC, order_id LIMIT 20;
-- expect: ordered
SELECT order_id, status FROM orders ORDER BY created_at, order_id LIMIT 15;
-- expect: ordered
SELECT order_id FROM orders ORDER BY ABS(order_id), order_id LIMIT 20;
-- expect: ordered
SELECT order_id, status FROM orders ORDER BY CASE WHEN status IS NULL THEN 0 ELSE 1 END, order_id LIMIT 20;
-- expect: ordered
SELECT order_id, note FROM orders ORDER BY LENGTH(note), order_id LIMIT 40;
-- expect: ordered
SELECT o.order_id AS id FROM orders o ORDER BY o.created_at DESC, id LIMIT 12;
-- expect: ordered
SELECT * FROM orders ORDER BY order_id DESC LIMIT 3;

-- LIMIT n, LIMIT o, n, LIMIT n OFFSET o, past the end, deep offsets
-- expect: ordered
SELECT * FROM orders ORDER BY order_id LIMIT 10;
-- expect: ordered
SELECT * FROM orders ORDER BY order_id LIMIT 100, 10;
-- expect: ordered
SELECT * FROM orders ORDER BY order_id DESC LIMIT 10 OFFSET 4990;
-- expect: ordered
SELECT order_id FROM orders ORDER BY order_id LIMIT 4995, 100;
-- expect: ordered
SELECT order_id FROM orders ORDER BY order_id LIMIT 100000, 10;
-- expect: ordered
SELECT order_id FROM orders ORDER BY order_id LIMIT 0;
-- expect: ordered
SELECT order_id FROM orders ORDER BY order_id LIMIT 0, 1;
-- expect: ordered
SELECT order_id, created_at FROM orders ORDER BY created_at, order_id LIMIT 4000, 20;
-- expect: ordered
SELECT order_id, amount FROM orders ORDER BY amount DESC, order_id LIMIT 2500, 5;
-- expect: ordered
SELECT order_id, amount FROM orders ORDER BY amount DESC, order_id LIMIT 1;
-- the MySQL idiom for "everything after the offset": offset + count overflows BIGINT
-- expect: ordered
SELECT order_id FROM orders ORDER BY order_id LIMIT 4990, 18446744073709551615;
-- expect: ordered
SELECT order_id FROM orders WHERE order_id BETWEEN 0 AND 50000 ORDER BY order_id LIMIT 5, 5;
-- expect: ordered
SELECT order_id, amount FROM orders WHERE order_id IN (0, 21, 175, 386, 697, 1099) ORDER BY amount, order_id LIMIT 3;
-- expect: ordered
SELECT order_id FROM orders WHERE order_id = 21 ORDER BY order_id LIMIT 1;
-- expect: ordered
SELECT order_id, status FROM orders WHERE status = 'paid' ORDER BY order_id LIMIT 20;
-- expect: ordered
SELECT order_id, status FROM orders WHERE status = 'paid' ORDER BY order_id LIMIT 20 OFFSET 1500;
-- expect: ordered
SELECT order_id FROM orders WHERE order_id = 5 ORDER BY order_id LIMIT 10;

-- order_items
-- expect: ordered
SELECT * FROM order_items ORDER BY price DESC, item_id LIMIT 10;
-- expect: ordered
SELECT order_id, item_id FROM order_items ORDER BY order_id, item_id LIMIT 50 OFFSET 200;
-- expect: ordered
SELECT item_id, sku FROM order_items ORDER BY sku, item_id LIMIT 60;
-- expect: ordered
SELECT item_id FROM order_items ORDER BY item_id DESC LIMIT 7000, 5;
