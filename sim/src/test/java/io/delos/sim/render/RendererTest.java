package io.delos.sim.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.box2d.SimConfig;
import io.delos.sim.morphology.ActuatorSpec;
import io.delos.sim.morphology.AngleEncoding;
import io.delos.sim.morphology.BodySpec;
import io.delos.sim.morphology.GroundSpec;
import io.delos.sim.morphology.JointSpec;
import io.delos.sim.morphology.Morphology;
import io.delos.sim.morphology.Point;
import io.delos.sim.morphology.Pose;
import io.delos.sim.morphology.SensorSpec;
import io.delos.sim.morphology.ShapeSpec;
import io.delos.sim.morphology.WorldSpec;
import io.delos.sim.task.PassiveTask;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RendererTest {
  private static Morphology cartPole() {
    return new Morphology(
        "cartpole",
        WorldSpec.earth().withGround(GroundSpec.flat(-0.3, 5, 0.5)),
        List.of(
            BodySpec.of("cart", Pose.ORIGIN, 1, new ShapeSpec.Box(0.25, 0.125, Point.ORIGIN, 0)),
            BodySpec.of(
                "pole", Pose.ORIGIN, 0.1, new ShapeSpec.Box(0.02, 0.5, new Point(0, 0.5), 0))),
        List.of(
            JointSpec.prismatic("slider", JointSpec.WORLD, "cart", Point.ORIGIN, 0),
            JointSpec.revolute("hinge", "cart", "pole", Point.ORIGIN)),
        List.of(ActuatorSpec.JointMotor.torque("force", "slider", 10)),
        List.of(
            new SensorSpec.JointPosition("x", "slider", AngleEncoding.RAW),
            new SensorSpec.JointPosition("theta", "hinge", AngleEncoding.SIN_COS),
            new SensorSpec.JointVelocity("xd", "slider"),
            new SensorSpec.JointVelocity("thd", "hinge")));
  }

  private static int robotPixels(BufferedImage img) {
    int count = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        Color c = new Color(img.getRGB(x, y));
        // The first body's colour is blue-dominant; the background is near white.
        if (c.getBlue() > c.getRed() + 40) {
          count++;
        }
      }
    }
    return count;
  }

  @Test
  void framesShowTheRobotAndFollowItsMotion(@TempDir Path dir) throws Exception {
    MorphologyEnvironment env =
        new MorphologyEnvironment(
            cartPole(), new PassiveTask(100, Map.of("hinge", 0.3)), SimConfig.DEFAULT);
    env.reset(0);
    Camera camera = Camera.fit(env.world().outlines(), 320, 240, 1.0);
    Renderer renderer = new Renderer();
    Ghosts ghosts = new Ghosts(env.morphology());
    List<BufferedImage> frames = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      double[] future = env.observation().toArray();
      future[0] += 0.3;
      Overlay overlay =
          new Overlay(
              ghosts.of(List.of(future)),
              List.of(new Overlay.Path(List.of(new Point(-1, 1), new Point(1, 1)), Color.RED)),
              List.of("t = " + k));
      frames.add(renderer.render(env.world(), camera, overlay));
      env.step(new double[] {1});
    }
    assertThat(robotPixels(frames.get(0))).isGreaterThan(200);
    assertThat(frames.get(0).getRGB(160, 5)).isNotEqualTo(frames.get(11).getRGB(160, 5) + 1);
    // The cart moved right: its pixels' centre moved right.
    assertThat(centreX(frames.get(11))).isGreaterThan(centreX(frames.get(0)));

    Path png = dir.resolve("frame.png");
    ImageFiles.writePng(frames.get(0), png);
    BufferedImage back = ImageIO.read(png.toFile());
    assertThat(back.getWidth()).isEqualTo(320);
    assertThat(robotPixels(back)).isEqualTo(robotPixels(frames.get(0)));

    Path gif = dir.resolve("run.gif");
    ImageFiles.writeGif(frames, gif, 40);
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(12);
      reader.dispose();
    }
    assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
  }

  private static double centreX(BufferedImage img) {
    double sum = 0;
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        Color c = new Color(img.getRGB(x, y));
        if (c.getBlue() > c.getRed() + 40) {
          sum += x;
          n++;
        }
      }
    }
    return sum / n;
  }
}
