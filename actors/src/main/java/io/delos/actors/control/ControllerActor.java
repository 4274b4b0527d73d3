package io.delos.actors.control;

import io.delos.actors.robot.RobotSystemActor;
import io.delos.controllers.Policy;
import io.delos.sim.State;
import io.delos.sim.Vec;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Closes the loop for one robot: observation in, action out, computed by a {@link Policy}.
 *
 * <p>A policy that throws does not stop the robot: the controller answers with the safe action
 * (zero, clipped to the bounds), counts the failure and warns once.
 */
public final class ControllerActor extends AbstractBehavior<ControllerActor.Command> {
  /** Messages a controller understands. */
  public sealed interface Command {}

  /**
   * An observation to act on.
   *
   * @param update the robot's update
   */
  public record Observe(RobotSystemActor.ObservationUpdate update) implements Command {}

  /**
   * Ask for counts.
   *
   * @param replyTo receives the statistics
   */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /**
   * Counts of a controller's work.
   *
   * @param actions actions computed
   * @param failures policy calls that threw and were answered with the safe action
   */
  public record Stats(long actions, long failures) {}

  private final Policy policy;
  private final double[] safeAction;
  private long actions;
  private long failures;

  private ControllerActor(ActorContext<Command> context, Policy policy, double[] safeAction) {
    super(context);
    this.policy = policy;
    this.safeAction = safeAction.clone();
  }

  /**
   * The controller's behaviour; on start it attaches itself to {@code robot}.
   *
   * @param policy computes the action
   * @param safeAction the action applied when the policy fails
   * @param robot the robot to control
   * @param withSnapshot whether the robot should send exact simulator snapshots (oracle planning)
   */
  public static Behavior<Command> create(
      Policy policy,
      double[] safeAction,
      ActorRef<RobotSystemActor.Command> robot,
      boolean withSnapshot) {
    return Behaviors.setup(
        ctx -> {
          ActorRef<RobotSystemActor.ObservationUpdate> adapter =
              ctx.messageAdapter(RobotSystemActor.ObservationUpdate.class, Observe::new);
          robot.tell(new RobotSystemActor.AttachController(adapter, withSnapshot));
          return new ControllerActor(ctx, policy, safeAction);
        });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Observe.class, this::onObserve)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onObserve(Observe m) {
    RobotSystemActor.ObservationUpdate u = m.update();
    double[] action;
    try {
      action = policy.act(new State(u.observation(), u.snapshot()));
      actions++;
    } catch (RuntimeException e) {
      failures++;
      if (failures == 1) {
        getContext()
            .getLog()
            .warn("policy for {} failed; applying the safe action: {}", u.systemId(), e.toString());
      }
      action = safeAction;
    }
    u.replyTo().tell(new RobotSystemActor.ApplyAction(u.step(), Vec.of(action)));
    return this;
  }

  private Behavior<Command> onGetStats(GetStats m) {
    m.replyTo().tell(new Stats(actions, failures));
    return this;
  }
}
