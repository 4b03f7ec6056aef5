package org.shardjdbc.planner.analyze;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;

/**
 * Reads a query block's WHERE (and inner-join ON) conditions into a {@link KeyCondition} over the block's shard key,
 * and notes the equalities that join sharded tables on their keys. Anything it does not understand becomes
 * {@link KeyCondition.Any}, so routing can only ask too many shards, never too few.
 */
final class KeyConditionExtractor {
  /** A {@code key IN (…)} list that may be split per shard: its values and the tokens of each value. */
  record SplittableInList(int id, int openToken, int closeToken, List<TokenSpan> elements) {}

  private final ParsedStatement statement;
  private final Map<String, TableRef> shardedByAlias;
  private final List<TableRef[]> keyEqualities = new ArrayList<>();
  private final List<SplittableInList> inLists;
  private final boolean splitInLists;

  /**
   * @param shardedByAlias the block's sharded tables by lower-case alias and name
   * @param inLists where splittable IN lists are collected, or null when lists must not be split
   */
  KeyConditionExtractor(ParsedStatement statement, Map<String, TableRef> shardedByAlias, List<SplittableInList> inLists) {
    this.statement = statement;
    this.shardedByAlias = shardedByAlias;
    this.inLists = inLists;
    this.splitInLists = inLists != null;
  }

  List<TableRef[]> keyEqualities() {
    return keyEqualities;
  }

  /** The condition of a WHERE clause whose top-level conjuncts may have splittable IN lists. */
  KeyCondition extractTopLevel(SqlNode where) {
    return extract(where, true);
  }

  KeyCondition extract(SqlNode node, boolean topLevelConjunct) {
    if (node == null) {
      return new KeyCondition.Any();
    }
    SqlKind kind = node.getKind();
    if (kind == SqlKind.AND) {
      List<KeyCondition> parts = new ArrayList<>();
      for (SqlNode operand : ((SqlCall) node).getOperandList()) {
        parts.add(extract(operand, topLevelConjunct));
      }
      return new KeyCondition.And(parts);
    }
    if (kind == SqlKind.OR) {
      List<KeyCondition> parts = new ArrayList<>();
      for (SqlNode operand : ((SqlCall) node).getOperandList()) {
        parts.add(extract(operand, false));
      }
      return new KeyCondition.Or(parts);
    }
    if (!(node instanceof SqlBasicCall call)) {
      return new KeyCondition.Any();
    }
    switch (kind) {
      case EQUALS:
        return equality(call);
      case IS_NOT_DISTINCT_FROM:
        return nullSafeEquality(call);
      case IN:
        return in(call, topLevelConjunct);
      case BETWEEN:
        return between(call);
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison(call, kind);
      case IS_TRUE:
        return extract(call.operand(0), false);
      default:
        // NOT, IS [NOT] FALSE, IS NOT TRUE, IS [NOT] NULL, !=, NOT IN, LIKE, ...: the rows they keep may be anywhere
        return new KeyCondition.Any();
    }
  }

  private KeyCondition equality(SqlBasicCall call) {
    SqlNode left = call.operand(0);
    SqlNode right = call.operand(1);
    TableRef leftKey = keyColumn(left);
    TableRef rightKey = keyColumn(right);
    if (leftKey != null && rightKey != null) {
      keyEqualities.add(new TableRef[] {leftKey, rightKey});
      return new KeyCondition.Any();
    }
    if (leftKey != null || rightKey != null) {
      ValueSource value = value(leftKey != null ? right : left);
      if (value == null) {
        return new KeyCondition.Any();
      }
      if (value instanceof ValueSource.Literal literal && literal.value() == null) {
        return new KeyCondition.None();
      }
      return new KeyCondition.Equal(value);
    }
    return new KeyCondition.Any();
  }

  /**
   * {@code key <=> value}. Two keys compared so do not make a join on the keys: rows whose keys are both NULL match,
   * and they may be on different shards.
   */
  private KeyCondition nullSafeEquality(SqlBasicCall call) {
    TableRef leftKey = keyColumn(call.operand(0));
    TableRef rightKey = keyColumn(call.operand(1));
    if (leftKey == null == (rightKey == null)) {
      return new KeyCondition.Any();
    }
    ValueSource value = value(leftKey != null ? call.operand(1) : call.operand(0));
    return value == null ? new KeyCondition.Any() : new KeyCondition.NullSafeEqual(value);
  }

  private KeyCondition in(SqlBasicCall call, boolean topLevelConjunct) {
    if (keyColumn(call.operand(0)) == null || !(call.operand(1) instanceof SqlNodeList list) || list.size() == 0) {
      return new KeyCondition.Any();
    }
    List<ValueSource> values = new ArrayList<>();
    List<TokenSpan> spans = new ArrayList<>();
    for (SqlNode element : list) {
      ValueSource value = value(element);
      if (value == null) {
        return new KeyCondition.Any();
      }
      values.add(value);
      spans.add(statement.span(element));
    }
    int id = -1;
    if (splitInLists && topLevelConjunct) {
      int open = spans.get(0).first() - 1;
      int close = spans.get(spans.size() - 1).last() + 1;
      List<Token> tokens = statement.tokens();
      if (open >= 0 && close < tokens.size() && tokens.get(open).isSymbol("(") && tokens.get(close).isSymbol(")")) {
        id = inLists.size();
        inLists.add(new SplittableInList(id, open, close, spans));
      }
    }
    return new KeyCondition.In(values, id);
  }

  /** {@code key BETWEEN a AND b}; NOT BETWEEN (the same kind in Calcite, negated) keeps rows on every side. */
  private KeyCondition between(SqlBasicCall call) {
    if (!(call.getOperator() instanceof SqlBetweenOperator operator) || operator.isNegated()
        || operator.flag != SqlBetweenOperator.Flag.ASYMMETRIC || keyColumn(call.operand(0)) == null) {
      return new KeyCondition.Any();
    }
    ValueSource lower = value(call.operand(1));
    ValueSource upper = value(call.operand(2));
    if (lower == null || upper == null) {
      return new KeyCondition.Any();
    }
    return new KeyCondition.Range(lower, true, upper, true);
  }

  private KeyCondition comparison(SqlBasicCall call, SqlKind kind) {
    SqlNode left = call.operand(0);
    SqlNode right = call.operand(1);
    boolean keyOnLeft = keyColumn(left) != null;
    if (!keyOnLeft && keyColumn(right) == null) {
      return new KeyCondition.Any();
    }
    ValueSource value = value(keyOnLeft ? right : left);
    if (value == null) {
      return new KeyCondition.Any();
    }
    SqlKind effective = keyOnLeft ? kind : kind.reverse();
    switch (effective) {
      case LESS_THAN:
        return new KeyCondition.Range(null, false, value, false);
      case LESS_THAN_OR_EQUAL:
        return new KeyCondition.Range(null, false, value, true);
      case GREATER_THAN:
        return new KeyCondition.Range(value, false, null, false);
      case GREATER_THAN_OR_EQUAL:
        return new KeyCondition.Range(value, true, null, false);
      default:
        return new KeyCondition.Any();
    }
  }

  /** The sharded table whose shard key this expression is, or null. */
  TableRef keyColumn(SqlNode node) {
    if (!(node instanceof SqlIdentifier identifier) || identifier.isStar()) {
      return null;
    }
    List<String> names = identifier.names;
    String column = names.get(names.size() - 1);
    if (names.size() == 3) {
      // database.table.column: a valid statement names the database of a table of its FROM, the logical database
      names = names.subList(1, 3);
    }
    if (names.size() == 2) {
      TableRef ref = shardedByAlias.get(names.get(0).toLowerCase(Locale.ROOT));
      return ref != null && ref.table().shardKey().equalsIgnoreCase(column) ? ref : null;
    }
    if (names.size() == 1) {
      for (TableRef ref : shardedByAlias.values()) {
        if (ref.table().shardKey().equalsIgnoreCase(column)) {
          return ref;
        }
      }
    }
    return null;
  }

  /**
   * A literal's or parameter's value source, or null when the expression is neither. A literal is read from the
   * user's tokens, since Calcite is shown another text: {@code ~5} and {@code BINARY 5} reach it as {@code -5} and
   * {@code +5}. Numbers with an exponent are MySQL's approximate literals and read as Double; {@code DATE '…'} and
   * {@code TIMESTAMP '…'} as LocalDate and LocalDateTime.
   */
  ValueSource value(SqlNode node) {
    if (node instanceof SqlDynamicParam) {
      return new ValueSource.Parameter(parameterIndex(statement, statement.span(node).first()));
    }
    if (!(node instanceof SqlLiteral) && node.getKind() != SqlKind.MINUS_PREFIX && node.getKind() != SqlKind.PLUS_PREFIX) {
      return null;
    }
    LiteralTokens literal = LiteralTokens.of(statement, node);
    if (literal == null) {
      return null;
    }
    Token token = literal.value();
    switch (token.kind()) {
      case NUMBER:
        Object number = literal.number();
        return number == null ? null : new ValueSource.Literal(number);
      case STRING:
        if (literal.typeName() == null) {
          return new ValueSource.Literal(token.value());
        }
        Object typed = literal.temporal();
        return typed == null ? null : new ValueSource.Literal(typed);
      case WORD:
        return word(token);
      default:
        return null;
    }
  }

  /**
   * A literal's value for an expression the merge evaluates: numbers as exact BigDecimal, strings as the tokenizer
   * decoded them (MySQL's escapes), NULL, TRUE and FALSE; null for any other literal.
   */
  static ValueSource literal(ParsedStatement statement, SqlLiteral node) {
    LiteralTokens literal = LiteralTokens.of(statement, node);
    if (literal == null || literal.typeName() != null && literal.value().kind() == Token.Kind.STRING) {
      return null;
    }
    Token token = literal.value();
    switch (token.kind()) {
      case NUMBER:
        BigDecimal number = literal.exactNumber();
        return number == null ? null : new ValueSource.Literal(number);
      case STRING:
        return new ValueSource.Literal(token.value());
      case WORD:
        return word(token);
      default:
        return null;
    }
  }

  /** The value of a literal written as one token (a VALUES row's key), or null when it has none routing can use. */
  static ValueSource literal(Token token) {
    switch (token.kind()) {
      case NUMBER:
        BigDecimal number = new LiteralTokens(token, false, null).exactNumber();
        return number == null ? null : new ValueSource.Literal(number);
      case STRING:
        return new ValueSource.Literal(token.value());
      case WORD:
        return word(token);
      default:
        return null;
    }
  }

  private static ValueSource word(Token token) {
    if (token.isWord("NULL")) {
      return new ValueSource.Literal(null);
    }
    if (token.isWord("TRUE")) {
      return new ValueSource.Literal(BigDecimal.ONE);
    }
    if (token.isWord("FALSE")) {
      return new ValueSource.Literal(BigDecimal.ZERO);
    }
    return null;
  }

  static int parameterIndex(ParsedStatement statement, int tokenIndex) {
    return parameterIndex(statement.tokens(), tokenIndex);
  }

  /** How many {@code ?} markers come before a token: the 0-based index of the marker at that token. */
  static int parameterIndex(List<Token> tokens, int tokenIndex) {
    int index = 0;
    for (int i = 0; i < tokenIndex; i++) {
      if (tokens.get(i).kind() == Token.Kind.PARAMETER) {
        index++;
      }
    }
    return index;
  }
}
