package io.delos.actors.model;

import io.delos.sim.Dynamics;
import io.delos.sim.State;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A {@link Dynamics} whose rollouts are answered by a {@link ModelHost}, so planners in many
 * controller actors share one batched model. Each call asks the host and waits up to the timeout.
 *
 * <p>Threading: blocks the calling thread; call it only from a dedicated (blocking) dispatcher or a
 * plain thread, never from the default dispatcher.
 */
public final class HostedDynamics implements Dynamics {
  private final ActorRef<ModelHost.Command> host;
  private final Scheduler scheduler;
  private final int observationSize;
  private final int actionSize;
  private final Duration timeout;

  /**
   * Creates the proxy.
   *
   * @param host the model host
   * @param scheduler the actor system's scheduler (for the ask timeout)
   * @param observationSize the model's observation size
   * @param actionSize the model's action size
   * @param timeout how long one rollout may wait
   */
  public HostedDynamics(
      ActorRef<ModelHost.Command> host,
      Scheduler scheduler,
      int observationSize,
      int actionSize,
      Duration timeout) {
    this.host = host;
    this.scheduler = scheduler;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
    this.timeout = timeout;
  }

  @Override
  public int observationSize() {
    return observationSize;
  }

  @Override
  public int actionSize() {
    return actionSize;
  }

  /**
   * Asks the host.
   *
   * @throws IllegalStateException when the host fails, refuses the request or does not answer in
   *     time (planners turn this into an infeasible plan, not a crash)
   */
  @Override
  public double[] rollout(List<State> starts, int horizon, double[] actions) {
    checkRollout(starts, horizon, actions);
    try {
      ModelHost.Prediction p =
          AskPattern.<ModelHost.Command, ModelHost.Prediction>ask(
                  host,
                  replyTo -> new ModelHost.Predict(starts, horizon, actions, replyTo),
                  timeout,
                  scheduler)
              .toCompletableFuture()
              .get(timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
      if (!p.ok()) {
        throw new IllegalStateException(p.error());
      }
      return p.predicted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the model host", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "model host did not answer within " + timeout.toMillis() + " ms", e);
    }
  }
}
