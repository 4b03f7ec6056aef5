package org.shardjdbc.planner.federate;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.RelBuilder;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.parse.ParsedStatement;
import org.shardjdbc.planner.parse.StatementParser;
import org.shardjdbc.planner.parse.Token;

/**
 * Plans a SELECT that needs rows of several shards at once with Calcite: one scan per table of the query (never a
 * UNION of physical tables), and above them joins, aggregates, sorts, set operations and window functions that the
 * driver runs.
 *
 * <p>The steps: parse; take every expression over one table into that table's scan as the user's text
 * ({@link PushExpressionsIntoScans}); check that what is left means in Calcite what it means in MySQL; type it with the
 * servers' types ({@link MysqlTypeSystem}); validate and convert to relational algebra without implicit conversions or
 * constant folding (Calcite's semantics are not MySQL's); turn subqueries into joins and decorrelate; drop unused
 * columns; push conditions into joins; and convert to a {@link FederatedPlan} ({@link RelToPlan}), refusing any
 * operator the driver cannot run as MySQL would.
 *
 * <p>Calcite's planners and validators are not thread-safe: each call builds its own. Planning costs milliseconds and
 * asks the servers for column types; callers cache the plan by the statement's text.
 */
public final class FederatedPlanner {
  /** Tokens whose Calcite reading differs from MySQL's meaning: allowed only where a server evaluates them. */
  private static final Set<String> UNFAITHFUL_WORDS = Set.of("REGEXP", "RLIKE", "XOR", "DIV", "COLLATE", "SOUNDS",
      "SQL_CALC_FOUND_ROWS");
  private static final Set<String> UNFAITHFUL_SYMBOLS = Set.of("!", "^", "|", "&", "<<", ">>", "~", "->", "->>", ":=");

  /**
   * Calcite's conversions, except that AVG stays AVG (Calcite turns a windowed AVG into SUM / COUNT, a division the
   * driver would have to type as MySQL does).
   */
  private static final SqlRexConvertletTable KEEP_AVERAGES = call -> call.getKind() == SqlKind.AVG
      ? StandardConvertletTable.INSTANCE::convertCall : StandardConvertletTable.INSTANCE.get(call);

  /** A recursive common table's rows, which no statistic tells, for choosing which side of a join to hash. */
  private static final double RECURSIVE_TABLE_ROWS = 100;

  /** The decimals MariaDB rounds PERCENT_RANK and CUME_DIST to ({@code Item_sum_percent_rank}: decimals = 10). */
  private static final int MARIADB_DISTRIBUTION_DECIMALS = 10;

  private final StatementAnalyzer analyzer;

  /** @param analyzer analyzes each scan's statement, which routes it to the shards */
  public FederatedPlanner(StatementAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * @param sql a SELECT
   * @param schema the servers' column types and table sizes
   * @return the plan, for every execution of the statement
   * @throws SQLFeatureNotSupportedException naming a construct the federation cannot run with MySQL's meaning
   * @throws SQLException when the servers cannot be asked for types, or the statement is not valid
   */
  public FederatedPlan plan(String sql, ServerSchema schema) throws SQLException {
    ParsedStatement statement = StatementParser.parse(sql);
    checkStatement(statement);
    PushExpressionsIntoScans push = new PushExpressionsIntoScans(statement, schema, analyzer);
    SqlNode root = push.rewrite();
    List<String> labels = PushExpressionsIntoScans.labels(root);
    checkFaithful(statement.tokens(), push.localizedTokens());
    for (TableOccurrence occurrence : push.occurrences()) {
      List<String> expressions = new ArrayList<>();
      for (TableOccurrence.VirtualColumn column : occurrence.virtualColumns()) {
        if (!column.condition()) {
          expressions.add(column.text().text());
        }
      }
      if (!expressions.isEmpty()) {
        occurrence.virtualTypes(virtualTypes(schema, occurrence, expressions));
      }
    }

    RelDataTypeFactory types = new SqlTypeFactoryImpl(MysqlTypeSystem.INSTANCE);
    CalciteSchema tables = CalciteSchema.createRootSchema(false, false);
    for (TableOccurrence occurrence : push.occurrences()) {
      tables.add(occurrence.calciteName(), new FederationTable(occurrence,
          occurrence.recursive() != null ? RECURSIVE_TABLE_ROWS : schema.rowCount(occurrence.table())));
    }
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    CalciteCatalogReader catalog = new CalciteCatalogReader(tables, List.of(), types, new CalciteConnectionConfigImpl(properties));
    SqlValidator validator = SqlValidatorUtil.newValidator(
        SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.MYSQL), catalog, types,
        SqlValidator.Config.DEFAULT
            .withConformance(SqlConformanceEnum.MYSQL_5)
            .withTypeCoercionEnabled(false)
            .withDefaultNullCollation(NullCollation.LOW)
            .withIdentifierExpansion(true));
    SqlNode validated;
    try {
      validated = validator.validate(root);
    } catch (CalciteContextException e) {
      throw new SQLFeatureNotSupportedException("a query that needs rows of several shards at once could not be planned: "
          + e.getMessage(), "0A000", e);
    } catch (RuntimeException | AssertionError e) {
      throw new SQLFeatureNotSupportedException("a query that needs rows of several shards at once could not be planned: "
          + e, "0A000", e);
    }
    RexBuilder rexBuilder = new RexBuilder(types);
    RelOptCluster cluster = RelOptCluster.create(new HepPlanner(new HepProgramBuilder().build()), rexBuilder);
    SqlToRelConverter converter = new SqlToRelConverter(null, validator, catalog, cluster, KEEP_AVERAGES,
        SqlToRelConverter.config()
            .withExpand(false)
            .withTrimUnusedFields(true)
            .withInSubQueryThreshold(Integer.MAX_VALUE)
            .withRelBuilderConfigTransform(config -> config.withSimplify(false).withSimplifyValues(false)));
    try {
      RelRoot relRoot = converter.convertQuery(validated, false, true);
      RelNode rel = relRoot.project();
      rel = FederationRules.apply(rel, FederationRules.SUB_QUERIES);
      RelBuilder builder = RelBuilder.proto(cluster.getPlanner().getContext()).create(cluster, catalog)
          .transform(config -> config.withSimplify(false));
      rel = RelDecorrelator.decorrelateQuery(rel, builder);
      rel = FederationRules.apply(rel, FederationRules.JOINS_AND_PROJECTIONS);
      // the decorrelator's joins and the window rule leave columns nobody reads: the scans should not fetch them
      rel = new RelFieldTrimmer(validator, builder).trim(rel);
      rel = FederationRules.apply(rel, FederationRules.MERGE_PROJECTIONS);
      PlanNode plan = new RelToPlan(analyzer, rexBuilder, cluster.getMetadataQuery(),
          schema.mariaDb() ? MARIADB_DISTRIBUTION_DECIMALS : -1).convert(rel);
      if (rel.getRowType().getFieldCount() != labels.size()) {
        throw new SQLFeatureNotSupportedException("a query that needs rows of several shards at once could not be planned: "
            + labels.size() + " labels for " + rel.getRowType().getFieldCount() + " columns", "0A000");
      }
      return new FederatedPlan(plan, labels);
    } catch (RuntimeException | AssertionError e) {
      // Calcite reports what it cannot convert with exceptions, and with assertions where they are enabled
      throw new SQLFeatureNotSupportedException("a query that needs rows of several shards at once could not be planned: "
          + e, "0A000", e);
    }
  }

  /** The server's types of expressions over one occurrence's row. */
  private static List<ServerColumn> virtualTypes(ServerSchema schema, TableOccurrence occurrence, List<String> expressions)
      throws SQLException {
    RecursiveTable recursive = occurrence.recursive();
    if (recursive == null) {
      return schema.expressionTypes(occurrence.table(), occurrence.alias(), expressions);
    }
    StringJoiner items = new StringJoiner(", ");
    for (String expression : expressions) {
      items.add("(" + expression + ")");
    }
    return schema.queryColumns(recursive.dataSource(), recursive.definition() + " SELECT " + items + " FROM "
        + RelToPlan.quote(recursive.name()) + " AS " + RelToPlan.quote(occurrence.alias()) + " LIMIT 0");
  }

  private static void checkStatement(ParsedStatement statement) throws SQLFeatureNotSupportedException {
    Token first = statement.tokens().get(0);
    if (!(first.isWord("SELECT") || first.isWord("WITH") || first.isSymbol("("))) {
      throw PushExpressionsIntoScans.refusal(first.text().toUpperCase(Locale.ROOT));
    }
    BitSet locking = StatementParser.lockingClauseAndTerminator(statement.tokens());
    int start = locking.nextSetBit(0);
    if (start >= 0 && !statement.tokens().get(start).isSymbol(";")) {
      throw PushExpressionsIntoScans.refusal("a locking read (" + statement.tokens().get(start).text().toUpperCase(Locale.ROOT)
          + " …)");
    }
  }

  /**
   * Refuses MySQL syntax that Calcite reads as something else ({@code REGEXP} as LIKE, bit operators as arithmetic,
   * {@code COLLATE}, user variables, …) outside the expressions the servers evaluate.
   */
  private static void checkFaithful(List<Token> tokens, BitSet localized) throws SQLFeatureNotSupportedException {
    for (int i = 0; i < tokens.size(); i++) {
      if (localized.get(i)) {
        continue;
      }
      Token token = tokens.get(i);
      String upper = token.text().toUpperCase(Locale.ROOT);
      boolean qualified = i > 0 && tokens.get(i - 1).isSymbol(".");
      boolean unfaithful = token.kind() == Token.Kind.WORD && !qualified && (UNFAITHFUL_WORDS.contains(upper)
          || upper.equals("BINARY") && !(i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("("))
              && !(i > 0 && tokens.get(i - 1).isWord("AS"))
          || upper.startsWith("_") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Token.Kind.STRING
              && tokens.get(i + 1).start() == token.end());
      unfaithful |= token.kind() == Token.Kind.SYMBOL && UNFAITHFUL_SYMBOLS.contains(token.text());
      unfaithful |= token.kind() == Token.Kind.VARIABLE;
      if (unfaithful) {
        throw PushExpressionsIntoScans.refusal("'" + token.text() + "' in an expression over several tables or over "
            + "aggregates");
      }
    }
  }
}
