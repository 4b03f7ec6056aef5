package org.shardjdbc.planner.analyze;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;
import org.shardjdbc.planner.model.ColumnCatalog;
import org.shardjdbc.planner.model.LogicalTable;
import org.shardjdbc.planner.model.ShardingModel;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.StatementParser;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;
import org.shardjdbc.planner.rewrite.Segment;
import org.shardjdbc.planner.rewrite.TemplateBuilder;

/**
 * The SELECT inside a write statement, analyzed as a SELECT: a write's tables and key conditions are those of
 * {@code SELECT 1 FROM <its table references> WHERE <its condition>}, and an INSERT … SELECT's are those of its
 * SELECT. The SELECT is made of pieces of the user's text, so that every token of it is a token of the user's
 * statement: the analysis finds table names and key IN lists by token, and they are replaced in the user's own text.
 *
 * <pre>
 * UPDATE orders o JOIN order_items i ON i.order_id = o.order_id SET o.status = ? WHERE o.order_id IN (?, ?)
 *   is analyzed as
 * SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.order_id WHERE o.order_id IN (?, ?)
 * </pre>
 */
final class EmbeddedSelect {
  private final List<Token> userTokens;
  private final String userSql;
  private final StringBuilder text = new StringBuilder();
  /** Where each piece of the user's text starts in the SELECT's text, and in the user's. */
  private final List<int[]> pieces = new ArrayList<>();
  private ParsedStatement parsed;
  private TableNames tableNames;
  private SelectAnalyzer analyzer;
  private int[] userTokenOf;
  private int[] userParameterOf;

  EmbeddedSelect(String userSql, List<Token> userTokens) {
    this.userSql = userSql;
    this.userTokens = userTokens;
  }

  /** Appends text of the SELECT's own. */
  EmbeddedSelect text(String own) {
    text.append(own);
    return this;
  }

  /** Appends the user's tokens {@code span}, as written. */
  EmbeddedSelect user(TokenSpan span) {
    int start = userTokens.get(span.first()).start();
    pieces.add(new int[] {text.length(), start, userTokens.get(span.last()).end() - start});
    text.append(userSql, start, userTokens.get(span.last()).end());
    return this;
  }

  /** Analyzes the SELECT: its plan, a {@link Analysis.PassThrough} when it names no sharded table. */
  Analysis analyze(ShardingModel model, ColumnCatalog catalog) throws SQLException {
    String sql = text.toString();
    List<Token> tokens = MySqlTokenizer.tokenize(sql);
    parsed = StatementParser.parse(sql, tokens);
    mapTokens(tokens);
    tableNames = new TableNames(model);
    analyzer = new SelectAnalyzer(model, catalog, parsed);
    return analyzer.analyze();
  }

  /** The SELECT's syntax tree, for questions the analysis does not answer; never kept beyond the analysis. */
  SqlNode root() {
    return parsed.root();
  }

  private void mapTokens(List<Token> tokens) {
    Map<Integer, Integer> userTokenAt = new HashMap<>();
    for (int i = 0; i < userTokens.size(); i++) {
      userTokenAt.put(userTokens.get(i).start(), i);
    }
    userTokenOf = new int[tokens.size()];
    List<Integer> parameters = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      userTokenOf[i] = -1;
      int start = tokens.get(i).start();
      for (int[] piece : pieces) {
        if (start >= piece[0] && start < piece[0] + piece[2]) {
          userTokenOf[i] = userTokenAt.getOrDefault(piece[1] + start - piece[0], -1);
        }
      }
      if (tokens.get(i).kind() == Token.Kind.PARAMETER) {
        parameters.add(KeyConditionExtractor.parameterIndex(userTokens, userTokenOf[i]));
      }
    }
    userParameterOf = parameters.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The tables the SELECT's FROM clauses name. */
  List<TableRef> tableRefs() {
    return analyzer.tableRefs();
  }

  /** The user's token of a token of the SELECT. */
  int userToken(int selectToken) {
    int token = userTokenOf[selectToken];
    if (token < 0) {
      throw new IllegalStateException("token " + selectToken + " of the embedded SELECT is not the user's");
    }
    return token;
  }

  /** The SELECT's key conditions, with its {@code ?} markers numbered as in the user's statement. */
  List<KeyCondition> userConditions(List<KeyCondition> conditions) {
    List<KeyCondition> mapped = new ArrayList<>(conditions.size());
    for (KeyCondition condition : conditions) {
      mapped.add(renumber(condition));
    }
    return mapped;
  }

  private KeyCondition renumber(KeyCondition condition) {
    if (condition instanceof KeyCondition.Equal equal) {
      return new KeyCondition.Equal(renumber(equal.value()));
    }
    if (condition instanceof KeyCondition.In in) {
      List<ValueSource> values = new ArrayList<>();
      for (ValueSource value : in.values()) {
        values.add(renumber(value));
      }
      return new KeyCondition.In(values, in.inListId());
    }
    if (condition instanceof KeyCondition.Range range) {
      return new KeyCondition.Range(renumber(range.lower()), range.lowerInclusive(), renumber(range.upper()),
          range.upperInclusive());
    }
    if (condition instanceof KeyCondition.And and) {
      return new KeyCondition.And(userConditions(and.conditions()));
    }
    if (condition instanceof KeyCondition.Or or) {
      return new KeyCondition.Or(userConditions(or.conditions()));
    }
    return condition;
  }

  private ValueSource renumber(ValueSource value) {
    return value instanceof ValueSource.Parameter parameter ? new ValueSource.Parameter(userParameterOf[parameter.index()])
        : value;
  }

  /**
   * Puts the physical table names into the user's statement: each sharded table the SELECT names, and every
   * {@code name.} that qualifies a column by the name of a sharded table named without an alias (a statement such
   * as {@code UPDATE orders SET orders.status = …} then means the shard's table throughout). A database name before
   * a sharded table's name is dropped: every data source has its own database.
   */
  void replaceTableNames(TemplateBuilder user) {
    List<String> unaliased = new ArrayList<>();
    for (TableRef ref : tableRefs()) {
      if (!ref.sharded()) {
        continue;
      }
      int name = userToken(ref.nameToken());
      user.replace(userToken(ref.firstToken()), name, List.of(tableName(ref.table(), userTokens.get(name))));
      if (!ref.aliased()) {
        unaliased.add(ref.name().toLowerCase(Locale.ROOT));
      }
    }
    replaceQualifiers(user, userTokens, unaliased, this);
  }

  /**
   * Replaces {@code name.} and {@code database.name.} (the logical database's name) of sharded tables named without
   * alias, except at the tokens already replaced.
   */
  static void replaceQualifiers(TemplateBuilder user, List<Token> tokens, List<String> unaliased, EmbeddedSelect select) {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (!token.isIdentifier() || !tokens.get(i + 1).isSymbol(".")
          || !unaliased.contains(token.value().toLowerCase(Locale.ROOT)) || select.isTableName(i)) {
        continue;
      }
      int first = i;
      if (i >= 2 && tokens.get(i - 1).isSymbol(".")) {
        boolean database = tokens.get(i - 2).isIdentifier() && select.tableNames.isLogicalDatabase(tokens.get(i - 2).value())
            && (i < 3 || !tokens.get(i - 3).isSymbol("."));
        if (!database) {
          continue;
        }
        first = i - 2;
      }
      if (!user.replaced(first, i)) {
        user.replace(first, i, List.of(tableName(select.model(token.value()), token)));
      }
    }
  }

  private boolean isTableName(int userToken) {
    for (TableRef ref : tableRefs()) {
      if (userToken >= userToken(ref.firstToken()) && userToken <= userToken(ref.nameToken())) {
        return true;
      }
    }
    return false;
  }

  private LogicalTable model(String name) {
    for (TableRef ref : tableRefs()) {
      if (ref.sharded() && ref.name().equalsIgnoreCase(name)) {
        return ref.table();
      }
    }
    throw new IllegalStateException("no sharded table " + name);
  }

  static Segment tableName(LogicalTable table, Token written) {
    return new Segment.TableName(table, written.kind() == Token.Kind.QUOTED_IDENTIFIER);
  }

  /** Splits the SELECT's key IN lists in the user's statement, so that each shard gets only its own values. */
  void splitInLists(TemplateBuilder user) {
    for (KeyConditionExtractor.SplittableInList inList : analyzer.splittableInLists()) {
      List<List<Segment>> elements = new ArrayList<>();
      for (TokenSpan span : inList.elements()) {
        elements.add(user.segmentsOf(userToken(span.first()), userToken(span.last())));
      }
      user.replace(userToken(inList.openToken()), userToken(inList.closeToken()), List.of(new Segment.Text("("),
          new Segment.KeyInList(inList.id(), elements), new Segment.Text(")")));
    }
  }
}
