package org.shardjdbc.planner.analyze;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlNode;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.Token;
import org.shardjdbc.planner.parse.TokenSpan;

/**
 * A literal as the user wrote it, read from the tokens of a node that Calcite took for a literal: signs and
 * parentheses, then one number; one string, after {@code DATE}, {@code TIME} or {@code TIMESTAMP} or not; or one
 * word ({@code NULL}, {@code TRUE}, {@code FALSE}). Anything else (Calcite is shown {@code ~5} as {@code -5},
 * {@code BINARY 5} as {@code +5}) is no literal here.
 *
 * @param value the number, string or word token
 * @param negative whether an odd number of minus signs precede a number
 * @param typeName {@code DATE}, {@code TIME} or {@code TIMESTAMP} before a string, upper case; else null
 */
record LiteralTokens(Token value, boolean negative, String typeName) {
  private static final List<String> TYPE_NAMES = List.of("DATE", "TIME", "TIMESTAMP");
  private static final Pattern TIMESTAMP =
      Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,6})?)");

  /** The literal the node's tokens make, or null when they make none of the forms above. */
  static LiteralTokens of(ParsedStatement statement, SqlNode node) {
    TokenSpan span = statement.span(node);
    List<Token> tokens = statement.tokens();
    Token value = null;
    boolean negative = false;
    boolean signed = false;
    String typeName = null;
    for (int i = span.first(); i <= span.last(); i++) {
      Token token = tokens.get(i);
      if (token.isSymbol("(") || token.isSymbol(")")) {
        continue;
      }
      if (value != null) {
        return null;
      }
      if (token.isSymbol("-") || token.isSymbol("+")) {
        negative ^= token.isSymbol("-");
        signed = true;
      } else if (token.kind() == Token.Kind.WORD && typeName == null && i < span.last()
          && TYPE_NAMES.contains(token.text().toUpperCase(Locale.ROOT))
          && tokens.get(i + 1).kind() == Token.Kind.STRING) {
        typeName = token.text().toUpperCase(Locale.ROOT);
      } else if (token.kind() == Token.Kind.NUMBER || token.kind() == Token.Kind.STRING || token.kind() == Token.Kind.WORD) {
        value = token;
      } else {
        return null;
      }
    }
    if (value == null || signed && (value.kind() != Token.Kind.NUMBER || typeName != null)) {
      return null;
    }
    return new LiteralTokens(value, negative, typeName);
  }

  /** Whether the number is a hexadecimal or bit-value literal ({@code 0x0A}, {@code X'0A'}, {@code 0b1}, {@code B'1'}). */
  private boolean hexadecimal() {
    String text = value.text();
    return Character.isLetter(text.charAt(0)) || text.startsWith("0x") || text.startsWith("0X") || text.startsWith("0b");
  }

  /** A number as MySQL reads it: BigDecimal, or Double with an exponent; null for a hexadecimal or bit literal. */
  Object number() {
    if (hexadecimal()) {
      return null;
    }
    String text = value.text();
    if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
      double number = Double.parseDouble(text);
      return negative ? -number : number;
    }
    return exactNumber();
  }

  /** A number's exact value; null for a hexadecimal literal. */
  BigDecimal exactNumber() {
    if (hexadecimal()) {
      return null;
    }
    BigDecimal number = new BigDecimal(value.text());
    return negative ? number.negate() : number;
  }

  /**
   * The value of {@code DATE 'yyyy-MM-dd'}, {@code TIME 'HH:mm:ss[.f]'} or {@code TIMESTAMP 'yyyy-MM-dd HH:mm:ss[.f]'}
   * as LocalDate, LocalTime or LocalDateTime; null for any other text, which MySQL may still read.
   */
  Object temporal() {
    String text = value.value();
    try {
      switch (typeName) {
        case "DATE":
          return text.length() == 10 ? LocalDate.parse(text) : null;
        case "TIME":
          return text.length() >= 8 ? LocalTime.parse(text) : null;
        case "TIMESTAMP":
          Matcher matcher = TIMESTAMP.matcher(text);
          return matcher.matches() ? LocalDate.parse(matcher.group(1)).atTime(LocalTime.parse(matcher.group(2))) : null;
        default:
          return null;
      }
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
