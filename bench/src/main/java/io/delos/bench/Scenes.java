package io.delos.bench;

import io.delos.robots.catalogue.Catalogue;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.PassiveTask;

/** The scenes the simulation benchmarks step. */
final class Scenes {
  private Scenes() {}

  /** The morphology of a named scene: cartpole, chain6 or biped. */
  static Morphology morphology(String scene) {
    return switch (scene) {
      case "cartpole" -> Catalogue.system("cartpole").morphology();
      case "chain6" -> ExampleRobots.motorisedChain(6);
      case "biped" -> ExampleRobots.biped();
      default ->
          throw new IllegalArgumentException(
              "scene '" + scene + "': allowed cartpole, chain6, biped");
    };
  }

  /** An environment with a task that never ends, so benchmarks measure stepping only. */
  static MorphologyEnvironment environment(String scene) {
    return new MorphologyEnvironment(
        morphology(scene), PassiveTask.of(Integer.MAX_VALUE), SimConfig.DEFAULT);
  }
}
