package io.delos.actors.forecast;

import io.delos.actors.model.ModelDirectory;
import io.delos.sim.Trajectory;
import io.delos.sim.Vec;
import io.delos.worldmodel.physsm.ActionSchedule;
import io.delos.worldmodel.physsm.Forecaster;
import io.delos.worldmodel.physsm.ForecasterCheckpoint;
import io.delos.worldmodel.physsm.ForecasterCheckpointException;
import io.delos.worldmodel.physsm.PhysicsDeclaration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Phy-SSM forecasters saved in a models directory and answers forecasts with them.
 *
 * <p>A forecaster with id {@code x} is the folder {@code <directory>/x} written by {@code delos
 * train forecast} ({@link ForecasterCheckpoint}). It is loaded on the first request that names it
 * and kept until the host stops, which closes it. A folder that cannot be loaded is reported to the
 * asker and tried again on the next request, so a replaced folder is picked up; a loaded one is not
 * reloaded when its folder changes.
 *
 * <p>Forecasts run on the given executor, not on the actor's thread; each forecaster runs one
 * forecast at a time. The standard deviation of every answer comes from a fixed number of posterior
 * draws with a fixed seed (see {@link Forecaster#forecast(Trajectory, ActionSchedule, double[],
 * int, long)}), so the same request gets the same answer.
 *
 * <p>Limitation: loading runs on the actor's thread (a folder of a few hundred kilobytes and a
 * network built on the CPU, tens of milliseconds); requests for other forecasters wait meanwhile.
 */
public final class ForecasterHost extends AbstractBehavior<ForecasterHost.Command> {
  private static final Logger LOG = LoggerFactory.getLogger(ForecasterHost.class);

  /** Messages the host understands. */
  public sealed interface Command {}

  /**
   * Describe forecaster {@code id}, loading it when needed.
   *
   * @param id the forecaster's folder name (a name inside the directory; anything that resolves
   *     elsewhere is not found)
   * @param replyTo receives the description or why there is none
   */
  public record Describe(String id, ActorRef<Described> replyTo) implements Command {}

  /**
   * What a forecaster reads and knows.
   *
   * @param id its id
   * @param family the catalogue system it forecasts
   * @param arm which forecaster (Phy-SSM or a baseline), by label
   * @param observationNames observation channels, in order
   * @param actionNames action channels, in order
   * @param knownPhysics its physics declaration as text ({@link PhysicsDeclaration#summary()}),
   *     prefixed with a note for the baselines that do not use it
   * @param version the fingerprint of its parameters
   * @param controlPeriod its training grid's period, s; integration steps never exceed it
   */
  public record Info(
      String id,
      String family,
      String arm,
      List<String> observationNames,
      List<String> actionNames,
      String knownPhysics,
      String version,
      double controlPeriod) {
    /** Copies the lists. */
    public Info {
      observationNames = List.copyOf(observationNames);
      actionNames = List.copyOf(actionNames);
    }
  }

  /**
   * The answer to {@link Describe}.
   *
   * @param info the description, or null when there is none
   * @param problem why there is none: {@link Problem#NOT_FOUND} or {@link Problem#UNLOADABLE}; null
   *     with an info
   * @param message the reason in words (names the folder and what is available); empty with an info
   */
  public record Described(Info info, Problem problem, String message) {}

  /** Why a forecaster cannot answer. */
  public enum Problem {
    /** No folder of that name, or no models directory configured. */
    NOT_FOUND,
    /** The folder exists but holds no loadable forecaster, or the host is full. */
    UNLOADABLE,
    /** The forecaster failed on the request. */
    FAILED,
    /** The executor that runs forecasts no longer takes work. */
    SHUTTING_DOWN
  }

  /**
   * Forecast with forecaster {@code id}; checked input (see {@code ForecastServiceImpl}).
   *
   * @param id the forecaster's folder name
   * @param observed measured rows, times strictly increasing, with the actions from each row
   * @param future actions from the first query after the last observation on, or null to hold the
   *     last observed action
   * @param queryTimes when to forecast, s, each at or after the first observed time
   * @param replyTo receives the forecast or why there is none
   */
  public record Forecast(
      String id,
      Trajectory observed,
      ActionSchedule future,
      Vec queryTimes,
      ActorRef<Forecasted> replyTo)
      implements Command {}

  /**
   * The answer to {@link Forecast}.
   *
   * @param forecast predictions with their spread, or null on failure
   * @param version the fingerprint of the forecaster that answered
   * @param problem why there is no forecast, or null
   * @param message the reason in words; empty with a forecast
   */
  public record Forecasted(
      io.delos.worldmodel.physsm.Forecast forecast,
      String version,
      Problem problem,
      String message) {}

  private record Loaded(Forecaster forecaster, Info info) {}

  private final ModelDirectory models;
  private final int capacity;
  private final int draws;
  private final long seed;
  private final Executor executor;
  private final Map<String, Loaded> loaded = new LinkedHashMap<>();

  private ForecasterHost(
      ActorContext<Command> context,
      Path directory,
      int capacity,
      int draws,
      long seed,
      Executor executor) {
    super(context);
    this.models = new ModelDirectory(directory, ForecasterCheckpoint::isCheckpoint, "forecaster");
    this.capacity = capacity;
    this.draws = draws;
    this.seed = seed;
    this.executor = executor;
  }

  /**
   * The host's behaviour.
   *
   * @param directory the models directory, or null when none is configured (every id is then not
   *     found)
   * @param capacity most forecasters loaded at once, >= 1
   * @param draws posterior draws per forecast for its standard deviation, 2 to {@link
   *     Forecaster#MAX_DRAWS}
   * @param seed seeds the draws
   * @param executor runs forecasts
   * @throws IllegalArgumentException when {@code capacity} or {@code draws} is out of range
   */
  public static Behavior<Command> create(
      Path directory, int capacity, int draws, long seed, Executor executor) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity = " + capacity + ": must be >= 1");
    }
    if (draws < 2 || draws > Forecaster.MAX_DRAWS) {
      throw new IllegalArgumentException(
          "draws = " + draws + ": allowed 2 to " + Forecaster.MAX_DRAWS);
    }
    return Behaviors.setup(
        ctx -> new ForecasterHost(ctx, directory, capacity, draws, seed, executor));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Describe.class, this::onDescribe)
        .onMessage(Forecast.class, this::onForecast)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onDescribe(Describe d) {
    d.replyTo().tell(find(d.id()));
    return this;
  }

  private Behavior<Command> onForecast(Forecast f) {
    Described found = find(f.id());
    if (found.info() == null) {
      f.replyTo().tell(new Forecasted(null, "", found.problem(), found.message()));
      return this;
    }
    Forecaster forecaster = loaded.get(f.id()).forecaster();
    String version = found.info().version();
    CompletableFuture<io.delos.worldmodel.physsm.Forecast> work;
    try {
      work =
          CompletableFuture.supplyAsync(
              () ->
                  forecaster.forecast(
                      f.observed(), f.future(), f.queryTimes().toArray(), draws, seed),
              executor);
    } catch (RejectedExecutionException e) {
      f.replyTo()
          .tell(
              new Forecasted(null, version, Problem.SHUTTING_DOWN, "the server is shutting down"));
      return this;
    }
    work.whenComplete(
        (forecast, error) -> {
          if (error == null) {
            f.replyTo().tell(new Forecasted(forecast, version, null, ""));
          } else {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            LOG.error("forecaster {} failed on a checked request", f.id(), cause);
            f.replyTo()
                .tell(
                    new Forecasted(
                        null,
                        version,
                        Problem.FAILED,
                        cause.getClass().getSimpleName() + ": " + cause.getMessage()));
          }
        });
    return this;
  }

  /** The forecaster's description, loading it first when needed, or why there is none. */
  private Described find(String id) {
    Loaded l = loaded.get(id);
    if (l != null) {
      return new Described(l.info(), null, "");
    }
    ModelDirectory.Lookup where = models.find(id);
    if (where.folder() == null) {
      return new Described(null, Problem.NOT_FOUND, where.notFound());
    }
    Path folder = where.folder();
    if (loaded.size() >= capacity) {
      return new Described(
          null,
          Problem.UNLOADABLE,
          "the host already holds " + capacity + " forecasters, its capacity");
    }
    try {
      ForecasterCheckpoint c = ForecasterCheckpoint.read(folder);
      Forecaster f = c.forecaster();
      PhysicsDeclaration d = f.declaration();
      Info info =
          new Info(
              id,
              d.system(),
              f.arm().label(),
              d.observations(),
              d.actions(),
              knownPhysics(f),
              f.fingerprint(),
              f.controlPeriod());
      loaded.put(id, new Loaded(f, info));
      getContext()
          .getLog()
          .info(
              "forecaster {} loaded: {} of {}, version {}",
              id,
              f.arm().label(),
              d.system(),
              info.version());
      return new Described(info, null, "");
    } catch (ForecasterCheckpointException e) {
      getContext().getLog().warn("forecaster {} cannot be loaded: {}", id, e.getMessage());
      return new Described(null, Problem.UNLOADABLE, e.getMessage());
    }
  }

  /** The declaration's summary, with a note when the arm does not use its known entries. */
  private static String knownPhysics(Forecaster f) {
    String summary = f.declaration().summary();
    return switch (f.arm()) {
      case PHY_SSM, NO_REGULARISER -> summary;
      case S5, LATENT_ODE, NO_UNIT ->
          f.arm().label()
              + ", a baseline, does not use the known entries of A and B below\n"
              + summary;
    };
  }

  private Behavior<Command> onStop() {
    loaded.values().forEach(l -> l.forecaster().close());
    loaded.clear();
    return this;
  }
}
