package io.delos.robots.ros.bridge;

import io.delos.robots.ros.ConnectedNode;
import io.delos.robots.ros.DefaultNodeFactory;
import io.delos.robots.ros.NodeConfiguration;
import io.delos.robots.ros.Publisher;
import io.delos.robots.ros.ServiceClient;
import io.delos.robots.ros.ServiceException;
import io.delos.robots.ros.Subscriber;
import io.delos.robots.ros.message.Message;
import io.delos.robots.ros.message.MessageSpec;
import io.delos.robots.ros.message.RosTime;
import io.delos.sim.EndReason;
import io.delos.sim.Environment;
import io.delos.sim.Snapshot;
import io.delos.sim.Space;
import io.delos.sim.StepInfo;
import io.delos.sim.StepResult;
import io.delos.sim.Vec;
import io.delos.sim.task.PassiveTask;
import io.delos.sim.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A robot reached through ROS, as an {@link Environment}: observations come from its state topic,
 * actions go to its command topic, as a {@link RosRobotConfig} maps them.
 *
 * <p>{@link #step} publishes the command, then waits until one control period has passed since the
 * previous step returned and a state newer than the last one returned has arrived, and returns the
 * newest state. When no fresh state arrives within {@link RosRobotConfig#stateTimeout()} beyond the
 * period, the step returns the newest state it has instead of failing, counts it in {@link
 * #staleSteps()}, and warns once. {@link #reset} calls the robot's reset service, when configured,
 * and waits for a complete fresh state.
 *
 * <p>Rewards, termination and the time limit come from an optional {@link Task} evaluated on the
 * observations; without one the reward is 0 and episodes never end. The task's initial state is not
 * applied: a real robot starts where it is.
 *
 * <p>Time ({@link #time()}) is measured from the state messages' header stamps when they carry
 * them, else from their arrival.
 *
 * <p>A real robot cannot be captured or put back: {@link #snapshot()} and {@link #restore} throw
 * {@link UnsupportedOperationException}.
 *
 * <p>Threading: like every environment, confined to one thread at a time; the state arrives on the
 * subscriber's thread and is handed over under a lock. {@link #step} blocks the calling thread for
 * about one control period: the robot, not the caller, sets the pace.
 */
public final class RosEnvironment implements Environment {
  private static final Logger LOG = LoggerFactory.getLogger(RosEnvironment.class);

  private final ConnectedNode node;
  private final boolean ownsNode;
  private final RosRobotConfig config;
  private final Task task;
  private final Space observationSpace;
  private final Space actionSpace;
  private final StateDecoder decoder;
  private final CommandEncoder encoder;
  private final MessageSpec commandSpec;
  private final Publisher<Message> commands;
  private final Subscriber<Message> states;
  private final ServiceClient<Message, Message> resetClient;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final double[] latest;
  private final boolean[] seen;
  private long version;
  private double latestStamp;

  private long returnedVersion;
  private long lastReturnNanos;
  private double[] observation;
  private double returnedStamp;
  private double episodeStart;
  private int steps;
  private boolean done = true;
  private long staleSteps;
  private boolean warnedStale;

  /**
   * Connects to the robot through {@code node}.
   *
   * @param node the node that subscribes and publishes; it stays open when this closes
   * @param config the topic and type mapping
   * @param task reward and termination on the observations, or null for none
   */
  public RosEnvironment(ConnectedNode node, RosRobotConfig config, Task task) {
    this(node, false, config, task);
  }

  private RosEnvironment(ConnectedNode node, boolean ownsNode, RosRobotConfig config, Task task) {
    this.node = Objects.requireNonNull(node, "node");
    this.ownsNode = ownsNode;
    this.config = Objects.requireNonNull(config, "config");
    this.task = task == null ? PassiveTask.of(Integer.MAX_VALUE) : task;
    this.observationSpace = config.observationSpace();
    this.actionSpace = config.actionSpace();
    this.decoder = StateDecoder.compile(config.stateType(), config.observations());
    this.encoder = CommandEncoder.compile(config.commandType(), config.actions());
    this.commandSpec = node.getMessageDefinitions().message(config.commandType());
    this.latest = new double[observationSpace.size()];
    this.seen = new boolean[observationSpace.size()];
    this.commands = node.newPublisher(config.commandTopic(), config.commandType());
    this.states = node.newSubscriber(config.stateTopic(), config.stateType());
    this.states.addMessageListener(this::onState);
    this.resetClient =
        config.resetService() == null
            ? null
            : node.newServiceClient(config.resetService(), "std_srvs/Empty");
  }

  /**
   * Starts a node of its own and connects to the robot; {@link #close()} shuts the node down.
   *
   * @param nodeConfiguration the node's configuration; without a node name the node is called
   *     {@code delos_env_NAME}
   */
  public static RosEnvironment open(
      NodeConfiguration nodeConfiguration, RosRobotConfig config, Task task) {
    NodeConfiguration c =
        nodeConfiguration.nodeName() == null
            ? nodeConfiguration.withNodeName(
                "delos_env_" + config.name().replaceAll("[^a-zA-Z0-9_]", "_"))
            : nodeConfiguration;
    ConnectedNode node = DefaultNodeFactory.newNode(c);
    try {
      return new RosEnvironment(node, true, config, task);
    } catch (RuntimeException e) {
      node.shutdown();
      throw e;
    }
  }

  private void onState(Message m) {
    double stamp = Double.NaN;
    if (decoder.stamped()) {
      RosTime t = m.getMessage("header").getTime("stamp");
      if (!t.isZero()) {
        stamp = t.toSeconds();
      }
    }
    if (Double.isNaN(stamp)) {
      stamp = node.getCurrentTime().toSeconds();
    }
    lock.lock();
    try {
      if (decoder.decode(m, latest, seen) > 0) {
        version++;
        latestStamp = stamp;
        arrived.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The mapping this environment uses. */
  public RosRobotConfig config() {
    return config;
  }

  /** Steps that returned a state no newer than the previous one. */
  public long staleSteps() {
    return staleSteps;
  }

  /** Number of publishers of the state topic with an open connection. */
  public int stateConnections() {
    return states.getNumberOfPublishers();
  }

  @Override
  public Space observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return actionSpace;
  }

  @Override
  public double controlPeriod() {
    return config.controlPeriod();
  }

  /**
   * Starts an episode: waits until the robot subscribes to the command topic, calls the reset
   * service when one is configured (trying again while it is not registered yet), and waits for a
   * complete state that arrived after the reset.
   *
   * <p>Limitation: when a state the robot sent before resetting is still in flight as the reset
   * service answers, the first observation is that older state; the next step brings the new
   * episode's state. A simulated robot answers within one control period, so this costs at most one
   * step.
   *
   * @param seed unused: a real robot has no random start
   * @throws IllegalStateException when the reset service fails or no complete state arrives within
   *     {@link RosRobotConfig#resetTimeout()}, or when the robot does not subscribe to its commands
   *     within that time
   */
  @Override
  public Vec reset(long seed) {
    long deadline = System.nanoTime() + seconds(config.resetTimeout());
    // Commands sent before the robot subscribed would be lost.
    while (!commands.hasSubscribers()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "robot '"
                + config.name()
                + "' does not subscribe to its command topic "
                + config.commandTopic()
                + " within "
                + config.resetTimeout()
                + " s (resetTimeout)");
      }
      pause();
    }
    if (resetClient != null) {
      callReset(deadline);
    }
    lock.lock();
    try {
      long before = version;
      while (version == before || !allSeen()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "no complete state of robot '"
                  + config.name()
                  + "' on "
                  + config.stateTopic()
                  + " within "
                  + config.resetTimeout()
                  + " s (resetTimeout); channels never seen: "
                  + missing()
                  + "; connected publishers: "
                  + states.getNumberOfPublishers());
        }
        arrived.awaitNanos(left);
      }
      observation = latest.clone();
      returnedVersion = version;
      returnedStamp = latestStamp;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the first state", e);
    } finally {
      lock.unlock();
    }
    episodeStart = returnedStamp;
    lastReturnNanos = System.nanoTime();
    steps = 0;
    done = false;
    return Vec.of(observation);
  }

  /**
   * Calls the reset service; a service that is not registered yet or cannot be reached (a robot
   * still starting) is tried again until the deadline, an error reply is not.
   */
  private void callReset(long deadline) {
    while (true) {
      try {
        resetClient.call(resetClient.newMessage());
        return;
      } catch (ServiceException e) {
        if (e.getCause() == null || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "reset service "
                  + config.resetService()
                  + " of robot '"
                  + config.name()
                  + "' failed: "
                  + e.getMessage(),
              e);
        }
      }
      pause();
    }
  }

  private static void pause() {
    try {
      TimeUnit.MILLISECONDS.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the robot", e);
    }
  }

  private boolean allSeen() {
    for (boolean s : seen) {
      if (!s) {
        return false;
      }
    }
    return true;
  }

  private List<String> missing() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        out.add(
            observationSpace.channel(i).name() + " <- " + config.observations().get(i).source());
      }
    }
    return out;
  }

  private static long seconds(double s) {
    return (long) (s * 1e9);
  }

  @Override
  public StepResult step(double[] action) {
    if (observation == null) {
      throw new IllegalStateException("step before reset: call reset(seed) first");
    }
    if (done) {
      throw new IllegalStateException(
          "step after the episode ended (after " + steps + " steps): call reset(seed)");
    }
    actionSpace.requireValid(action, "action");
    double[] clipped = actionSpace.clip(action);
    boolean wasClipped = !Arrays.equals(clipped, action);
    commands.publish(encoder.encode(commandSpec, clipped));

    long target = lastReturnNanos + seconds(config.controlPeriod());
    long deadline = Math.max(target, System.nanoTime()) + seconds(config.stateTimeout());
    double[] next;
    boolean stale;
    lock.lock();
    try {
      while (true) {
        long now = System.nanoTime();
        boolean fresh = version != returnedVersion;
        if ((now >= target && fresh) || now >= deadline) {
          break;
        }
        arrived.awaitNanos((now < target ? target : deadline) - now);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stale = version == returnedVersion;
      next = latest.clone();
      returnedVersion = version;
      returnedStamp = latestStamp;
      lock.unlock();
    }
    lastReturnNanos = System.nanoTime();
    if (stale) {
      staleSteps++;
      if (!warnedStale) {
        warnedStale = true;
        LOG.warn(
            "robot '{}': no fresh state on {} within {} s after the control period; the step"
                + " returned the previous state (counted in staleSteps, warned once)",
            config.name(),
            config.stateTopic(),
            config.stateTimeout());
      }
    }
    steps++;
    double reward = task.reward(observation, clipped, next);
    boolean terminated = task.terminated(next);
    boolean truncated = !terminated && steps >= task.maxSteps();
    EndReason reason =
        terminated ? EndReason.TASK_TERMINATED : truncated ? EndReason.TIME_LIMIT : EndReason.NONE;
    observation = next;
    done = terminated || truncated;
    return new StepResult(
        Vec.of(next), reward, terminated, truncated, new StepInfo(time(), reason, wasClipped));
  }

  @Override
  public double time() {
    return observation == null ? 0 : Math.max(0, returnedStamp - episodeStart);
  }

  /**
   * Always throws: a real robot's state cannot be captured.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Snapshot snapshot() {
    throw new UnsupportedOperationException(
        "robot '"
            + config.name()
            + "' is reached through ROS: a real robot's state cannot be captured; plan through a"
            + " model (Dynamics) instead of snapshots");
  }

  /**
   * Always throws: a real robot cannot be put back into an earlier state.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public void restore(Snapshot snapshot) {
    throw new UnsupportedOperationException(
        "robot '"
            + config.name()
            + "' is reached through ROS: a real robot cannot be restored to an earlier state");
  }

  /**
   * Sends one zero command (clipped to the action space) so the robot stops, then closes the
   * publisher, the subscriber and, when this environment started it, the node.
   */
  @Override
  public void close() {
    try {
      commands.publish(
          encoder.encode(commandSpec, actionSpace.clip(new double[actionSpace.size()])));
      // Give the writer threads a moment to send the stop command before the sockets close.
      TimeUnit.MILLISECONDS.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debug("could not send the stop command", e);
    }
    if (resetClient != null) {
      resetClient.shutdown();
    }
    states.shutdown();
    commands.shutdown();
    if (ownsNode) {
      node.shutdown();
    }
  }
}
