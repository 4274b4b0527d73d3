package io.delos.actors.eval;

import io.delos.robots.Seeds;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.sim.Environment;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.task.SpecTask;
import io.delos.sim.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Labelled sensor streams of the catalogue cheetah for the tokenizer evaluation: the robot performs
 * one of three open-loop gaits, and its body velocities (an IMU's rates), joint velocities and foot
 * contacts are recorded with Gaussian noise. The events are the foot strikes and take-offs: the
 * samples where a foot's debounced contact changes in the noise-free simulation.
 *
 * <p>Gaits (the labels): {@code bound} drives both hips in phase, {@code gallop} in anti-phase,
 * each slow (1.6 Hz) or fast (2.4 Hz); {@code hop} gives short bursts of all joints then rests.
 * Amplitude, frequency (±15%) and phase are drawn per stream. Stream i draws everything from {@code
 * Seeds.derive(seed, i)}; a stream whose physics fails is replaced by the next attempt, so the data
 * do not depend on threads or order.
 */
public final class TokenizerData {
  /** The gait names, in label order. */
  public static final List<String> ACTIVITIES =
      List.of("bound-slow", "bound-fast", "gallop-slow", "gallop-fast", "hop");

  /** Gait frequency of each activity before the per-stream jitter, Hz. */
  private static final double[] FREQUENCY = {1.6, 2.4, 1.6, 2.4, 1.25};

  private static final String FAMILY = "cheetah";
  private static final double WARMUP_SECONDS = 0.5;

  /** How long a foot's new contact state must hold to count as a strike or take-off, s. */
  static final double HOLD_SECONDS = 0.03;

  /** Events closer than this to an earlier one (either foot) are the same event, s. */
  static final double SEPARATION_SECONDS = 0.05;

  /**
   * One recorded stream.
   *
   * @param stream noisy channels [channel][sample], in their SI units
   * @param sampleRate samples per second, Hz
   * @param label index into {@link #ACTIVITIES}
   * @param events samples where a foot's contact changed, ascending
   * @param noiseLevel noise standard deviation as a fraction of each channel's spread
   */
  public record Stream(
      double[][] stream, double sampleRate, int label, List<Integer> events, double noiseLevel) {}

  /**
   * What to record.
   *
   * @param count streams, spread evenly over the gaits
   * @param sampleRate samples per second, Hz, 20 to 1000
   * @param seconds recorded duration per stream, s
   * @param amplitudeScale factor on the drawn actuation amplitude (1 in-domain)
   * @param noiseLevels noise fractions, used in turn
   */
  public record Spec(
      int count,
      double sampleRate,
      double seconds,
      double amplitudeScale,
      List<Double> noiseLevels) {
    /** Validates the fields. */
    public Spec {
      if (count < ACTIVITIES.size()) {
        throw new IllegalArgumentException(
            "count = " + count + ": allowed >= " + ACTIVITIES.size() + " (one per gait)");
      }
      if (!(sampleRate >= 20 && sampleRate <= 1000)) {
        throw new IllegalArgumentException(
            "sampleRate = " + sampleRate + " Hz: allowed 20 to 1000 Hz");
      }
      if (!(seconds >= 0.5 && seconds <= 600)) {
        throw new IllegalArgumentException("seconds = " + seconds + " s: allowed 0.5 to 600 s");
      }
      if (!(amplitudeScale > 0 && amplitudeScale <= 2)) {
        throw new IllegalArgumentException(
            "amplitudeScale = " + amplitudeScale + ": allowed (0, 2]");
      }
      if (noiseLevels.isEmpty()) {
        throw new IllegalArgumentException("noiseLevels is empty: allowed >= 1 level");
      }
      noiseLevels = List.copyOf(noiseLevels);
    }
  }

  private TokenizerData() {}

  /** Names of the recorded channels, in stream order. */
  public static List<String> channels() {
    Morphology m = Catalogue.system(FAMILY).morphology();
    return m.observationSpace().names().stream().filter(TokenizerData::recorded).toList();
  }

  private static boolean recorded(String name) {
    return name.contains("vel") || name.contains("contact");
  }

  /** Records the streams of {@code spec}. */
  public static List<Stream> generate(Spec spec, long seed) {
    RobotSystem system = Catalogue.system(FAMILY);
    Morphology morphology = system.morphology();
    List<String> names = morphology.observationSpace().names();
    int[] picked = new int[channels().size()];
    List<Integer> contacts = new ArrayList<>();
    int p = 0;
    for (int c = 0; c < names.size(); c++) {
      if (recorded(names.get(c))) {
        if (names.get(c).contains("contact")) {
          contacts.add(p);
        }
        picked[p++] = c;
      }
    }
    TaskSpec task = withoutTermination(system.task("run"));
    SpecTask bound = new SpecTask(task, morphology.observationSpace(), morphology.actionSpace());
    SimConfig config =
        SimConfig.DEFAULT.withRates(spec.sampleRate(), Math.max(240, spec.sampleRate()));
    List<Stream> out = new ArrayList<>();
    long attempt = 0;
    while (out.size() < spec.count()) {
      int label = out.size() % ACTIVITIES.size();
      double noise = spec.noiseLevels().get(out.size() % spec.noiseLevels().size());
      Stream s =
          record(
              morphology,
              bound,
              config,
              spec,
              picked,
              contacts,
              label,
              noise,
              Seeds.derive(seed, attempt++));
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  /** One stream, or null when the physics failed. */
  private static Stream record(
      Morphology morphology,
      SpecTask task,
      SimConfig config,
      Spec spec,
      int[] picked,
      List<Integer> contacts,
      int label,
      double noiseLevel,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double amplitude = spec.amplitudeScale() * (0.35 + 0.25 * r.nextDouble());
    double frequency = FREQUENCY[label] * (0.85 + 0.3 * r.nextDouble());
    double phase = 2 * Math.PI * r.nextDouble();
    double dt = 1 / spec.sampleRate();
    int warmup = (int) Math.round(WARMUP_SECONDS * spec.sampleRate());
    int n = (int) Math.round(spec.seconds() * spec.sampleRate());
    double[][] clean = new double[picked.length][n];
    try (Environment env = new MorphologyEnvironment(morphology, task, config)) {
      Vec obs = env.reset(Seeds.derive(seed, 1));
      for (int k = 0; k < warmup + n; k++) {
        if (k >= warmup) {
          for (int c = 0; c < picked.length; c++) {
            clean[c][k - warmup] = obs.get(picked[c]);
          }
        }
        double t = k * dt;
        StepResult step = env.step(gait(label, amplitude, frequency, phase, t));
        if (step.done() || !step.observation().isFinite()) {
          return null;
        }
        obs = step.observation();
      }
    }
    List<Integer> events = events(clean, contacts, spec.sampleRate());
    SplittableRandom noise = new SplittableRandom(Seeds.derive(seed, 2));
    double[][] noisy = new double[picked.length][n];
    for (int c = 0; c < picked.length; c++) {
      double std = std(clean[c]);
      for (int k = 0; k < n; k++) {
        noisy[c][k] = clean[c][k] + noiseLevel * std * noise.nextGaussian();
      }
    }
    return new Stream(noisy, spec.sampleRate(), label, events, noiseLevel);
  }

  /**
   * Foot strikes and take-offs: per foot, the samples where its debounced contact changes (the new
   * state must hold for {@link #HOLD_SECONDS}, so bounces of a sample or two are not events), over
   * both feet, with events closer than {@link #SEPARATION_SECONDS} to an earlier one dropped (they
   * are one event at this resolution).
   */
  static List<Integer> events(double[][] clean, List<Integer> contacts, double rate) {
    int n = clean[0].length;
    int hold = Math.max(2, (int) Math.round(HOLD_SECONDS * rate));
    int separation = Math.max(1, (int) Math.round(SEPARATION_SECONDS * rate));
    List<Integer> all = new ArrayList<>();
    for (int c : contacts) {
      boolean state = clean[c][0] > 0.5;
      for (int k = 1; k + hold <= n; k++) {
        boolean held = true;
        for (int i = k; i < k + hold; i++) {
          held &= (clean[c][i] > 0.5) != state;
        }
        if (held) {
          state = !state;
          all.add(k);
        }
      }
    }
    all.sort(Integer::compare);
    List<Integer> events = new ArrayList<>();
    for (int k : all) {
      if (events.isEmpty() || k - events.get(events.size() - 1) >= separation) {
        events.add(k);
      }
    }
    return events;
  }

  /**
   * The open-loop action (normalised torques in [−1, 1]) of a gait at time t. Action order: back
   * thigh, back shin, back foot, front thigh, front shin, front foot.
   */
  static double[] gait(int label, double a, double f, double phase, double t) {
    double w = 2 * Math.PI * f * t + phase;
    return switch (label) {
      case 0, 1 ->
          new double[] {
            a * Math.sin(w), 0.6 * a * Math.sin(w + 1.2), 0.3 * a * Math.sin(w),
            a * Math.sin(w), 0.6 * a * Math.sin(w + 1.2), 0.3 * a * Math.sin(w)
          };
      case 2, 3 ->
          new double[] {
            a * Math.sin(w),
            0.6 * a * Math.sin(w + 1.2),
            0.3 * a * Math.sin(w),
            a * Math.sin(w + Math.PI),
            0.6 * a * Math.sin(w + Math.PI + 1.2),
            0.3 * a * Math.sin(w + Math.PI)
          };
      default -> {
        double cycle = (w / (2 * Math.PI)) - Math.floor(w / (2 * Math.PI));
        double burst = cycle < 0.15 ? 1.5 * a : cycle < 0.35 ? -0.5 * a : 0;
        double u = Math.max(-1, Math.min(1, burst));
        yield new double[] {u, -u, 0.5 * u, u, -u, 0.5 * u};
      }
    };
  }

  private static double std(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    return Math.sqrt(var / x.length);
  }

  /** The task with its termination and success conditions removed. */
  static TaskSpec withoutTermination(TaskSpec t) {
    return new TaskSpec(
        t.name(),
        t.robot(),
        Math.max(t.maxSteps(), 1_000_000),
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
