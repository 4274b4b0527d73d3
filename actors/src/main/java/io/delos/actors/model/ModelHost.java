package io.delos.actors.model;

import io.delos.sim.Dynamics;
import io.delos.sim.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Serves {@link Dynamics} predictions of one model to many callers, micro-batching requests.
 *
 * <p>Requests that arrive within the batching window (or until the batch is full) are stacked into
 * one rollout call, so a learned model runs one large tensor computation instead of many small
 * ones. The rollout runs on a dedicated executor, never on the actor's thread; requests that arrive
 * meanwhile wait for the next batch. Requests with different horizons go in separate batches.
 *
 * <p>Swapping in a new model (a new checkpoint) takes effect between batches: no request is
 * dropped, and each reply names the model version that computed it.
 */
public final class ModelHost extends AbstractBehavior<ModelHost.Command> {
  /** Messages the host understands. */
  public sealed interface Command {}

  /**
   * Roll action sequences out from start states.
   *
   * @param starts start states, {@code batch} of them
   * @param horizon steps per sequence
   * @param actions {@code [batch, horizon, actionSize]}
   * @param replyTo receives the prediction or the failure
   */
  public record Predict(
      List<State> starts, int horizon, double[] actions, ActorRef<Prediction> replyTo)
      implements Command {}

  /**
   * The answer to a {@link Predict}.
   *
   * @param predicted {@code [batch, horizon, observationSize]}, or null on failure
   * @param version the model version that computed it
   * @param error why it failed, or null
   */
  public record Prediction(double[] predicted, String version, String error) {
    /** True when the prediction succeeded. */
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Replace the model; batches already running finish on the old one.
   *
   * @param model the new model, same observation and action sizes
   * @param version its version label
   * @param replyTo receives the version now serving
   */
  public record Swap(Dynamics model, String version, ActorRef<String> replyTo) implements Command {}

  /**
   * Ask what is served.
   *
   * @param replyTo receives the info
   */
  public record GetInfo(ActorRef<Info> replyTo) implements Command {}

  /**
   * What the host serves and has done.
   *
   * @param version model version
   * @param observationSize model observation channels
   * @param actionSize model action channels
   * @param requests requests answered
   * @param batches rollout calls made
   * @param largestBatch most sequences in one call
   */
  public record Info(
      String version,
      int observationSize,
      int actionSize,
      long requests,
      long batches,
      int largestBatch) {}

  private record Flush() implements Command {}

  private record BatchDone(
      List<Predict> requests, double[] predicted, String version, Throwable error)
      implements Command {}

  /**
   * Batching settings.
   *
   * @param window how long the first request of a batch waits for company
   * @param maxSequences most sequences stacked into one call
   */
  public record Batching(Duration window, int maxSequences) {
    /** Validates the settings. */
    public Batching {
      Objects.requireNonNull(window, "window");
      if (window.isNegative()) {
        throw new IllegalArgumentException("batching window " + window + ": must be >= 0");
      }
      if (maxSequences < 1) {
        throw new IllegalArgumentException("maxSequences = " + maxSequences + ": must be >= 1");
      }
    }

    /** No batching: every request is its own call. */
    public static Batching none() {
      return new Batching(Duration.ZERO, 1);
    }
  }

  private final TimerScheduler<Command> timers;
  private final Executor executor;
  private final Batching batching;
  private Dynamics model;
  private String version;
  private final List<Predict> pending = new ArrayList<>();
  private boolean running;
  private long requests;
  private long batches;
  private int largest;

  private ModelHost(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      Dynamics model,
      String version,
      Executor executor,
      Batching batching) {
    super(context);
    this.timers = timers;
    this.model = model;
    this.version = version;
    this.executor = executor;
    this.batching = batching;
  }

  /**
   * The host's behaviour.
   *
   * @param model loads the model to serve (called at start and again after a restart, so it should
   *     return the last checkpoint)
   * @param version version label of that model
   * @param executor where rollouts run (a dedicated thread pool)
   * @param batching window and size of micro-batches
   */
  public static Behavior<Command> create(
      Supplier<Dynamics> model, String version, Executor executor, Batching batching) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> new ModelHost(ctx, timers, model.get(), version, executor, batching)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Predict.class, this::onPredict)
        .onMessage(Flush.class, f -> onFlush())
        .onMessage(BatchDone.class, this::onBatchDone)
        .onMessage(Swap.class, this::onSwap)
        .onMessage(GetInfo.class, this::onGetInfo)
        .build();
  }

  private Behavior<Command> onPredict(Predict p) {
    String problem = validate(p);
    if (problem != null) {
      p.replyTo().tell(new Prediction(null, version, problem));
      return this;
    }
    pending.add(p);
    if (running) {
      return this;
    }
    if (queuedSequences() >= batching.maxSequences() || batching.window().isZero()) {
      return onFlush();
    }
    if (!timers.isTimerActive("flush")) {
      timers.startSingleTimer("flush", new Flush(), batching.window());
    }
    return this;
  }

  private String validate(Predict p) {
    try {
      model.checkRollout(p.starts(), p.horizon(), p.actions());
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private int queuedSequences() {
    int count = 0;
    for (Predict p : pending) {
      count += p.starts().size();
    }
    return count;
  }

  private Behavior<Command> onFlush() {
    timers.cancel("flush");
    if (running || pending.isEmpty()) {
      return this;
    }
    // One horizon per batch: the first waiting request's; take as many as fit.
    int horizon = pending.get(0).horizon();
    List<Predict> batch = new ArrayList<>();
    int sequences = 0;
    for (Predict p : List.copyOf(pending)) {
      if (p.horizon() != horizon) {
        continue;
      }
      if (!batch.isEmpty() && sequences + p.starts().size() > batching.maxSequences()) {
        break;
      }
      batch.add(p);
      sequences += p.starts().size();
    }
    pending.removeAll(batch);
    running = true;
    Dynamics serving = model;
    String servingVersion = version;
    int m = serving.actionSize();
    List<State> starts = new ArrayList<>(sequences);
    double[] actions = new double[sequences * horizon * m];
    int offset = 0;
    for (Predict p : batch) {
      starts.addAll(p.starts());
      System.arraycopy(p.actions(), 0, actions, offset, p.actions().length);
      offset += p.actions().length;
    }
    largest = Math.max(largest, sequences);
    batches++;
    CompletableFuture<double[]> result =
        CompletableFuture.supplyAsync(() -> serving.rollout(starts, horizon, actions), executor);
    getContext()
        .pipeToSelf(
            result, (predicted, error) -> new BatchDone(batch, predicted, servingVersion, error));
    return this;
  }

  private Behavior<Command> onBatchDone(BatchDone done) {
    running = false;
    if (done.error() != null) {
      String why = "model " + done.version() + " failed: " + rootMessage(done.error());
      for (Predict p : done.requests()) {
        p.replyTo().tell(new Prediction(null, done.version(), why));
      }
      getContext().getLog().warn("{}", why);
    } else {
      int n = model.observationSize();
      int offset = 0;
      for (Predict p : done.requests()) {
        int len = p.starts().size() * p.horizon() * n;
        double[] part = new double[len];
        System.arraycopy(done.predicted(), offset, part, 0, len);
        offset += len;
        p.replyTo().tell(new Prediction(part, done.version(), null));
      }
    }
    requests += done.requests().size();
    if (!pending.isEmpty()) {
      return onFlush();
    }
    return this;
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + ": " + c.getMessage();
  }

  private Behavior<Command> onSwap(Swap s) {
    if (s.model().observationSize() != model.observationSize()
        || s.model().actionSize() != model.actionSize()) {
      getContext()
          .getLog()
          .warn(
              "refused model {}: {}x{} does not match the served {}x{}",
              s.version(),
              s.model().observationSize(),
              s.model().actionSize(),
              model.observationSize(),
              model.actionSize());
      s.replyTo().tell(version);
      return this;
    }
    model = s.model();
    version = s.version();
    s.replyTo().tell(version);
    return this;
  }

  private Behavior<Command> onGetInfo(GetInfo g) {
    g.replyTo()
        .tell(
            new Info(
                version, model.observationSize(), model.actionSize(), requests, batches, largest));
    return this;
  }
}
