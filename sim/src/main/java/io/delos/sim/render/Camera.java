package io.delos.sim.render;

import io.delos.sim.box2d.Outline;
import io.delos.sim.morphology.Point;
import java.util.List;

/**
 * What part of the world a frame shows.
 *
 * @param centerX world x at the image centre, metres
 * @param centerY world y at the image centre, metres
 * @param pixelsPerMeter scale, > 0
 * @param width image width, pixels, in [16, 4096]
 * @param height image height, pixels, in [16, 4096]
 */
public record Camera(double centerX, double centerY, double pixelsPerMeter, int width, int height) {
  /** Validates the camera. */
  public Camera {
    if (!Double.isFinite(centerX) || !Double.isFinite(centerY)) {
      throw new IllegalArgumentException(
          "camera centre (" + centerX + ", " + centerY + "): must be finite");
    }
    if (!(pixelsPerMeter > 0) || !Double.isFinite(pixelsPerMeter)) {
      throw new IllegalArgumentException(
          "pixelsPerMeter = " + pixelsPerMeter + ": must be a finite number > 0");
    }
    if (width < 16 || width > 4096 || height < 16 || height > 4096) {
      throw new IllegalArgumentException(
          "image " + width + "x" + height + " pixels: each side must be in [16, 4096]");
    }
  }

  /** A camera that frames every outline with a margin of {@code margin} metres. */
  public static Camera fit(List<Outline> outlines, int width, int height, double margin) {
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (Outline o : outlines) {
      if (o.radius() > 0) {
        minX = Math.min(minX, o.center().x() - o.radius());
        maxX = Math.max(maxX, o.center().x() + o.radius());
        minY = Math.min(minY, o.center().y() - o.radius());
        maxY = Math.max(maxY, o.center().y() + o.radius());
      }
      for (Point p : o.vertices()) {
        minX = Math.min(minX, p.x());
        maxX = Math.max(maxX, p.x());
        minY = Math.min(minY, p.y());
        maxY = Math.max(maxY, p.y());
      }
    }
    if (!Double.isFinite(minX)) {
      return new Camera(0, 0, 100, width, height);
    }
    double spanX = maxX - minX + 2 * margin;
    double spanY = maxY - minY + 2 * margin;
    double scale = Math.min(width / spanX, height / spanY);
    return new Camera((minX + maxX) / 2, (minY + maxY) / 2, scale, width, height);
  }

  /** This camera moved to another centre. */
  public Camera centeredOn(double x, double y) {
    return new Camera(x, y, pixelsPerMeter, width, height);
  }

  /** Image x of world x. */
  public double toPixelX(double x) {
    return width / 2.0 + (x - centerX) * pixelsPerMeter;
  }

  /** Image y of world y (image y grows downwards). */
  public double toPixelY(double y) {
    return height / 2.0 - (y - centerY) * pixelsPerMeter;
  }
}
