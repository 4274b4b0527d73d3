package io.delos.actors.worldmodel;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.delos.controllers.mppi.MppiSettings;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.dataset.CollectionListener;
import io.delos.robots.generator.Split;
import io.delos.robots.generator.Systems;
import io.delos.sim.Dynamics;
import io.delos.sim.Trajectory;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.task.TaskSpec;
import io.delos.worldmodel.sequence.Checkpoint;
import io.delos.worldmodel.sequence.PredictionError;
import io.delos.worldmodel.sequence.SequenceModel;
import io.delos.worldmodel.sequence.SequenceTrainer;
import io.delos.worldmodel.sequence.SystemRegistry;
import io.delos.worldmodel.sequence.TrainingListener;
import io.delos.worldmodel.sequence.TrainingSettings;
import io.delos.worldmodel.sequence.TrajectoryWindows;
import io.delos.worldmodel.sequence.WestWorldConfig;
import io.delos.worldmodel.sequence.WindowBatch;
import io.delos.worldmodel.westworld.SequenceModels;
import io.delos.worldmodel.westworld.WestWorldDynamics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WestWorld evaluation protocol (Wang et al., ICML 2026, §5), scaled to the {@code cpu}
 * configuration and a 2-core machine:
 *
 * <ol>
 *   <li>data: exploration datasets of the training, zero-shot and few-shot systems of the default
 *       split, and of the two control robots;
 *   <li>pretraining: WestWorld, its two ablations and the three baselines on the training systems,
 *       each with the same batches and the same number of steps;
 *   <li>zero-shot: MAE and MSE of the predicted steps on the held-out (zero-shot) systems, and
 *       in-distribution on held-out episodes of the training systems;
 *   <li>few-shot: each pretrained model fine-tuned on 10 episodes of each few-shot system
 *       (jointly), then evaluated on their held-out episodes, for several seeds;
 *   <li>scaling: WestWorld and the TrajWorld-like baseline pretrained from scratch on nested sets
 *       of 1 … 120 training systems with a reduced budget each, evaluated on held-out episodes of
 *       the systems they saw;
 *   <li>control: MPPI planning through WestWorld on cart-pole swing-up and cheetah running, with
 *       the pretrained model fine-tuned on the robot's data and with a model trained on that data
 *       alone, the simulator oracle beside them.
 * </ol>
 *
 * Every finished piece is stored under {@code results/} and every model under {@code models/}, so
 * running again resumes. The report is written from the stored results.
 */
public final class WorldModelEvaluation {
  /** Every part, in order. */
  public static final List<String> PARTS =
      List.of("data", "pretrain", "zero-shot", "few-shot", "scaling", "control", "report");

  /**
   * What to run and with which budgets.
   *
   * @param out report folder (data, models and results live under it)
   * @param config model configuration name or file
   * @param kinds models to compare, WestWorld first
   * @param parts parts to run
   * @param pretrainSteps optimiser steps of each pretraining run
   * @param batch windows per pretraining step
   * @param trainEpisodes episodes collected per training system (the last one is held out)
   * @param episodeSteps steps per collected episode
   * @param evalWindows most evaluation windows per system
   * @param fineTuneSteps few-shot fine-tuning steps
   * @param fineTuneBatch few-shot windows per step
   * @param fineTuneLr few-shot peak learning rate
   * @param fewShotEpisodes fine-tuning episodes per few-shot system
   * @param seeds few-shot seeds
   * @param scalingSizes numbers of pretraining systems
   * @param scalingSteps steps of each scaling run
   * @param plannerEpisodes episodes of each control robot driven by noisy MPPI through the
   *     simulator: the robot's own data in the control part
   * @param controlSteps steps of fine-tuning (pretrained) or training (scratch) on that data
   * @param cartpoleSeeds swing-up episodes per model
   * @param cheetahSeeds running episodes per model
   * @param cheetahEpisodeSteps control steps of each running episode
   * @param seed base seed
   * @param command the command line, for the report
   */
  public record Settings(
      Path out,
      String config,
      List<String> kinds,
      List<String> parts,
      int pretrainSteps,
      int batch,
      int trainEpisodes,
      int episodeSteps,
      int evalWindows,
      int fineTuneSteps,
      int fineTuneBatch,
      double fineTuneLr,
      int fewShotEpisodes,
      int seeds,
      List<Integer> scalingSizes,
      int scalingSteps,
      int plannerEpisodes,
      int controlSteps,
      int cartpoleSeeds,
      int cheetahSeeds,
      int cheetahEpisodeSteps,
      long seed,
      String command) {}

  private final Settings s;
  private final PrintStream log;
  private final Results results;
  private final WestWorldConfig config;
  private final TrainingSettings training;
  private final Device device = Engine.getInstance().defaultDevice();

  /**
   * Prepares an evaluation.
   *
   * @param settings what to run
   * @param config model sizes
   * @param training base training settings (learning rates, schedule shape)
   * @param log progress lines and bars
   */
  public WorldModelEvaluation(
      Settings settings, WestWorldConfig config, TrainingSettings training, PrintStream log) {
    this.s = settings;
    this.config = config;
    this.training = training.withBatchSize(settings.batch()).withSeed(settings.seed());
    this.log = log;
    this.results = new Results(settings.out().resolve("results"));
  }

  private Path data(String name) {
    return s.out().resolve("data").resolve(name);
  }

  private Path model(String name) {
    return s.out().resolve("models").resolve(name + ".ckpt");
  }

  /** Runs the chosen parts. */
  public void run() {
    long t0 = System.nanoTime();
    Map<String, Object> run = results.has("run") ? results.get("run") : new LinkedHashMap<>();
    run.put("command", s.command());
    run.put("device", device.toString());
    run.put("machine", Machine.describe());
    results.put("run", run);
    if (s.parts().contains("data")) {
      collect();
    }
    if (s.parts().contains("pretrain")) {
      pretrain();
    }
    if (s.parts().contains("zero-shot")) {
      zeroShot();
    }
    if (s.parts().contains("few-shot")) {
      fewShot();
    }
    if (s.parts().contains("scaling")) {
      scaling();
    }
    if (s.parts().contains("control")) {
      control();
    }
    if (s.parts().contains("report")) {
      new EvaluationReport(s, config, results).write();
      log.println("report: " + s.out().resolve("report.md"));
    }
    log.printf(
        "evaluation parts %s done in %s%n",
        s.parts(), TrainingProgress.duration((System.nanoTime() - t0) / 1e9));
  }

  // ---------------------------------------------------------------------------------------- data

  private void collect() {
    Split split = WorldModelData.split();
    collect("training", split.ids(Split.Role.TRAINING), s.trainEpisodes(), 11);
    collect("zero-shot", split.ids(Split.Role.ZERO_SHOT), 2, 12);
    collect("few-shot", split.ids(Split.Role.FEW_SHOT), s.fewShotEpisodes() + 2, 13);
  }

  /** Episodes of noisy MPPI through the simulator for each control robot, unless kept already. */
  private void collectPlannerData() {
    for (ControlTask ct : controlTasks()) {
      Path file = plannerFile(ct.robot());
      if (!Files.exists(file) && s.plannerEpisodes() > 0) {
        long t0 = System.nanoTime();
        RobotSystem system = Systems.get(ct.robot());
        // Half the episodes with light action noise, half with heavy noise, for coverage.
        int light = (s.plannerEpisodes() + 1) / 2;
        List<Trajectory> episodes = new ArrayList<>();
        episodes.addAll(
            PlannerData.collect(
                system,
                system.task(ct.task()),
                ct.mppi(),
                light,
                ct.steps(),
                0.3,
                s.seed() * 1000 + 16));
        episodes.addAll(
            PlannerData.collect(
                system,
                system.task(ct.task()),
                ct.mppi(),
                s.plannerEpisodes() - light,
                ct.steps(),
                0.6,
                s.seed() * 1000 + 17));
        PlannerData.write(episodes, file);
        log.printf(
            "data %s: %d episodes of noisy MPPI through the simulator (%.0f s)%n",
            file.getFileName(), s.plannerEpisodes(), (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  private Path plannerFile(String robot) {
    return data("control-" + robot + "-mppi.txt");
  }

  private void collect(String name, List<String> ids, int episodes, long seed) {
    long t0 = System.nanoTime();
    WorldModelData.collect(
        data(name),
        ids,
        "coloured",
        episodes,
        s.episodeSteps(),
        s.seed() * 1000 + seed,
        CollectionListener.NONE);
    log.printf(
        "data %s: %d systems x %d episodes x %d steps (%.0f s)%n",
        name, ids.size(), episodes, s.episodeSteps(), (System.nanoTime() - t0) / 1e9);
  }

  /** Training data without each system's last episode, and those last episodes. */
  private record Held(Map<String, List<Trajectory>> train, Map<String, List<Trajectory>> held) {}

  private static Held holdOutLast(Map<String, List<Trajectory>> all, int last) {
    Map<String, List<Trajectory>> train = new LinkedHashMap<>();
    Map<String, List<Trajectory>> held = new LinkedHashMap<>();
    for (Map.Entry<String, List<Trajectory>> e : all.entrySet()) {
      List<Trajectory> l = e.getValue();
      int keep = Math.max(1, l.size() - last);
      train.put(e.getKey(), l.subList(0, keep));
      if (keep < l.size()) {
        held.put(e.getKey(), l.subList(keep, l.size()));
      }
    }
    return new Held(train, held);
  }

  private Held trainingData() {
    return holdOutLast(WorldModelData.read(data("training"), null), 1);
  }

  private SystemRegistry trainingRegistry(Held h) {
    return WorldModelData.register(new SystemRegistry(), h.train());
  }

  // ------------------------------------------------------------------------------------ pretrain

  private void pretrain() {
    Held h = trainingData();
    SystemRegistry registry = trainingRegistry(h);
    TrajectoryWindows windows = new TrajectoryWindows(registry, h.train(), training.buckets());
    TrainingSettings t =
        training.withSteps(
            s.pretrainSteps(), Math.min(training.warmupSteps(), s.pretrainSteps() / 10));
    for (String kind : s.kinds()) {
      String key = "pretrain-" + kind;
      if (results.has(key)) {
        continue;
      }
      long t0 = System.nanoTime();
      try (SequenceModel m = SequenceModels.create(kind, config, device, s.seed())) {
        Curve curve = new Curve(new TrainingProgress(log, "pretrain " + kind));
        SequenceTrainer trainer =
            new SequenceTrainer(m, registry, t)
                .notes(Map.of("command", s.command(), "seed", Long.toString(s.seed())))
                .checkpointTo(model(kind));
        trainer.train(windows, curve);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", kind);
        r.put("steps", trainer.step());
        r.put("batch", t.batchSize());
        r.put("parameters", m.params().count());
        r.put("seconds", (System.nanoTime() - t0) / 1e9);
        r.put("curveSteps", curve.steps());
        r.put("curveLoss", curve.losses());
        results.put(key, r);
      }
    }
  }

  /** A listener that keeps a smoothed loss every 10 steps and forwards to another. */
  private static final class Curve implements TrainingListener {
    private final TrainingListener inner;
    private final List<Object> steps = new ArrayList<>();
    private final List<Object> losses = new ArrayList<>();
    private double sum;
    private int n;

    Curve(TrainingListener inner) {
      this.inner = inner;
    }

    @Override
    public void started(String kind, int firstStep, int total, long parameters) {
      inner.started(kind, firstStep, total, parameters);
    }

    @Override
    public void stepped(int step, int total, double loss, double lr, double norm, double seconds) {
      inner.stepped(step, total, loss, lr, norm, seconds);
      sum += loss;
      n++;
      if (step % 10 == 0 || step == total) {
        steps.add(step);
        losses.add(sum / n);
        sum = 0;
        n = 0;
      }
    }

    @Override
    public void validated(int step, double loss) {
      inner.validated(step, loss);
    }

    List<Object> steps() {
      return steps;
    }

    List<Object> losses() {
      return losses;
    }
  }

  private Checkpoint pretrainedCheckpoint(String kind) {
    Path file = model(kind);
    if (!Files.exists(file)) {
      throw new IllegalStateException(
          "no pretrained " + kind + " model at " + file + "; run the pretrain part first");
    }
    return Checkpoint.read(file);
  }

  // ----------------------------------------------------------------------------------- zero-shot

  private void zeroShot() {
    Held h = trainingData();
    Map<String, List<Trajectory>> zero = WorldModelData.read(data("zero-shot"), null);
    for (String kind : s.kinds()) {
      String key = "zero-shot-" + kind;
      if (results.has(key)) {
        continue;
      }
      Checkpoint c = pretrainedCheckpoint(kind);
      SystemRegistry registry = c.registry().copy();
      WorldModelData.register(registry, zero);
      List<WindowBatch> zeroWindows =
          new TrajectoryWindows(registry, zero, 1)
              .evaluation(config.window(), config.observed(), config.window(), s.evalWindows(), 32);
      List<WindowBatch> heldWindows =
          new TrajectoryWindows(registry, h.held(), 1)
              .evaluation(config.window(), config.observed(), config.window(), s.evalWindows(), 32);
      long t0 = System.nanoTime();
      try (SequenceModel m = SequenceModels.restore(c, device)) {
        PredictionError z = PredictionError.of(m, zeroWindows);
        PredictionError in = PredictionError.of(m, heldWindows);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", kind);
        r.put("mae", z.mae());
        r.put("mse", z.mse());
        r.put("windows", z.windows());
        r.put("systems", z.perSystem().size());
        r.put("perSystem", perSystem(z));
        r.put("inDistributionMae", in.mae());
        r.put("inDistributionMse", in.mse());
        r.put("inDistributionWindows", in.windows());
        r.put("seconds", (System.nanoTime() - t0) / 1e9);
        results.put(key, r);
        log.printf(
            "zero-shot %s: MAE %.4f MSE %.5f on %d systems; in-distribution MAE %.4f (%.0f s)%n",
            kind, z.mae(), z.mse(), z.perSystem().size(), in.mae(), (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  private static Map<String, Object> perSystem(PredictionError e) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> p : e.perSystem().entrySet()) {
      out.put(p.getKey(), List.of(p.getValue()[0], p.getValue()[1]));
    }
    return out;
  }

  // ------------------------------------------------------------------------------------ few-shot

  private void fewShot() {
    Held split = holdOutLast(WorldModelData.read(data("few-shot"), null), 2);
    Map<String, List<Trajectory>> tune = new LinkedHashMap<>();
    for (Map.Entry<String, List<Trajectory>> e : split.train().entrySet()) {
      tune.put(
          e.getKey(), e.getValue().subList(0, Math.min(s.fewShotEpisodes(), e.getValue().size())));
    }
    TrainingSettings t =
        training
            .withBatchSize(s.fineTuneBatch())
            .withSteps(s.fineTuneSteps(), Math.max(1, s.fineTuneSteps() / 10))
            .withLearningRate(s.fineTuneLr(), s.fineTuneLr() / 10);
    for (int seed = 1; seed <= s.seeds(); seed++) {
      for (String kind : s.kinds()) {
        String key = "few-shot-" + kind + "-seed" + seed;
        if (results.has(key)) {
          continue;
        }
        Checkpoint c = pretrainedCheckpoint(kind);
        SystemRegistry registry = c.registry().copy();
        WorldModelData.register(registry, tune);
        List<WindowBatch> eval =
            new TrajectoryWindows(registry, split.held(), 1)
                .evaluation(
                    config.window(), config.observed(), config.window(), s.evalWindows(), 32);
        long t0 = System.nanoTime();
        try (SequenceModel m = SequenceModels.restore(c, device)) {
          PredictionError before = PredictionError.of(m, eval);
          new SequenceTrainer(m, registry, t.withSeed(seed))
              .train(
                  new TrajectoryWindows(registry, tune, training.buckets()),
                  new TrainingProgress(log, "few-shot " + kind + " seed " + seed));
          PredictionError after = PredictionError.of(m, eval);
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("kind", kind);
          r.put("seed", seed);
          r.put("mae", after.mae());
          r.put("mse", after.mse());
          r.put("maeBeforeFineTuning", before.mae());
          r.put("windows", after.windows());
          r.put("systems", after.perSystem().size());
          r.put("perSystem", perSystem(after));
          r.put("seconds", (System.nanoTime() - t0) / 1e9);
          results.put(key, r);
          log.printf(
              "few-shot %s seed %d: MAE %.4f (before fine-tuning %.4f) MSE %.5f%n",
              kind, seed, after.mae(), before.mae(), after.mse());
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------- scaling

  /** The order in which training systems join the scaling runs: shuffled once, nested. */
  List<String> scalingOrder(List<String> ids) {
    List<String> order = new ArrayList<>(ids);
    Collections.shuffle(order, new java.util.Random(s.seed() * 7919 + 17));
    return order;
  }

  private void scaling() {
    Held h = trainingData();
    List<String> order = scalingOrder(new ArrayList<>(h.train().keySet()));
    TrainingSettings t =
        training.withSteps(
            s.scalingSteps(), Math.min(training.warmupSteps(), s.scalingSteps() / 10));
    for (String kind : List.of("westworld", "trajworld")) {
      for (int n : s.scalingSizes()) {
        String key = "scaling-" + kind + "-" + n;
        if (results.has(key)) {
          continue;
        }
        int count = Math.min(n, order.size());
        Map<String, List<Trajectory>> train = new LinkedHashMap<>();
        Map<String, List<Trajectory>> held = new LinkedHashMap<>();
        for (String id : order.subList(0, count)) {
          train.put(id, h.train().get(id));
          if (h.held().containsKey(id)) {
            held.put(id, h.held().get(id));
          }
        }
        SystemRegistry registry = WorldModelData.register(new SystemRegistry(), train);
        List<WindowBatch> eval =
            new TrajectoryWindows(registry, held, 1)
                .evaluation(
                    config.window(), config.observed(), config.window(), s.evalWindows(), 32);
        long t0 = System.nanoTime();
        try (SequenceModel m = SequenceModels.create(kind, config, device, s.seed())) {
          new SequenceTrainer(m, registry, t)
              .train(
                  new TrajectoryWindows(registry, train, training.buckets()),
                  new TrainingProgress(log, "scaling " + kind + " " + count + " systems"));
          PredictionError e = PredictionError.of(m, eval);
          Map<String, Object> r = new LinkedHashMap<>();
          r.put("kind", kind);
          r.put("systems", count);
          r.put("mae", e.mae());
          r.put("mse", e.mse());
          r.put("windows", e.windows());
          r.put("firstSystem", order.get(0));
          r.put(
              "firstSystemMae",
              e.perSystem().getOrDefault(order.get(0), new double[] {Double.NaN})[0]);
          r.put("seconds", (System.nanoTime() - t0) / 1e9);
          results.put(key, r);
          log.printf("scaling %s %d systems: MAE %.4f%n", kind, count, e.mae());
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------- control

  private record ControlTask(String robot, String task, MppiSettings mppi, int seeds, int steps) {}

  private List<ControlTask> controlTasks() {
    return List.of(
        new ControlTask(
            "cartpole",
            "swingup",
            MppiSettings.builtIn("cartpole", "swingup")
                .withSize(64, Math.min(40, config.window() - config.observed())),
            s.cartpoleSeeds(),
            500),
        new ControlTask(
            "cheetah",
            "run",
            MppiSettings.builtIn("cheetah", "run"),
            s.cheetahSeeds(),
            s.cheetahEpisodeSteps()));
  }

  private void control() {
    collectPlannerData();
    List<ControlTask> tasks = controlTasks();
    for (ControlTask ct : tasks) {
      // The robot's own data: episodes of noisy MPPI through the simulator. Exploration noise
      // alone drives a cart-pole's cart tens of metres away within 10 s, which would stretch
      // its normalisation ranges far beyond the task's.
      Map<String, List<Trajectory>> own =
          Map.of(ct.robot(), PlannerData.read(plannerFile(ct.robot())));
      TrainingSettings t = training.withSteps(s.controlSteps(), Math.max(1, s.controlSteps() / 10));
      // With pretraining: the pretrained WestWorld fine-tuned on the robot's own data.
      Path pre = model("control-" + ct.robot() + "-pretrained");
      if (!results.has("control-model-" + ct.robot() + "-pretrained")) {
        Checkpoint c = pretrainedCheckpoint("westworld");
        SystemRegistry registry = c.registry().copy();
        try (SequenceModel m = SequenceModels.restore(c, device)) {
          trainOn(
              m,
              registry,
              own,
              t.withLearningRate(s.fineTuneLr(), s.fineTuneLr() / 10),
              pre,
              "control " + ct.robot() + " fine-tune");
        }
        results.put("control-model-" + ct.robot() + "-pretrained", Map.of("file", pre.toString()));
      }
      // Without: the same data and steps from fresh parameters.
      Path scratch = model("control-" + ct.robot() + "-scratch");
      if (!results.has("control-model-" + ct.robot() + "-scratch")) {
        try (SequenceModel m = SequenceModels.create("westworld", config, device, s.seed())) {
          trainOn(m, new SystemRegistry(), own, t, scratch, "control " + ct.robot() + " scratch");
        }
        results.put("control-model-" + ct.robot() + "-scratch", Map.of("file", scratch.toString()));
      }
      RobotSystem system = Systems.get(ct.robot());
      TaskSpec task = system.task(ct.task());
      for (String variant : List.of("pretrained", "scratch", "oracle")) {
        String key = "control-" + ct.robot() + "-" + variant;
        if (results.has(key)) {
          continue;
        }
        List<Object> returns = new ArrayList<>();
        List<Object> successes = new ArrayList<>();
        double seconds = 0;
        SequenceModel m = null;
        try {
          Dynamics dynamics;
          if (variant.equals("oracle")) {
            dynamics = new SimulatorDynamics(system.morphology(), SimConfig.DEFAULT);
          } else {
            Checkpoint c = Checkpoint.read(model("control-" + ct.robot() + "-" + variant));
            m = SequenceModels.restore(c, device);
            // The last observed − 1 steps the robot took precede each plan, as in training.
            dynamics = new WestWorldDynamics(m, c.registry(), ct.robot(), config.observed() - 1);
          }
          for (int seed = 1; seed <= ct.seeds(); seed++) {
            ControlEpisode.Outcome o =
                ControlEpisode.run(system, task, dynamics, ct.mppi(), 1000 + seed, ct.steps());
            returns.add(o.totalReward());
            successes.add(o.success() ? 1 : 0);
            seconds += o.seconds();
            log.printf(
                "control %s %s seed %d: return %.1f%s (%d steps, %.0f s)%n",
                ct.robot(),
                variant,
                seed,
                o.totalReward(),
                o.success() ? ", success" : "",
                o.steps(),
                o.seconds());
          }
        } finally {
          if (m != null) {
            m.close();
          }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("robot", ct.robot());
        r.put("task", ct.task());
        r.put("variant", variant);
        r.put("returns", returns);
        r.put("successes", successes);
        r.put("steps", ct.steps());
        r.put("samples", ct.mppi().samples());
        r.put("horizon", ct.mppi().horizon());
        r.put("seconds", seconds);
        results.put(key, r);
      }
    }
  }

  private void trainOn(
      SequenceModel m,
      SystemRegistry registry,
      Map<String, List<Trajectory>> data,
      TrainingSettings t,
      Path file,
      String label) {
    for (Map.Entry<String, List<Trajectory>> e : data.entrySet()) {
      // The robot's own data sets its ranges in both arms, so both see the same inputs.
      registry.fit(WorldModelData.layout(e.getKey()), e.getValue());
    }
    new SequenceTrainer(m, registry, t)
        .train(new TrajectoryWindows(registry, data, 1), new TrainingProgress(log, label));
    Checkpoint.of(m, registry, Map.of("command", s.command(), "purpose", label)).write(file);
  }
}
