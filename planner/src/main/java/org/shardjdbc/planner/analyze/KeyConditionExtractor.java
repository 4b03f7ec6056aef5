package org.shardjdbc.planner.analyze;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
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
      case IN:
        return in(call, topLevelConjunct);
      case BETWEEN:
        return between(call);
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return comparison(call, kind);
      default:
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

  private KeyCondition between(SqlBasicCall call) {
    if (call.getOperator().getName().toUpperCase(Locale.ROOT).equals("BETWEEN SYMMETRIC") || keyColumn(call.operand(0)) == null) {
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

  /** A literal or parameter's value source, or null when the expression is neither. */
  ValueSource value(SqlNode node) {
    if (node instanceof SqlDynamicParam) {
      return new ValueSource.Parameter(parameterIndex(statement, statement.span(node).first()));
    }
    if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.MINUS_PREFIX
        && call.operand(0) instanceof SqlLiteral) {
      ValueSource inner = value(call.operand(0));
      if (inner instanceof ValueSource.Literal literal && literal.value() instanceof BigDecimal number) {
        return new ValueSource.Literal(number.negate());
      }
      return null;
    }
    if (node instanceof SqlLiteral literal) {
      return literal(statement, literal);
    }
    return null;
  }

  /**
   * A literal's value: numbers as Calcite read them (it folds a leading minus into the literal), strings as the
   * tokenizer decoded them (MySQL's escapes), NULL, TRUE and FALSE; null for any other literal.
   */
  static ValueSource literal(ParsedStatement statement, SqlLiteral literal) {
    if (literal instanceof SqlNumericLiteral number) {
      BigDecimal value = number.getValueAs(BigDecimal.class);
      return value == null ? null : new ValueSource.Literal(value);
    }
    return literal(statement.tokens().get(statement.span(literal).last()));
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

  static ValueSource literal(Token token) {
    switch (token.kind()) {
      case STRING:
        return new ValueSource.Literal(token.value());
      case NUMBER:
        if (token.text().startsWith("0x") || token.text().startsWith("0X")) {
          return null;
        }
        return new ValueSource.Literal(new BigDecimal(token.text()));
      case WORD:
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
      default:
        return null;
    }
  }
}
