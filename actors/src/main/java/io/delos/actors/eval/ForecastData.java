package io.delos.actors.eval;

import io.delos.robots.Seeds;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.dataset.PolicySpec;
import io.delos.robots.dataset.RolloutPolicy;
import io.delos.sim.Environment;
import io.delos.sim.StepFlags;
import io.delos.sim.StepResult;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.noise.IrregularSampling;
import io.delos.sim.noise.NoisyEnvironment;
import io.delos.sim.task.SpecTask;
import io.delos.sim.task.TaskSpec;
import io.delos.worldmodel.physsm.ForecastWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Forecasting windows of a catalogue robot, made as the Phy-SSM benchmark asks: simulated in
 * JBox2D, measured with Gaussian noise ({@link NoisyEnvironment}), with a random share of points
 * dropped but their true timestamps kept ({@link IrregularSampling}), the first part observed and
 * the rest to forecast. The noise-free observations are kept as the truth that forecasts are scored
 * against.
 *
 * <p>Each window is its own episode: the task's start distribution (termination removed), a random
 * warm-up under the policy, then the recorded window. Attempt i of a system draws everything from
 * {@code Seeds.derive(seed, family.hashCode(), i)} (an attempt whose physics fails is skipped), so
 * the data do not depend on threads or order.
 */
public final class ForecastData {
  /**
   * The windows of one system.
   *
   * @param family catalogue family
   * @param channels observation channel names
   * @param train training windows
   * @param test test windows
   * @param positions indices of the x and y channels for displacement errors, or empty
   * @param noiseStd the noise standard deviation of each channel, in its unit
   */
  public record SystemData(
      String family,
      List<String> channels,
      List<ForecastWindow> train,
      List<ForecastWindow> test,
      int[] positions,
      double[] noiseStd) {}

  private ForecastData() {}

  /**
   * Generates a system's windows.
   *
   * @param settings the benchmark settings
   * @param family a family configured in {@code settings}
   * @param seed base seed of the data
   * @throws IllegalArgumentException when the family is not configured or not in the catalogue
   */
  public static SystemData generate(ForecastEvalSettings settings, String family, long seed) {
    ForecastEvalSettings.SystemSettings s = settings.system(family);
    RobotSystem system = Catalogue.system(family);
    Morphology morphology = damped(system.morphology(), s.jointDamping());
    TaskSpec task = withoutTermination(system.task(s.task()), settings.windowSteps());
    SimConfig config =
        SimConfig.DEFAULT.withRates(
            settings.controlFrequency(), Math.max(240, settings.controlFrequency()));
    List<String> channels = morphology.observationSpace().names();
    int[] positions = new int[s.positions().size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = channels.indexOf(s.positions().get(i));
      if (positions[i] < 0) {
        throw new IllegalArgumentException(
            "position channel '" + s.positions().get(i) + "' is not one of " + channels);
      }
    }

    // Pilot episodes without noise set each channel's noise to a fraction of its spread.
    int o = channels.size();
    double[] sum = new double[o];
    double[] sumSq = new double[o];
    long rows = 0;
    for (int i = 0; i < 8; i++) {
      Episode e =
          episode(
              settings,
              s,
              morphology,
              task,
              config,
              null,
              Seeds.derive(seed, family.hashCode(), -1, i));
      if (e == null) {
        continue;
      }
      for (int k = 0; k < e.clean.length(); k++) {
        for (int c = 0; c < o; c++) {
          double v = e.clean.observation(k, c);
          sum[c] += v;
          sumSq[c] += v * v;
        }
        rows++;
      }
    }
    double[] noise = new double[o];
    for (int c = 0; c < o; c++) {
      double mean = sum[c] / Math.max(1, rows);
      double var = Math.max(0, sumSq[c] / Math.max(1, rows) - mean * mean);
      noise[c] = settings.noiseFraction() * Math.sqrt(var);
    }

    List<ForecastWindow> train = new ArrayList<>();
    List<ForecastWindow> test = new ArrayList<>();
    int total = settings.trainWindows() + settings.testWindows();
    long attempt = 0;
    while (train.size() + test.size() < total) {
      long windowSeed = Seeds.derive(seed, family.hashCode(), attempt++);
      Episode e = episode(settings, s, morphology, task, config, noise, windowSeed);
      if (e == null) {
        continue;
      }
      SplittableRandom r = new SplittableRandom(Seeds.derive(windowSeed, 2));
      double drop = settings.dropMin() + r.nextDouble() * (settings.dropMax() - settings.dropMin());
      Trajectory kept = IrregularSampling.drop(e.noisy, drop, Seeds.derive(windowSeed, 3));
      ForecastWindow w = ForecastWindow.of(e.noisy, e.clean, kept, settings.observedSteps());
      (train.size() < settings.trainWindows() ? train : test).add(w);
    }
    return new SystemData(family, channels, train, test, positions, noise);
  }

  private record Episode(Trajectory noisy, Trajectory clean) {}

  /** One window, or null when the physics failed during it. */
  private static Episode episode(
      ForecastEvalSettings settings,
      ForecastEvalSettings.SystemSettings s,
      Morphology morphology,
      TaskSpec task,
      SimConfig config,
      double[] noise,
      long seed) {
    int o = morphology.observationSpace().size();
    int m = morphology.actionSpace().size();
    double period = config.controlPeriod();
    RolloutPolicy policy = policy(s, period);
    policy.reset(morphology, new SplittableRandom(Seeds.derive(seed, 1)));
    SpecTask bound = new SpecTask(task, morphology.observationSpace(), morphology.actionSpace());
    try (Environment clean = new MorphologyEnvironment(morphology, bound, config);
        Environment measured =
            noise == null
                ? new MorphologyEnvironment(morphology, bound, config)
                : new NoisyEnvironment(
                    new MorphologyEnvironment(morphology, bound, config), Vec.of(noise))) {
      Vec truth = clean.reset(seed);
      Vec seen = measured.reset(seed);
      SplittableRandom r = new SplittableRandom(Seeds.derive(seed, 4));
      int warmup = settings.warmupSteps() == 0 ? 0 : r.nextInt(settings.warmupSteps() + 1);
      Trajectory.Builder noisy = Trajectory.builder(s.family(), o, m);
      Trajectory.Builder exact = Trajectory.builder(s.family(), o, m);
      for (int k = 0; k < warmup + settings.windowSteps(); k++) {
        double[] a = morphology.actionSpace().clip(policy.act(seen.toArray()));
        if (k >= warmup) {
          double t = (k - warmup) * period;
          int flags = k == warmup ? StepFlags.RESET : StepFlags.NONE;
          noisy.add(t, seen.toArray(), a, 0, flags);
          exact.add(t, truth.toArray(), a, 0, flags);
        }
        StepResult rc = clean.step(a);
        StepResult rm = measured.step(a);
        if (rc.done() || rm.done()) {
          return null;
        }
        truth = rc.observation();
        seen = rm.observation();
      }
      return new Episode(noisy.build(), exact.build());
    }
  }

  private static RolloutPolicy policy(ForecastEvalSettings.SystemSettings s, double period) {
    return switch (s.policy()) {
      case "coloured" ->
          new PolicySpec("coloured", Map.of("tau", s.tau(), "sigma", s.sigma())).create(period);
      case "hover" -> new HoverPolicy(period, s.tau(), s.sigma(), 1.5);
      case "drive" -> new DrivePolicy(period, s.tau(), s.sigma());
      default -> throw new IllegalArgumentException("policy '" + s.policy() + "' is unknown");
    };
  }

  /** The morphology with viscous damping added to every joint (the pendulum's friction). */
  static Morphology damped(Morphology m, double damping) {
    if (damping == 0) {
      return m;
    }
    List<JointSpec> joints =
        m.joints().stream()
            .map(
                j ->
                    new JointSpec(
                        j.name(),
                        j.type(),
                        j.parent(),
                        j.child(),
                        j.anchor(),
                        j.axisAngle(),
                        j.lower(),
                        j.upper(),
                        j.damping() + damping))
            .toList();
    return new Morphology(m.name(), m.world(), m.bodies(), joints, m.actuators(), m.sensors());
  }

  /** The task with its termination and success conditions removed. */
  private static TaskSpec withoutTermination(TaskSpec t, int steps) {
    return new TaskSpec(
        t.name(),
        t.robot(),
        Math.max(t.maxSteps(), 10 * steps),
        t.jointStarts(),
        t.rootStarts(),
        t.reward(),
        List.of(),
        new TaskSpec.Success(1, List.of()),
        List.of(),
        List.of(),
        Map.of());
  }
}
