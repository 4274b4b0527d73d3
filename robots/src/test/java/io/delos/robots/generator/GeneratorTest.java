package io.delos.robots.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.EndReason;
import io.delos.sim.Space;
import io.delos.sim.StepResult;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.StatePlacer;
import io.delos.sim.morphology.Morphology;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeneratorTest {
  private static final Generator GENERATOR = Generator.standard();
  private static final long SEED = 2026;

  @Test
  void sameSeedGivesTheSameSystemsWithEqualMorphologies() {
    List<GeneratedSystem> a = GENERATOR.generate(SEED);
    List<GeneratedSystem> b = GENERATOR.generate(SEED);
    assertThat(a).hasSizeGreaterThanOrEqualTo(120);
    assertThat(a.stream().map(GeneratedSystem::id).toList())
        .isEqualTo(b.stream().map(GeneratedSystem::id).toList());
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).system().morphology()).isEqualTo(b.get(i).system().morphology());
      assertThat(a.get(i).system().tasks()).isEqualTo(b.get(i).system().tasks());
    }
  }

  @Test
  void systemsAreDistinctWithUniqueStableIds() {
    List<GeneratedSystem> systems = GENERATOR.generate(SEED);
    Set<String> ids = new HashSet<>();
    Set<Morphology> bodiesAndJoints = new HashSet<>();
    for (GeneratedSystem s : systems) {
      assertThat(ids.add(s.id())).as("id %s appears twice", s.id()).isTrue();
      assertThat(s.id()).matches("[a-z]+-[0-9]+[a-z]+-v[0-9]{2}");
      assertThat(s.id()).startsWith(s.system().family() + "-" + s.tag() + "-");
      assertThat(bodiesAndJoints.add(s.system().morphology().withName("x")))
          .as("%s repeats another system's morphology", s.id())
          .isTrue();
    }
    assertThat(systems.stream().map(s -> s.system().family()).distinct()).hasSize(10);
  }

  @Test
  void anotherSeedGivesOtherParametersUnderTheSameIds() {
    List<GeneratedSystem> a = GENERATOR.generate(SEED);
    List<GeneratedSystem> b = GENERATOR.generate(SEED + 1);
    assertThat(a.stream().map(GeneratedSystem::id).toList())
        .isEqualTo(b.stream().map(GeneratedSystem::id).toList());
    assertThat(a.get(0).system().morphology()).isNotEqualTo(b.get(0).system().morphology());
  }

  @Test
  void everyGeneratedSystemLoadsObservesItsStateAndStepsStablyUnderRandomActions() {
    SplittableRandom random = new SplittableRandom(5);
    for (GeneratedSystem g : GENERATOR.generate(SEED)) {
      RobotSystem s = g.system();
      StatePlacer.of(s.morphology());
      MorphologyEnvironment env = s.environment(s.defaultTask());
      Space actions = env.actionSpace();
      env.reset(1);
      for (int k = 0; k < 100; k++) {
        double[] a = new double[actions.size()];
        for (int i = 0; i < a.length; i++) {
          a[i] =
              actions.channel(i).low()
                  + random.nextDouble() * (actions.channel(i).high() - actions.channel(i).low());
        }
        StepResult r = env.step(a);
        assertThat(r.observation().isFinite()).as(s.id()).isTrue();
        assertThat(r.info().endReason())
            .as("%s at step %d", s.id(), k)
            .isIn(EndReason.NONE, EndReason.TIME_LIMIT);
        if (r.done()) {
          break;
        }
      }
    }
  }

  @Test
  void zeroShotTopologiesLieBetweenTrainingTopologiesOfTheirFamily() {
    Split split = GENERATOR.split(SEED);
    Map<String, Set<Integer>> training =
        split.entries().stream()
            .filter(e -> e.role() == Split.Role.TRAINING)
            .collect(
                Collectors.groupingBy(
                    Split.Entry::family,
                    Collectors.mapping(e -> topology(e.topology()), Collectors.toSet())));
    for (Split.Entry e : split.entries()) {
      if (e.role() != Split.Role.ZERO_SHOT) {
        continue;
      }
      int t = topology(e.topology());
      Set<Integer> seen = training.get(e.family());
      assertThat(seen.stream().anyMatch(x -> x < t) && seen.stream().anyMatch(x -> x > t))
          .as("%s (%s) between training topologies %s", e.id(), e.topology(), seen)
          .isTrue();
    }
    assertThat(split.ids(Split.Role.ZERO_SHOT)).contains("walker-5link-v01");
    assertThat(split.ids(Split.Role.TRAINING))
        .contains("walker-4link-v00", "walker-6link-v02")
        .hasSizeGreaterThanOrEqualTo(120);
    assertThat(split.ids(Split.Role.FEW_SHOT)).isNotEmpty();
  }

  @Test
  void aGeneratorFileWithAnUnknownVersionIsRefusedNamingBoth() {
    assertThatThrownBy(
            () ->
                Generator.parse(
                    "{\"format\": \"delos-generator\",\n \"version\": 7, \"defaultSeed\": 1,"
                        + " \"families\": {}}",
                    "g.json"))
        .hasMessageContaining("g.json:2")
        .hasMessageContaining("version 7")
        .hasMessageContaining("version 1");
  }

  @Test
  void acrobotCrossBarGivesTheAskedInertia() {
    double l = 1;
    double w = 0.04;
    double bar = AcrobotFamily.crossBarLength(l, w, 1.0);
    double k2 = (l * (l * l + w * w) + bar * (bar * bar + w * w)) / (12 * (l + bar));
    assertThat(k2).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(AcrobotFamily.crossBarLength(l, w, 0.01)).isZero();
  }

  private static int topology(String tag) {
    return Integer.parseInt(tag.replaceAll("[^0-9]", ""));
  }
}
