package io.delos.robots.ros.bridge;

import io.delos.robots.catalogue.RobotSystem;
import io.delos.robots.ros.AbstractNodeMain;
import io.delos.robots.ros.ConnectedNode;
import io.delos.robots.ros.Publisher;
import io.delos.robots.ros.message.RosTime;
import io.delos.robots.ros.msg.EmptyService;
import io.delos.robots.ros.msg.Float64MultiArray;
import io.delos.robots.ros.msg.JointState;
import io.delos.robots.ros.msg.Odometry;
import io.delos.sim.Vec;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.RobotWorld;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated robot exposed as a ROS node, stepping in real time at its control rate, so that
 * {@code rostopic}, rviz and ROS nodes can watch and drive it. The names are in {@link
 * SimulatedRobotTopics}:
 *
 * <ul>
 *   <li>publishes {@code /ROBOT/joint_states} ({@code sensor_msgs/JointState}: every joint's
 *       position, velocity and motor effort) and {@code /ROBOT/observation} ({@code
 *       std_msgs/Float64MultiArray}: the observation vector, its dimension labelled with the
 *       channel names joined by commas) after every control step, and {@code nav_msgs/Odometry} of
 *       each free-floating root body (pose in {@code ROBOT/odom}, twist in the body frame);
 *   <li>subscribes to {@code /ROBOT/command} ({@code std_msgs/Float64MultiArray}, one value per
 *       actuator in action-space order); the newest command is held until the next one, and
 *       commands of the wrong length or with values that are not finite are ignored (warned once);
 *   <li>offers {@code /ROBOT/reset} ({@code std_srvs/Empty}): a new episode with the next seed and
 *       a zero command; the first state of the episode is published before the reply.
 * </ul>
 *
 * <p>An episode that ends (the task terminated or its time limit passed) is followed by a new one
 * at the next control tick. When the machine falls more than one control period behind, the missed
 * ticks are skipped rather than run in a burst, and counted in {@link #lateTicks()}.
 *
 * <p>Threading: the simulation runs on its own thread; the environment is handed between it and the
 * reset service under a lock.
 */
public final class SimulatedRobotNode extends AbstractNodeMain {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedRobotNode.class);

  private final MorphologyEnvironment env;
  private final Morphology morphology;
  private final SimulatedRobotTopics topics;
  private final long seed;
  private final Object lock = new Object();
  private final CountDownLatch started = new CountDownLatch(1);
  private final int[] rootBodies;
  private final int[] motorJoint;

  private volatile double[] command;
  private volatile boolean running;
  private volatile boolean warnedCommand;
  private volatile long steps;
  private volatile long episodes;
  private volatile long lateTicks;
  private Thread loop;
  private Publisher<JointState> jointStates;
  private Publisher<Float64MultiArray> observation;
  private List<Publisher<Odometry>> odometry;
  private ConnectedNode node;
  private long seq;

  /**
   * Creates the node; nothing runs until a {@link io.delos.robots.ros.NodeMainExecutor} starts it.
   *
   * @param robot the robot's name, also its namespace, for example {@code "cartpole"}
   * @param environment the simulated robot and its task; owned by this node from now on
   * @param seed seeds the first episode; later episodes use {@code seed + 1}, {@code seed + 2}, ...
   */
  public SimulatedRobotNode(String robot, MorphologyEnvironment environment, long seed) {
    this.env = Objects.requireNonNull(environment, "environment");
    this.morphology = environment.morphology();
    this.topics = SimulatedRobotTopics.of(robot, morphology);
    this.seed = seed;
    this.command = new double[morphology.actionSpace().size()];
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < morphology.bodies().size(); i++) {
      BodySpec b = morphology.bodies().get(i);
      if (morphology.parentJoint(b.name()) == null) {
        roots.add(i);
      }
    }
    this.rootBodies = roots.stream().mapToInt(Integer::intValue).toArray();
    this.motorJoint = new int[morphology.actuators().size()];
    for (int a = 0; a < motorJoint.length; a++) {
      motorJoint[a] = -1;
      if (morphology.actuators().get(a) instanceof ActuatorSpec.JointMotor m) {
        for (int k = 0; k < morphology.joints().size(); k++) {
          if (morphology.joints().get(k).name().equals(m.joint())) {
            motorJoint[a] = k;
          }
        }
      }
    }
  }

  /** A node for a catalogue system running its default task. */
  public static SimulatedRobotNode forSystem(RobotSystem system, String robot, long seed) {
    return new SimulatedRobotNode(robot, system.environment(system.defaultTask()), seed);
  }

  /** The robot's topic and service names. */
  public SimulatedRobotTopics topics() {
    return topics;
  }

  @Override
  public String getDefaultNodeName() {
    return topics.node().substring(1);
  }

  /** Control steps taken since the node started. */
  public long steps() {
    return steps;
  }

  /** Episodes started since the node started. */
  public long episodes() {
    return episodes;
  }

  /** Control ticks skipped because the machine fell behind real time. */
  public long lateTicks() {
    return lateTicks;
  }

  /**
   * Waits until the node publishes, at most {@code timeoutMillis}.
   *
   * @return true when it does
   */
  public boolean awaitStarted(long timeoutMillis) throws InterruptedException {
    return started.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** The current observation, or null before the node started. */
  public Vec observation() {
    synchronized (lock) {
      return env.observation();
    }
  }

  @Override
  public void onStart(ConnectedNode connectedNode) {
    node = connectedNode;
    jointStates = node.newPublisher(topics.jointStates(), JointState.TYPE);
    observation = node.newPublisher(topics.observation(), Float64MultiArray.TYPE);
    odometry = new ArrayList<>();
    for (String t : topics.odometry()) {
      odometry.add(node.newPublisher(t, Odometry.TYPE));
    }
    node.newSubscriber(topics.command(), Float64MultiArray.TYPE)
        .addMessageListener(m -> onCommand(m.getData()));
    node.newServiceServer(topics.reset(), EmptyService.TYPE, (req, res) -> reset());
    reset();
    running = true;
    loop = new Thread(this::run, "delos-sim-" + topics.robot());
    loop.setDaemon(true);
    loop.start();
    started.countDown();
  }

  @Override
  public void onShutdown(ConnectedNode connectedNode) {
    running = false;
    Thread t = loop;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (lock) {
      env.close();
    }
  }

  private void onCommand(double[] data) {
    if (data.length != command.length) {
      warnCommand(
          "command of "
              + data.length
              + " values on "
              + topics.command()
              + " ignored: expected "
              + command.length
              + " "
              + topics.actionChannels());
      return;
    }
    for (double v : data) {
      if (!Double.isFinite(v)) {
        warnCommand(
            "command " + java.util.Arrays.toString(data) + " ignored: values must be finite");
        return;
      }
    }
    command = data;
  }

  private void warnCommand(String message) {
    if (!warnedCommand) {
      warnedCommand = true;
      LOG.warn("{} (warned once)", message);
    }
  }

  private void reset() {
    synchronized (lock) {
      env.reset(seed + episodes);
      episodes++;
      command = new double[command.length];
      publish();
    }
  }

  private void run() {
    long period = (long) (env.controlPeriod() * 1e9);
    long next = System.nanoTime() + period;
    while (running) {
      long wait;
      while (running && (wait = next - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!running) {
        return;
      }
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.error("simulated robot {} failed a control step; it keeps running", topics.robot(), e);
      }
      next += period;
      long behind = System.nanoTime() - next;
      if (behind > period) {
        long skip = behind / period;
        lateTicks += skip;
        next += skip * period;
      }
    }
  }

  private void tick() {
    synchronized (lock) {
      if (env.isDone()) {
        env.reset(seed + episodes);
        episodes++;
      } else {
        env.step(command);
        steps++;
      }
      publish();
    }
  }

  /** Publishes the current state; called under the lock. */
  private void publish() {
    RobotWorld w = env.world();
    RosTime now = node.getCurrentTime();
    List<JointSpec> joints = morphology.joints();
    int n = joints.size();
    double[] q = new double[n];
    double[] qd = new double[n];
    double[] effort = new double[n];
    for (int k = 0; k < n; k++) {
      q[k] = w.jointPosition(k);
      qd[k] = w.jointVelocity(k);
    }
    double[] efforts = w.lastEfforts();
    for (int a = 0; a < motorJoint.length; a++) {
      if (motorJoint[a] >= 0) {
        effort[motorJoint[a]] += efforts[a];
      }
    }
    JointState js = jointStates.newMessage();
    js.getHeader().setSeq(seq++ & 0xFFFF_FFFFL).setStamp(now);
    js.setName(topics.jointNames()).setPosition(q).setVelocity(qd).setEffort(effort);
    jointStates.publish(js);

    Float64MultiArray obs = observation.newMessage();
    double[] o = env.observation().toArray();
    obs.setData(o).setSingleDimension(String.join(",", topics.observationChannels()), o.length);
    observation.publish(obs);

    for (int r = 0; r < rootBodies.length; r++) {
      odometry.get(r).publish(odometry(rootBodies[r], w, now));
    }
  }

  private Odometry odometry(int body, RobotWorld w, RosTime now) {
    Odometry od = odometry.get(0).newMessage();
    od.getHeader().setStamp(now).setFrameId(topics.robot() + "/odom");
    od.setChildFrameId(topics.robot() + "/" + morphology.bodies().get(body).name());
    Pose p = w.bodyPose(body);
    od.getPose().getPosition().setX(p.x()).setY(p.y());
    od.getPose().getOrientation().setYaw(p.angle());
    // Velocity of the body origin: v_o = v_com + ω × (o − com), then into the body frame.
    Point com = w.centerOfMass(body);
    Point vcom = w.linearVelocity(body);
    double omega = w.angularVelocity(body);
    double vx = vcom.x() - omega * (p.y() - com.y());
    double vy = vcom.y() + omega * (p.x() - com.x());
    double c = Math.cos(p.angle());
    double s = Math.sin(p.angle());
    od.getTwist().getLinear().setX(c * vx + s * vy).setY(-s * vx + c * vy);
    od.getTwist().getAngular().setZ(omega);
    return od;
  }
}
