package io.delos.robots.urdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.delos.sim.EndReason;
import io.delos.sim.StepResult;
import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.box2d.StatePlacer;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.JointType;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import io.delos.sim.task.PassiveTask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UrdfImporterTest {
  /** Positions computed from URDF origins, metres. */
  private static final double POSITION_TOLERANCE = 1e-9;

  private static String resource(String name) throws IOException {
    try (InputStream in = UrdfImporterTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Morphology arm() throws IOException {
    return UrdfImporter.read(resource("planar_arm.urdf"), "planar_arm.urdf", WorldSpec.earth());
  }

  @Test
  void aPlanarUrdfBecomesLinksJointsAndMotorsInTheXzPlane() throws IOException {
    Morphology m = arm();
    assertThat(m.bodies())
        .extracting(b -> b.name())
        .containsExactly("cart", "upper_arm", "forearm");
    JointSpec slider = m.joint("slider");
    assertThat(slider.type()).isEqualTo(JointType.PRISMATIC);
    assertThat(slider.parent()).isEqualTo(JointSpec.WORLD);
    assertThat(slider.axisAngle()).isCloseTo(0, within(POSITION_TOLERANCE));
    JointSpec shoulder = m.joint("shoulder");
    // Axis +y turns clockwise seen from the side: limits [-0.5, 1.5] become [-1.5, 0.5].
    assertThat(shoulder.lower()).isEqualTo(-1.5);
    assertThat(shoulder.upper()).isEqualTo(0.5);
    assertThat(shoulder.damping()).isEqualTo(0.05);
    assertThat(shoulder.anchor().y()).isCloseTo(0.05, within(POSITION_TOLERANCE));
    JointSpec elbow = m.joint("elbow");
    assertThat(elbow.limited()).isFalse();
    assertThat(elbow.anchor().y()).isCloseTo(0.55, within(POSITION_TOLERANCE));
    // The elbow's origin pitch of 0.3 rad about +y tilts the forearm clockwise.
    assertThat(m.body("forearm").pose().angle()).isCloseTo(-0.3, within(POSITION_TOLERANCE));
    assertThat(m.body("forearm").shapes()).hasSize(2);
    assertThat(m.body("forearm").shapes().get(1)).isInstanceOf(ShapeSpec.Circle.class);
    assertThat(m.actuators()).hasSize(3);
    ActuatorSpec.JointMotor motor = (ActuatorSpec.JointMotor) m.actuator("shoulder_motor");
    assertThat(motor.gear()).isEqualTo(10);
    assertThat(motor.maxSpeed()).isEqualTo(4);
    StatePlacer.of(m);
  }

  @Test
  void anImportedRobotStepsStablyUnderRandomActions() throws IOException {
    Morphology m = arm();
    MorphologyEnvironment env =
        new MorphologyEnvironment(m, PassiveTask.of(500), SimConfig.DEFAULT);
    env.reset(1);
    SplittableRandom random = new SplittableRandom(2);
    StepResult r;
    do {
      double[] a = new double[m.actuators().size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = 2 * random.nextDouble() - 1;
      }
      r = env.step(a);
      assertThat(r.observation().isFinite()).isTrue();
    } while (!r.done());
    assertThat(r.info().endReason()).isEqualTo(EndReason.TIME_LIMIT);
  }

  @Test
  void aJointTurningOutOfThePlaneIsRefusedNamingJointAndAxis() {
    assertThatThrownBy(
            () ->
                UrdfImporter.read(
                    resource("spatial_arm.urdf"), "spatial_arm.urdf", WorldSpec.earth()))
        .isInstanceOf(UrdfException.class)
        .hasMessageContaining("spatial_arm.urdf")
        .hasMessageContaining("joint 'wrist_roll'")
        .hasMessageContaining("axis (1 0 0)")
        .hasMessageContaining("not normal to the x-z plane");
  }

  @Test
  void floatingJointsSlidersLeavingThePlaneAndMeshesAreRefused() throws IOException {
    String arm = resource("planar_arm.urdf");
    assertThatThrownBy(
            () ->
                UrdfImporter.read(
                    arm.replace("type=\"continuous\"", "type=\"floating\""),
                    "a.urdf",
                    WorldSpec.earth()))
        .hasMessageContaining("joint 'elbow'")
        .hasMessageContaining("'floating'");
    assertThatThrownBy(
            () ->
                UrdfImporter.read(
                    arm.replace("<axis xyz=\"1 0 0\"/>", "<axis xyz=\"0 1 0\"/>"),
                    "b.urdf",
                    WorldSpec.earth()))
        .hasMessageContaining("joint 'slider'")
        .hasMessageContaining("axis (0 1 0)");
    assertThatThrownBy(
            () ->
                UrdfImporter.read(
                    arm.replace("<box size=\"0.4 0.2 0.1\"/>", "<mesh filename=\"cart.stl\"/>"),
                    "c.urdf",
                    WorldSpec.earth()))
        .hasMessageContaining("link 'cart'")
        .hasMessageContaining("mesh");
    assertThatThrownBy(
            () ->
                UrdfImporter.read(
                    arm.replace("rpy=\"0 0.3 0\"", "rpy=\"0.2 0.3 0\""),
                    "d.urdf",
                    WorldSpec.earth()))
        .hasMessageContaining("joint 'elbow'")
        .hasMessageContaining("rpy (0.2 0.3 0)");
  }
}
