package io.delos.actors.interpretable;

import io.delos.worldmodel.interpretable.CatModel;
import io.delos.worldmodel.interpretable.Polynomial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns fitted CAT models (Duong, Wu et al., KDD 2024) by id and answers explanations of them.
 *
 * <p>Fitting runs elsewhere (it takes seconds to minutes); the fitted model is handed over with
 * {@link Register} and from then on belongs to this actor, which closes it when it stops. At most
 * {@code capacity} models are held; a registration beyond that is refused, and the refused model is
 * closed.
 */
public final class CatHost extends AbstractBehavior<CatHost.Command> {
  /** Messages the host understands. */
  public sealed interface Command {}

  /**
   * Take ownership of a fitted model under {@code id}.
   *
   * @param id unique among the hosted models
   * @param model the fitted model; the host closes it
   * @param replyTo receives whether the model was taken
   */
  public record Register(String id, CatModel model, ActorRef<Registered> replyTo)
      implements Command {}

  /**
   * The answer to {@link Register}.
   *
   * @param id the model's id
   * @param error why the model was refused (id taken, host full), or null when it was taken
   */
  public record Registered(String id, String error) {
    /** True when the host took the model. */
    public boolean ok() {
      return error == null;
    }
  }

  /**
   * Print the polynomial of model {@code id}.
   *
   * @param id the model's id
   * @param threshold terms with |coefficient| below it are dropped, target units, >= 0
   * @param replyTo receives the explanation, or that no model has the id
   */
  public record Explain(String id, double threshold, ActorRef<Explanation> replyTo)
      implements Command {}

  /**
   * The answer to {@link Explain}.
   *
   * @param found whether a model has the id
   * @param polynomial the polynomial in standardised concepts, printed; empty when not found
   * @param terms the kept terms, largest |coefficient| first; empty when not found
   * @param hosted the ids of every hosted model, for a not-found message
   */
  public record Explanation(
      boolean found, String polynomial, List<Polynomial.Term> terms, List<String> hosted) {
    /** Copies the lists. */
    public Explanation {
      terms = List.copyOf(terms);
      hosted = List.copyOf(hosted);
    }
  }

  private final int capacity;
  private final Map<String, CatModel> models = new LinkedHashMap<>();

  private CatHost(ActorContext<Command> context, int capacity) {
    super(context);
    this.capacity = capacity;
  }

  /**
   * The host's behaviour.
   *
   * @param capacity most models held at once, >= 1
   * @throws IllegalArgumentException when {@code capacity} < 1
   */
  public static Behavior<Command> create(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity = " + capacity + ": must be >= 1");
    }
    return Behaviors.setup(ctx -> new CatHost(ctx, capacity));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Register.class, this::onRegister)
        .onMessage(Explain.class, this::onExplain)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onRegister(Register r) {
    String error = null;
    if (models.containsKey(r.id())) {
      error = "id '" + r.id() + "' is taken";
    } else if (models.size() >= capacity) {
      error = "the host already holds " + capacity + " models, its capacity";
    }
    if (error == null) {
      models.put(r.id(), r.model());
      getContext().getLog().debug("hosting CAT model {}", r.id());
    } else {
      r.model().close();
    }
    r.replyTo().tell(new Registered(r.id(), error));
    return this;
  }

  private Behavior<Command> onExplain(Explain e) {
    CatModel m = models.get(e.id());
    if (m == null) {
      e.replyTo().tell(new Explanation(false, "", List.of(), List.copyOf(models.keySet())));
      return this;
    }
    Polynomial p = m.explanation();
    e.replyTo()
        .tell(
            new Explanation(
                true,
                p.format(e.threshold()),
                p.terms(e.threshold()),
                List.copyOf(models.keySet())));
    return this;
  }

  private Behavior<Command> onStop() {
    models.values().forEach(CatModel::close);
    models.clear();
    return this;
  }
}
