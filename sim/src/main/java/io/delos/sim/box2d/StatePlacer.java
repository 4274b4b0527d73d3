package io.delos.sim.box2d;

import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;

/**
 * Reads a robot's configuration back out of an observation, for morphologies whose observation
 * holds the full state: every joint's position and speed, and every root body's pose and world
 * velocity.
 *
 * <p>Sin/cos-encoded joint angles come back through {@code atan2}, so within (−π, π]; the robot is
 * the same physically, but a joint limit past ±π would be seen differently.
 */
public final class StatePlacer {
  private final Morphology morphology;
  private final int[] jointPositionChannel;
  private final boolean[] jointSinCos;
  private final int[] jointVelocityChannel;
  private final int[] rootPoseChannel;
  private final boolean[] rootSinCos;
  private final int[] rootVelocityChannel;

  private StatePlacer(Morphology m) {
    this.morphology = m;
    int nj = m.joints().size();
    int nb = m.bodies().size();
    jointPositionChannel = filled(nj);
    jointSinCos = new boolean[nj];
    jointVelocityChannel = filled(nj);
    rootPoseChannel = filled(nb);
    rootSinCos = new boolean[nb];
    rootVelocityChannel = filled(nb);
    int c = 0;
    for (SensorSpec s : m.sensors()) {
      int width = s.channels(m).size();
      if (s instanceof SensorSpec.JointPosition jp) {
        int k = jointIndex(m, jp.joint());
        jointPositionChannel[k] = c;
        jointSinCos[k] = jp.encoding() == AngleEncoding.SIN_COS;
      } else if (s instanceof SensorSpec.JointVelocity jv) {
        jointVelocityChannel[jointIndex(m, jv.joint())] = c;
      } else if (s instanceof SensorSpec.BodyPose bp && bp.includePosition()) {
        int i = m.bodyIndex(bp.body());
        rootPoseChannel[i] = c;
        rootSinCos[i] = bp.encoding() == AngleEncoding.SIN_COS;
      } else if (s instanceof SensorSpec.BodyVelocity bv && !bv.bodyFrame()) {
        rootVelocityChannel[m.bodyIndex(bv.body())] = c;
      }
      c += width;
    }
  }

  private static int[] filled(int n) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, -1);
    return a;
  }

  private static int jointIndex(Morphology m, String name) {
    for (int k = 0; k < m.joints().size(); k++) {
      if (m.joints().get(k).name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no joint '" + name + "'");
  }

  /**
   * Builds a placer, or explains why the observation does not hold the full state.
   *
   * @throws IllegalArgumentException naming the joint or body whose state is not observed
   */
  public static StatePlacer of(Morphology m) {
    StatePlacer p = new StatePlacer(m);
    for (int k = 0; k < m.joints().size(); k++) {
      JointSpec j = m.joints().get(k);
      if (p.jointPositionChannel[k] < 0 || p.jointVelocityChannel[k] < 0) {
        throw new IllegalArgumentException(
            "robot '"
                + m.name()
                + "' does not observe both position and speed of joint '"
                + j.name()
                + "': its state cannot be rebuilt from an observation");
      }
    }
    for (int i = 0; i < m.bodies().size(); i++) {
      String body = m.bodies().get(i).name();
      if (m.parentJoint(body) == null
          && (p.rootPoseChannel[i] < 0 || p.rootVelocityChannel[i] < 0)) {
        throw new IllegalArgumentException(
            "robot '"
                + m.name()
                + "' does not observe the pose and world velocity of root body '"
                + body
                + "': its state cannot be rebuilt from an observation");
      }
    }
    return p;
  }

  /** Places {@code world}'s robot in the state {@code observation} describes. */
  public void place(RobotWorld world, double[] observation) {
    Morphology m = morphology;
    int nj = m.joints().size();
    double[] q = new double[nj];
    double[] qd = new double[nj];
    for (int k = 0; k < nj; k++) {
      int c = jointPositionChannel[k];
      q[k] = jointSinCos[k] ? Math.atan2(observation[c], observation[c + 1]) : observation[c];
      qd[k] = observation[jointVelocityChannel[k]];
    }
    int nb = m.bodies().size();
    Pose[] roots = new Pose[nb];
    double[][] rootVel = new double[nb][];
    for (int i = 0; i < nb; i++) {
      int c = rootPoseChannel[i];
      if (c < 0 || m.parentJoint(m.bodies().get(i).name()) != null) {
        continue;
      }
      double angle =
          rootSinCos[i] ? Math.atan2(observation[c + 2], observation[c + 3]) : observation[c + 2];
      roots[i] = new Pose(observation[c], observation[c + 1], angle);
      int v = rootVelocityChannel[i];
      rootVel[i] = new double[] {observation[v], observation[v + 1], observation[v + 2]};
    }
    world.place(roots, rootVel, q, qd);
  }
}
