package io.delos.sim.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A line chart drawn with Java2D, for reports: several named series over a shared x axis, with axis
 * ticks, labels and a legend. Runs headless.
 */
public final class LineChart {
  private static final Color[] COLORS = {
    new Color(48, 103, 180),
    new Color(214, 95, 48),
    new Color(60, 150, 90),
    new Color(150, 80, 170),
    new Color(200, 160, 40),
    new Color(40, 160, 170),
    new Color(120, 120, 120),
  };

  /**
   * One series.
   *
   * @param name legend label
   * @param x x values
   * @param y y values, same length as x
   * @param dashed draw dashed (for example predictions against a solid truth)
   */
  public record Series(String name, double[] x, double[] y, boolean dashed) {
    /** Validates the series. */
    public Series {
      Objects.requireNonNull(name, "name");
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "series '" + name + "' has " + x.length + " x values and " + y.length + " y values");
      }
      x = x.clone();
      y = y.clone();
    }
  }

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private boolean logY;

  /** A chart with a title and axis labels. */
  public LineChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a solid series. */
  public LineChart add(String name, double[] x, double[] y) {
    series.add(new Series(name, x, y, false));
    return this;
  }

  /** Adds a series. */
  public LineChart add(Series s) {
    series.add(s);
    return this;
  }

  /** Uses a base-10 logarithmic y axis (non-positive values are skipped). */
  public LineChart logY() {
    this.logY = true;
    return this;
  }

  private double ty(double y) {
    return logY ? Math.log10(y) : y;
  }

  /** Draws the chart. */
  public BufferedImage render(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      double minX = Double.POSITIVE_INFINITY;
      double maxX = Double.NEGATIVE_INFINITY;
      double minY = Double.POSITIVE_INFINITY;
      double maxY = Double.NEGATIVE_INFINITY;
      for (Series s : series) {
        for (int i = 0; i < s.x().length; i++) {
          double y = s.y()[i];
          if (!Double.isFinite(s.x()[i]) || !Double.isFinite(y) || (logY && y <= 0)) {
            continue;
          }
          minX = Math.min(minX, s.x()[i]);
          maxX = Math.max(maxX, s.x()[i]);
          minY = Math.min(minY, ty(y));
          maxY = Math.max(maxY, ty(y));
        }
      }
      if (!Double.isFinite(minX)) {
        minX = 0;
        maxX = 1;
        minY = 0;
        maxY = 1;
      }
      if (maxX == minX) {
        maxX = minX + 1;
      }
      if (maxY == minY) {
        maxY = minY + 1;
      }
      double padY = 0.05 * (maxY - minY);
      minY -= padY;
      maxY += padY;
      int left = 70;
      int right = 20;
      int top = 36;
      int bottom = 48;
      int plotW = width - left - right;
      int plotH = height - top - bottom;
      Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
      g.setFont(font);
      FontMetrics fm = g.getFontMetrics();
      g.setColor(Color.DARK_GRAY);
      g.setFont(font.deriveFont(Font.BOLD, 14f));
      g.drawString(title, left, 22);
      g.setFont(font);

      // Axes and ticks.
      g.setStroke(new BasicStroke(1f));
      for (int k = 0; k <= 5; k++) {
        double vy = minY + (maxY - minY) * k / 5;
        int py = top + plotH - (int) Math.round(plotH * k / 5.0);
        g.setColor(new Color(232, 232, 232));
        g.draw(new Line2D.Double(left, py, left + plotW, py));
        g.setColor(Color.DARK_GRAY);
        String label = format(logY ? Math.pow(10, vy) : vy);
        g.drawString(label, left - 6 - fm.stringWidth(label), py + 4);
        double vx = minX + (maxX - minX) * k / 5;
        int px = left + (int) Math.round(plotW * k / 5.0);
        String xl = format(vx);
        g.drawString(xl, px - fm.stringWidth(xl) / 2, top + plotH + 16);
      }
      g.setColor(Color.GRAY);
      g.drawRect(left, top, plotW, plotH);
      g.setColor(Color.DARK_GRAY);
      g.drawString(xLabel, left + plotW / 2 - fm.stringWidth(xLabel) / 2, height - 10);
      g.rotate(-Math.PI / 2);
      g.drawString(yLabel, -(top + plotH / 2 + fm.stringWidth(yLabel) / 2), 14);
      g.rotate(Math.PI / 2);

      // Series.
      int legendY = top + 14;
      for (int k = 0; k < series.size(); k++) {
        Series s = series.get(k);
        Color c = COLORS[k % COLORS.length];
        g.setColor(c);
        g.setStroke(
            s.dashed()
                ? new BasicStroke(
                    2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {6, 4}, 0)
                : new BasicStroke(2f));
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < s.x().length; i++) {
          double y = s.y()[i];
          if (!Double.isFinite(s.x()[i]) || !Double.isFinite(y) || (logY && y <= 0)) {
            started = false;
            continue;
          }
          double px = left + plotW * (s.x()[i] - minX) / (maxX - minX);
          double py = top + plotH - plotH * (ty(y) - minY) / (maxY - minY);
          if (started) {
            path.lineTo(px, py);
          } else {
            path.moveTo(px, py);
            started = true;
          }
        }
        g.draw(path);
        g.setStroke(new BasicStroke(2f));
        int lx = left + plotW - 150;
        g.draw(new Line2D.Double(lx, legendY - 4, lx + 20, legendY - 4));
        g.setColor(Color.DARK_GRAY);
        g.drawString(s.name(), lx + 26, legendY);
        legendY += 16;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static String format(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-2 || a >= 1e4)) {
      return String.format(Locale.ROOT, "%.1e", v);
    }
    return String.format(Locale.ROOT, a < 10 ? "%.2f" : "%.0f", v);
  }
}
