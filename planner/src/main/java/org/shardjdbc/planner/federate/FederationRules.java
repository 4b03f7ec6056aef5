package org.shardjdbc.planner.federate;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * The rules federation plans with, all in one place. Only rules that keep MySQL's meaning are here: none folds
 * constants or simplifies expressions with Calcite's own semantics (string comparison, arithmetic), since Calcite's
 * {@code 'a' = 'A'} is not MySQL's.
 */
final class FederationRules {
  /** Subqueries in conditions and select lists become correlates, which the decorrelator turns into joins. */
  static final List<RelOptRule> SUB_QUERIES = List.of(
      CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
      CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
      CoreRules.JOIN_SUB_QUERY_TO_CORRELATE);

  /** Conditions go down to the joins that can use them; projections merge; window functions get their own operator. */
  static final List<RelOptRule> JOINS_AND_PROJECTIONS = List.of(
      CoreRules.FILTER_INTO_JOIN,
      CoreRules.JOIN_CONDITION_PUSH,
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_MERGE,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE,
      CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW,
      CoreRules.PROJECT_WINDOW_TRANSPOSE);

  /** Projections merged once columns are trimmed, so that each scan's statement reads only the columns used. */
  static final List<RelOptRule> MERGE_PROJECTIONS = List.of(CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE);

  private FederationRules() {}

  /** Applies rules until none fires. */
  static RelNode apply(RelNode rel, List<RelOptRule> rules) {
    HepProgramBuilder program = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
    program.addRuleCollection(rules);
    HepProgram built = program.build();
    HepPlanner planner = new HepPlanner(built);
    planner.setRoot(rel);
    return planner.findBestExp();
  }
}
