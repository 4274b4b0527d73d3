package io.delos.worldmodel.physsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.robots.catalogue.Catalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueDeclarationsTest {
  @Test
  void declaredObservationsAndActionsMatchTheCatalogueRobots() {
    for (String family : List.of("pendulum", "cartpole", "quadrotor", "car")) {
      PhysicsDeclaration d = KnownPhysics.forFamily(family);
      var robot = Catalogue.system(family).morphology();
      assertThat(d.observations()).as(family).isEqualTo(robot.observationSpace().names());
      assertThat(d.actions()).as(family).isEqualTo(robot.actionSpace().names());
    }
  }
}
