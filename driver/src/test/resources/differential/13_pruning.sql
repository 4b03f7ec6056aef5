-- Differential corpus: pruning is sound for every predicate (NOT BETWEEN, NOT IN with NULLs, <=>, XOR, IS TRUE,
-- literals and parameters of every kind compared with the integer key), issue #6.
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

-- NOT BETWEEN with other key conditions: it keeps rows on both sides of its range
SELECT order_id FROM orders WHERE order_id NOT BETWEEN 385 AND 387 AND order_id IN (21, 386, 1220);
SELECT order_id, status FROM orders WHERE order_id NOT BETWEEN 20 AND 22 AND order_id BETWEEN 21 AND 1220;
SELECT order_id FROM orders WHERE NOT order_id BETWEEN 385 AND 387 AND order_id IN (21, 386, 1220);
-- params: 385, 387
SELECT order_id FROM orders WHERE order_id NOT BETWEEN ? AND ? AND order_id IN (21, 386, 1220);
SELECT o.order_id, i.item_id FROM orders o JOIN order_items i ON i.order_id = o.order_id WHERE o.order_id NOT BETWEEN 0 AND 1 AND i.order_id IN (0, 21, 736);

-- NOT IN with NULLs: never true, or unknown
SELECT order_id FROM orders WHERE order_id NOT IN (21, NULL);
SELECT order_id FROM orders WHERE order_id IN (21, 1220) AND order_id NOT IN (1220, NULL);
SELECT order_id FROM orders WHERE order_id IN (21, 1220) AND NOT (order_id NOT IN (1220, NULL));
-- params: 21, NULL
SELECT order_id FROM orders WHERE order_id IN (21, 386) AND order_id NOT IN (?, ?);

-- <=>
SELECT order_id FROM orders WHERE order_id <=> 1220 OR order_id <=> NULL;
SELECT order_id FROM orders WHERE NOT (order_id <=> 21) AND order_id IN (21, 386);
-- params: NULL
SELECT order_id FROM orders WHERE order_id <=> ?;
-- params: 386
SELECT order_id FROM orders WHERE ? <=> order_id;

-- XOR, IS TRUE / IS FALSE, !
SELECT order_id FROM orders WHERE order_id = 21 XOR order_id IN (21, 386);
SELECT order_id FROM orders WHERE (order_id = 21 XOR order_id = 386) AND order_id < 1000;
SELECT order_id FROM orders WHERE NOT (order_id = 21 XOR order_id = 386) AND order_id IN (21, 386, 1220);
SELECT order_id FROM orders WHERE (order_id = 21) IS TRUE;
SELECT order_id FROM orders WHERE (order_id IN (21, 386)) IS NOT FALSE AND order_id < 400;
SELECT order_id FROM orders WHERE (order_id = 21) IS FALSE AND order_id IN (21, 386, 1220);
SELECT order_id FROM orders WHERE (order_id = 21) IS NOT TRUE AND order_id IN (21, 386);
SELECT order_id FROM orders WHERE !(order_id = 21) AND order_id IN (21, 386);
SELECT order_id FROM orders WHERE order_id != 21 AND order_id IN (21, 386);

-- literals of every kind compared with the integer key ('21.0000000000000001' is not here: MariaDB finds it equal to 21
-- in a table scan and not through the primary key; RandomizedPruningTest has such values)
SELECT order_id FROM orders WHERE order_id = ' 21';
SELECT order_id FROM orders WHERE order_id = '1.22e3';
SELECT order_id FROM orders WHERE order_id = 21e0;
SELECT order_id FROM orders WHERE order_id = 1.22e3;
SELECT order_id FROM orders WHERE order_id = 0x15;
SELECT order_id FROM orders WHERE order_id = ~-22;
SELECT order_id FROM orders WHERE order_id = - -21;
SELECT order_id FROM orders WHERE order_id = -(-21);
SELECT order_id FROM orders WHERE order_id = BINARY 21;
SELECT order_id FROM orders WHERE order_id = TRUE OR order_id = FALSE;
SELECT order_id FROM orders WHERE order_id IN ('21', 386.0, 1.22e3, '1220abc');
SELECT order_id FROM orders WHERE order_id IN (21.5, 'abc', 386);
SELECT order_id FROM orders WHERE order_id BETWEEN '21' AND '21.5';
SELECT order_id FROM orders WHERE order_id BETWEEN 20.5 AND '22abc';
SELECT order_id FROM orders WHERE order_id = '9007199254740993';
SELECT order_id FROM orders WHERE order_id = 9007199254740993e0;
SELECT order_id FROM orders WHERE order_id = 9.007199254740993e15 OR order_id = 21;
SELECT order_id FROM orders WHERE order_id = 'abc' 'def';

-- parameters of every kind
-- params: '21abc'
SELECT order_id FROM orders WHERE order_id = ?;
-- params: 21.0
SELECT order_id FROM orders WHERE order_id = ?;
-- params: 1.22e3
SELECT order_id FROM orders WHERE order_id = ?;
-- params: 21.5
SELECT order_id FROM orders WHERE order_id = ?;
-- params: '1220', 386
SELECT order_id FROM orders WHERE order_id IN (?, ?);
-- params: ' 21', '1.22e3'
SELECT order_id FROM orders WHERE order_id BETWEEN ? AND ?;
-- params: 9007199254740993
SELECT order_id FROM orders WHERE order_id = ?;
-- params: 9.007199254740993e15
SELECT order_id FROM orders WHERE order_id = ?;
