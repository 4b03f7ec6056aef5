# Queries whose ResultSetMetaData through the driver must equal that of the same query on the unsharded copy
# (ResultSetMetaDataDifferentialTest), the physical database mapped to the logical one. One query a line.
# A line may end with "  -- known: <method>[, <method>…]: <reason>" for a difference left on purpose; the test
# checks that those methods do differ (so that a fix shows) and that every other method agrees.

# one shard: the server's own metadata, physical table names mapped
SELECT * FROM items WHERE id = 3
SELECT id, kind, tags, flag, qty, price, name, note, made, raw, ratio FROM items WHERE id = 7
SELECT i.id AS item, i.kind AS k, name label FROM items i WHERE i.id = 7
# every shard, combined per server with UNION ALL
SELECT * FROM items
SELECT * FROM items ORDER BY id
SELECT * FROM items ORDER BY name LIMIT 5
SELECT id, kind, tags, flag, qty, price, name, note, made, raw, ratio FROM items ORDER BY id DESC LIMIT 3, 4
SELECT i.* FROM items i ORDER BY i.id
SELECT `id`, `kind` AS `Kind`, `items`.`name`, items.qty AS q, items.tags FROM items ORDER BY 1
SELECT i.id AS item, i.kind AS k, name label FROM items i ORDER BY item
SELECT DISTINCT kind FROM items
SELECT flag, tags, COUNT(*) FROM items GROUP BY flag, tags ORDER BY 1, 2
SELECT DISTINCT kind, flag FROM items ORDER BY kind DESC, flag
SELECT id, kind FROM items WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) ORDER BY id
# expressions
SELECT id + 1, UPPER(name), CONCAT(kind, '!'), price * qty AS total, kind = 'a' AS is_a FROM items ORDER BY id
SELECT id, CAST(price AS CHAR) AS p, COALESCE(note, name) AS n, NULL AS nothing, 1 AS one FROM items ORDER BY id
# aggregates
SELECT COUNT(*) FROM items
SELECT COUNT(*), SUM(qty), MIN(price), MAX(name), MIN(kind), MAX(made) FROM items
SELECT kind, COUNT(*) AS n, SUM(price) AS total, MAX(id) FROM items GROUP BY kind ORDER BY kind
SELECT kind, AVG(qty), AVG(price), AVG(ratio) FROM items GROUP BY kind
SELECT kind, AVG(made), AVG(id) AS a, AVG(flag), AVG(items.price) FROM items GROUP BY kind ORDER BY 1
SELECT label, AVG(weight), AVG(part_id) FROM parts GROUP BY label
SELECT kind, COUNT(DISTINCT flag) FROM items GROUP BY kind HAVING COUNT(*) > 1
SELECT kind, GROUP_CONCAT(name ORDER BY name) FROM items GROUP BY kind  -- known: getColumnDisplaySize, getPrecision: a UNION ALL of GROUP_CONCAT columns is as wide as MEDIUMTEXT, not group_concat_max_len
SELECT count(0) FROM (SELECT id, name FROM items WHERE qty > 3) tmp_count
# joins of bound tables, and broadcast and unsharded tables
SELECT i.id, i.kind, p.part_id, p.label, p.weight FROM items i JOIN parts p ON p.id = i.id ORDER BY p.part_id
SELECT i.id, p.* FROM items i LEFT JOIN parts p ON p.id = i.id WHERE i.id = 4
SELECT i.id, k.kind, k.title FROM items i JOIN kinds k ON k.kind = i.kind ORDER BY i.id  -- known: isAutoIncrement: the unsharded server sorts this join in a temporary table, which drops AUTO_INCREMENT; each shard's own plan decides
SELECT * FROM kinds ORDER BY kind
SELECT * FROM owners ORDER BY owner_id
# federated: rows of several shards at once
SELECT i.name, j.name FROM items i JOIN items j ON j.qty = i.qty AND j.id < i.id ORDER BY 1, 2  -- known: getCatalogName, isDefinitelyWritable, isReadOnly, isWritable: federation describes its columns itself (FederatedMetadata), with no database and read-only
SELECT kind, name FROM items WHERE id IN (SELECT MAX(id) FROM items GROUP BY kind) ORDER BY 1  -- known: getCatalogName, isDefinitelyWritable, isReadOnly, isWritable: as above
SELECT name FROM items UNION SELECT label FROM parts ORDER BY 1  -- known: isDefinitelyWritable, isNullable, isReadOnly, isWritable: as above, and every federated column reads as nullable
