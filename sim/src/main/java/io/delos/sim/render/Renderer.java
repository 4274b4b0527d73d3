package io.delos.sim.render;

import io.delos.sim.box2d.Outline;
import io.delos.sim.box2d.RobotWorld;
import io.delos.sim.morphology.GroundSpec;
import io.delos.sim.morphology.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws robots with Java2D into images: the ground, every body shape, ghosts of predicted poses and
 * planned paths. Runs headless.
 */
public final class Renderer {
  private static final Color BACKGROUND = new Color(250, 250, 247);
  private static final Color GROUND = new Color(120, 110, 95);
  private static final Color GRID = new Color(228, 228, 222);
  private static final Color[] PALETTE = {
    new Color(48, 103, 180),
    new Color(214, 95, 48),
    new Color(60, 150, 90),
    new Color(150, 80, 170),
    new Color(200, 160, 40),
    new Color(40, 160, 170),
  };

  /** Renders the world's current state with an overlay. */
  public BufferedImage render(RobotWorld world, Camera camera, Overlay overlay) {
    return render(world.outlines(), world.morphology().world().ground(), camera, overlay);
  }

  /**
   * Renders outlines and ground.
   *
   * @param outlines the robot's shapes in the world frame
   * @param ground the ground, or null
   * @param camera the view
   * @param overlay ghosts, paths and labels
   */
  public BufferedImage render(
      List<Outline> outlines, GroundSpec ground, Camera camera, Overlay overlay) {
    BufferedImage image =
        new BufferedImage(camera.width(), camera.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, camera.width(), camera.height());
      drawGrid(g, camera);
      if (ground != null) {
        drawGround(g, camera, ground);
      }
      List<List<Outline>> ghosts = overlay.ghosts();
      for (int k = ghosts.size() - 1; k >= 0; k--) {
        float alpha = 0.35f * (1 - k / (float) Math.max(1, ghosts.size()));
        drawOutlines(g, camera, ghosts.get(k), Math.max(0.05f, alpha), false);
      }
      for (Overlay.Path path : overlay.paths()) {
        drawPath(g, camera, path);
      }
      drawOutlines(g, camera, outlines, 1f, true);
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      int y = 18;
      for (String label : overlay.labels()) {
        g.drawString(label, 8, y);
        y += 16;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawGrid(Graphics2D g, Camera c) {
    g.setColor(GRID);
    g.setStroke(new BasicStroke(1f));
    double halfW = c.width() / (2 * c.pixelsPerMeter());
    double halfH = c.height() / (2 * c.pixelsPerMeter());
    double step = c.pixelsPerMeter() > 60 ? 0.5 : (c.pixelsPerMeter() > 15 ? 1 : 5);
    for (double x = Math.floor((c.centerX() - halfW) / step) * step;
        x <= c.centerX() + halfW;
        x += step) {
      double px = c.toPixelX(x);
      g.draw(new Line2D.Double(px, 0, px, c.height()));
    }
    for (double y = Math.floor((c.centerY() - halfH) / step) * step;
        y <= c.centerY() + halfH;
        y += step) {
      double py = c.toPixelY(y);
      g.draw(new Line2D.Double(0, py, c.width(), py));
    }
  }

  private static void drawGround(Graphics2D g, Camera c, GroundSpec ground) {
    Path2D.Double p = new Path2D.Double();
    List<Point> profile = ground.profile();
    p.moveTo(c.toPixelX(profile.get(0).x()), c.height());
    for (Point q : profile) {
      p.lineTo(c.toPixelX(q.x()), c.toPixelY(q.y()));
    }
    p.lineTo(c.toPixelX(profile.get(profile.size() - 1).x()), c.height());
    p.closePath();
    g.setColor(new Color(GROUND.getRed(), GROUND.getGreen(), GROUND.getBlue(), 70));
    g.fill(p);
    g.setColor(GROUND);
    g.setStroke(new BasicStroke(2f));
    Path2D.Double line = new Path2D.Double();
    line.moveTo(c.toPixelX(profile.get(0).x()), c.toPixelY(profile.get(0).y()));
    for (Point q : profile) {
      line.lineTo(c.toPixelX(q.x()), c.toPixelY(q.y()));
    }
    g.draw(line);
  }

  private static void drawOutlines(
      Graphics2D g, Camera c, List<Outline> outlines, float alpha, boolean solid) {
    for (Outline o : outlines) {
      Color base = PALETTE[o.body() % PALETTE.length];
      Color fill =
          new Color(base.getRed(), base.getGreen(), base.getBlue(), Math.round(alpha * 170));
      Color edge =
          new Color(
              base.getRed() / 2, base.getGreen() / 2, base.getBlue() / 2, Math.round(alpha * 255));
      g.setStroke(new BasicStroke(solid ? 1.5f : 1f));
      if (o.radius() > 0) {
        double r = o.radius() * c.pixelsPerMeter();
        double cx = c.toPixelX(o.center().x());
        double cy = c.toPixelY(o.center().y());
        Ellipse2D.Double e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        g.setColor(fill);
        g.fill(e);
        g.setColor(edge);
        g.draw(e);
        g.draw(
            new Line2D.Double(cx, cy, cx + r * Math.cos(o.angle()), cy - r * Math.sin(o.angle())));
      } else {
        Path2D.Double p = new Path2D.Double();
        List<Point> vs = o.vertices();
        p.moveTo(c.toPixelX(vs.get(0).x()), c.toPixelY(vs.get(0).y()));
        for (int i = 1; i < vs.size(); i++) {
          p.lineTo(c.toPixelX(vs.get(i).x()), c.toPixelY(vs.get(i).y()));
        }
        p.closePath();
        g.setColor(fill);
        g.fill(p);
        g.setColor(edge);
        g.draw(p);
      }
    }
  }

  private static void drawPath(Graphics2D g, Camera c, Overlay.Path path) {
    if (path.points().size() < 2) {
      return;
    }
    g.setColor(path.color());
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D.Double p = new Path2D.Double();
    Point first = path.points().get(0);
    p.moveTo(c.toPixelX(first.x()), c.toPixelY(first.y()));
    for (Point q : path.points()) {
      p.lineTo(c.toPixelX(q.x()), c.toPixelY(q.y()));
    }
    g.draw(p);
  }
}
