package io.delos.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.controllers.lqr.Lqr;
import io.delos.controllers.lqr.LqrSettings;
import io.delos.controllers.plan.RecedingHorizonController;
import io.delos.controllers.support.ClosedLoop;
import io.delos.controllers.support.Planners;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.task.TaskSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every planner in closed loop on the catalogue tasks, planning through the simulator oracle, over
 * 20 seeds each; success is judged by each task file's own criteria. Seeds run two at a time.
 */
class ClosedLoopTasksTest {
  private static final int SEEDS = 20;
  private static ExecutorService pool;

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  /** Successes out of {@link #SEEDS} for one planner kind on one task. */
  private static long successes(String family, String taskName, String planner, int replanEvery)
      throws Exception {
    RobotSystem system = Catalogue.system(family);
    TaskSpec task = system.task(taskName);
    List<Future<Boolean>> runs =
        IntStream.range(0, SEEDS)
            .mapToObj(
                seed ->
                    pool.submit(
                        () -> {
                          SimulatorDynamics oracle =
                              new SimulatorDynamics(system.morphology(), SimConfig.DEFAULT);
                          var controller =
                              new RecedingHorizonController(
                                  Planners.builtIn(planner, system, task, oracle, seed),
                                  Duration.ofSeconds(30),
                                  replanEvery);
                          return ClosedLoop.run(
                                  system.environment(task), task, controller, seed, true)
                              .success();
                        }))
            .toList();
    long ok = 0;
    for (Future<Boolean> f : runs) {
      ok += f.get() ? 1 : 0;
    }
    System.out.printf(
        "closed loop: %s %s with %s: %d of %d seeds succeeded%n",
        family, taskName, planner, ok, SEEDS);
    return ok;
  }

  @Test
  void mppiSwingsTheCartPoleUpAndBalancesItInAtLeast95PercentOfSeeds() throws Exception {
    assertThat(successes("cartpole", "swingup", "mppi", 1)).isGreaterThanOrEqualTo(19);
  }

  @Test
  void mppiSwingsThePendulumUpInAtLeast95PercentOfSeeds() throws Exception {
    assertThat(successes("pendulum", "swingup", "mppi", 1)).isGreaterThanOrEqualTo(19);
  }

  @Test
  void cemSwingsThePendulumUpInAtLeast95PercentOfSeeds() throws Exception {
    assertThat(successes("pendulum", "swingup", "cem", 2)).isGreaterThanOrEqualTo(19);
  }

  @Test
  void mppiSwingsTheAcrobotUpInAtLeast80PercentOfSeeds() throws Exception {
    assertThat(successes("acrobot", "swingup", "mppi", 3)).isGreaterThanOrEqualTo(16);
  }

  @Test
  void ilqrFliesTheQuadrotorToItsWaypointAndHoversInAtLeast95PercentOfSeeds() throws Exception {
    assertThat(successes("quadrotor", "waypoint", "ilqr", 1)).isGreaterThanOrEqualTo(19);
  }

  @Test
  void ilqrBringsTheReacherWithin2CentimetresInAtLeast95PercentOfSeeds() throws Exception {
    assertThat(successes("reacher", "reach", "ilqr", 1)).isGreaterThanOrEqualTo(19);
  }

  @Test
  void lqrBalancesTheCartPoleFromPointTwoRadiansEveryTime() throws Exception {
    RobotSystem cartpole = Catalogue.system("cartpole");
    TaskSpec balance = cartpole.task("balance");
    Lqr lqr =
        LqrSettings.builtIn("cartpole", "balance")
            .design(
                new SimulatorDynamics(cartpole.morphology(), SimConfig.DEFAULT),
                balance,
                cartpole.morphology().observationSpace(),
                cartpole.morphology().actionSpace());
    for (int seed = 0; seed < SEEDS; seed++) {
      // 0.2 rad tilt, the other states drawn from the balance task's start ranges.
      TaskSpec tilted =
          new TaskSpec(
              "balance",
              "cartpole",
              balance.maxSteps(),
              List.of(
                  balance.jointStarts().get(0),
                  new TaskSpec.JointStart(
                      "hinge",
                      new TaskSpec.Range(0.2, 0.2),
                      balance.jointStarts().get(1).velocity())),
              List.of(),
              balance.reward(),
              balance.stayWithin(),
              balance.success(),
              balance.cost(),
              balance.terminalCost(),
              balance.operatingPoint());
      var out = ClosedLoop.run(cartpole.environment(tilted), tilted, lqr, seed, false);
      assertThat(out.success()).as("seed %d", seed).isTrue();
    }
  }
}
