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
import io.delos.worldmodel.sensing.SensorNode;
import io.delos.worldmodel.sensing.SensorScene;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Floor and wall sensors around a workspace that hear the foot strikes of the simulated catalogue
 * cheetah: the source-localisation setting of the SPAR evaluation (the analogue of earthquake
 * localisation).
 *
 * <p>Impacts come from the simulator: the cheetah runs one of the open-loop gaits of {@link
 * TokenizerData} for a few seconds, and every foot strike (a foot's contact switching on and
 * holding for {@link TokenizerData#HOLD_SECONDS}) is an impact. Its position on the floor is the
 * foot's position along the run, x = torso x ± half the torso length (back or front foot) shifted
 * into the workspace, and a lateral lane y drawn per run (the simulator is planar, so the lane is
 * the second floor coordinate). Its strength is the torso's vertical speed at the strike plus 0.05,
 * m/s.
 *
 * <p>Propagation (a plausible far-field model, not a solved wave equation): a node at distance r
 * from the impact records a Ricker wavelet of {@link #FREQUENCY} arriving after r / {@link
 * #WAVE_SPEED}, with amplitude s · exp(−α r) / √(r + r₀) times the node's coupling (floor 1, wall
 * 0.6) and a ±10% gain of its own; a geophone records the wavelet (velocity), an accelerometer its
 * time derivative scaled to the same peak. The window starts at an origin time that varies by up to
 * {@link #ORIGIN_JITTER} samples, so only relative arrivals are informative. Gaussian noise is
 * added.
 *
 * <p>Layouts: each holds {@link #FLOOR_NODES} floor nodes inside the workspace and {@link
 * #WALL_NODES} wall nodes on its boundary, each a geophone or an accelerometer at random. Layout i
 * is drawn from {@code Seeds.derive(seed, 1000 + i)}.
 */
public final class SensingData {
  /** Half the side of the square workspace, m. */
  public static final double HALF_SIDE = 2.5;

  /** Propagation speed in the floor, m/s. */
  public static final double WAVE_SPEED = 100;

  /** Peak frequency of the Ricker wavelet, Hz. */
  public static final double FREQUENCY = 30;

  /** Samples per second of every node, Hz. */
  public static final double SAMPLE_RATE = 500;

  /** Samples per window. */
  public static final int WINDOW = 64;

  /** Largest shift of the origin time inside the window, samples. */
  public static final int ORIGIN_JITTER = 8;

  /** Floor nodes per layout. */
  public static final int FLOOR_NODES = 6;

  /** Wall nodes per layout. */
  public static final int WALL_NODES = 4;

  /** Mounting indices. */
  public static final int FLOOR = 0;

  /** Mounting index of a wall node. */
  public static final int WALL = 1;

  /** Modality index of a geophone (velocity). */
  public static final int GEOPHONE = 0;

  /** Modality index of an accelerometer. */
  public static final int ACCELEROMETER = 1;

  /** Names of the mountings, in index order ({@link #FLOOR}, {@link #WALL}). */
  public static final List<String> MOUNTINGS = List.of("floor", "wall");

  /** Names of the modalities, in index order ({@link #GEOPHONE}, {@link #ACCELEROMETER}). */
  public static final List<String> MODALITIES = List.of("geophone", "accelerometer");

  /** Names of the strength classes, in label order. */
  public static final List<String> STRENGTHS = List.of("light", "medium", "hard");

  /** Added to every strength, so that a strike at rest still makes a wave, m/s. */
  private static final double MIN_STRENGTH = 0.05;

  private static final double ATTENUATION = 0.3;
  private static final double NEAR = 0.2;
  private static final double HALF_TORSO = 0.5;
  private static final double RUN_SECONDS = 3;
  private static final double CONTROL_RATE = 240;
  private static final double WARMUP_SECONDS = 0.5;

  /**
   * One foot strike.
   *
   * @param x position on the floor, workspace frame, m
   * @param y position on the floor, workspace frame, m
   * @param strength vertical speed of the torso at the strike plus 0.05, m/s
   * @param front whether the front foot struck
   */
  public record Impact(double x, double y, double strength, boolean front) {}

  /** A sensor position and role, without a signal. */
  public record Placement(double x, double y, int mounting, int modality, double gain) {}

  /**
   * A scene with its labels.
   *
   * @param scene what the nodes recorded
   * @param impact the source
   * @param layout index of the layout
   * @param strengthClass index into {@link #STRENGTHS}
   */
  public record Sample(SensorScene scene, Impact impact, int layout, int strengthClass) {}

  private SensingData() {}

  /**
   * Foot strikes of simulated cheetah runs, in the order found.
   *
   * @param count impacts wanted, >= 1
   * @param seed run i draws from {@code Seeds.derive(seed, i)}
   */
  public static List<Impact> impacts(int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("count = " + count + ": allowed >= 1");
    }
    RobotSystem system = Catalogue.system("cheetah");
    Morphology morphology = system.morphology();
    List<String> names = morphology.observationSpace().names();
    int torsoX = names.indexOf("torso.x");
    int torsoVy = names.indexOf("torso_vel.vy");
    int back = names.indexOf("bfoot_contact");
    int front = names.indexOf("ffoot_contact");
    TaskSpec task = TokenizerData.withoutTermination(system.task("run"));
    SpecTask bound = new SpecTask(task, morphology.observationSpace(), morphology.actionSpace());
    SimConfig config = SimConfig.DEFAULT.withRates(CONTROL_RATE, CONTROL_RATE);
    List<Impact> out = new ArrayList<>();
    long run = 0;
    while (out.size() < count) {
      SplittableRandom r = new SplittableRandom(Seeds.derive(seed, run++));
      int gait = r.nextInt(TokenizerData.ACTIVITIES.size());
      double amplitude = 0.3 + 0.5 * r.nextDouble();
      double frequency = 1.2 + 1.5 * r.nextDouble();
      double phase = 2 * Math.PI * r.nextDouble();
      double lane = r.nextDouble(-0.85 * HALF_SIDE, 0.85 * HALF_SIDE);
      double start = r.nextDouble(-HALF_SIDE, 0);
      int hold = (int) Math.round(TokenizerData.HOLD_SECONDS * CONTROL_RATE);
      int warmup = (int) Math.round(WARMUP_SECONDS * CONTROL_RATE);
      int steps = warmup + (int) Math.round(RUN_SECONDS * CONTROL_RATE);
      double[][] log = new double[steps][4];
      boolean failed = false;
      try (Environment env = new MorphologyEnvironment(morphology, bound, config)) {
        Vec obs = env.reset(Seeds.derive(seed, 1_000_000 + run));
        for (int k = 0; k < steps && !failed; k++) {
          log[k] = new double[] {obs.get(torsoX), obs.get(torsoVy), obs.get(back), obs.get(front)};
          StepResult step =
              env.step(TokenizerData.gait(gait, amplitude, frequency, phase, k / CONTROL_RATE));
          failed = step.done() || !step.observation().isFinite();
          obs = step.observation();
        }
      }
      if (failed) {
        continue;
      }
      double x0 = log[warmup][0];
      for (int foot = 0; foot < 2 && out.size() < count; foot++) {
        int c = 2 + foot;
        for (int k = warmup; k + hold < steps && out.size() < count; k++) {
          if (log[k - 1][c] > 0.5) {
            continue;
          }
          boolean held = true;
          for (int i = k; i < k + hold; i++) {
            held &= log[i][c] > 0.5;
          }
          if (!held) {
            continue;
          }
          double x = start + (log[k][0] - x0) + (foot == 1 ? HALF_TORSO : -HALF_TORSO);
          if (Math.abs(x) > 0.92 * HALF_SIDE) {
            continue;
          }
          double strength = MIN_STRENGTH + Math.abs(log[k - 1][1]);
          out.add(new Impact(x, lane, strength, foot == 1));
        }
      }
    }
    return out;
  }

  /** Layout i: floor nodes inside the workspace and wall nodes on its boundary. */
  public static List<Placement> layout(int index, long seed) {
    SplittableRandom r = new SplittableRandom(Seeds.derive(seed, 1000 + index));
    List<Placement> nodes = new ArrayList<>();
    for (int i = 0; i < FLOOR_NODES; i++) {
      nodes.add(
          new Placement(
              r.nextDouble(-0.9 * HALF_SIDE, 0.9 * HALF_SIDE),
              r.nextDouble(-0.9 * HALF_SIDE, 0.9 * HALF_SIDE),
              FLOOR,
              r.nextInt(2),
              r.nextDouble(0.9, 1.1)));
    }
    for (int i = 0; i < WALL_NODES; i++) {
      double along = r.nextDouble(-HALF_SIDE, HALF_SIDE);
      int side = r.nextInt(4);
      double x = side < 2 ? along : (side == 2 ? -HALF_SIDE : HALF_SIDE);
      double y = side < 2 ? (side == 0 ? -HALF_SIDE : HALF_SIDE) : along;
      nodes.add(new Placement(x, y, WALL, r.nextInt(2), 0.6 * r.nextDouble(0.9, 1.1)));
    }
    return nodes;
  }

  /**
   * Scenes of impacts heard by layouts.
   *
   * @param impacts the sources
   * @param layouts indices of the layouts to draw from, one at random per impact
   * @param thresholds strength class boundaries, m/s, ascending (two for three classes)
   * @param minDropped fewest nodes dropped per scene, >= 0
   * @param maxDropped most nodes dropped per scene, < nodes per layout
   * @param noise noise standard deviation relative to the amplitude of a medium impact at 1 m
   * @param layoutSeed seeds the layouts ({@link #layout}); the same for every split
   * @param seed seeds layouts' choice, drops, origin times and noise
   */
  public static List<Sample> scenes(
      List<Impact> impacts,
      List<Integer> layouts,
      long layoutSeed,
      double[] thresholds,
      int minDropped,
      int maxDropped,
      double noise,
      long seed) {
    if (layouts.isEmpty()) {
      throw new IllegalArgumentException("layouts is empty: allowed >= 1 layout");
    }
    if (minDropped < 0 || maxDropped < minDropped || maxDropped >= FLOOR_NODES + WALL_NODES) {
      throw new IllegalArgumentException(
          "dropped nodes "
              + minDropped
              + " to "
              + maxDropped
              + ": allowed 0 <= min <= max < "
              + (FLOOR_NODES + WALL_NODES));
    }
    SplittableRandom r = new SplittableRandom(seed);
    double reference = thresholds[0] * Math.exp(-ATTENUATION) / Math.sqrt(1 + NEAR);
    List<Sample> out = new ArrayList<>();
    for (Impact impact : impacts) {
      int layoutIndex = layouts.get(r.nextInt(layouts.size()));
      List<Placement> layout = layout(layoutIndex, layoutSeed);
      int origin = r.nextInt(ORIGIN_JITTER + 1) + 4;
      List<SensorNode> nodes = new ArrayList<>();
      for (Placement p : layout) {
        double distance = Math.hypot(p.x() - impact.x(), p.y() - impact.y());
        double amplitude =
            impact.strength()
                * p.gain()
                * Math.exp(-ATTENUATION * distance)
                / Math.sqrt(distance + NEAR);
        double arrival = origin + distance / WAVE_SPEED * SAMPLE_RATE;
        double[] w = new double[WINDOW];
        for (int k = 0; k < WINDOW; k++) {
          double t = (k - arrival) / SAMPLE_RATE;
          w[k] =
              amplitude * (p.modality() == GEOPHONE ? ricker(t) : rickerRate(t))
                  + noise * reference * r.nextGaussian();
        }
        nodes.add(new SensorNode(p.x(), p.y(), p.mounting(), p.modality(), Vec.of(w)));
      }
      int drop = minDropped + r.nextInt(maxDropped - minDropped + 1);
      Set<Integer> dropped = new HashSet<>();
      while (dropped.size() < drop) {
        dropped.add(r.nextInt(nodes.size()));
      }
      int label = impact.strength() < thresholds[0] ? 0 : impact.strength() < thresholds[1] ? 1 : 2;
      out.add(new Sample(new SensorScene(nodes).without(dropped), impact, layoutIndex, label));
    }
    return out;
  }

  /**
   * Tercile boundaries of the impacts' strengths, m/s: the thresholds that make the three strength
   * classes equally common among {@code impacts}.
   */
  public static double[] terciles(List<Impact> impacts) {
    double[] s = impacts.stream().mapToDouble(Impact::strength).sorted().toArray();
    return new double[] {s[s.length / 3], s[2 * s.length / 3]};
  }

  /** Ricker wavelet of {@link #FREQUENCY} at time t, s, peak 1. */
  static double ricker(double t) {
    double a = Math.PI * FREQUENCY * t;
    return (1 - 2 * a * a) * Math.exp(-a * a);
  }

  /** Time derivative of {@link #ricker}, divided by its peak magnitude, so that its peak is 1. */
  static double rickerRate(double t) {
    double a = Math.PI * FREQUENCY * t;
    double derivative = (-6 * a + 4 * a * a * a) * Math.exp(-a * a);
    return derivative / 2.4634;
  }
}
