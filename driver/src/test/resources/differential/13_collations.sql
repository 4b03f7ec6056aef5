-- Differential corpus: collations.
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
-- Here: ORDER BY, GROUP BY, DISTINCT, MIN, MAX and COUNT(DISTINCT) over the tag columns of orders
-- (ShopData.TAG_COLLATIONS), one tag per order in utf8mb4_bin, utf8mb4_unicode_ci, utf8mb4_uca1400_ai_ci,
-- utf8mb4_uca1400_nopad_as_cs, utf8mb4_0900_ai_ci, latin1_swedish_ci and utf8mb4_general_nopad_ci, with case, accent,
-- trailing-space, tab, expansion and supplementary-plane variants. The merge compares them by the shards'
-- WEIGHT_STRING, so every collation orders and groups as the server does.

-- tag_bin
-- expect: ordered
SELECT tag_bin, order_id FROM orders WHERE tag_bin IS NOT NULL ORDER BY tag_bin, order_id;
-- expect: ordered
SELECT order_id, tag_bin FROM orders ORDER BY tag_bin DESC, order_id DESC LIMIT 25;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_bin, order_id LIMIT 100, 20;
-- expect: ordered ci
SELECT tag_bin, COUNT(*) FROM orders GROUP BY tag_bin ORDER BY tag_bin;
-- expect: ci
SELECT tag_bin, COUNT(*), MIN(order_id) FROM orders GROUP BY tag_bin;
-- expect: ordered ci
SELECT DISTINCT tag_bin FROM orders ORDER BY tag_bin;
-- expect: ordered ci
SELECT DISTINCT tag_bin FROM orders ORDER BY tag_bin DESC LIMIT 7;
-- expect: ci
SELECT MIN(tag_bin), MAX(tag_bin), COUNT(DISTINCT tag_bin), COUNT(tag_bin) FROM orders;
-- expect: ordered ci
SELECT status, MIN(tag_bin), MAX(tag_bin), COUNT(DISTINCT tag_bin) FROM orders GROUP BY status ORDER BY status;
-- expect: ordered ci
SELECT MAX(tag_bin) m, COUNT(*) FROM orders GROUP BY customer_id ORDER BY m, COUNT(*), MIN(order_id) LIMIT 30;
SELECT count(0) FROM (SELECT DISTINCT tag_bin FROM orders) tmp_count;
-- tag_unicode
-- expect: ordered
SELECT tag_unicode, order_id FROM orders WHERE tag_unicode IS NOT NULL ORDER BY tag_unicode, order_id;
-- expect: ordered
SELECT order_id, tag_unicode FROM orders ORDER BY tag_unicode DESC, order_id DESC LIMIT 25;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_unicode, order_id LIMIT 100, 20;
-- expect: ordered ci
SELECT tag_unicode, COUNT(*) FROM orders GROUP BY tag_unicode ORDER BY tag_unicode;
-- expect: ci
SELECT tag_unicode, COUNT(*), MIN(order_id) FROM orders GROUP BY tag_unicode;
-- expect: ordered ci
SELECT DISTINCT tag_unicode FROM orders ORDER BY tag_unicode;
-- expect: ordered ci
SELECT DISTINCT tag_unicode FROM orders ORDER BY tag_unicode DESC LIMIT 7;
-- expect: ci
SELECT MIN(tag_unicode), MAX(tag_unicode), COUNT(DISTINCT tag_unicode), COUNT(tag_unicode) FROM orders;
-- expect: ordered ci
SELECT status, MIN(tag_unicode), MAX(tag_unicode), COUNT(DISTINCT tag_unicode) FROM orders GROUP BY status ORDER BY status;
-- expect: ordered ci
SELECT MAX(tag_unicode) m, COUNT(*) FROM orders GROUP BY customer_id ORDER BY m, COUNT(*), MIN(order_id) LIMIT 30;
SELECT count(0) FROM (SELECT DISTINCT tag_unicode FROM orders) tmp_count;
-- tag_uca
-- expect: ordered
SELECT tag_uca, order_id FROM orders WHERE tag_uca IS NOT NULL ORDER BY tag_uca, order_id;
-- expect: ordered
SELECT order_id, tag_uca FROM orders ORDER BY tag_uca DESC, order_id DESC LIMIT 25;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_uca, order_id LIMIT 100, 20;
-- expect: ordered ci
SELECT tag_uca, COUNT(*) FROM orders GROUP BY tag_uca ORDER BY tag_uca;
-- expect: ci
SELECT tag_uca, COUNT(*), MIN(order_id) FROM orders GROUP BY tag_uca;
-- expect: ordered ci
SELECT DISTINCT tag_uca FROM orders ORDER BY tag_uca;
-- expect: ordered ci
SELECT DISTINCT tag_uca FROM orders ORDER BY tag_uca DESC LIMIT 7;
-- expect: ci
SELECT MIN(tag_uca), MAX(tag_uca), COUNT(DISTINCT tag_uca), COUNT(tag_uca) FROM orders;
-- expect: ordered ci
SELECT status, MIN(tag_uca), MAX(tag_uca), COUNT(DISTINCT tag_uca) FROM orders GROUP BY status ORDER BY status;
-- expect: ordered ci
SELECT MAX(tag_uca) m, COUNT(*) FROM orders GROUP BY customer_id ORDER BY m, COUNT(*), MIN(order_id) LIMIT 30;
SELECT count(0) FROM (SELECT DISTINCT tag_uca FROM orders) tmp_count;
-- tag_uca_cs
-- expect: ordered
SELECT tag_uca_cs, order_id FROM orders WHERE tag_uca_cs IS NOT NULL ORDER BY tag_uca_cs, order_id;
-- expect: ordered
SELECT order_id, tag_uca_cs FROM orders ORDER BY tag_uca_cs DESC, order_id DESC LIMIT 25;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_uca_cs, order_id LIMIT 100, 20;
-- expect: ordered ci
SELECT tag_uca_cs, COUNT(*) FROM orders GROUP BY tag_uca_cs ORDER BY tag_uca_cs;
-- expect: ci
SELECT tag_uca_cs, COUNT(*), MIN(order_id) FROM orders GROUP BY tag_uca_cs;
-- expect: ordered ci
SELECT DISTINCT tag_uca_cs FROM orders ORDER BY tag_uca_cs;
-- expect: ordered ci
SELECT DISTINCT tag_uca_cs FROM orders ORDER BY tag_uca_cs DESC LIMIT 7;
-- expect: ci
SELECT MIN(tag_uca_cs), MAX(tag_uca_cs), COUNT(DISTINCT tag_uca_cs), COUNT(tag_uca_cs) FROM orders;
-- expect: ordered ci
SELECT status, MIN(tag_uca_cs), MAX(tag_uca_cs), COUNT(DISTINCT tag_uca_cs) FROM orders GROUP BY status ORDER BY status;
-- expect: ordered ci
SELECT MAX(tag_uca_cs) m, COUNT(*) FROM orders GROUP BY customer_id ORDER BY m, COUNT(*), MIN(order_id) LIMIT 30;
SELECT count(0) FROM (SELECT DISTINCT tag_uca_cs FROM orders) tmp_count;
-- tag_0900
-- expect: ordered
SELECT tag_0900, order_id FROM orders WHERE tag_0900 IS NOT NULL ORDER BY tag_0900, order_id;
-- expect: ordered
SELECT order_id, tag_0900 FROM orders ORDER BY tag_0900 DESC, order_id DESC LIMIT 25;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_0900, order_id LIMIT 100, 20;
-- expect: ordered ci
SELECT tag_0900, COUNT(*) FROM orders GROUP BY tag_0900 ORDER BY tag_0900;
-- expect: ci
SELECT tag_0900, COUNT(*), MIN(order_id) FROM orders GROUP BY tag_0900;
-- expect: ordered ci
SELECT DISTINCT tag_0900 FROM orders ORDER BY tag_0900;
-- expect: ordered ci
SELECT DISTINCT tag_0900 FROM orders ORDER BY tag_0900 DESC LIMIT 7;
-- expect: ci
SELECT MIN(tag_0900), MAX(tag_0900), COUNT(DISTINCT tag_0900), COUNT(tag_0900) FROM orders;
-- expect: ordered ci
SELECT status, MIN(tag_0900), MAX(tag_0900), COUNT(DISTINCT tag_0900) FROM orders GROUP BY status ORDER BY status;
-- expect: ordered ci
SELECT MAX(tag_0900) m, COUNT(*) FROM orders GROUP BY customer_id ORDER BY m, COUNT(*), MIN(order_id) LIMIT 30;
SELECT count(0) FROM (SELECT DISTINCT tag_0900 FROM orders) tmp_count;
-- tag_latin1
-- expect: ordered
SELECT tag_latin1, order_id FROM orders WHERE tag_latin1 IS NOT NULL ORDER BY tag_latin1, order_id;
-- expect: ordered
SELECT order_id, tag_latin1 FROM orders ORDER BY tag_latin1 DESC, order_id DESC LIMIT 25;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_latin1, order_id LIMIT 100, 20;
-- expect: ordered ci
SELECT tag_latin1, COUNT(*) FROM orders GROUP BY tag_latin1 ORDER BY tag_latin1;
-- expect: ci
SELECT tag_latin1, COUNT(*), MIN(order_id) FROM orders GROUP BY tag_latin1;
-- expect: ordered ci
SELECT DISTINCT tag_latin1 FROM orders ORDER BY tag_latin1;
-- expect: ordered ci
SELECT DISTINCT tag_latin1 FROM orders ORDER BY tag_latin1 DESC LIMIT 7;
-- expect: ci
SELECT MIN(tag_latin1), MAX(tag_latin1), COUNT(DISTINCT tag_latin1), COUNT(tag_latin1) FROM orders;
-- expect: ordered ci
SELECT status, MIN(tag_latin1), MAX(tag_latin1), COUNT(DISTINCT tag_latin1) FROM orders GROUP BY status ORDER BY status;
-- expect: ordered ci
SELECT MAX(tag_latin1) m, COUNT(*) FROM orders GROUP BY customer_id ORDER BY m, COUNT(*), MIN(order_id) LIMIT 30;
SELECT count(0) FROM (SELECT DISTINCT tag_latin1 FROM orders) tmp_count;
-- tag_nopad
-- expect: ordered
SELECT tag_nopad, order_id FROM orders WHERE tag_nopad IS NOT NULL ORDER BY tag_nopad, order_id;
-- expect: ordered
SELECT order_id, tag_nopad FROM orders ORDER BY tag_nopad DESC, order_id DESC LIMIT 25;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_nopad, order_id LIMIT 100, 20;
-- expect: ordered ci
SELECT tag_nopad, COUNT(*) FROM orders GROUP BY tag_nopad ORDER BY tag_nopad;
-- expect: ci
SELECT tag_nopad, COUNT(*), MIN(order_id) FROM orders GROUP BY tag_nopad;
-- expect: ordered ci
SELECT DISTINCT tag_nopad FROM orders ORDER BY tag_nopad;
-- expect: ordered ci
SELECT DISTINCT tag_nopad FROM orders ORDER BY tag_nopad DESC LIMIT 7;
-- expect: ci
SELECT MIN(tag_nopad), MAX(tag_nopad), COUNT(DISTINCT tag_nopad), COUNT(tag_nopad) FROM orders;
-- expect: ordered ci
SELECT status, MIN(tag_nopad), MAX(tag_nopad), COUNT(DISTINCT tag_nopad) FROM orders GROUP BY status ORDER BY status;
-- expect: ordered ci
SELECT MAX(tag_nopad) m, COUNT(*) FROM orders GROUP BY customer_id ORDER BY m, COUNT(*), MIN(order_id) LIMIT 30;
SELECT count(0) FROM (SELECT DISTINCT tag_nopad FROM orders) tmp_count;

-- two collations in one key
-- expect: ordered ci
SELECT tag_bin, tag_nopad, COUNT(*) FROM orders GROUP BY tag_bin, tag_nopad ORDER BY tag_bin, tag_nopad;
-- expect: ordered
SELECT order_id, tag_unicode, tag_0900 FROM orders ORDER BY tag_0900 DESC, tag_unicode, order_id LIMIT 60;

-- COLLATE and expressions: the weights of the expression as written, in the collation it has
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_uca COLLATE utf8mb4_bin, order_id;
-- expect: ordered
SELECT order_id, tag_bin FROM orders ORDER BY tag_bin COLLATE utf8mb4_unicode_520_ci, order_id;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_latin1 COLLATE latin1_bin DESC, order_id LIMIT 50;
-- expect: ordered
SELECT order_id FROM orders ORDER BY tag_latin1 COLLATE latin1_german2_ci, order_id;
-- expect: ordered
SELECT order_id, CONCAT(tag_unicode, '-', order_id) s FROM orders ORDER BY s, order_id;
-- expect: ordered
SELECT order_id FROM orders ORDER BY LOWER(tag_bin), order_id;
-- expect: ordered
SELECT order_id FROM orders ORDER BY CAST(tag_0900 AS CHAR), order_id;
-- expect: ordered
SELECT order_id, tag_uca FROM orders ORDER BY CONVERT(tag_uca USING latin1), order_id;
-- expect: ordered ci
SELECT tag_uca COLLATE utf8mb4_uca1400_swedish_ai_ci t, COUNT(*) FROM orders GROUP BY t ORDER BY t;
-- expect: ordered ci
SELECT DISTINCT tag_unicode COLLATE utf8mb4_general_ci t FROM orders ORDER BY t;
-- expect: ci
SELECT MIN(tag_bin COLLATE utf8mb4_uca1400_ai_ci), MAX(CONCAT(tag_nopad, ' ')) FROM orders;

-- with a join and a HAVING on a collation the driver knows (utf8mb4_bin: in-driver comparison)
-- expect: ordered ci
SELECT o.tag_uca, COUNT(i.item_id) FROM orders o JOIN order_items i ON i.order_id = o.order_id GROUP BY o.tag_uca ORDER BY o.tag_uca;
-- expect: ordered ci
SELECT tag_bin, COUNT(*) c FROM orders GROUP BY tag_bin HAVING tag_bin >= 'b' ORDER BY tag_bin;

-- refused: collations whose order WEIGHT_STRING does not give, and string comparisons the driver cannot make exactly
-- expect: refused
SELECT order_id FROM orders ORDER BY tag_uca COLLATE utf8mb4_uca1400_as_cs, order_id;
-- expect: refused
SELECT DISTINCT tag_uca_cs COLLATE utf8mb4_uca1400_nopad_ai_cs FROM orders;
-- expect: refused
SELECT tag_uca COLLATE utf8mb4_uca1400_ai_cs, COUNT(*) FROM orders GROUP BY 1;
-- expect: refused
SELECT order_id FROM orders ORDER BY CONVERT(tag_latin1 USING latin7) COLLATE latin7_general_ci, order_id;
-- expect: refused
SELECT tag_uca, COUNT(*) FROM orders GROUP BY tag_uca HAVING tag_uca > 'm';
