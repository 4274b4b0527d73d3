package io.delos.actors.steering;

import io.delos.worldmodel.steering.Barrier;
import io.delos.worldmodel.steering.Steerer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns fitted steerers (ODESteer, Zhao et al., ICLR 2026, and its baselines) by id.
 *
 * <p>Fitting and steering run elsewhere: a fitted steerer is immutable and thread-safe, so the host
 * only keeps the table of ids and hands a steerer out on {@link Find}; the caller steers on its own
 * thread. At most {@code capacity} steerers are held; a registration beyond that is refused.
 */
public final class SteeringHost extends AbstractBehavior<SteeringHost.Command> {
  /** Messages the host understands. */
  public sealed interface Command {}

  /**
   * A fitted steerer.
   *
   * @param method the method's name, for example "ODESTEER" or "CAA"
   * @param barrier the barrier h that ODESteer follows and that reports h before and after
   * @param baseline the baseline that moves activations, or empty when the barrier's ODE does
   */
  public record Fitted(String method, Barrier barrier, Optional<Steerer> baseline) {
    /** Checks that the barrier and the baseline share one dimension. */
    public Fitted {
      if (barrier == null || baseline == null || method == null) {
        throw new IllegalArgumentException("method, barrier and baseline must be given");
      }
      if (baseline.isPresent() && baseline.get().dimension() != barrier.dimension()) {
        throw new IllegalArgumentException(
            "baseline has dimension "
                + baseline.get().dimension()
                + "; allowed: the barrier's, "
                + barrier.dimension());
      }
    }
  }

  /**
   * Keep a fitted steerer under {@code id}.
   *
   * @param id unique among the hosted steerers
   * @param steerer what was fitted
   * @param replyTo receives whether it was kept
   */
  public record Register(String id, Fitted steerer, ActorRef<Registered> replyTo)
      implements Command {}

  /**
   * The answer to {@link Register}.
   *
   * @param id the steerer's id
   * @param error why it was refused (id taken, host full), or null when it was kept
   */
  public record Registered(String id, String error) {
    /** True when the host kept the steerer. */
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Look up steerer {@code id}.
   *
   * @param id the steerer's id
   * @param replyTo receives it, or that no steerer has the id
   */
  public record Find(String id, ActorRef<Found> replyTo) implements Command {}

  /**
   * The answer to {@link Find}.
   *
   * @param steerer the steerer, or empty when no steerer has the id
   * @param hosted the ids of every hosted steerer, for a not-found message
   */
  public record Found(Optional<Fitted> steerer, List<String> hosted) {
    /** Copies the list. */
    public Found {
      hosted = List.copyOf(hosted);
    }
  }

  private final int capacity;
  private final Map<String, Fitted> steerers = new LinkedHashMap<>();

  private SteeringHost(ActorContext<Command> context, int capacity) {
    super(context);
    this.capacity = capacity;
  }

  /**
   * The host's behaviour.
   *
   * @param capacity most steerers held at once, >= 1
   * @throws IllegalArgumentException when {@code capacity} < 1
   */
  public static Behavior<Command> create(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity is " + capacity + "; allowed: at least 1");
    }
    return Behaviors.setup(ctx -> new SteeringHost(ctx, capacity));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Register.class, this::onRegister)
        .onMessage(Find.class, this::onFind)
        .build();
  }

  private Behavior<Command> onRegister(Register r) {
    String error = null;
    if (steerers.containsKey(r.id())) {
      error = "id '" + r.id() + "' is taken";
    } else if (steerers.size() >= capacity) {
      error = "the host already holds " + capacity + " steerers, its capacity";
    }
    if (error == null) {
      steerers.put(r.id(), r.steerer());
      getContext().getLog().debug("hosting steerer {} ({})", r.id(), r.steerer().method());
    }
    r.replyTo().tell(new Registered(r.id(), error));
    return this;
  }

  private Behavior<Command> onFind(Find f) {
    f.replyTo()
        .tell(new Found(Optional.ofNullable(steerers.get(f.id())), List.copyOf(steerers.keySet())));
    return this;
  }
}
