package org.shardjdbc.driver.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.shardjdbc.planner.analyze.Analysis;
import org.shardjdbc.planner.analyze.StatementAnalyzer;
import org.shardjdbc.planner.parse.MySqlTokenizer;
import org.shardjdbc.planner.parse.StatementShape;

/**
 * The analyzed statements, kept by text, and bounded by the memory they hold: a stream of distinct large statements
 * (IN lists of thousands of values) evicts older plans instead of filling the heap.
 *
 * <p>A statement with literals is kept by its {@link StatementShape}, the literals taken out as parameters, so that
 * {@code … WHERE order_id = 1} and {@code … WHERE order_id = 2} share one plan and the second costs a tokenization,
 * not an analysis. A shape that the analyzer does not plan as it plans the statement (a refusal, a kind of statement
 * whose plan keeps literal text) is remembered as such, and its statements are analyzed as written.
 *
 * <p>Every entry weighs {@link #weight(String)} bytes, an upper bound of the memory its plan holds that grows with
 * the length of its text (a plan keeps pieces of the text, and a value and a template segment per element of an IN
 * list), and at least {@code maxBytes / maxEntries}, so that the cache also keeps at most {@code maxEntries} plans.
 */
public final class PlanCache {
  /**
   * Bytes a plan may hold per character of its text, and for the objects every plan has. Measured over the
   * differential corpus and IN lists of up to 5,000 values ({@code PlanCacheTest.weight_boundsThePlansMemory}): the
   * most was 182 bytes per character over 4 KB, for an IN list of 5,000 {@code ?} (about 550 bytes per element: its
   * value, and its segments in the single-shard, no-shard and multi-shard templates).
   */
  static final int BYTES_PER_CHARACTER = 224;
  static final int BYTES_PER_PLAN = 4096;

  private final StatementAnalyzer analyzer;
  private final boolean shapes;
  private final long minWeight;
  private final Cache<String, Analysis> plans;
  /** Shapes that are not planned as their statements are: those statements are analyzed as written. */
  private final Cache<String, Boolean> unplannedShapes;

  /** A plan and the parameters of one execution of it. */
  public record Plan(Analysis analysis, List<Object> parameters) {}

  /**
   * @param maxBytes the memory the plans may hold, estimated ({@link #weight}); 0 keeps none
   * @param maxEntries how many plans to keep at most; 0 keeps none
   * @param shapes whether statements that differ only in literals share a plan
   */
  PlanCache(StatementAnalyzer analyzer, long maxBytes, long maxEntries, boolean shapes) {
    this.analyzer = analyzer;
    this.shapes = shapes;
    this.minWeight = maxEntries == 0 ? Integer.MAX_VALUE : Math.max(1, maxBytes / maxEntries);
    long max = maxEntries == 0 ? 0 : maxBytes;
    this.plans = Caffeine.newBuilder().maximumWeight(max)
        .<String, Analysis>weigher((text, analysis) -> weigh(text)).recordStats().build();
    this.unplannedShapes = Caffeine.newBuilder().maximumWeight(max / 16)
        .<String, Boolean>weigher((text, unplanned) -> weigh(text)).build();
  }

  /**
   * An upper bound of the bytes that the plan of a statement of this text holds, with the text itself.
   *
   * @param text the statement, or its shape
   */
  static long weight(String text) {
    return BYTES_PER_PLAN + (long) BYTES_PER_CHARACTER * text.length();
  }

  private int weigh(String text) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(minWeight, weight(text)));
  }

  /** The plan of exactly this text: from the cache, or analyzed once and cached. Refusals are not cached. */
  public Analysis analyze(String sql) throws SQLException {
    Analysis analysis = plans.getIfPresent(sql);
    return analysis != null ? analysis : analyzeAsWritten(sql);
  }

  private Analysis analyzeAsWritten(String sql) throws SQLException {
    Analysis analysis = analyzer.analyze(sql);
    plans.put(sql, analysis);
    return analysis;
  }

  /**
   * The plan of a statement and the parameters to route and run it with: its own plan and parameters, or its shape's
   * plan with the literals among the parameters.
   *
   * @param parameters the statement's own parameters
   */
  public Plan plan(String sql, List<Object> parameters) throws SQLException {
    Analysis analysis = plans.getIfPresent(sql);
    if (analysis != null) {
      return new Plan(analysis, parameters);
    }
    StatementShape shape = shapes ? StatementShape.of(sql, MySqlTokenizer.tokenize(sql)) : null;
    if (shape == null || shape.givenParameters() != parameters.size()
        || unplannedShapes.getIfPresent(shape.text()) != null) {
      return new Plan(analyzeAsWritten(sql), parameters);
    }
    analysis = plans.getIfPresent(shape.text());
    if (analysis == null) {
      analysis = analyzeShape(shape);
      if (analysis == null) {
        unplannedShapes.put(shape.text(), Boolean.TRUE);
        return new Plan(analyzeAsWritten(sql), parameters);
      }
      plans.put(shape.text(), analysis);
    }
    return new Plan(analysis, shape.parameters(parameters));
  }

  /** The shape's plan, or null when it is refused or of a kind that must be planned from the statement as written. */
  private Analysis analyzeShape(StatementShape shape) {
    Analysis analysis;
    try {
      analysis = analyzer.analyze(shape.text());
    } catch (SQLException e) {
      // the statement as written gives the error, with its own positions, or is planned after all
      return null;
    }
    boolean routedByParameters = analysis instanceof Analysis.ShardedSelect || analysis instanceof Analysis.LockingSelect
        || analysis instanceof Analysis.ShardedWrite || analysis instanceof Analysis.BroadcastWrite
        || analysis instanceof Analysis.PassThrough;
    return routedByParameters ? analysis : null;
  }

  /** Forgets every plan (after DDL). */
  public void invalidateAll() {
    plans.invalidateAll();
    unplannedShapes.invalidateAll();
  }

  /**
   * Hits, misses and evictions. A statement with literals is looked up by its text first, a miss, then by its
   * shape.
   */
  public CacheStats stats() {
    return plans.stats();
  }

  /** The estimated bytes the plans held now weigh, at most the configured maximum. */
  public long weightedSize() {
    plans.cleanUp();
    return plans.policy().eviction().orElseThrow().weightedSize().orElseThrow();
  }

  /** How many plans are held now. */
  public long size() {
    plans.cleanUp();
    return plans.estimatedSize();
  }

  /** The plans held now, by text, for tests that measure them. */
  Map<String, Analysis> entries() {
    return plans.asMap();
  }
}
