package org.shardjdbc.planner.parse;

/**
 * One token of a MySQL statement, with its place in the text.
 *
 * @param kind what the token is
 * @param start offset of its first character in the statement
 * @param end offset just after its last character
 * @param text the token as written
 * @param value for a string literal, its decoded value (escapes and quotes resolved); for a quoted identifier, the
 *     name; for a word, the word; otherwise the text
 */
public record Token(Kind kind, int start, int end, String text, String value) {

  /** Kinds of token; comments and white space are not tokens. */
  public enum Kind {
    /** An unquoted word: keyword or identifier. */
    WORD,
    /** A {@code `back-quoted`} identifier. */
    QUOTED_IDENTIFIER,
    /** A '…' or "…" string literal. */
    STRING,
    /** A numeric literal. */
    NUMBER,
    /** A {@code ?} parameter marker. */
    PARAMETER,
    /** An operator or punctuation: {@code ( ) , . ; = < <= <> != >= > <=> + - * / % || && ! ~ ^ | & << >> :=}. */
    SYMBOL,
    /** A {@code @variable} or {@code @@variable}. */
    VARIABLE
  }

  /** Whether this is the word {@code word}, case-insensitively (never a quoted identifier). */
  public boolean isWord(String word) {
    return kind == Kind.WORD && text.equalsIgnoreCase(word);
  }

  public boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  /** Whether this token names something: a word or a quoted identifier. */
  public boolean isIdentifier() {
    return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
  }
}
