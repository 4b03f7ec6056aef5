-- Differential corpus: literal forms and type names that tools send: hexadecimal and bit-value literals (X'0A',
-- 0x0A, B'101', 0b101), national strings (N'abc'), character set introducers (_utf8mb4'abc', _latin1 'abc',
-- _binary X'41'), CAST(x AS SIGNED INTEGER) and UNSIGNED INTEGER, and GROUP_CONCAT(… LIMIT n), over one shard and
-- several.
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

-- hexadecimal and bit-value literals: binary strings, numbers in a numeric context
SELECT order_id, X'41', x'6162', 0x41, B'1000001', b'01', 0b101, X'41' + 0, 0x10 + 1, B'101' + 0, 0b11 * 2 FROM orders WHERE customer_id < 20;
SELECT order_id, HEX(X'0A0B'), CONCAT(status, X'21'), CAST(0x41 AS CHAR) FROM orders WHERE order_id = 21;
SELECT order_id FROM orders WHERE order_id = 0x16;
SELECT order_id FROM orders WHERE order_id = X'15';
SELECT order_id FROM orders WHERE order_id IN (B'10101', 0b10110, 0x17);
SELECT order_id, qty FROM orders WHERE qty > 0x20 AND customer_id < 100;
SELECT order_id, status FROM orders WHERE status = X'70616964';
SELECT COUNT(*), SUM(qty > 0x10), MAX(qty & B'111') FROM orders;
-- expect: ordered
SELECT order_id, qty | 0x0F AS bits FROM orders WHERE customer_id < 30 ORDER BY bits, order_id;
-- expect: refused
SELECT customer_id, COUNT(*) FROM orders GROUP BY customer_id HAVING COUNT(*) > 0x02;
-- national strings and introducers
SELECT order_id, N'caf\u00e9', n'x', _utf8mb4'paid', _latin1 'abc', _binary'abc', _binary X'41', _utf8mb4 0x61 FROM orders WHERE customer_id < 20;
SELECT order_id FROM orders WHERE status = N'paid';
SELECT order_id FROM orders WHERE status = _latin1 'paid' ORDER BY order_id;
-- expect: ci
SELECT status, COUNT(*) FROM orders WHERE note <> N'' GROUP BY status;
-- CAST and CONVERT with SIGNED INTEGER and UNSIGNED INTEGER
SELECT order_id, CAST(amount AS SIGNED INTEGER), CAST(qty AS UNSIGNED INTEGER), CONVERT(amount, SIGNED INT), CAST(-1 AS UNSIGNED INT) FROM orders WHERE customer_id < 20;
SELECT SUM(CAST(qty AS SIGNED INTEGER)), MIN(CAST(amount AS UNSIGNED INTEGER)) FROM orders;
-- expect: ordered
SELECT CAST(qty AS SIGNED INTEGER) AS q, COUNT(*) FROM orders WHERE customer_id < 200 GROUP BY q ORDER BY q;
-- GROUP_CONCAT with a LIMIT of its own: as written on one shard, refused over several
SELECT order_id, GROUP_CONCAT(item_id ORDER BY item_id DESC SEPARATOR ';' LIMIT 2) FROM order_items WHERE order_id = 21 GROUP BY order_id;
SELECT GROUP_CONCAT(item_id ORDER BY item_id LIMIT 1, 2) FROM order_items WHERE order_id = 736;
-- expect: refused
SELECT customer_id, GROUP_CONCAT(order_id ORDER BY order_id LIMIT 3) FROM orders WHERE customer_id < 10 GROUP BY customer_id;
-- expect: refused
SELECT GROUP_CONCAT(DISTINCT status ORDER BY status SEPARATOR '|' LIMIT 2) FROM orders;
