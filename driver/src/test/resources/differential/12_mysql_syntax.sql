-- Differential corpus: MySQL syntax that Calcite does not read as it stands (functions named like keywords,
-- index hints, select modifiers, COLLATE, introducers, operators), over several shards.
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

SELECT order_id, CAST(amount AS SIGNED), CAST(qty AS UNSIGNED), CAST(amount AS DECIMAL(10,1)), CAST(created_at AS DATE) FROM orders WHERE customer_id < 20;
SELECT order_id, CONVERT(amount, CHAR), CONVERT(note USING utf8mb4) FROM orders WHERE customer_id < 20;
SELECT order_id, DATE_ADD(created_at, INTERVAL 1 DAY), DATE_SUB(created_at, INTERVAL 2 HOUR), created_at + INTERVAL 1 MONTH FROM orders WHERE customer_id < 20;
SELECT order_id, IF(amount > 500, 'big', 'small'), IFNULL(note, '-'), NULLIF(qty, 0), COALESCE(note, status) FROM orders WHERE customer_id < 20;
SELECT order_id, LEFT(status, 2), RIGHT(status, 2), YEAR(created_at), MONTH(created_at), DAY(created_at), DATE(created_at), HOUR(created_at) FROM orders WHERE customer_id < 20;
SELECT order_id, TRUNCATE(amount, 1), ROUND(amount, 1), FLOOR(amount), CEIL(amount), ABS(amount), MOD(qty, 3), POW(qty, 2) FROM orders WHERE customer_id < 20;
SELECT order_id, SUBSTRING(status, 2), SUBSTRING(status FROM 2 FOR 3), TRIM(LEADING 'p' FROM status), LOCATE('a', status), INSTR(status, 'a') FROM orders WHERE customer_id < 20;
SELECT order_id, REPLACE(status, 'a', 'b'), INSERT(status, 1, 2, 'zz'), CONCAT_WS('-', status, note), LPAD(status, 10, '*'), CHAR_LENGTH(status) FROM orders WHERE customer_id < 20;
SELECT order_id, DATEDIFF(created_at, '2020-01-01'), TIMESTAMPDIFF(DAY, '2020-01-01', created_at), EXTRACT(YEAR FROM created_at) FROM orders WHERE customer_id < 20;
SELECT order_id FROM orders WHERE note LIKE 'caf!%' ESCAPE '!' OR (qty > 5) IS NOT TRUE;
SELECT STRAIGHT_JOIN o.order_id, i.item_id FROM orders o JOIN order_items i ON o.order_id = i.order_id WHERE o.customer_id < 10;
SELECT o.order_id, i.item_id FROM orders o STRAIGHT_JOIN order_items i ON o.order_id = i.order_id WHERE o.customer_id < 10;
SELECT order_id FROM orders FORCE INDEX (idx_customer) WHERE customer_id > 490;
SELECT order_id FROM orders USE INDEX (idx_customer) WHERE customer_id = 5;
SELECT order_id FROM orders IGNORE INDEX FOR ORDER BY (idx_customer) WHERE customer_id = 7;
-- expect: ordered
SELECT order_id, status FROM orders WHERE customer_id < 60 ORDER BY status COLLATE utf8mb4_bin, order_id;
-- expect: ordered
SELECT order_id, note FROM orders WHERE customer_id < 60 ORDER BY BINARY note DESC, order_id LIMIT 20;
SELECT order_id FROM orders WHERE status = _utf8mb4'paid' COLLATE utf8mb4_general_ci;
SELECT order_id FROM orders WHERE status = 'paid' COLLATE utf8mb4_bin;
-- expect: ci
SELECT HIGH_PRIORITY SQL_NO_CACHE DISTINCT status FROM orders;
-- expect: ci
SELECT DISTINCTROW status FROM orders;
SELECT SQL_CALC_FOUND_ROWS order_id FROM orders WHERE customer_id = 3;
SELECT order_id, qty DIV 2, qty % 2, -qty, qty ^ 1, qty | 1, qty & 1, qty << 1, qty >> 1 FROM orders WHERE customer_id < 20;
SELECT order_id FROM orders WHERE NOT (qty > 1) AND !(qty < 0);
SELECT order_id FROM orders WHERE status REGEXP '^p' AND note RLIKE 'a' AND status NOT REGEXP 'q';
SELECT order_id FROM orders WHERE qty > 2 XOR amount > 500;
SELECT order_id FROM orders WHERE status = 'paid' || qty = 1;
SELECT order_id FROM orders WHERE status = 'paid' && qty = 1;
SELECT order_id FROM orders WHERE amount > 5e2 AND discount < .5;
SELECT order_id, 'it''s', "double \"quoted\"", 'back\\slash' FROM orders WHERE customer_id = 11;
SELECT order_id # a MySQL comment
  FROM orders WHERE customer_id = 12;
SELECT order_id /* inline */ FROM orders -- trailing comment
  WHERE customer_id = 13;
SELECT o.order_id, i.item_id FROM orders o LEFT OUTER JOIN order_items i USING (order_id) WHERE o.customer_id < 15;
SELECT CASE WHEN qty > 5 THEN 'a' ELSE 'b' END AS c, CASE status WHEN 'paid' THEN 1 END AS p FROM orders WHERE customer_id < 20;
SELECT order_id FROM orders WHERE status IN ('paid', 'new') OR status NOT IN ('shipped') AND qty BETWEEN 1 AND 3 AND qty NOT BETWEEN 5 AND 6;
SELECT /*!40001 SQL_NO_CACHE */ COUNT(*), SUM(qty) FROM orders /*! WHERE customer_id = 7 */;
SELECT order_id, status FROM orders WHERE customer_id < 30 /*!50000 ORDER BY order_id DESC LIMIT 4 */;
-- expect: ordered ci
SELECT status /*!, COUNT(*) */ FROM orders GROUP BY status ORDER BY status;
