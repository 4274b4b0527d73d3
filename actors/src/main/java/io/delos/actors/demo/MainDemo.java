package io.delos.actors.demo;

import com.typesafe.config.Config;
import io.delos.actors.control.ControllerActor;
import io.delos.actors.demo.report.ReportWriter;
import io.delos.actors.demo.report.RunRecord;
import io.delos.actors.grpc.GrpcServer;
import io.delos.actors.robot.Pacing;
import io.delos.actors.robot.RobotSettings;
import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.runtime.DelosRuntime;
import io.delos.actors.runtime.GrpcSettings;
import io.delos.actors.store.TrajectoryStore;
import io.delos.controllers.Policy;
import io.delos.controllers.cost.CostFunction;
import io.delos.controllers.mppi.Mppi;
import io.delos.controllers.mppi.MppiSettings;
import io.delos.controllers.plan.RecedingHorizonController;
import io.delos.robots.catalogue.Catalogue;
import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.dataset.PolicySpec;
import io.delos.robots.dataset.RolloutPolicy;
import io.delos.sim.Dynamics;
import io.delos.sim.StepFlags;
import io.delos.sim.Trajectory;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.SimulatorDynamics;
import io.delos.sim.render.Camera;
import io.delos.sim.render.Ghosts;
import io.delos.sim.render.ImageFiles;
import io.delos.sim.render.Overlay;
import io.delos.sim.render.Renderer;
import io.delos.sim.task.SuccessCriteria;
import io.delos.sim.task.TaskSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The main job: robots from several families stream trajectories into the store; a world model
 * learns from the stream; model-predictive controllers then drive held-out tasks through the
 * learned model, next to the same controllers planning through the simulator oracle; a report
 * folder with a results table, plots and animations is written.
 *
 * <p>Every phase watches the stop flag (Ctrl-C), so a stopped run still writes what it has.
 */
public final class MainDemo {
  /**
   * How the demo runs.
   *
   * @param robots families streaming data
   * @param tasks "family:task" pairs controlled at the end
   * @param minutes wall-time budget for streaming and learning together (control runs after)
   * @param seed seeds episodes, exploration and models
   * @param out report folder
   * @param report whether to write the report
   * @param controlSeeds episodes per task and model
   */
  public record Options(
      List<String> robots,
      List<String> tasks,
      double minutes,
      long seed,
      Path out,
      boolean report,
      int controlSeeds) {
    /** Validates the options, naming the bad one. */
    public Options {
      robots = List.copyOf(robots);
      tasks = List.copyOf(tasks);
      for (String r : robots) {
        if (!Catalogue.families().contains(r)) {
          throw new IllegalArgumentException(
              "--robots: unknown robot '" + r + "'; known: " + Catalogue.families());
        }
      }
      for (String t : tasks) {
        int colon = t.indexOf(':');
        if (colon < 1) {
          throw new IllegalArgumentException(
              "--tasks: '" + t + "' is not family:task, for example cartpole:swingup");
        }
        RobotSystem s = Catalogue.system(t.substring(0, colon));
        s.task(t.substring(colon + 1));
      }
      if (!(minutes > 0 && minutes <= 600)) {
        throw new IllegalArgumentException("--minutes = " + minutes + ": allowed (0, 600]");
      }
      if (controlSeeds < 1 || controlSeeds > 20) {
        throw new IllegalArgumentException(
            "--control-seeds = " + controlSeeds + ": allowed 1 to 20");
      }
    }
  }

  private final Options options;
  private final Config config;
  private final PrintStream out;
  private final AtomicBoolean stop;
  private final Map<String, String> facts = new LinkedHashMap<>();
  private final List<RunRecord.TaskResult> results = new ArrayList<>();
  private final List<RunRecord.Curve> curves = new ArrayList<>();
  private final List<RunRecord.Animation> animations = new ArrayList<>();
  private final Map<String, List<double[]>> lossCurves = new LinkedHashMap<>();
  private final AtomicReference<String> status = new AtomicReference<>("starting");

  /**
   * Prepares a run.
   *
   * @param options what to run
   * @param config resolved configuration
   * @param out where progress goes
   * @param stop set to true to stop early (Ctrl-C)
   */
  public MainDemo(Options options, Config config, PrintStream out, AtomicBoolean stop) {
    this.options = options;
    this.config = config;
    this.out = out;
    this.stop = stop;
  }

  /** Runs every phase and writes the report; returns what was measured. */
  public RunRecord run() throws IOException {
    Instant started = Instant.now();
    Files.createDirectories(options.out());
    facts.put("date", started.toString());
    facts.put(
        "machine",
        Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch"));
    facts.put("seed", Long.toString(options.seed()));
    out.println("Delos demo: robots stream, a world model learns, controllers plan through it.");
    TrajectoryStore.Settings store =
        new TrajectoryStore.Settings(
            options.out().resolve("store"), 2_000_000, Duration.ofSeconds(1));
    try (DelosRuntime runtime = DelosRuntime.start(config, "delos-demo", store);
        GrpcServer grpc = startGrpc(runtime);
        LearnedModels models = new MlpModels(options.seed())) {
      out.printf(
          "  gRPC on 127.0.0.1:%d (for example: grpcurl -plaintext 127.0.0.1:%d list)%n",
          grpc.port(), grpc.port());
      Progress progress = new Progress(runtime);
      progress.start();
      try {
        Map<String, RobotSystem> systems = new LinkedHashMap<>();
        for (String family : options.robots()) {
          systems.put(family, Catalogue.system(family));
        }
        for (String t : options.tasks()) {
          String family = t.substring(0, t.indexOf(':'));
          systems.putIfAbsent(family, Catalogue.system(family));
        }
        long budgetNanos = (long) (options.minutes() * 60e9);
        Map<String, List<Trajectory>> data =
            stream(runtime, systems, Duration.ofNanos(budgetNanos * 55 / 100));
        learn(models, systems, data, Duration.ofNanos(budgetNanos * 45 / 100));
        control(runtime, models);
      } finally {
        progress.stop();
      }
    } catch (RuntimeException e) {
      out.println();
      out.println("  stopped by an error: " + e);
      facts.put("error", e.toString());
    }
    facts.put(
        "duration",
        String.format(
            Locale.ROOT, "%.0f s", Duration.between(started, Instant.now()).toMillis() / 1000.0));
    if (stop.get()) {
      facts.put("stopped early", "yes (Ctrl-C); the report holds what was done");
    }
    RunRecord run = new RunRecord("Delos demo", facts, results, curves, animations);
    if (options.report()) {
      Path index = ReportWriter.write(options.out(), run);
      out.println("Report: " + index.toAbsolutePath());
    }
    return run;
  }

  private GrpcServer startGrpc(DelosRuntime runtime) {
    GrpcSettings settings = GrpcSettings.from(config);
    try {
      return GrpcServer.start(settings, runtime);
    } catch (UncheckedIOException taken) {
      return GrpcServer.start(settings.withPort(0), runtime);
    }
  }

  // ---- Phase 1: robots stream trajectories into the store ------------------------------------

  private Map<String, List<Trajectory>> stream(
      DelosRuntime runtime, Map<String, RobotSystem> systems, Duration budget) {
    status.set("streaming");
    List<String> ids = new ArrayList<>();
    int k = 0;
    for (RobotSystem system : systems.values()) {
      TaskSpec task = system.defaultTask();
      for (int copy = 0; copy < 2; copy++) {
        String id = system.id() + "-explore-" + copy;
        long seed = options.seed() * 1000 + k++;
        RobotSettings settings = runtime.robotDefaults().withPacing(Pacing.FREE_RUN).withSeed(seed);
        ActorRef<RobotSystemActor.Command> robot =
            runtime.spawnRobot(id, system.id(), () -> system.environment(task), settings);
        runtime.spawnController(
            "explorer-" + id,
            explorer(system, seed),
            new double[system.actionSize()],
            new ControllerActor.Settings(
                Duration.ofMillis(50), new ControllerActor.Fallback.Hold(), false),
            robot);
        ids.add(id);
      }
    }
    facts.put("robots streaming", ids.size() + " (" + String.join(", ", systems.keySet()) + ")");
    long end = System.nanoTime() + budget.toNanos();
    while (System.nanoTime() < end && !stop.get()) {
      sleep(200);
    }
    runtime.stopRobots(Duration.ofSeconds(30));
    Map<String, List<Trajectory>> data = new LinkedHashMap<>();
    long transitions = 0;
    for (String id : ids) {
      Trajectory t = runtime.trajectory(id);
      if (t.length() > 1) {
        String family = id.substring(0, id.indexOf("-explore-"));
        data.computeIfAbsent(family, f -> new ArrayList<>()).add(t);
        transitions += t.length();
      }
    }
    facts.put("transitions streamed", String.format(Locale.ROOT, "%,d", transitions));
    return data;
  }

  private static Policy explorer(RobotSystem system, long seed) {
    RolloutPolicy policy = PolicySpec.of("coloured").create(SimConfig.DEFAULT.controlPeriod());
    policy.reset(system.morphology(), new SplittableRandom(seed));
    return state -> policy.act(state.observation().toArray());
  }

  // ---- Phase 2: the world model learns from the stream ---------------------------------------

  private void learn(
      LearnedModels models,
      Map<String, RobotSystem> systems,
      Map<String, List<Trajectory>> data,
      Duration budget) {
    if (stop.get() || data.isEmpty()) {
      return;
    }
    status.set("learning");
    models.learn(
        systems,
        data,
        budget,
        (curve, step, loss) -> {
          lossCurves.computeIfAbsent(curve, c -> new ArrayList<>()).add(new double[] {step, loss});
          status.set(String.format(Locale.ROOT, "learning: %s loss %.4f", curve, loss));
        },
        stop::get);
    List<RunRecord.Series> series = new ArrayList<>();
    lossCurves.forEach(
        (name, points) ->
            series.add(
                new RunRecord.Series(
                    name,
                    points.stream().map(p -> p[0]).toList(),
                    points.stream().map(p -> p[1]).toList(),
                    false)));
    if (!series.isEmpty()) {
      curves.add(
          new RunRecord.Curve(
              "learning.png", "World-model learning", "epoch", "validation loss", series));
    }
  }

  // ---- Phase 3: controllers plan through the learned model and through the oracle -----------

  private void control(DelosRuntime runtime, LearnedModels models) throws IOException {
    for (String t : options.tasks()) {
      String family = t.substring(0, t.indexOf(':'));
      RobotSystem system = Catalogue.system(family);
      TaskSpec task = system.task(t.substring(t.indexOf(':') + 1));
      for (int s = 0; s < options.controlSeeds() && !stop.get(); s++) {
        long seed = options.seed() * 100 + s;
        Dynamics learned = models.dynamics(family);
        if (learned != null) {
          episode(runtime, system, task, models.name(), learned, seed, s == 0);
        }
        if (stop.get()) {
          break;
        }
        episode(
            runtime,
            system,
            task,
            "oracle",
            new SimulatorDynamics(system.morphology(), SimConfig.DEFAULT),
            seed,
            s == 0);
      }
    }
  }

  private void episode(
      DelosRuntime runtime,
      RobotSystem system,
      TaskSpec task,
      String modelName,
      Dynamics model,
      long seed,
      boolean animate)
      throws IOException {
    String id = system.id() + "-" + task.name() + "-" + modelName + "-" + seed;
    status.set("controlling " + id);
    MppiSettings settings = MppiSettings.builtIn(system.id(), task.name()).withSeed(seed);
    Mppi mppi =
        new Mppi(
            model,
            new CostFunction(
                task,
                system.morphology().observationSpace(),
                system.morphology().actionSpace(),
                settings.constraintWeight()),
            system.morphology().actionSpace(),
            settings,
            System::nanoTime);
    RecordingPolicy policy =
        new RecordingPolicy(new RecedingHorizonController(mppi, Duration.ofSeconds(5)));
    RobotSettings robotSettings =
        new RobotSettings(
            Pacing.LOCK_STEP,
            runtime.robotDefaults().chunkSize(),
            runtime.robotDefaults().maxChunksInFlight(),
            Duration.ofSeconds(60),
            seed,
            task.maxSteps());
    ActorRef<RobotSystemActor.Command> robot =
        runtime.spawnRobot(id, system.id(), () -> system.environment(task), robotSettings);
    CompletableFuture<RobotSystemActor.EpisodeEnded> ended = runtime.nextEpisodeEnd(robot);
    runtime.spawnController(
        "controller-" + id,
        policy,
        new double[system.actionSize()],
        new ControllerActor.Settings(
            Duration.ofSeconds(30), new ControllerActor.Fallback.Hold(), true),
        robot);
    RobotSystemActor.EpisodeEnded end = null;
    while (end == null && !stop.get()) {
      try {
        end = ended.get(200, TimeUnit.MILLISECONDS);
      } catch (TimeoutException notYet) {
        // keep waiting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException e) {
        throw new IllegalStateException("episode watcher failed", e.getCause());
      }
    }
    runtime.stopRobot(id, Duration.ofSeconds(30));
    Trajectory all = runtime.trajectory(id);
    int last = firstEnd(all);
    Trajectory t = last >= 0 ? all.slice(0, last + 1) : all;
    List<RecordingPolicy.Step> steps = policy.steps();
    SuccessCriteria judge = new SuccessCriteria(task, system.morphology().observationSpace());
    for (int k = 1; k < t.length(); k++) {
      judge.observe(t.observation(k));
    }
    if (end != null) {
      judge.observe(end.terminalObservation().toArray());
    }
    boolean endedEarly =
        end == null || !end.endReason().equals(io.delos.sim.EndReason.TIME_LIMIT.name());
    boolean success = judge.succeeded(endedEarly);
    double ret = end != null ? end.episodeReturn() : t.totalReward();
    long planNanos = 0;
    int plans = 0;
    for (RecordingPolicy.Step st : steps) {
      if (st.replanned()) {
        planNanos += st.planNanos();
        plans++;
      }
    }
    double error = modelError(system, t, steps);
    results.add(
        new RunRecord.TaskResult(
            system.id(),
            task.name(),
            "mppi",
            modelName,
            seed,
            success,
            ret,
            plans == 0 ? 0 : plans / (planNanos / 1e9),
            error,
            t.length()));
    if (animate && options.report()) {
      String file = id + ".gif";
      animate(system, task, steps, options.out().resolve(file));
      animations.add(
          new RunRecord.Animation(
              file,
              system.id()
                  + " "
                  + task.name()
                  + ", MPPI through "
                  + modelName
                  + (success ? " (success)" : " (no success)")
                  + "; faint ghosts show the plan"));
    }
    out.printf(
        "%n  %-10s %-9s through %-7s seed %d: %s, return %.1f%n",
        system.id(), task.name(), modelName, seed, success ? "success" : "no success", ret);
  }

  /** Index of the first row that ends an episode, or -1. */
  private static int firstEnd(Trajectory t) {
    for (int k = 0; k < t.length(); k++) {
      if (StepFlags.endsEpisode(t.flags(k))) {
        return k;
      }
    }
    return -1;
  }

  /**
   * Mean absolute error of the plans' first ten predicted steps against what happened, on
   * observations normalised by each channel's spread over the episode.
   */
  private static double modelError(
      RobotSystem system, Trajectory t, List<RecordingPolicy.Step> steps) {
    int n = system.observationSize();
    int len = t.length();
    if (len < 2) {
      return Double.NaN;
    }
    double[] spread = new double[n];
    for (int c = 0; c < n; c++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < len; k++) {
        min = Math.min(min, t.observation(k, c));
        max = Math.max(max, t.observation(k, c));
      }
      spread[c] = Math.max(1e-3, max - min);
    }
    double sum = 0;
    long count = 0;
    for (int k = 0; k < Math.min(steps.size(), len); k++) {
      double[] p = steps.get(k).predicted();
      int horizon = p.length / n;
      for (int h = 0; h < Math.min(10, horizon) && k + 1 + h < len; h++) {
        for (int c = 0; c < n; c++) {
          sum += Math.abs(p[h * n + c] - t.observation(k + 1 + h, c)) / spread[c];
          count++;
        }
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  private static void animate(
      RobotSystem system, TaskSpec task, List<RecordingPolicy.Step> steps, Path file)
      throws IOException {
    MorphologyEnvironment env = system.environment(task);
    env.reset(0);
    Ghosts ghosts;
    try {
      ghosts = new Ghosts(system.morphology());
    } catch (IllegalArgumentException notFullState) {
      ghosts = null;
    }
    Renderer renderer = new Renderer();
    Camera camera = null;
    List<BufferedImage> frames = new ArrayList<>();
    int n = system.observationSize();
    for (int k = 0; k < steps.size(); k += 2) {
      RecordingPolicy.Step st = steps.get(k);
      if (st.snapshot() == null) {
        continue;
      }
      env.restore(st.snapshot());
      if (camera == null) {
        camera = Camera.fit(env.world().outlines(), 360, 270, 1.5);
      }
      List<double[]> future = new ArrayList<>();
      int horizon = st.predicted().length / n;
      for (int h = 4; h < horizon; h += 8) {
        future.add(java.util.Arrays.copyOfRange(st.predicted(), h * n, (h + 1) * n));
      }
      Overlay overlay =
          new Overlay(
              ghosts == null ? List.of() : ghosts.of(future),
              List.of(),
              List.of(String.format(Locale.ROOT, "t = %.2f s", env.time())));
      frames.add(renderer.render(env.world(), camera, overlay));
    }
    if (!frames.isEmpty()) {
      ImageFiles.writeGif(frames, file, 40);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints one updating line: robots, transitions, the phase. */
  private final class Progress {
    private final DelosRuntime runtime;
    private final Thread thread;
    private volatile boolean running = true;

    Progress(DelosRuntime runtime) {
      this.runtime = runtime;
      this.thread = new Thread(this::loop, "delos-demo-progress");
      this.thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() {
      running = false;
      thread.interrupt();
      out.println();
    }

    private void loop() {
      long t0 = System.nanoTime();
      while (running) {
        try {
          TrajectoryStore.Stats s = runtime.storeStats();
          int robots = runtime.robots().size();
          long secs = (System.nanoTime() - t0) / 1_000_000_000L;
          out.printf(
              "\r  [%d:%02d] robots %d | transitions %,d | %s          ",
              secs / 60, secs % 60, robots, s.totalRows(), status.get());
          out.flush();
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          // the runtime is shutting down
          return;
        }
      }
    }
  }
}
