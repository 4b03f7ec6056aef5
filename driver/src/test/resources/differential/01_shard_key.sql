-- Differential corpus: routing by the shard key (=, IN, BETWEEN, <, <=, >, >=, OR, AND, NULL).
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

-- one shard, each end of the key range, negative keys
SELECT * FROM orders WHERE order_id = 21;
SELECT * FROM orders WHERE order_id = 0;
SELECT * FROM orders WHERE order_id = -115;
SELECT * FROM orders WHERE order_id = -47;
-- 2^53 + 1 is not exact as a double: routing must not go through double
SELECT * FROM orders WHERE order_id = 9007199254740993;
SELECT * FROM orders WHERE order_id = 9223372036854775806;
SELECT * FROM orders WHERE order_id = -9223372036854775807;
-- a key on an empty shard; a key that exists nowhere
SELECT * FROM orders WHERE order_id = 5;
SELECT * FROM orders WHERE order_id = 999999;
SELECT order_id, status, amount FROM orders WHERE order_id = 1220;
SELECT * FROM orders WHERE 21 = order_id;
SELECT * FROM orders WHERE `order_id` = 386;
SELECT * FROM orders o WHERE o.order_id = 394;
SELECT * FROM orders WHERE ORDER_ID = 697;
SELECT * FROM orders WHERE (order_id = 736);
-- literals of other types for the key
SELECT * FROM orders WHERE order_id = '1220';
SELECT * FROM orders WHERE order_id = 21.0;
SELECT * FROM orders WHERE order_id = 1220.5;
SELECT * FROM orders WHERE order_id = -0;
SELECT order_id, amount FROM orders WHERE order_id = '21abc';

-- IN lists over many shards, with missing keys, duplicates, extremes
SELECT * FROM orders WHERE order_id IN (0, 21, 175, 386, 697, 1099, 2015, 8638);
SELECT * FROM orders WHERE order_id IN (5, 69, 63, 16, 21);
SELECT * FROM orders WHERE order_id IN (21, 21, 1220, 1220, 21);
SELECT * FROM orders WHERE order_id IN (736);
SELECT * FROM orders WHERE order_id IN (-9223372036854775807, 9223372036854775806, -47, -50);
SELECT * FROM orders WHERE order_id IN (0, 64, 128, 192, 256);
SELECT order_id, qty FROM orders WHERE order_id IN (NULL, 21, 1099);
SELECT order_id FROM orders WHERE order_id NOT IN (0, 21);

-- ranges
SELECT * FROM orders WHERE order_id BETWEEN 0 AND 2000;
SELECT * FROM orders WHERE order_id BETWEEN -120 AND -10;
SELECT * FROM orders WHERE order_id BETWEEN 100 AND 0;
SELECT * FROM orders WHERE order_id BETWEEN 21 AND 21;
SELECT order_id FROM orders WHERE order_id NOT BETWEEN -30000 AND 319000;
SELECT order_id, status FROM orders WHERE order_id < -30000;
SELECT order_id, status FROM orders WHERE order_id <= -31593;
SELECT order_id, status FROM orders WHERE order_id > 319000;
SELECT order_id, status FROM orders WHERE order_id >= 319633;
SELECT * FROM orders WHERE order_id > 100 AND order_id < 800;
SELECT * FROM orders WHERE order_id >= 175 AND order_id <= 736;
SELECT order_id FROM orders WHERE order_id > 9007199254740992;
SELECT order_id FROM orders WHERE order_id < -9007199254740992;

-- OR and AND of key predicates and other filters
SELECT * FROM orders WHERE order_id = 21 OR order_id = 1220;
SELECT * FROM orders WHERE order_id = 0 OR order_id IN (175, 386) OR order_id BETWEEN 5000 AND 5010;
SELECT * FROM orders WHERE order_id = 1220 AND status = 'paid';
SELECT * FROM orders WHERE order_id = 1220 AND status = 'new';
SELECT * FROM orders WHERE order_id IN (0, 21, 175, 386, 697, 1099) AND amount > 500;
SELECT * FROM orders WHERE (order_id = 21 OR order_id = 386) AND qty > 3;
SELECT * FROM orders WHERE order_id = 21 AND order_id = 386;
SELECT * FROM orders WHERE order_id = 1099 OR status = 'new';
SELECT * FROM orders WHERE order_id IN (0, 21) AND order_id IN (21, 386);
SELECT * FROM orders WHERE NOT (order_id <> 21);
SELECT * FROM orders WHERE order_id + 0 = 21;
SELECT * FROM orders WHERE order_id <=> 21;

-- NULL keys
SELECT * FROM orders WHERE order_id = NULL;
SELECT * FROM orders WHERE order_id IS NULL;
SELECT * FROM orders WHERE order_id IN (NULL);

-- the bound table by its own shard key
SELECT * FROM order_items WHERE order_id = 0;
SELECT * FROM order_items WHERE order_id IN (0, 736, 1099);
SELECT * FROM order_items WHERE order_id BETWEEN -100 AND 100;
SELECT * FROM order_items WHERE order_id = 640064;
SELECT * FROM order_items WHERE item_id = 5;
SELECT * FROM order_items WHERE item_id IN (1, 100, 1000, 10000);
