package org.shardjdbc.driver.testing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Statements and parameter values for fuzzing the driver, the same for a given seed: SELECTs generated from a grammar
 * over the shop's tables ({@link ShopData}: orders, order_items, countries, customers) with shard-key conditions,
 * aggregates, joins, subqueries, sorting and limits; other statements the driver answers itself (SHOW, SET, EXPLAIN);
 * then, for about half of them, mutations of the text (tokens deleted, repeated, swapped or inserted, characters
 * replaced by odd Unicode, the text cut short or a piece of it repeated thousands of times). Prepared statements get
 * parameter values of every type, sometimes too few or too many, at bad indexes, or of the wrong type.
 *
 * <p>Writes (INSERT in its forms, REPLACE, upserts, UPDATE, DELETE) go to the table {@code scratch} only, and some
 * cases are batches: several statements through {@code Statement.addBatch}, or one prepared statement added several
 * times. A mutated write that names one of the shop's tables is not used (the write stays unmutated), so that the data
 * the reads see stays as loaded; the generator writes no DDL.
 */
public final class SqlFuzzer {

  /** Values that would do harm if spliced into SQL text instead of being sent as parameters. */
  public static final List<String> INJECTIONS = List.of(
      "' OR '1'='1",
      "' OR 1=1 -- ",
      "1; DROP TABLE orders",
      "1'; DROP TABLE orders; -- ",
      "\\' OR 1=1 #",
      "\\\\' OR '1'='1",
      "x\\'; SELECT SLEEP(10); -- ",
      "') OR ('a'='a",
      "\" OR \"\"=\"",
      "%' OR status LIKE '%",
      "1 UNION SELECT order_id, status FROM orders",
      "\u0000' OR '1'='1",
      "\u02BC OR \u02BC1\u02BC=\u02BC1",
      "?",
      "'; SET autocommit = 0; -- ");

  private static final String[] TABLES = {"orders", "order_items", "countries", "customers"};
  private static final String[][] COLUMNS = {
      {"order_id", "customer_id", "status", "amount", "qty", "discount", "note", "country_code", "created_at", "paid_at"},
      {"item_id", "order_id", "sku", "price", "quantity"},
      {"code", "name", "region"},
      {"customer_id", "name", "tier"}};
  private static final String[] AGGREGATES = {"COUNT", "SUM", "AVG", "MIN", "MAX", "COUNT(DISTINCT", "GROUP_CONCAT"};
  private static final String[] FUNCTIONS = {"ABS", "LENGTH", "UPPER", "LOWER", "CONCAT", "COALESCE", "IFNULL", "ROUND",
      "TRIM", "SUBSTRING", "NOW", "DATE", "YEAR", "MOD", "GREATEST", "LEAST", "HEX", "CHAR_LENGTH", "REPLACE", "INSERT",
      "IF", "NULLIF", "CAST", "CONVERT", "JSON_EXTRACT", "WEIGHT_STRING", "ANY_VALUE", "RAND"};
  private static final String[] OPERATORS = {"=", "<>", "!=", "<", "<=", ">", ">=", "<=>", "+", "-", "*", "/", "%", "DIV",
      "MOD", "AND", "OR", "XOR", "&&", "||", "|", "&", "^", "<<", ">>", "LIKE", "REGEXP", "IS", "IN", "BETWEEN"};
  /** Tokens that mutations insert: keywords, punctuation, quotes, comment openers, odd characters. */
  private static final String[] VOCABULARY = {"SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "OFFSET",
      "UNION", "UNION ALL", "JOIN", "LEFT JOIN", "ON", "USING", "AS", "DISTINCT", "NOT", "NULL", "EXISTS", "IN", "ANY",
      "ALL", "FOR UPDATE", "LOCK IN SHARE MODE", "SKIP LOCKED", "NOWAIT", "WITH", "OVER", "PARTITION BY", "ROLLUP",
      "WITH ROLLUP", "INTO", "@x", "@@version", ":=", "?", "??", "(", ")", "((", "))", ",", ";", ".", "*", "'", "\"", "`",
      "\\", "/*", "*/", "-- ", "#", "/*!50000", "\n", "\t", "\u0000", "\uFEFF", "\u202E", "\uD83D\uDE00", "\uD800",
      "\u00A0", "\u200B", "Ω", "é", "日本", "0x", "X'", "b'", "N'", "_utf8mb4'", "1e", "-", "+", "~", "!", "=", "<=>",
      "orders", "order_items", "order_id", "orders_00", "fuzz_h0.orders_00", "information_schema.tables", "DUAL"};
  private static final String[] ODD_STRINGS = {"", " ", "a ", "A", "é", "E\u0301", "\uD83D\uDE00", "日本語", "\u202Eabc",
      "\u0000", "\\", "\\\\", "''", "\\'", "%", "_", "\r\n", "\uFFFF", "\uFFFD", "ﬀ", "ß", "İ", "paid", "PAID", "Paid "};

  private final Random random;

  /** What separates the statements of a batch of a {@link Statement} in {@link Case#sql()}. */
  public static final String BATCH_SEPARATOR = "\n;;\n";
  private static final Pattern SHOP_TABLE =
      Pattern.compile("(?i)\\b(orders|order_items|countries|customers)\\b");

  /**
   * One fuzz case: a statement, run through a Statement or a PreparedStatement with these parameter settings.
   *
   * @param batch 0 for a single execution; else a batch: a prepared statement's parameters added this many times, or
   *     a Statement's statements (separated by {@link #BATCH_SEPARATOR}) added one by one
   */
  public record Case(long number, boolean prepared, String sql, List<Parameter> parameters, int batch) {
    public Case(long number, boolean prepared, String sql, List<Parameter> parameters) {
      this(number, prepared, sql, parameters, 0);
    }

    @Override
    public String toString() {
      String shown = sql.length() > 300 ? sql.substring(0, 300) + "... (" + sql.length() + " chars)" : sql;
      return "#" + number + (batch > 0 ? " batch of " + batch : "") + (prepared ? " prepared " : " ") + shown
          + (parameters.isEmpty() ? "" : " " + parameters);
    }
  }

  /** How one parameter is set: the setter, the index (possibly out of range) and the value. */
  public record Parameter(Setter setter, int index, Object value) {
    /** Calls the setter on a statement. */
    public void apply(PreparedStatement statement) throws SQLException {
      switch (setter) {
        case OBJECT -> statement.setObject(index, value);
        case STRING -> statement.setString(index, (String) value);
        case LONG -> statement.setLong(index, (Long) value);
        case INT -> statement.setInt(index, (Integer) value);
        case DOUBLE -> statement.setDouble(index, (Double) value);
        case BIG_DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
        case BYTES -> statement.setBytes(index, (byte[]) value);
        case NULL -> statement.setNull(index, Types.VARCHAR);
        case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
        case TIMESTAMP -> statement.setTimestamp(index, (Timestamp) value);
        case DATE -> statement.setDate(index, (Date) value);
        case OBJECT_AS_INTEGER -> statement.setObject(index, value, Types.INTEGER);
      }
    }

    @Override
    public String toString() {
      String shown = value instanceof byte[] bytes ? "byte[" + bytes.length + "]" : String.valueOf(value);
      return setter + "(" + index + ", " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown) + ")";
    }
  }

  /** The setters the fuzzer calls. */
  public enum Setter { OBJECT, STRING, LONG, INT, DOUBLE, BIG_DECIMAL, BYTES, NULL, BOOLEAN, TIMESTAMP, DATE, OBJECT_AS_INTEGER }

  public SqlFuzzer(long seed) {
    this.random = new Random(seed);
  }

  /** The next case: a generated statement, mutated about half of the time, with parameters when prepared. */
  public Case next(long number) {
    boolean prepared = random.nextInt(3) != 0;
    if (random.nextInt(20) == 0) {
      int size = 1 + random.nextInt(5);
      if (prepared) {
        String sql = mutated(write());
        return new Case(number, true, sql, parameters(placeholders(sql)), size);
      }
      List<String> statements = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        statements.add(mutated(random.nextInt(5) == 0 ? select(0) : write()));
      }
      return new Case(number, false, String.join(BATCH_SEPARATOR, statements), List.of(), size);
    }
    String sql = mutated(statement());
    return new Case(number, prepared, sql, prepared ? parameters(placeholders(sql)) : List.of());
  }

  /** The statement mutated about half of the time; a write stays as it was when the mutation names a shop table. */
  private String mutated(String statement) {
    String sql = statement;
    int mutations = random.nextInt(4) == 0 ? 0 : random.nextInt(3);
    if (random.nextBoolean()) {
      for (int i = 0; i <= mutations; i++) {
        sql = mutate(sql);
      }
    }
    boolean write = statement.startsWith("INSERT") || statement.startsWith("REPLACE") || statement.startsWith("UPDATE")
        || statement.startsWith("DELETE");
    return write && SHOP_TABLE.matcher(sql).find() ? statement : sql;
  }

  /** A write of the table {@code scratch (id BIGINT PRIMARY KEY, n INT, s VARCHAR(100))}, sharded by id. */
  private String write() {
    String id = random.nextInt(4) == 0 ? "?" : Integer.toString(random.nextInt(1000));
    return switch (random.nextInt(9)) {
      case 0 -> {
        List<String> rows = new ArrayList<>();
        for (int i = random.nextInt(6); i >= 0; i--) {
          rows.add("(" + (random.nextInt(4) == 0 ? "?" : Integer.toString(random.nextInt(1000))) + ", " + value(1) + ", "
              + value(1) + ")");
        }
        yield "INSERT INTO scratch (id, n, s) VALUES " + String.join(", ", rows);
      }
      case 1 -> "INSERT IGNORE INTO scratch VALUES (" + id + ", " + value(1) + ", " + value(1) + ")";
      case 2 -> "REPLACE INTO scratch (id, s) VALUES (" + id + ", " + value(1) + ")";
      case 3 -> "INSERT INTO scratch (id, n) VALUES (" + id + ", " + value(1) + ") ON DUPLICATE KEY UPDATE n = "
          + pick(new String[] {"n + 1", "VALUES(n)", "NULL", "?"});
      case 4 -> "INSERT INTO scratch SET id = " + id + ", s = " + value(1);
      case 5 -> "UPDATE scratch SET n = " + expression(2) + " WHERE " + scratchCondition(id);
      case 6 -> "UPDATE scratch SET s = " + value(1) + " WHERE " + scratchCondition(id)
          + (random.nextInt(4) == 0 ? " ORDER BY id LIMIT " + limitValue() : "");
      case 7 -> "DELETE FROM scratch WHERE " + scratchCondition(id);
      default -> "INSERT INTO scratch (id, n, s) VALUES (" + id + ", " + value(1) + ", " + value(1)
          + ") ON DUPLICATE KEY UPDATE s = " + value(1);
    };
  }

  private String scratchCondition(String id) {
    return switch (random.nextInt(6)) {
      case 0 -> "id = " + id;
      case 1 -> "id IN (" + valueList(1) + ")";
      case 2 -> "id BETWEEN " + value(1) + " AND " + value(1);
      case 3 -> "n " + pick(OPERATORS) + " " + value(1);
      case 4 -> "s LIKE " + stringLiteral();
      default -> "id = " + id + " AND n IS NOT NULL";
    };
  }

  private String statement() {
    int kind = random.nextInt(100);
    if (kind < 12) {
      return write();
    }
    if (kind < 80) {
      return select(0);
    }
    if (kind < 86) {
      return "EXPLAIN " + select(0);
    }
    if (kind < 90) {
      return pick(new String[] {"SHOW TABLES", "SHOW COLUMNS FROM orders", "SHOW CREATE TABLE orders", "SHOW DATABASES",
          "SHOW VARIABLES LIKE 'version'", "SHOW COLUMNS FROM " + pick(TABLES), "SHOW INDEX FROM orders",
          "SHOW TABLE STATUS"});
    }
    if (kind < 94) {
      return pick(new String[] {"SET autocommit = 1", "SET autocommit = 0", "SET @x = " + literal(0),
          "SET NAMES utf8mb4", "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", "USE fuzz_h0",
          "SET sql_mode = 'ANSI_QUOTES'", "SET @@session.max_execution_time = 1", "BEGIN", "COMMIT", "ROLLBACK"});
    }
    return "SELECT " + expression(0) + (random.nextBoolean() ? "" : ", " + expression(0));
  }

  private String select(int depth) {
    int table = random.nextInt(TABLES.length);
    String alias = "t" + depth;
    StringBuilder sql = new StringBuilder("SELECT ");
    if (random.nextInt(8) == 0) {
      sql.append("DISTINCT ");
    }
    boolean aggregate = random.nextInt(3) == 0;
    sql.append(selectList(table, alias, aggregate, depth));
    sql.append(" FROM ").append(TABLES[table]).append(random.nextBoolean() ? " " + alias : " AS " + alias);
    if (table == 0 && random.nextInt(5) == 0) {
      sql.append(random.nextBoolean() ? " JOIN" : " LEFT JOIN").append(" order_items j ON j.order_id = ").append(alias)
          .append(".order_id");
    } else if (random.nextInt(10) == 0) {
      sql.append(", ").append(pick(TABLES)).append(" x");
    }
    if (random.nextInt(4) != 0) {
      sql.append(" WHERE ").append(condition(table, alias, depth));
    }
    if (aggregate && random.nextBoolean()) {
      sql.append(" GROUP BY ").append(column(table, alias));
      if (random.nextInt(3) == 0) {
        sql.append(" HAVING ").append(aggregateCall(table, alias)).append(' ').append(pick(OPERATORS)).append(' ')
            .append(literal(depth));
      }
    }
    if (random.nextInt(3) == 0) {
      sql.append(" ORDER BY ").append(random.nextInt(4) == 0 ? Integer.toString(1 + random.nextInt(3)) : column(table, alias))
          .append(random.nextBoolean() ? " DESC" : "");
    }
    if (random.nextInt(3) == 0) {
      sql.append(" LIMIT ").append(limitValue());
      if (random.nextBoolean()) {
        sql.append(random.nextBoolean() ? ", " + limitValue() : " OFFSET " + limitValue());
      }
    }
    if (depth == 0 && random.nextInt(20) == 0) {
      sql.append(pick(new String[] {" FOR UPDATE", " LOCK IN SHARE MODE", " FOR UPDATE SKIP LOCKED", " UNION ALL " + select(1),
          " UNION " + select(1)}));
    }
    return sql.toString();
  }

  private String selectList(int table, String alias, boolean aggregate, int depth) {
    int columns = 1 + random.nextInt(4);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < columns; i++) {
      int kind = random.nextInt(10);
      if (kind == 0) {
        items.add(random.nextBoolean() ? "*" : alias + ".*");
      } else if (aggregate && kind < 6) {
        items.add(aggregateCall(table, alias));
      } else if (kind < 8) {
        items.add(column(table, alias));
      } else {
        items.add(expression(depth + 1) + (random.nextBoolean() ? " AS c" + i : ""));
      }
    }
    return String.join(", ", items);
  }

  private String aggregateCall(int table, String alias) {
    String function = pick(AGGREGATES);
    if (function.equals("COUNT") && random.nextBoolean()) {
      return "COUNT(*)";
    }
    String argument = column(table, alias);
    return function.endsWith("(DISTINCT") ? function + " " + argument + ")" : function + "(" + argument + ")";
  }

  private String condition(int table, String alias, int depth) {
    int kind = random.nextInt(depth > 2 ? 6 : 12);
    String key = table <= 1 ? alias + ".order_id" : column(table, alias);
    return switch (kind) {
      case 0 -> key + " = " + value(depth);
      case 1 -> key + " IN (" + valueList(depth) + ")";
      case 2 -> key + " BETWEEN " + value(depth) + " AND " + value(depth);
      case 3 -> column(table, alias) + " " + pick(OPERATORS) + " " + value(depth);
      case 4 -> column(table, alias) + (random.nextBoolean() ? " IS NULL" : " IS NOT NULL");
      case 5 -> column(table, alias) + " LIKE " + stringLiteral();
      case 6 -> "(" + condition(table, alias, depth + 1) + (random.nextBoolean() ? " AND " : " OR ")
          + condition(table, alias, depth + 1) + ")";
      case 7 -> "NOT (" + condition(table, alias, depth + 1) + ")";
      case 8 -> key + (random.nextBoolean() ? " IN (" : " NOT IN (") + subquery(depth) + ")";
      case 9 -> (random.nextBoolean() ? "EXISTS (" : "NOT EXISTS (") + subquery(depth) + ")";
      case 10 -> key + " " + pick(new String[] {"<", ">", "<=", ">=", "<>"}) + " " + value(depth);
      default -> column(table, alias) + " = " + expression(depth + 1);
    };
  }

  private String subquery(int depth) {
    return random.nextBoolean() ? "SELECT order_id FROM order_items WHERE quantity > " + value(depth) : select(depth + 1);
  }

  private String expression(int depth) {
    int kind = random.nextInt(depth > 3 ? 3 : 9);
    return switch (kind) {
      case 0 -> literal(depth);
      case 1 -> "?";
      case 2 -> pick(COLUMNS[random.nextInt(COLUMNS.length)]);
      case 3 -> pick(FUNCTIONS) + "(" + expression(depth + 1) + (random.nextBoolean() ? "" : ", " + expression(depth + 1)) + ")";
      case 4 -> expression(depth + 1) + " " + pick(OPERATORS) + " " + expression(depth + 1);
      case 5 -> "(" + expression(depth + 1) + ")";
      case 6 -> "CASE WHEN " + expression(depth + 1) + " THEN " + expression(depth + 1) + " ELSE " + expression(depth + 1) + " END";
      case 7 -> "CAST(" + expression(depth + 1) + " AS " + pick(new String[] {"SIGNED", "UNSIGNED", "CHAR", "DECIMAL(65,30)",
          "DATE", "DATETIME(6)", "BINARY", "JSON", "DOUBLE"}) + ")";
      default -> "(SELECT " + expression(depth + 1) + ")";
    };
  }

  private String value(int depth) {
    return random.nextInt(3) == 0 ? "?" : literal(depth);
  }

  private String valueList(int depth) {
    int size = switch (random.nextInt(10)) {
      case 0 -> 0;
      case 1 -> 1000 + random.nextInt(4000);
      default -> 1 + random.nextInt(8);
    };
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < size; i++) {
      list.append(i == 0 ? "" : ", ").append(size > 100 ? Integer.toString(random.nextInt()) : value(depth));
    }
    return list.toString();
  }

  private String literal(int depth) {
    return switch (random.nextInt(14)) {
      case 0 -> Integer.toString(random.nextInt(200) - 20);
      case 1 -> Long.toString(random.nextLong());
      case 2 -> pick(new String[] {"9223372036854775807", "-9223372036854775808", "18446744073709551615",
          "18446744073709551616", "99999999999999999999999999999999999999", "0", "-0", "1e308", "1e309", "-1e-320",
          "0x7FFFFFFFFFFFFFFF", "0b1111", "9007199254740993", ".5", "5.", "1.0e+2"});
      case 3 -> "'" + random.nextInt(100) + "'";
      case 4 -> stringLiteral();
      case 5 -> "NULL";
      case 6 -> random.nextBoolean() ? "TRUE" : "FALSE";
      case 7 -> "DATE '2024-0" + (1 + random.nextInt(9)) + "-01'";
      case 8 -> new BigDecimal(new BigInteger(64 + random.nextInt(200), random), random.nextInt(40)).toPlainString();
      case 9 -> "'" + "9".repeat(1 + random.nextInt(80)) + "'";
      case 10 -> "X'" + Long.toHexString(random.nextLong()) + "'";
      case 11 -> "_utf8mb4'" + pick(ODD_STRINGS).replace("'", "''").replace("\\", "\\\\") + "' COLLATE utf8mb4_bin";
      case 12 -> "'" + "x".repeat(random.nextInt(3) == 0 ? 70_000 : 1 + random.nextInt(300)) + "'";
      default -> Double.toString(random.nextGaussian() * 1e6);
    };
  }

  private String stringLiteral() {
    String text = random.nextBoolean() ? pick(ODD_STRINGS) : randomText(1 + random.nextInt(20));
    return random.nextBoolean() ? "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
        : "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private String column(int table, String alias) {
    String column = pick(COLUMNS[table]);
    return random.nextInt(3) == 0 ? column : random.nextInt(6) == 0 ? "`" + column + "`" : alias + "." + column;
  }

  private String limitValue() {
    return switch (random.nextInt(6)) {
      case 0 -> "?";
      case 1 -> "0";
      case 2 -> "18446744073709551615";
      case 3 -> "-1";
      default -> Integer.toString(random.nextInt(50));
    };
  }

  /** One mutation of a statement's text. */
  public String mutate(String sql) {
    List<String> tokens = tokens(sql);
    if (tokens.isEmpty()) {
      return pick(VOCABULARY);
    }
    int at = random.nextInt(tokens.size());
    switch (random.nextInt(11)) {
      case 0 -> tokens.remove(at);
      case 1 -> tokens.add(at, tokens.get(at));
      case 2 -> {
        int other = random.nextInt(tokens.size());
        String swapped = tokens.get(at);
        tokens.set(at, tokens.get(other));
        tokens.set(other, swapped);
      }
      case 3, 4 -> tokens.add(at, pick(VOCABULARY));
      case 5 -> tokens.set(at, pick(VOCABULARY));
      case 6 -> {
        return sql.substring(0, random.nextInt(sql.length() + 1));
      }
      case 7 -> {
        int position = random.nextInt(sql.length() + 1);
        return sql.substring(0, position) + randomText(1 + random.nextInt(4)) + sql.substring(position);
      }
      case 8 -> {
        int from = random.nextInt(sql.length());
        int to = Math.min(sql.length(), from + 1 + random.nextInt(20));
        String piece = sql.substring(from, to);
        return sql.substring(0, to) + piece.repeat(100 + random.nextInt(3000)) + sql.substring(to);
      }
      case 9 -> {
        int depth = random.nextInt(4) == 0 ? 2000 + random.nextInt(8000) : 1 + random.nextInt(50);
        tokens.set(at, "(".repeat(depth) + tokens.get(at) + ")".repeat(random.nextInt(5) == 0 ? depth - 1 : depth));
      }
      default -> tokens.set(at, tokens.get(at).toUpperCase(java.util.Locale.ROOT));
    }
    return String.join(" ", tokens);
  }

  private static List<String> tokens(String sql) {
    List<String> tokens = new ArrayList<>();
    for (String token : sql.split("\\s+|(?=[(),;=])|(?<=[(),;=])")) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    return tokens;
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(10);
      if (kind < 4) {
        text.append((char) (' ' + random.nextInt(95)));
      } else if (kind < 6) {
        text.append((char) random.nextInt(0x3000));
      } else if (kind < 7) {
        text.append((char) (0xD800 + random.nextInt(0x800)));
      } else if (kind < 8) {
        text.appendCodePoint(0x1F300 + random.nextInt(0x300));
      } else if (kind < 9) {
        text.append((char) random.nextInt(32));
      } else {
        text.append(pick(new String[] {"\u202E", "\u200D", "\u0301", "\uFEFF", "\uFFFF", "\u2028"}));
      }
    }
    return text.toString();
  }

  /** Roughly how many placeholders: question marks outside quotes. */
  static int placeholders(String sql) {
    int count = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
      } else if (c == '?') {
        count++;
      }
    }
    return count;
  }

  private List<Parameter> parameters(int placeholders) {
    int count = switch (random.nextInt(20)) {
      case 0 -> 0;
      case 1 -> Math.max(0, placeholders - 1);
      case 2 -> placeholders + 1 + random.nextInt(3);
      default -> placeholders;
    };
    List<Parameter> parameters = new ArrayList<>();
    for (int index = 1; index <= count; index++) {
      parameters.add(parameter(index));
    }
    if (random.nextInt(30) == 0) {
      parameters.add(parameter(pick(new int[] {0, -1, 65_536, Integer.MAX_VALUE})));
    }
    return parameters;
  }

  private Parameter parameter(int index) {
    return switch (random.nextInt(16)) {
      case 0, 1 -> new Parameter(Setter.LONG, index, (long) random.nextInt(120) - 10);
      case 2 -> new Parameter(Setter.LONG, index, pick(new long[] {Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, 0, -1}));
      case 3 -> new Parameter(Setter.INT, index, random.nextInt());
      case 4 -> new Parameter(Setter.STRING, index, pick(INJECTIONS));
      case 5 -> new Parameter(Setter.STRING, index, random.nextBoolean() ? pick(ODD_STRINGS) : randomText(random.nextInt(30)));
      case 6 -> new Parameter(Setter.STRING, index, "y".repeat(random.nextInt(4) == 0 ? 1_000_000 : random.nextInt(500)));
      case 7 -> new Parameter(Setter.DOUBLE, index, pick(new double[] {Double.NaN, Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1.5, random.nextGaussian()}));
      case 8 -> new Parameter(Setter.BIG_DECIMAL, index, new BigDecimal(new BigInteger(1 + random.nextInt(400), random),
          random.nextInt(60) - 30));
      case 9 -> {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        yield new Parameter(Setter.BYTES, index, bytes);
      }
      case 10 -> new Parameter(Setter.NULL, index, null);
      case 11 -> new Parameter(Setter.BOOLEAN, index, random.nextBoolean());
      case 12 -> new Parameter(Setter.TIMESTAMP, index, new Timestamp(random.nextLong() % 4_000_000_000_000L));
      case 13 -> new Parameter(Setter.DATE, index, new Date(random.nextLong() % 400_000_000_000_000L));
      case 14 -> new Parameter(Setter.OBJECT, index, pick(new Object[] {new UUID(random.nextLong(), random.nextLong()), new Object(), List.of(1, 2),
          'c', (short) 7, (byte) -1, 2.5f, BigInteger.TEN.pow(40), new StringBuilder("sb"), java.time.LocalDate.of(2024, 2, 29),
          java.time.LocalDateTime.of(2024, 2, 29, 12, 0), java.time.Instant.EPOCH, java.time.OffsetDateTime.MIN}));
      default -> new Parameter(Setter.OBJECT_AS_INTEGER, index, pick(new Object[] {"12", "abc", 3.7, Long.MAX_VALUE, "1e3"}));
    };
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }

  private long pick(long[] values) {
    return values[random.nextInt(values.length)];
  }

  private double pick(double[] values) {
    return values[random.nextInt(values.length)];
  }

  private Object pick(Object[] values) {
    return values[random.nextInt(values.length)];
  }
}
