package org.shardjdbc.planner.rewrite;

/**
 * The SQL of the hidden columns that carry the server's collation weights of an expression to the merge (see
 * {@link org.shardjdbc.planner.merge.CollationKey}).
 *
 * <p>{@code WEIGHT_STRING(x)} is the server's own sort key of {@code x} in {@code x}'s collation, whatever that is
 * (MySQL 8's {@code utf8mb4_0900_ai_ci}, MariaDB's {@code uca1400} collations and every other one), so comparing its
 * bytes is exact by construction; but it keeps the weights of trailing spaces, and a PAD SPACE collation compares
 * the shorter of two strings as if padded with spaces ({@code 'a' = 'a '}, and {@code 'a\t' < 'a'} because a tab
 * weighs less than a space). The two columns carry what the merge needs for that, computed in {@code x}'s collation
 * by the server, because the collation is often unknown to the driver: MariaDB 11.4 reports every {@code uca1400}
 * collation of utf8mb4, PAD SPACE or NO PAD, to mysql-connector-j as id 224, and its id 309 is PAD SPACE where
 * MySQL's is NO PAD.
 *
 * <ul>
 *   <li>The weights: {@code WEIGHT_STRING(x)}. The merge compares the rest of a longer string's weights with the
 *       padding, and leaves trailing space weights out of its groups. In a shard's {@code SELECT DISTINCT}, though,
 *       the weights are a column of the rows it makes distinct: there they come without their trailing space weights
 *       ({@link #trimmedWeights}, trimmed as bytes: the weights of one space come in whole units from the end), so that
 *       strings equal under the collation ({@code 'a'}, {@code 'a '}) stay one row and a LIMIT counts them once.
 *   <li>Whether the collation pads: an empty string padded to one character ({@code WEIGHT_STRING(LEFT(x, 0) AS
 *       CHAR(1))}) weighs what a space does; a NO PAD collation pads with a lighter weight or none.
 *   <li>The padding: under PAD SPACE the weights of two spaces, under NO PAD empty. A collation with one level of
 *       weights gives the weights of one space twice over; one with several levels (MariaDB's {@code uca1400_as_cs})
 *       does not, and its padded order cannot be rebuilt from {@code WEIGHT_STRING}: the merge refuses it.
 *   <li>MariaDB's accent-insensitive, case-sensitive NO PAD {@code uca1400} collations ({@code *_nopad_ai_cs}; the
 *       PAD SPACE ones have several levels) get the single byte {@code 0x00} as padding instead, which the merge
 *       refuses: their {@code WEIGHT_STRING} keeps weights of
 *       accents that their comparisons ignore ({@code 'a'} gives {@code 20750002} and {@code 'å'}
 *       {@code 207500020002}, yet {@code 'a' = 'å'}). They are told apart with ASCII alone, as literals outside a
 *       character set's repertoire are an error ("Illegal mix of collations") for a big5 or cp1251 {@code x}: case
 *       counts ({@code 'a' <> 'A'}), the weights of {@code 'ab'} are not those of {@code 'a'} and {@code 'b'} one
 *       after the other (several levels), and {@code 'a'} weighs four bytes (two levels of two). On MariaDB 11.4 this
 *       is true of exactly its 230 {@code *_ai_cs} collations.
 * </ul>
 * Values whose character set is {@code binary} (numbers, dates, times, binary strings) get NULL in both columns; the
 * merge compares them as values.
 */
public final class ServerWeights {
  private ServerWeights() {}

  /** The weights of {@code expression}'s strings. */
  public static String weights(String expression) {
    return "IF(CHARSET(" + expression + ") = 'binary', NULL, " + binaryWeights(expression) + ")";
  }

  /** The weights of {@code expression}'s strings, without trailing space weights under PAD SPACE. */
  public static String trimmedWeights(String expression) {
    String own = binaryWeights(expression);
    return "IF(CHARSET(" + expression + ") = 'binary', NULL, IF(" + padsSpace(expression) + ", TRIM(TRAILING "
        + weightsOf(expression, "' '") + " FROM " + own + "), " + own + "))";
  }

  /**
   * The weights of two spaces in {@code expression}'s collation under PAD SPACE, an empty string under NO PAD, and
   * {@code 0x00} in an accent-insensitive, case-sensitive NO PAD collation. The PAD SPACE test comes first: it is
   * what most collations answer, and it costs two of the server's weight computations per row where the other costs
   * two to four.
   */
  public static String padding(String expression) {
    String a = weightsOf(expression, "'a'");
    String accentInsensitiveCaseSensitive = a + " <> " + weightsOf(expression, "'A'") + " AND LENGTH(" + a + ") = 4 AND "
        + weightsOf(expression, "'ab'") + " <> CONCAT(" + a + ", " + weightsOf(expression, "'b'") + ")";
    return "IF(CHARSET(" + expression + ") = 'binary', NULL, IF(" + padsSpace(expression) + ", "
        + weightsOf(expression, "'  '") + ", IF(" + accentInsensitiveCaseSensitive + ", 0x00, '')))";
  }

  /**
   * Whether {@code expression}'s collation is PAD SPACE: an empty string padded to one character weighs what a space
   * does (a NO PAD collation pads with a lighter weight or none). Only weights are compared: comparing strings in
   * {@code expression}'s collation fails when that collation is in conflict ({@code CONCAT} of two columns of
   * different collations gets "Illegal mix of collations"), which the server can still sort and group by.
   */
  private static String padsSpace(String expression) {
    return binaryWeights("LEFT(" + expression + ", 0) AS CHAR(1)") + " = " + weightsOf(expression, "' '");
  }

  /** The weights of a literal in {@code expression}'s collation. */
  private static String weightsOf(String expression, String literal) {
    return binaryWeights("CONCAT(LEFT(" + expression + ", 0), " + literal + ")");
  }

  /**
   * {@code WEIGHT_STRING} cast to a binary string: the weights of an expression in conflict inherit its derivation
   * (NONE), with which even binary strings cannot be compared or trimmed; a cast has a derivation of its own.
   */
  private static String binaryWeights(String argument) {
    return "CAST(WEIGHT_STRING(" + argument + ") AS BINARY)";
  }
}
