package io.delos.robots.generator;

import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.MotorMode;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Carts on a horizontal rail carrying a chain of 1 to n poles, upright at zero angles; a force on
 * the cart is the only action. The catalogue's single cart-pole is a resource file written by hand
 * (Gymnasium CartPole-v1); this class makes its generated relatives.
 */
final class CartPoleFamily implements Family {
  @Override
  public String name() {
    return "cartpole";
  }

  @Override
  public List<Integer> topologies(Ranges ranges) {
    return ranges.integers("poles");
  }

  @Override
  public String tag(int topology) {
    return topology + "pole";
  }

  @Override
  public Morphology generate(String name, int poles, Ranges r, SplittableRandom random) {
    MorphologyBuilder b =
        new MorphologyBuilder(name, new WorldSpec(new Point(0, -r.draw("gravity", random)), null));
    b.body(
        BodySpec.of(
            "cart",
            Pose.ORIGIN,
            r.draw("cartMass", random),
            new ShapeSpec.Box(0.25, 0.125, Point.ORIGIN, 0)));
    b.joint(JointSpec.prismatic("slider", JointSpec.WORLD, "cart", Point.ORIGIN, 0));
    double y = 0;
    String parent = "cart";
    for (int i = 1; i <= poles; i++) {
      double half = r.draw("poleHalfLength", random);
      String body = "pole" + i;
      b.body(
          BodySpec.of(
              body,
              new Pose(0, y, 0),
              r.draw("poleMass", random),
              new ShapeSpec.Box(0.01, half, new Point(0, half), 0)));
      b.joint(JointSpec.revolute("hinge" + i, parent, body, new Point(0, y)));
      parent = body;
      y += 2 * half;
    }
    double force = r.draw("maxForce", random);
    b.actuator(
        new ActuatorSpec.JointMotor(
            "force",
            "slider",
            MotorMode.TORQUE,
            -1,
            1,
            force,
            force,
            Double.POSITIVE_INFINITY,
            0,
            0));
    return b.build();
  }
}
