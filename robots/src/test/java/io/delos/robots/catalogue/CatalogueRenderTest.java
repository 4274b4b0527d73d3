package io.delos.robots.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.delos.sim.box2d.MorphologyEnvironment;
import io.delos.sim.render.Camera;
import io.delos.sim.render.ImageFiles;
import io.delos.sim.render.Overlay;
import io.delos.sim.render.Renderer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogueRenderTest {
  static java.util.List<String> families() {
    return Catalogue.families();
  }

  @ParameterizedTest
  @MethodSource("families")
  void everyCatalogueRobotRendersToAPngShowingItsBodies(String family, @TempDir Path dir)
      throws Exception {
    RobotSystem system = Catalogue.system(family);
    MorphologyEnvironment env = system.environment(system.defaultTask());
    env.reset(1);
    for (int k = 0; k < 10; k++) {
      env.step(new double[system.actionSize()]);
    }
    BufferedImage frame =
        new Renderer()
            .render(env.world(), Camera.fit(env.world().outlines(), 320, 240, 0.5), Overlay.NONE);
    Path png = dir.resolve(family + ".png");
    ImageFiles.writePng(frame, png);
    BufferedImage back = ImageIO.read(png.toFile());
    int coloured = 0;
    for (int y = 0; y < back.getHeight(); y++) {
      for (int x = 0; x < back.getWidth(); x++) {
        int rgb = back.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) {
          coloured++; // body fills are saturated; background, grid and ground are grey
        }
      }
    }
    assertThat(coloured).as("pixels of %s's bodies", family).isGreaterThan(30);
  }
}
