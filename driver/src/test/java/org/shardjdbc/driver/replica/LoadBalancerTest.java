package org.shardjdbc.driver.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shardjdbc.driver.config.ReadWriteSplittingConfig;
import org.shardjdbc.driver.config.ReplicaConfig;

/** The load balancers over replicas that change from read to read. */
class LoadBalancerTest {
  private static Replica replica(int index, int weight) {
    ReplicaConfig config = new ReplicaConfig("h1.replicas[" + index + "]", "jdbc:mysql://r" + index + "/shop", weight,
        null, null, Map.of());
    return new Replica("h1", config, config.url(), null, null);
  }

  private static List<String> choices(LoadBalancer balancer, List<Replica> candidates, int count) {
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      chosen.add(balancer.choose(candidates).name().substring("h1.replicas".length()));
    }
    return chosen;
  }

  @Test
  void roundRobin_takesEachCandidateInTurn_overWhateverListItIsGiven() {
    Replica a = replica(0, 1);
    Replica b = replica(1, 1);
    Replica c = replica(2, 1);
    LoadBalancer balancer = LoadBalancer.of(ReadWriteSplittingConfig.LoadBalancer.ROUND_ROBIN);
    assertEquals(List.of("[0]", "[1]", "[2]", "[0]", "[1]", "[2]"), choices(balancer, List.of(a, b, c), 6));
    assertEquals(List.of("[2]", "[2]"), choices(balancer, List.of(c), 2));
    List<String> two = choices(balancer, List.of(a, c), 4);
    assertEquals(2, two.stream().filter("[0]"::equals).count());
    assertEquals(2, two.stream().filter("[2]"::equals).count());
  }

  @Test
  void weighted_choosesInProportionToTheWeights_spreadEvenly() {
    Replica heavy = replica(0, 2);
    Replica light = replica(1, 1);
    LoadBalancer balancer = LoadBalancer.of(ReadWriteSplittingConfig.LoadBalancer.WEIGHTED);
    assertEquals(List.of("[0]", "[1]", "[0]", "[0]", "[1]", "[0]"), choices(balancer, List.of(heavy, light), 6));

    Replica a = replica(0, 5);
    Replica b = replica(1, 1);
    Replica c = replica(2, 1);
    assertEquals(List.of("[0]", "[0]", "[1]", "[0]", "[2]", "[0]", "[0]"),
        choices(LoadBalancer.of(ReadWriteSplittingConfig.LoadBalancer.WEIGHTED), List.of(a, b, c), 7));
  }

  @Test
  void weighted_aCandidateLeftOut_othersShareItsReads() {
    Replica a = replica(0, 3);
    Replica b = replica(1, 1);
    Replica c = replica(2, 1);
    LoadBalancer balancer = LoadBalancer.of(ReadWriteSplittingConfig.LoadBalancer.WEIGHTED);
    Map<String, Integer> counts = new HashMap<>();
    for (String chosen : choices(balancer, List.of(b, c), 10)) {
      counts.merge(chosen, 1, Integer::sum);
    }
    assertEquals(Map.of("[1]", 5, "[2]", 5), counts);
    counts.clear();
    for (String chosen : choices(balancer, List.of(a, b, c), 50)) {
      counts.merge(chosen, 1, Integer::sum);
    }
    assertEquals(Map.of("[0]", 30, "[1]", 10, "[2]", 10), counts);
  }

  @Test
  void random_choosesOnlyAmongTheCandidates_andEachOfThem() {
    Replica a = replica(0, 1);
    Replica b = replica(1, 1);
    Replica c = replica(2, 1);
    List<String> chosen = choices(LoadBalancer.of(ReadWriteSplittingConfig.LoadBalancer.RANDOM), List.of(a, c), 200);
    assertTrue(chosen.contains("[0]") && chosen.contains("[2]") && !chosen.contains("[1]"), chosen.toString());
  }
}
