package io.delos.robots.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.delos.robots.format.MorphologyFormat;
import io.delos.sim.EndReason;
import io.delos.sim.Space;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.RobotWorld;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.StatePlacer;
import io.delos.sim.morphology.BodyTree;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogueTest {
  /** Tolerance on a computed moment of inertia, kg·m² (JBox2D works in floats). */
  private static final double INERTIA_TOLERANCE = 1e-4;

  static Stream<Arguments> tasks() {
    List<Arguments> out = new ArrayList<>();
    for (RobotSystem s : Catalogue.systems()) {
      for (TaskSpec t : s.tasks()) {
        out.add(Arguments.of(s.id(), t.name()));
      }
    }
    return out.stream();
  }

  @Test
  void theCatalogueHasTheTenFamilies() {
    assertThat(Catalogue.families())
        .containsExactlyInAnyOrder(
            "acrobot",
            "car",
            "cartpole",
            "cheetah",
            "hopper",
            "lander",
            "pendulum",
            "quadrotor",
            "reacher",
            "walker");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tasks")
  void everyTaskRunsAFullEpisodeUnderRandomActionsWithoutPhysicsFailure(String id, String task) {
    RobotSystem system = Catalogue.system(id);
    TaskSpec spec = system.task(task);
    MorphologyEnvironment env = system.environment(spec);
    Space actions = env.actionSpace();
    SplittableRandom random = new SplittableRandom(11);
    for (long seed = 0; seed < 2; seed++) {
      Vec first = env.reset(seed);
      assertThat(first.isFinite()).isTrue();
      StepResult r;
      int steps = 0;
      do {
        double[] a = new double[actions.size()];
        for (int i = 0; i < a.length; i++) {
          a[i] =
              actions.channel(i).low()
                  + random.nextDouble() * (actions.channel(i).high() - actions.channel(i).low());
        }
        r = env.step(a);
        steps++;
        assertThat(r.observation().isFinite()).as("%s %s step %d", id, task, steps).isTrue();
        assertThat(Double.isFinite(r.reward())).isTrue();
      } while (!r.done());
      assertThat(r.info().endReason())
          .as("%s %s ended after %d steps", id, task, steps)
          .isIn(EndReason.TIME_LIMIT, EndReason.TASK_TERMINATED);
      assertThat(steps).isLessThanOrEqualTo(spec.maxSteps());
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void everyRobotStepsItsLongestEpisodeUnderRandomActionsWithoutTerminationOrBlowUp(String family) {
    RobotSystem system = Catalogue.system(family);
    int longest = system.tasks().stream().mapToInt(TaskSpec::maxSteps).max().orElseThrow();
    TaskSpec t = system.defaultTask();
    TaskSpec endless =
        new TaskSpec(
            t.name(),
            t.robot(),
            longest,
            t.jointStarts(),
            t.rootStarts(),
            t.reward(),
            List.of(),
            t.success(),
            List.of(),
            List.of(),
            java.util.Map.of());
    MorphologyEnvironment env = system.environment(endless);
    Space actions = env.actionSpace();
    SplittableRandom random = new SplittableRandom(17);
    env.reset(5);
    StepResult r;
    int steps = 0;
    do {
      double[] a = new double[actions.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] =
            actions.channel(i).low()
                + random.nextDouble() * (actions.channel(i).high() - actions.channel(i).low());
      }
      r = env.step(a);
      steps++;
      assertThat(r.observation().isFinite()).isTrue();
    } while (!r.done());
    assertThat(r.info().endReason())
        .as("%s after %d steps", family, steps)
        .isEqualTo(EndReason.TIME_LIMIT);
    assertThat(steps).isEqualTo(longest);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("tasks")
  void theStartStateSatisfiesTheTaskSoEpisodesDoNotEndAtOnce(String id, String task) {
    RobotSystem system = Catalogue.system(id);
    MorphologyEnvironment env = system.environment(system.task(task));
    env.reset(3);
    StepResult r = env.step(new double[env.actionSpace().size()]);
    assertThat(r.done()).as("%s %s ended on its first step", id, task).isFalse();
  }

  @ParameterizedTest
  @MethodSource("families")
  void everyMorphologyRoundTripsThroughTheFormat(String family) {
    Morphology m = Catalogue.system(family).morphology();
    String text = MorphologyFormat.write(m);
    Morphology back = MorphologyFormat.parse(text, family + " (written)");
    assertThat(back).isEqualTo(m);
    assertThat(MorphologyFormat.write(back)).isEqualTo(text);
  }

  @ParameterizedTest
  @MethodSource("families")
  void everyRobotObservesItsFullStateAndHasABodyTree(String family) {
    Morphology m = Catalogue.system(family).morphology();
    StatePlacer.of(m);
    BodyTree tree = m.bodyTree();
    assertThat(tree.size()).isEqualTo(m.bodies().size());
    List<Integer> pre = new ArrayList<>();
    for (int i = 0; i < tree.size(); i++) {
      pre.add(tree.preOrder(i));
    }
    assertThat(pre)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, tree.size()).boxed().toList());
  }

  @Test
  void acrobotLinksHaveGymnasiumsInertia() {
    Morphology m = Catalogue.system("acrobot").morphology();
    RobotWorld world = new RobotWorld(m, SimConfig.DEFAULT);
    for (int i = 0; i < 2; i++) {
      assertThat(world.mass(i)).isCloseTo(1.0, within(INERTIA_TOLERANCE));
      assertThat(world.inertiaAboutCenter(i)).isCloseTo(1.0, within(INERTIA_TOLERANCE));
    }
  }

  @Test
  void pendulumRodHasAThinRodsInertiaAboutItsPivot() {
    Morphology m = Catalogue.system("pendulum").morphology();
    RobotWorld world = new RobotWorld(m, SimConfig.DEFAULT);
    double aboutPivot = world.inertiaAboutCenter(0) + world.mass(0) * 0.5 * 0.5;
    assertThat(aboutPivot).isCloseTo(1.0 / 3, within(1e-3));
  }

  static Stream<String> families() {
    return Catalogue.families().stream();
  }
}
