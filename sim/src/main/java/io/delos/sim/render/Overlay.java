package io.delos.sim.render;

import io.delos.sim.box2d.Outline;
import io.delos.sim.morphology.Point;
import java.awt.Color;
import java.util.List;

/**
 * Things drawn over a frame: ghosts of predicted or planned robot poses, paths and text.
 *
 * @param ghosts robot outlines at future states, nearest first; drawn fading with distance
 * @param paths world-frame polylines, for example a body's planned path
 * @param labels lines of text drawn at the top left
 */
public record Overlay(List<List<Outline>> ghosts, List<Path> paths, List<String> labels) {
  /** Nothing drawn over the frame. */
  public static final Overlay NONE = new Overlay(List.of(), List.of(), List.of());

  /** Copies the lists. */
  public Overlay {
    ghosts = ghosts.stream().map(List::copyOf).toList();
    paths = List.copyOf(paths);
    labels = List.copyOf(labels);
  }

  /**
   * A polyline in the world frame.
   *
   * @param points vertices, metres
   * @param color line colour
   */
  public record Path(List<Point> points, Color color) {
    /** Copies the points. */
    public Path {
      points = List.copyOf(points);
    }
  }
}
