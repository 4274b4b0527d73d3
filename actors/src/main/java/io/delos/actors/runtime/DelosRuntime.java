package io.delos.actors.runtime;

import com.typesafe.config.Config;
import io.delos.actors.cluster.ClusterSettings;
import io.delos.actors.cluster.RobotBlueprint;
import io.delos.actors.cluster.ShardedRobots;
import io.delos.actors.control.ControllerActor;
import io.delos.actors.forecast.ForecasterHost;
import io.delos.actors.interpretable.CatHost;
import io.delos.actors.model.ModelHost;
import io.delos.actors.robot.RobotSettings;
import io.delos.actors.robot.RobotSystemActor;
import io.delos.actors.sensing.SensingHost;
import io.delos.actors.sensing.TokenizerHost;
import io.delos.actors.steering.SteeringHost;
import io.delos.actors.store.TrajectoryStore;
import io.delos.actors.symbolic.SymbolicRegressionActor;
import io.delos.actors.symbolic.SymbolicSettings;
import io.delos.controllers.Policy;
import io.delos.sim.Dynamics;
import io.delos.sim.Environment;
import io.delos.sim.Trajectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The running system in one JVM: a Pekko actor system, the trajectory store, robots and their
 * controllers.
 *
 * <p>Threading: the methods may be called from any thread; they talk to actors by messages and
 * block (up to the given timeouts) only where they return a value.
 */
public final class DelosRuntime implements AutoCloseable {
  /** Dispatcher that robot-system actors (JBox2D stepping) run on. */
  public static final String SIMULATION_DISPATCHER = "delos.dispatchers.simulation";

  /** Dispatcher of the trajectory store (file I/O). */
  public static final String IO_DISPATCHER = "delos.dispatchers.io";

  private final ActorSystem<SpawnProtocol.Command> system;
  private final Config config;
  private final ActorRef<TrajectoryStore.Command> store;
  private final Map<String, ActorRef<RobotSystemActor.Command>> robots =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Duration askTimeout = Duration.ofSeconds(10);

  private final ExecutorService planning;
  private final ExecutorService models;
  private final ExecutorService symbolic;
  private final SymbolicSettings symbolicSettings;

  private final ShardedRobots sharded;

  private DelosRuntime(
      Config config,
      String name,
      TrajectoryStore.Settings storeSettings,
      ClusterSettings cluster,
      Function<String, RobotBlueprint> blueprints) {
    this.config = cluster == null ? config : cluster.applyTo(config, name);
    this.system = ActorSystem.create(SpawnProtocol.create(), name, this.config);
    this.store =
        spawn(
            TrajectoryStore.create(storeSettings),
            "trajectory-store",
            DispatcherSelector.fromConfig(IO_DISPATCHER));
    this.sharded =
        cluster == null
            ? null
            : new ShardedRobots(system, blueprints, store, SIMULATION_DISPATCHER);
    this.planning =
        Executors.newFixedThreadPool(
            config.getInt("delos.planning.threads"), daemonThreads("delos-planning"));
    this.models =
        Executors.newFixedThreadPool(
            config.getInt("delos.models.threads"), daemonThreads("delos-model"));
    this.symbolicSettings = SymbolicSettings.from(config);
    this.symbolic =
        Executors.newFixedThreadPool(symbolicSettings.maxJobs(), daemonThreads("delos-symbolic"));
    // On any shutdown (close(), Ctrl-C, SIGTERM) robots first send their partial chunks and wait
    // for the store's acknowledgement; the store then forces its log to disk when it stops.
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeServiceUnbind(),
            "stop-robots",
            () -> stopRobotsAsync(Duration.ofSeconds(10)).thenApply(v -> Done.getInstance()));
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    java.util.concurrent.atomic.AtomicInteger count =
        new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The pool planners run on (blocking work, off the actors' dispatchers). */
  public ExecutorService planningExecutor() {
    return planning;
  }

  /** The pool model hosts run rollouts on. */
  public ExecutorService modelExecutor() {
    return models;
  }

  /** How symbolic regression jobs are hosted ({@code delos.symbolic}). */
  public SymbolicSettings symbolicSettings() {
    return symbolicSettings;
  }

  /**
   * Starts a symbolic regression job host whose jobs run on this runtime's job pool ({@code
   * delos.symbolic.max-jobs} threads, shared by every host of the runtime). It restarts after an
   * unexpected failure, cancelling the jobs it ran.
   *
   * @param engine runs one regression ({@link SymbolicRegressionActor#SCALESR})
   */
  public ActorRef<SymbolicRegressionActor.Command> spawnSymbolicRegression(
      SymbolicRegressionActor.Engine engine) {
    Behavior<SymbolicRegressionActor.Command> host =
        Behaviors.supervise(
                SymbolicRegressionActor.create(symbolicSettings.maxJobs(), symbolic, engine))
            .onFailure(SupervisorStrategy.restart());
    return spawn(host, "symbolic-regression-" + symbolicHosts.incrementAndGet(), Props.empty());
  }

  private final java.util.concurrent.atomic.AtomicLong symbolicHosts =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Starts a model host.
   *
   * @param name actor name
   * @param model loads the model (again after a restart)
   * @param version version label
   * @param batching micro-batching settings
   */
  public ActorRef<ModelHost.Command> spawnModelHost(
      String name, Supplier<Dynamics> model, String version, ModelHost.Batching batching) {
    Behavior<ModelHost.Command> host =
        Behaviors.supervise(ModelHost.create(model, version, models, batching))
            .onFailure(SupervisorStrategy.restart());
    return spawn(host, name, Props.empty());
  }

  /**
   * Starts a host of the Phy-SSM forecasters saved in {@code delos.models.directory}; forecasts run
   * on the model executor.
   *
   * @param name actor name, unique
   * @param capacity most forecasters loaded at once, >= 1
   */
  public ActorRef<ForecasterHost.Command> spawnForecasterHost(String name, int capacity) {
    String dir = config.getString("delos.models.directory");
    return spawn(
        ForecasterHost.create(
            dir.isEmpty() ? null : java.nio.file.Path.of(dir),
            capacity,
            config.getInt("delos.models.forecast-draws"),
            config.getLong("delos.models.forecast-seed"),
            models),
        name,
        Props.empty());
  }

  /**
   * Starts a host of the SPAR models saved in {@code delos.models.directory}; the models run on the
   * model executor.
   *
   * @param name actor name, unique
   * @param capacity most models loaded at once, >= 1
   */
  public ActorRef<SensingHost.Command> spawnSensingHost(String name, int capacity) {
    String dir = config.getString("delos.models.directory");
    return spawn(
        SensingHost.create(dir.isEmpty() ? null : java.nio.file.Path.of(dir), capacity, models),
        name,
        Props.empty());
  }

  /**
   * Starts a runtime.
   *
   * @param config resolved configuration (see {@code reference.conf})
   * @param name actor system name
   */
  public static DelosRuntime start(Config config, String name) {
    return new DelosRuntime(config, name, StoreSettingsFromConfig.read(config), null, null);
  }

  /**
   * Starts a runtime as a node of a Pekko cluster; robots become sharded entities.
   *
   * @param config resolved configuration
   * @param name actor system name, the same on every node
   * @param store where this node keeps the trajectories of the robots it hosts
   * @param cluster this node's address and the seed nodes
   * @param blueprints turns a robot id into the robot to run; the same function on every node
   */
  public static DelosRuntime startClustered(
      Config config,
      String name,
      TrajectoryStore.Settings store,
      ClusterSettings cluster,
      Function<String, RobotBlueprint> blueprints) {
    return new DelosRuntime(
        config, name, store, Objects.requireNonNull(cluster, "cluster"), blueprints);
  }

  /** True when this runtime is a cluster node. */
  public boolean clustered() {
    return sharded != null;
  }

  /**
   * Starts robot {@code id} somewhere in the cluster, as its blueprint describes.
   *
   * @throws IllegalStateException when the runtime is not clustered
   */
  public void startClusterRobot(String id) {
    if (sharded == null) {
      throw new IllegalStateException("not a cluster node: use spawnRobot");
    }
    sharded.start(id, askTimeout).toCompletableFuture().join();
  }

  /**
   * Starts a runtime with explicit store settings.
   *
   * @param config resolved configuration
   * @param name actor system name
   * @param store where and how trajectories are kept
   */
  public static DelosRuntime start(Config config, String name, TrajectoryStore.Settings store) {
    return new DelosRuntime(config, name, store, null, null);
  }

  /** The configuration. */
  public Config config() {
    return config;
  }

  /** The actor system. */
  public ActorSystem<SpawnProtocol.Command> system() {
    return system;
  }

  /** The trajectory store. */
  public ActorRef<TrajectoryStore.Command> store() {
    return store;
  }

  /** Robot settings from the configuration. */
  public RobotSettings robotDefaults() {
    return RobotDefaults.from(config);
  }

  /**
   * Starts a host of fitted CAT models.
   *
   * @param name actor name, unique
   * @param capacity most models held at once, >= 1
   */
  public ActorRef<CatHost.Command> spawnCatHost(String name, int capacity) {
    return spawn(CatHost.create(capacity), name, Props.empty());
  }

  /**
   * Starts a host of fitted steerers (ODESteer and its baselines).
   *
   * @param name the actor's name, unique in the system
   * @param capacity most steerers held at once, >= 1
   */
  public ActorRef<SteeringHost.Command> spawnSteeringHost(String name, int capacity) {
    return spawn(SteeringHost.create(capacity), name, Props.empty());
  }

  /**
   * Starts a Dywave tokenizer host.
   *
   * @param name actor name, unique
   * @param capacity most tokenized signals remembered for reconstruction errors, >= 1
   */
  public ActorRef<TokenizerHost.Command> spawnTokenizerHost(String name, int capacity) {
    return spawn(TokenizerHost.create(capacity), name, Props.empty());
  }

  private <T> ActorRef<T> spawn(Behavior<T> behavior, String name, Props props) {
    CompletionStage<ActorRef<T>> ref =
        AskPattern.ask(
            system,
            (ActorRef<ActorRef<T>> replyTo) ->
                new SpawnProtocol.Spawn<>(behavior, name, props, replyTo),
            askTimeout,
            system.scheduler());
    return ref.toCompletableFuture().join();
  }

  /**
   * Starts a robot-system actor.
   *
   * @param systemId unique id
   * @param family catalogue family
   * @param environment creates the robot's environment (called inside the actor)
   * @param settings pacing, chunking and seeds
   * @return the robot's reference
   * @throws IllegalArgumentException when the id is taken
   */
  public ActorRef<RobotSystemActor.Command> spawnRobot(
      String systemId, String family, Supplier<Environment> environment, RobotSettings settings) {
    if (sharded != null) {
      throw new IllegalStateException(
          "cluster nodes start robots from blueprints: use startClusterRobot");
    }
    synchronized (robots) {
      if (robots.containsKey(systemId)) {
        throw new IllegalArgumentException("robot system '" + systemId + "' already runs");
      }
      Behavior<RobotSystemActor.Command> robot =
          Behaviors.supervise(
                  RobotSystemActor.create(systemId, family, environment, settings, store))
              .onFailure(
                  SupervisorStrategy.restartWithBackoff(
                      Duration.ofMillis(100), Duration.ofSeconds(10), 0.2));
      ActorRef<RobotSystemActor.Command> ref =
          spawn(robot, "robot-" + systemId, DispatcherSelector.fromConfig(SIMULATION_DISPATCHER));
      robots.put(systemId, ref);
      return ref;
    }
  }

  /**
   * Starts a controller for a robot; its policy runs on the planning pool.
   *
   * @param name actor name
   * @param policy computes actions
   * @param restingAction held before the first plan
   * @param settings deadline, fallback, snapshot request
   * @param robot the robot to control
   */
  public ActorRef<ControllerActor.Command> spawnController(
      String name,
      Policy policy,
      double[] restingAction,
      ControllerActor.Settings settings,
      ActorRef<RobotSystemActor.Command> robot) {
    return spawn(
        ControllerActor.create(policy, restingAction, settings, planning, robot),
        name,
        Props.empty());
  }

  /** The running robots by id, in start order. */
  public Map<String, ActorRef<RobotSystemActor.Command>> robots() {
    synchronized (robots) {
      return Map.copyOf(robots);
    }
  }

  /** Asks every robot for its status, in start order. */
  public CompletionStage<List<RobotSystemActor.Status>> robotStatuses(Duration timeout) {
    if (sharded != null) {
      return sharded.statuses(timeout);
    }
    List<ActorRef<RobotSystemActor.Command>> refs;
    synchronized (robots) {
      refs = new ArrayList<>(robots.values());
    }
    List<CompletableFuture<RobotSystemActor.Status>> futures = new ArrayList<>();
    for (ActorRef<RobotSystemActor.Command> r : refs) {
      futures.add(
          AskPattern.ask(
                  r,
                  (ActorRef<RobotSystemActor.Status> replyTo) ->
                      new RobotSystemActor.GetStatus(replyTo),
                  timeout,
                  system.scheduler())
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
        .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
  }

  /** Everything the store holds for {@code systemId}. */
  public Trajectory trajectory(String systemId) {
    return AskPattern.ask(
            store,
            (ActorRef<Trajectory> replyTo) -> new TrajectoryStore.Get(systemId, replyTo),
            askTimeout,
            system.scheduler())
        .toCompletableFuture()
        .join();
  }

  /** The store's counts. */
  public TrajectoryStore.Stats storeStats() {
    return AskPattern.ask(
            store,
            (ActorRef<TrajectoryStore.Stats> replyTo) -> new TrajectoryStore.GetStats(replyTo),
            askTimeout,
            system.scheduler())
        .toCompletableFuture()
        .join();
  }

  /**
   * The next episode end of {@code robot}, from the moment of this call.
   *
   * @param robot the robot to watch
   */
  public CompletableFuture<RobotSystemActor.EpisodeEnded> nextEpisodeEnd(
      ActorRef<RobotSystemActor.Command> robot) {
    CompletableFuture<RobotSystemActor.EpisodeEnded> result = new CompletableFuture<>();
    Behavior<RobotSystemActor.EpisodeEnded> watcher =
        Behaviors.setup(
            ctx -> {
              robot.tell(new RobotSystemActor.WatchEpisodes(ctx.getSelf()));
              return Behaviors.receive(RobotSystemActor.EpisodeEnded.class)
                  .onAnyMessage(
                      e -> {
                        result.complete(e);
                        return Behaviors.stopped();
                      })
                  .build();
            });
    spawn(watcher, "episode-watcher-" + watchers.incrementAndGet(), Props.empty());
    return result;
  }

  private final java.util.concurrent.atomic.AtomicLong watchers =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * Stops one robot gracefully: it sends its partial chunk and waits for the store.
   *
   * @param systemId the robot
   * @param timeout how long to wait
   * @return false when no such robot runs
   */
  public boolean stopRobot(String systemId, Duration timeout) {
    ActorRef<RobotSystemActor.Command> ref;
    synchronized (robots) {
      ref = robots.remove(systemId);
    }
    if (ref == null) {
      return false;
    }
    AskPattern.ask(
            ref,
            (ActorRef<RobotSystemActor.Stopped> replyTo) -> new RobotSystemActor.Stop(replyTo),
            timeout,
            system.scheduler())
        .toCompletableFuture()
        .join();
    return true;
  }

  /**
   * Stops every robot gracefully: each sends its partial chunk and waits for the store to
   * acknowledge everything.
   */
  public void stopRobots(Duration timeout) {
    stopRobotsAsync(timeout).toCompletableFuture().join();
  }

  private CompletionStage<Void> stopRobotsAsync(Duration timeout) {
    List<ActorRef<RobotSystemActor.Command>> refs;
    synchronized (robots) {
      refs = new ArrayList<>(robots.values());
      robots.clear();
    }
    List<CompletableFuture<RobotSystemActor.Stopped>> futures = new ArrayList<>();
    for (ActorRef<RobotSystemActor.Command> r : refs) {
      futures.add(
          AskPattern.ask(
                  r,
                  (ActorRef<RobotSystemActor.Stopped> replyTo) ->
                      new RobotSystemActor.Stop(replyTo),
                  timeout,
                  system.scheduler())
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
  }

  /** Forces the store's log to the disk; returns the number of chunks stored. */
  public long syncStore() {
    return AskPattern.ask(
            store,
            (ActorRef<Long> replyTo) -> new TrajectoryStore.Sync(replyTo),
            askTimeout,
            system.scheduler())
        .toCompletableFuture()
        .join();
  }

  /**
   * Stops gracefully: robots send their partial chunks and wait for acknowledgement, the store
   * forces its log to the disk and closes it, then the actor system terminates.
   */
  @Override
  public void close() {
    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
    system.getWhenTerminated().toCompletableFuture().join();
    planning.shutdownNow();
    models.shutdownNow();
    symbolic.shutdownNow();
  }
}
