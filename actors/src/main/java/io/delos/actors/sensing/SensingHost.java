package io.delos.actors.sensing;

import io.delos.actors.model.ModelDirectory;
import io.delos.worldmodel.sensing.SensorScene;
import io.delos.worldmodel.sensing.SparCheckpoint;
import io.delos.worldmodel.sensing.SparCheckpointException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
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
 * Owns the SPAR models saved in a models directory and answers embeddings and source localisations
 * with them.
 *
 * <p>A model with id {@code x} is the folder {@code <directory>/x} written by {@code delos train
 * sensing} ({@link SparCheckpoint}). It is loaded on the first request that names it and kept until
 * the host stops, which closes it. A folder that cannot be loaded is reported to the asker and
 * tried again on the next request, so a replaced folder is picked up; a loaded one is not reloaded
 * when its folder changes.
 *
 * <p>The model runs on the given executor, not on the actor's thread, one request per model at a
 * time (a SPAR model is not thread-safe).
 *
 * <p>Limitation: loading runs on the actor's thread (a folder of a few hundred kilobytes, tens of
 * milliseconds); requests for other models wait meanwhile.
 */
public final class SensingHost extends AbstractBehavior<SensingHost.Command> {
  private static final Logger LOG = LoggerFactory.getLogger(SensingHost.class);

  /** Messages the host understands. */
  public sealed interface Command {}

  /**
   * Describe model {@code id}, loading it when needed.
   *
   * @param id the model's folder name (a name inside the directory; anything that resolves
   *     elsewhere is not found)
   * @param replyTo receives the description or why there is none
   */
  public record Describe(String id, ActorRef<Described> replyTo) implements Command {}

  /**
   * What a model reads and answers.
   *
   * @param id its id
   * @param window samples per node window
   * @param sampleRate the rate its windows were recorded at, Hz
   * @param roles the roles it knows, {@code "mounting/modality"}, in index order (mounting-major)
   * @param modalities modalities per mounting: role index {@code r} is mounting {@code r /
   *     modalities}, modality {@code r % modalities}
   * @param uncertainty the standard deviation its localisations report, m
   * @param representationSize features per node embedding and per set embedding
   * @param version the fingerprint of its parameters
   */
  public record Info(
      String id,
      int window,
      double sampleRate,
      List<String> roles,
      int modalities,
      double uncertainty,
      int representationSize,
      String version) {
    /** Copies the list. */
    public Info {
      roles = List.copyOf(roles);
    }
  }

  /**
   * The answer to {@link Describe}.
   *
   * @param info the description, or null when there is none
   * @param problem why there is none; null with an info
   * @param message the reason in words (names the folder and what is available); empty with an info
   */
  public record Described(Info info, Problem problem, String message) {}

  /** Why a model cannot answer. */
  public enum Problem {
    /** No folder of that name, or no models directory configured. */
    NOT_FOUND,
    /** The folder exists but holds no loadable model, or the host is full. */
    UNLOADABLE,
    /** The model failed on a checked request. */
    FAILED,
    /** The executor that runs the models no longer takes work. */
    SHUTTING_DOWN
  }

  /**
   * Embed the nodes of a scene with model {@code id}; the scene is checked against the model's
   * {@link Info} (window, roles).
   *
   * @param id the model's folder name
   * @param scene the nodes, in request order
   * @param replyTo receives the embeddings or why there are none
   */
  public record Embed(String id, SensorScene scene, ActorRef<Embedded> replyTo)
      implements Command {}

  /**
   * The answer to {@link Embed}.
   *
   * @param nodes one row per node, {@code [node][representationSize]}: the node's input token and
   *     its encoder output side by side, as the localisation head reads them; null on failure
   * @param set the mean and the maximum of the encoder outputs over the nodes, {@code
   *     [representationSize]}; null on failure
   * @param problem why there are none, or null
   * @param message the reason in words; empty on success
   */
  public record Embedded(double[][] nodes, double[] set, Problem problem, String message) {}

  /**
   * Locate the source a scene's nodes heard with model {@code id}; the scene is checked against the
   * model's {@link Info}.
   *
   * @param id the model's folder name
   * @param scene the nodes
   * @param replyTo receives the position or why there is none
   */
  public record Localize(String id, SensorScene scene, ActorRef<Localized> replyTo)
      implements Command {}

  /**
   * The answer to {@link Localize}.
   *
   * @param x estimated source x, m (NaN on failure)
   * @param y estimated source y, m (NaN on failure)
   * @param uncertainty the model's per-axis root-mean-square error on held-out layouts, m
   * @param problem why there is no position, or null
   * @param message the reason in words; empty on success
   */
  public record Localized(
      double x, double y, double uncertainty, Problem problem, String message) {}

  private record Loaded(SparCheckpoint checkpoint, Info info) {}

  private final ModelDirectory models;
  private final int capacity;
  private final Executor executor;
  private final Map<String, Loaded> loaded = new LinkedHashMap<>();

  private SensingHost(
      ActorContext<Command> context, Path directory, int capacity, Executor executor) {
    super(context);
    this.models = new ModelDirectory(directory, SparCheckpoint::isCheckpoint, "SPAR model");
    this.capacity = capacity;
    this.executor = executor;
  }

  /**
   * The host's behaviour.
   *
   * @param directory the models directory, or null when none is configured (every id is then not
   *     found)
   * @param capacity most models loaded at once, >= 1
   * @param executor runs the models
   * @throws IllegalArgumentException when {@code capacity} < 1
   */
  public static Behavior<Command> create(Path directory, int capacity, Executor executor) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity = " + capacity + ": must be >= 1");
    }
    return Behaviors.setup(ctx -> new SensingHost(ctx, directory, capacity, executor));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Describe.class, this::onDescribe)
        .onMessage(Embed.class, this::onEmbed)
        .onMessage(Localize.class, this::onLocalize)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onDescribe(Describe d) {
    d.replyTo().tell(find(d.id()));
    return this;
  }

  private Behavior<Command> onEmbed(Embed e) {
    run(
        e.id(),
        c -> {
          SensorScene scene = e.scene();
          double[][] nodes = c.model().nodeRepresentations(List.of(scene)).get(0);
          double[] set = c.model().representation(List.of(scene))[0];
          return new Embedded(nodes, set, null, "");
        },
        (problem, message) -> new Embedded(null, null, problem, message),
        e.replyTo());
    return this;
  }

  private Behavior<Command> onLocalize(Localize l) {
    run(
        l.id(),
        c -> {
          double[] xy = c.locator().predict(c.model().nodeRepresentations(List.of(l.scene())))[0];
          return new Localized(xy[0], xy[1], c.uncertainty(), null, "");
        },
        (problem, message) -> new Localized(Double.NaN, Double.NaN, 0, problem, message),
        l.replyTo());
    return this;
  }

  /** How an answer reports a failure. */
  @FunctionalInterface
  private interface Failure<R> {
    R of(Problem problem, String message);
  }

  /** Runs {@code work} on model {@code id} on the executor and tells its answer to {@code to}. */
  private <R> void run(
      String id, Function<SparCheckpoint, R> work, Failure<R> failure, ActorRef<R> to) {
    Described found = find(id);
    if (found.info() == null) {
      to.tell(failure.of(found.problem(), found.message()));
      return;
    }
    SparCheckpoint c = loaded.get(id).checkpoint();
    CompletableFuture<R> job;
    try {
      job =
          CompletableFuture.supplyAsync(
              () -> {
                synchronized (c) {
                  return work.apply(c);
                }
              },
              executor);
    } catch (RejectedExecutionException e) {
      to.tell(failure.of(Problem.SHUTTING_DOWN, "the server is shutting down"));
      return;
    }
    job.whenComplete(
        (answer, error) -> {
          if (error == null) {
            to.tell(answer);
          } else {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            LOG.error("SPAR model {} failed on a checked request", id, cause);
            to.tell(
                failure.of(
                    Problem.FAILED, cause.getClass().getSimpleName() + ": " + cause.getMessage()));
          }
        });
  }

  /** The model's description, loading it first when needed, or why there is none. */
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
          "the host already holds " + capacity + " SPAR models, its capacity");
    }
    try {
      SparCheckpoint c = SparCheckpoint.read(folder);
      Info info =
          new Info(
              id,
              c.model().config().window(),
              c.sampleRate(),
              c.roles(),
              c.modalities().size(),
              c.uncertainty(),
              c.model().representationSize(),
              c.version());
      loaded.put(id, new Loaded(c, info));
      getContext()
          .getLog()
          .info(
              "SPAR model {} loaded: window {} at {} Hz, roles {}, version {}",
              id,
              info.window(),
              info.sampleRate(),
              info.roles(),
              info.version());
      return new Described(info, null, "");
    } catch (SparCheckpointException e) {
      getContext().getLog().warn("SPAR model {} cannot be loaded: {}", id, e.getMessage());
      return new Described(null, Problem.UNLOADABLE, e.getMessage());
    }
  }

  private Behavior<Command> onStop() {
    for (Loaded l : loaded.values()) {
      synchronized (l.checkpoint()) {
        l.checkpoint().close();
      }
    }
    loaded.clear();
    return this;
  }
}
