/**
 * Federation: SELECTs that need rows of several shards at once, planned with Calcite
 * ({@link org.shardjdbc.planner.federate.FederatedPlanner}) into a {@link org.shardjdbc.planner.federate.FederatedPlan}:
 * one scan per table, in the user's own text, routed like any query, and operators the driver runs above them.
 */
package org.shardjdbc.planner.federate;
