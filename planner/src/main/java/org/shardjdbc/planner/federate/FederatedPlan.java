package org.shardjdbc.planner.federate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A query that needs rows of several shards at once, planned by Calcite: the operator tree the driver runs over its
 * scans, and the labels of the result's columns (MySQL's: the alias, or the select item as written).
 *
 * @param root the plan's root; its output columns are the result's
 * @param labels one label per result column
 */
public record FederatedPlan(PlanNode root, List<String> labels) {
  public FederatedPlan {
    Objects.requireNonNull(root, "root");
    labels = List.copyOf(labels);
  }

  /** The scans of the plan, left to right. */
  public List<PlanNode.Scan> scans() {
    List<PlanNode.Scan> scans = new ArrayList<>();
    collect(root, scans);
    return scans;
  }

  private static void collect(PlanNode node, List<PlanNode.Scan> scans) {
    if (node instanceof PlanNode.Scan scan) {
      scans.add(scan);
    }
    for (PlanNode input : node.inputs()) {
      collect(input, scans);
    }
  }

  /** The plan as an indented tree, one operator per line. */
  public String explain() {
    StringBuilder text = new StringBuilder();
    explain(root, 0, text);
    return text.toString();
  }

  private static void explain(PlanNode node, int depth, StringBuilder text) {
    text.append("  ".repeat(depth)).append(node).append('\n');
    for (PlanNode input : node.inputs()) {
      explain(input, depth + 1, text);
    }
  }

  @Override
  public String toString() {
    return "FederatedPlan(labels=" + labels + ")\n" + explain();
  }
}
