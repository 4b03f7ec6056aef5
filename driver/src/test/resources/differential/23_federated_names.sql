-- Differential corpus: names across shards (federation) as MySQL resolves them with lower_case_table_names = 0 (as on
-- Linux): table aliases and table names compare case-sensitively, column names and column aliases do not.
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

-- a qualifier in another case than its alias is an error on the server, and must be one through the driver too
-- expect: error
SELECT O.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id < 100;
-- expect: error
SELECT o.order_id FROM orders o JOIN customers c ON C.customer_id = o.customer_id;
-- expect: error
SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE C.tier = 'gold';
-- expect: error
SELECT O.*, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id < 100;
-- expect: error
SELECT D.n, c.name FROM (SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id) d JOIN customers c ON c.customer_id = d.customer_id;
-- expect: error
SELECT c.tier, COUNT(*) FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY C.tier;
-- expect: error
SELECT o.order_id, c.name FROM orders o JOIN customers c ON c.customer_id = o.customer_id ORDER BY O.order_id LIMIT 3;
-- expect: error
SELECT c.customer_id FROM customers c WHERE c.customer_id < 50 AND c.customer_id IN (SELECT o.customer_id FROM orders o JOIN customers x ON x.customer_id = o.qty WHERE o.customer_id = C.customer_id);
-- expect: error
SELECT ORDERS.order_id FROM orders JOIN customers ON customers.customer_id = orders.customer_id WHERE orders.order_id < 100;
-- expect: error
SELECT o.order_id, ROW_NUMBER() OVER (PARTITION BY O.customer_id ORDER BY o.order_id) FROM orders o WHERE o.customer_id < 5;
-- column names and column aliases in any case
SELECT o.ORDER_ID, c.NAME, o.Customer_Id FROM orders o JOIN customers c ON c.CUSTOMER_ID = o.customer_id WHERE o.Order_Id < 500;
-- expect: ordered
SELECT o.order_id AS Id, c.name AS Who FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.order_id < 300 ORDER BY ID LIMIT 5;
-- expect: ci
SELECT c.tier AS T, COUNT(*) AS N FROM orders o JOIN customers c ON c.customer_id = o.customer_id GROUP BY c.tier HAVING n > 10;
SELECT O.order_id, C.name FROM orders O JOIN customers C ON C.customer_id = O.customer_id WHERE C.customer_id < 4;
SELECT Orders.order_id FROM orders AS Orders JOIN customers ON customers.customer_id = Orders.customer_id WHERE customers.customer_id < 3;
SELECT d.N, c.name FROM (SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id) d JOIN customers c ON c.customer_id = d.customer_id WHERE c.customer_id < 20;
-- two aliases that differ only in case name two tables on the server
-- expect: optional
SELECT o.order_id, O.name FROM orders o JOIN customers O ON O.customer_id = o.customer_id WHERE o.order_id < 200;
