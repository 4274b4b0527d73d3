package io.delos.controllers;

import io.delos.controllers.plan.RecedingHorizonController;
import io.delos.controllers.support.ClosedLoop;
import io.delos.controllers.support.Planners;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.task.TaskSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A tuning probe, run by hand: -Dprobe.system=... -Dprobe.task=... -Dprobe.planner=... */
class TaskProbeTest {
  @Test
  void probe() {
    String sysName = System.getProperty("probe.system");
    if (sysName == null) {
      return;
    }
    RobotSystem sys = Catalogue.system(sysName);
    TaskSpec task = sys.task(System.getProperty("probe.task"));
    String kind = System.getProperty("probe.planner", "mppi");
    int seeds = Integer.getInteger("probe.seeds", 4);
    SimulatorDynamics oracle = new SimulatorDynamics(sys.morphology(), SimConfig.DEFAULT);
    int ok = 0;
    for (int seed = 0; seed < seeds; seed++) {
      long t0 = System.nanoTime();
      var ctl =
          new RecedingHorizonController(
              Planners.builtIn(kind, sys, task, oracle, seed),
              Duration.ofSeconds(10),
              Integer.getInteger("probe.replan", 1));
      var out = ClosedLoop.run(sys.environment(task), task, ctl, seed, true);
      ok += out.success() ? 1 : 0;
      System.out.printf(
          "PROBE seed %d success %s steps %d reward %.1f time %.1fs last %s%n",
          seed,
          out.success(),
          out.steps(),
          out.totalReward(),
          (System.nanoTime() - t0) / 1e9,
          out.last());
    }
    System.out.println("PROBE ok " + ok + "/" + seeds);
  }
}
