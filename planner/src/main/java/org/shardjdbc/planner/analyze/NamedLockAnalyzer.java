package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.StatementParser;
import org.shardjdbc.planner.parse.Token;

/**
 * Analyzes a statement that calls MySQL's named-lock functions. A named lock belongs to one server session, so every
 * process that shares a configuration must take its named locks on the same server: they all go to the lock data
 * source ({@link ShardingModel#lockDataSource()}).
 *
 * <ul>
 *   <li>A SELECT that only inspects locks ({@code IS_FREE_LOCK}, {@code IS_USED_LOCK}) runs there as written, on any
 *       connection: {@link Analysis.PassThrough}.
 *   <li>A SELECT that takes or releases locks ({@code GET_LOCK}, {@code RELEASE_LOCK}, {@code RELEASE_ALL_LOCKS})
 *       runs on the connection that holds the logical connection's locks, which the driver keeps out of its pool
 *       while it holds any: {@link Analysis.NamedLocks}. The driver counts the locks from the values of those calls,
 *       so each must be a select item of its own ({@code SELECT GET_LOCK(?, 10) AS taken}) in a SELECT without FROM,
 *       whose one row is every call made.
 * </ul>
 *
 * Named-lock functions anywhere else (beside sharded or broadcast tables, in other statements, inside expressions)
 * are refused with the reason.
 */
final class NamedLockAnalyzer {
  private static final Set<String> FUNCTIONS = Set.of("GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS", "IS_FREE_LOCK",
      "IS_USED_LOCK");

  private final ShardingModel model;
  private final String sql;
  private final List<Token> tokens;
  private final String function;

  private NamedLockAnalyzer(ShardingModel model, String sql, List<Token> tokens, int call) {
    this.model = model;
    this.sql = sql;
    this.tokens = tokens;
    this.function = tokens.get(call).text().toUpperCase(Locale.ROOT) + "()";
  }

  /**
   * @return the analysis of a statement that calls a named-lock function, or null when it calls none
   * @throws SQLFeatureNotSupportedException when it calls one where the driver cannot run it on the lock data source
   */
  static Analysis analyze(ShardingModel model, String sql, List<Token> tokens) throws SQLException {
    int call = firstCall(tokens);
    return call < 0 ? null : new NamedLockAnalyzer(model, sql, tokens, call).analyze();
  }

  private static int firstCall(List<Token> tokens) {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (isCall(tokens, i) && FUNCTIONS.contains(tokens.get(i).text().toUpperCase(Locale.ROOT))) {
        return i;
      }
    }
    return -1;
  }

  /** A word followed by {@code (} and not qualified ({@code db.get_lock(} is a stored function). */
  private static boolean isCall(List<Token> tokens, int i) {
    return tokens.get(i).kind() == Token.Kind.WORD && i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(")
        && (i == 0 || !tokens.get(i - 1).isSymbol("."));
  }

  private Analysis analyze() throws SQLException {
    Token first = tokens.get(0);
    if (!first.isWord("SELECT")) {
      throw refused("in " + (first.kind() == Token.Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : "these")
          + " statements", "named locks are taken, released and inspected with SELECT");
    }
    LogicalTable table = logicalTable();
    if (table != null) {
      throw refused("in a statement that reads " + (table.broadcast() ? "broadcast" : "sharded") + " table "
          + table.name(), "named locks live on data source " + model.lockDataSource()
          + "; take, release or inspect them in a SELECT of their own");
    }
    ParsedStatement parsed = StatementParser.parse(sql, tokens);
    Set<Integer> counted = new HashSet<>();
    List<NamedLockCall> calls = changingCalls(parsed, counted);
    int uncounted = uncountedCall(counted);
    if (uncounted >= 0) {
      throw new SQLFeatureNotSupportedException(tokens.get(uncounted).text().toUpperCase(Locale.ROOT) + "() inside an "
          + "expression or clause is not supported: each GET_LOCK, RELEASE_LOCK and RELEASE_ALL_LOCKS must be a select "
          + "item of its own, as in SELECT GET_LOCK('name', 10), so that the driver can count the locks the connection "
          + "holds", "0A000");
    }
    if (!calls.isEmpty() && !withoutFrom(parsed.root())) {
      throw refused("in a SELECT with FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, DISTINCT or UNION", "the "
          + "driver counts the locks a connection holds from the one row of a SELECT without them");
    }
    String unsharded = firstTableRead(parsed.root());
    if (unsharded != null && !model.lockDataSource().equals(model.defaultDataSource())) {
      throw refused("in a statement that reads table " + unsharded, "named locks live on data source "
          + model.lockDataSource() + " and unsharded tables on " + model.defaultDataSource());
    }
    return calls.isEmpty() ? new Analysis.PassThrough(model.lockDataSource())
        : new Analysis.NamedLocks(model.lockDataSource(), calls, ((SqlSelect) parsed.root()).getSelectList().size());
  }

  private LogicalTable logicalTable() {
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      boolean qualified = i >= 2 && tokens.get(i - 1).isSymbol(".");
      boolean inLogicalDatabase = !qualified || tokens.get(i - 2).value().equalsIgnoreCase(model.database());
      if (token.isIdentifier() && !isCall(tokens, i) && inLogicalDatabase) {
        LogicalTable table = model.table(token.value());
        if (table != null) {
          return table;
        }
      }
    }
    return null;
  }

  /**
   * The select items of the outermost SELECT that are calls of GET_LOCK, RELEASE_LOCK or RELEASE_ALL_LOCKS; the
   * tokens of their function names go into {@code counted}.
   */
  private static List<NamedLockCall> changingCalls(ParsedStatement parsed, Set<Integer> counted) {
    List<NamedLockCall> calls = new ArrayList<>();
    if (!(parsed.root() instanceof SqlSelect select)) {
      return calls;
    }
    for (int i = 0; i < select.getSelectList().size(); i++) {
      SqlNode item = SqlNodes.unalias(select.getSelectList().get(i));
      if (item instanceof SqlBasicCall call) {
        NamedLockCall.Effect effect = NamedLockCall.Effect.of(SqlNodes.functionName(call));
        if (effect != null) {
          calls.add(new NamedLockCall(i + 1, effect));
          counted.add(parsed.span(call).first());
        }
      }
    }
    return calls;
  }

  /** The token of the first call of GET_LOCK, RELEASE_LOCK or RELEASE_ALL_LOCKS not among {@code counted}, or -1. */
  private int uncountedCall(Set<Integer> counted) {
    for (int i = 0; i < tokens.size(); i++) {
      if (isCall(tokens, i) && NamedLockCall.Effect.of(tokens.get(i).text()) != null && !counted.contains(i)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code SELECT items [FROM DUAL]}: one row, every item evaluated once. */
  private static boolean withoutFrom(SqlNode root) {
    return root instanceof SqlSelect select && (select.getFrom() == null || isDual(select.getFrom()))
        && select.getWhere() == null && select.getGroup() == null && select.getHaving() == null
        && select.getOrderList() == null && select.getFetch() == null && select.getOffset() == null
        && !select.isDistinct();
  }

  private static boolean isDual(SqlNode from) {
    return from instanceof SqlIdentifier identifier && identifier.isSimple()
        && identifier.getSimple().equalsIgnoreCase("DUAL");
  }

  /** The first table a FROM clause of the statement names, subqueries included, or null. */
  private static String firstTableRead(SqlNode node) {
    if (node == null) {
      return null;
    }
    if (node instanceof SqlSelect select) {
      String table = fromTable(select.getFrom());
      if (table != null) {
        return table;
      }
    }
    for (SqlNode child : SqlNodes.children(node)) {
      String table = firstTableRead(child);
      if (table != null) {
        return table;
      }
    }
    return null;
  }

  private static String fromTable(SqlNode from) {
    if (from instanceof SqlJoin join) {
      String left = fromTable(join.getLeft());
      return left != null ? left : fromTable(join.getRight());
    }
    if (from instanceof SqlCall call && call.getKind() == SqlKind.AS) {
      return fromTable(call.operand(0));
    }
    if (from instanceof SqlIdentifier identifier && !isDual(identifier)) {
      return String.join(".", identifier.names);
    }
    return null;
  }

  private SQLFeatureNotSupportedException refused(String where, String reason) {
    return new SQLFeatureNotSupportedException(function + " " + where + " is not supported: " + reason, "0A000");
  }
}
