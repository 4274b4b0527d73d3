package io.delos.sim.box2d;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.State;
import io.delos.sim.morphology.ExampleRobots;
import io.delos.sim.task.PassiveTask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatorDynamicsTest {
  @Test
  void equalStartsAndActionsGiveBitIdenticalPredictionsWhateverRanBefore() {
    SimulatorDynamics oracle = new SimulatorDynamics(ExampleRobots.biped(), SimConfig.DEFAULT);
    MorphologyEnvironment env =
        new MorphologyEnvironment(ExampleRobots.biped(), PassiveTask.of(100), SimConfig.DEFAULT);
    env.reset(2);
    for (int k = 0; k < 40; k++) {
      env.step(new double[] {0.3, -0.2, -0.3, 0.2});
    }
    State fromObservation = new State(env.observation(), null);
    State exact = new State(env.observation(), env.snapshot());
    double[] actions = new double[10 * 4];
    java.util.Arrays.fill(actions, 0.25);
    double[] first = oracle.rollout(List.of(fromObservation), 10, actions);
    // A different rollout in between leaves warm starts and contacts in the pooled world.
    double[] other = actions.clone();
    java.util.Arrays.fill(other, -0.8);
    oracle.rollout(List.of(exact), 10, other);
    double[] second = oracle.rollout(List.of(fromObservation), 10, actions);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void anExactStartReproducesTheEnvironmentsOwnFuture() {
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            ExampleRobots.pendulum(1, 0.05, 1),
            new PassiveTask(100, Map.of("hinge", 0.4)),
            SimConfig.DEFAULT);
    env.reset(0);
    SimulatorDynamics oracle = new SimulatorDynamics(env.morphology(), SimConfig.DEFAULT);
    double[] predicted =
        oracle.rollout(
            List.of(new State(env.observation(), env.snapshot())), 3, new double[] {1, 1, 1});
    for (int h = 0; h < 3; h++) {
      double[] o = env.step(new double[] {1}).observation().toArray();
      assertThat(predicted[h * 2]).isEqualTo(o[0]);
      assertThat(predicted[h * 2 + 1]).isEqualTo(o[1]);
    }
  }
}
