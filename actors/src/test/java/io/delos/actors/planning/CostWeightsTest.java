package io.delos.actors.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.controllers.cost.CostFunction;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostWeightsTest {
  private static final RobotSystem CARTPOLE = Catalogue.system("cartpole");

  @Test
  void termsAreNamedByKindAndIndexWithTheirWeights() {
    TaskSpec swingup = CARTPOLE.task("swingup");
    List<CostWeights.NamedTerm> terms = CostWeights.terms(swingup, 200);
    assertThat(terms)
        .extracting(CostWeights.NamedTerm::name)
        .containsExactly(
            "cost.0",
            "cost.1",
            "cost.2",
            "cost.3",
            "cost.4",
            "terminal.0",
            "terminal.1",
            "constraint");
    assertThat(terms.get(0).weight()).isEqualTo(5.0);
    assertThat(terms.get(0).description()).isEqualTo("squared(pole.cos - 1.0)");
    assertThat(terms.get(7).weight()).isEqualTo(200);
  }

  @Test
  void applyingWeightsChangesOnlyTheNamedTermsAndTheCost() {
    TaskSpec swingup = CARTPOLE.task("swingup");
    TaskSpec heavier = CostWeights.apply(swingup, Map.of("cost.1", 50.0, "terminal.0", 0.0));
    List<CostWeights.NamedTerm> terms = CostWeights.terms(heavier, 0);
    assertThat(terms.get(1).weight()).isEqualTo(50);
    assertThat(terms.get(5).weight()).isZero();
    assertThat(terms.get(0).weight()).isEqualTo(5);
    var obs = CARTPOLE.morphology().observationSpace();
    var act = CARTPOLE.morphology().actionSpace();
    double[] x = {1, 0, 1, 0, 0}; // cart 1 m off centre, pole upright
    double[] u = {0};
    double before = new CostFunction(swingup, obs, act, 0).stage(x, u);
    double after = new CostFunction(heavier, obs, act, 0).stage(x, u);
    assertThat(after - before).isEqualTo(49.5); // (50 - 0.5) · 1²
  }

  @Test
  void unknownNamesAndNonFiniteWeightsAreRefusedNamingTheTerms() {
    TaskSpec swingup = CARTPOLE.task("swingup");
    assertThatThrownBy(() -> CostWeights.apply(swingup, Map.of("cost.9", 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cost.9")
        .hasMessageContaining("terminal.1");
    assertThatThrownBy(() -> CostWeights.apply(swingup, Map.of("cost.0", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
  }
}
